import { KernelTransport } from "./bridge/kernel-transport";
import type { WidgetModel } from "./bridge/widget-model";
import { AppHost, type SandboxMode } from "./host/app-host";
import type { CssMode } from "./host/app-root";
import {
  autoTransport,
  browserTransport,
  cachedTransport,
  isVirtualUrl,
  VIRTUAL_ORIGIN,
  type Transport,
} from "./loader/transport";

const WIDGET_STYLE = ".microfrontends-widget{display:block;width:100%;overflow:auto}";

type Command = "mount" | "unmount" | "reload";

function transportFor(mode: unknown, kernel: Transport): Transport {
  if (mode === "kernel") return cachedTransport(kernel);
  if (mode === "browser") return cachedTransport(browserTransport);
  return cachedTransport(autoTransport(kernel));
}

/** Names kernel-served URLs by their local path, which is what the user gave. */
function localPathNamer(entryUrl: string, localRoot: string): (url: string) => string {
  if (!localRoot || !isVirtualUrl(entryUrl)) return (url) => url;
  const servedRoot = entryUrl.slice(0, entryUrl.indexOf("/", VIRTUAL_ORIGIN.length + 1) + 1);
  return (url) =>
    url.startsWith(servedRoot)
      ? `${localRoot.replace(/[\\/]$/, "")}/${decodeURIComponent(url.slice(servedRoot.length))}`
      : url;
}

function applyHeight(wrapper: HTMLElement, host: HTMLElement, height: unknown): void {
  const value = typeof height === "string" ? height : "";
  wrapper.style.height = value;
  host.style.height = value ? "100%" : "";
}

/** One view of a MicroApp: an independent running instance that follows the model's traits. */
function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  const wrapper = document.createElement("div");
  wrapper.className = "microfrontends-widget";
  const style = document.createElement("style");
  style.textContent = WIDGET_STYLE;
  el.append(style, wrapper);

  const kernel = new KernelTransport(model);
  let pendingSave = false;
  const create = () =>
    new AppHost(wrapper, {
      name: String(model.get("name")),
      entry: (model.get("entry_url") as string) || undefined,
      html: (model.get("html") as string) || undefined,
      props: (model.get("props") as Record<string, unknown>) ?? {},
      sandbox: model.get("sandbox") as SandboxMode,
      css: model.get("css") as CssMode,
      transport: transportFor(model.get("transport"), kernel),
      lifecycleTimeout: Number(model.get("lifecycle_timeout")) * 1000,
      describeUrl: localPathNamer(String(model.get("entry_url")), String(model.get("local_root"))),
      onStatus: (status, error) => {
        model.set("status", status);
        model.set("error", error);
        // Intermediate statuses within one task reach Python as a single update.
        if (pendingSave) return;
        pendingSave = true;
        queueMicrotask(() => {
          pendingSave = false;
          model.save_changes();
        });
      },
    });
  let app = create();
  applyHeight(wrapper, app.root.host, model.get("height"));
  void app.mount();

  const onCommand = (message: unknown) => {
    const { kind, command } = (message ?? {}) as { kind?: string; command?: Command };
    if (kind !== "mf:command") return;
    if (command === "mount") void app.mount();
    else if (command === "unmount") void app.unmount();
    else if (command === "reload") void app.reload();
  };
  const onProps = () => void app.update((model.get("props") as Record<string, unknown>) ?? {});
  const onHeight = () => applyHeight(wrapper, app.root.host, model.get("height"));
  // A new entry, sandbox or CSS mode is a different app: replace the instance.
  const onDefinition = () => {
    void app.destroy();
    app = create();
    onHeight();
    void app.mount();
  };
  const definition = "change:entry_url change:html change:sandbox change:css change:transport change:name";
  model.on("msg:custom", onCommand);
  model.on("change:props", onProps);
  model.on("change:height", onHeight);
  model.on(definition, onDefinition);

  return () => {
    model.off("msg:custom", onCommand);
    model.off("change:props", onProps);
    model.off("change:height", onHeight);
    model.off(definition, onDefinition);
    void app.destroy().finally(() => kernel.dispose());
  };
}

export default { render };
