import { AppConnection } from "./bridge/app-connection";
import { watchKernelLoss } from "./bridge/kernel-loss";
import { KernelTransport } from "./bridge/kernel-transport";
import { jupyterServerBase, serverFirstTransport, serverPart } from "./bridge/server-transport";
import { ChunkSender, listen } from "./bridge/chunks";
import { StateStore } from "./bridge/state-store";
import { referencedModel, type WidgetModel } from "./bridge/widget-model";
import { AppHost, type SandboxMode } from "./host/app-host";
import type { CssMode } from "./host/app-root";
import type { StylesheetChange } from "./host/restyle";
import { currentTheme, watchTheme } from "./host/theme";
import { embeddedFiles, embeddedTransport } from "./loader/embedded";
import { crawlEntry, readEntry } from "./loader/entry-graph";
import { appImportMap, ModuleLoader, type ImportMap } from "./loader/modules";
import { loadPart, setPartLoader, type PartName } from "./loader/parts";
import { whenIdle } from "./loader/idle";
import type { LogEntry } from "./contract/app-log";
import { COMMAND_KIND, EVENTS_KIND, RUNTIME_PATH, VIRTUAL_ORIGIN, type Command } from "./contract/protocol";
import {
  autoTransport,
  browserTransport,
  cachedTransport,
  isVirtualUrl,
  servedFolder,
  type Transport,
} from "./loader/transport";

type LogsPart = typeof import("./bridge/app-logs");
type LogBatcher = InstanceType<LogsPart["LogBatcher"]>;

const WIDGET_STYLE = ".microfrontends-widget{display:block;width:100%;overflow:auto}";

interface WidgetMessage {
  kind?: string;
  command?: Command;
  /** The stylesheets of a `restyle`. */
  sheets?: StylesheetChange[];
  events?: [string, unknown][];
}

/** Names this build of the on-demand parts (js/build.mjs). */
declare const PARTS_BUILD: string;

/**
 * Parts of the runtime only some apps need (static/*.js): from the Jupyter server when it has
 * this build of them, which answers while the kernel is busy; else from the kernel.
 */
async function runtimePart(kernel: Transport, name: PartName): Promise<unknown> {
  const file = `${name}.js`;
  const bytes =
    (await serverPart(jupyterServerBase(), file, PARTS_BUILD)) ??
    (await kernel.fetch(`${VIRTUAL_ORIGIN}/${RUNTIME_PATH}${file}`)).bytes;
  const blob = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "text/javascript" }));
  try {
    return await import(blob);
  } finally {
    URL.revokeObjectURL(blob);
  }
}

/**
 * Whether a kernel answers this view's model. ipywidgets marks the view of a model with no live
 * comm (restored from a saved notebook, or in an exported page) with this class.
 */
function kernelConnected(el: HTMLElement): boolean {
  return !el.classList.contains("jupyter-widgets-disconnected");
}

function transportFor(mode: unknown, kernel: Transport): Transport {
  if (mode === "kernel") return cachedTransport(kernel, "kernel");
  if (mode === "browser") return cachedTransport(browserTransport, "browser");
  return cachedTransport(autoTransport(kernel), "auto");
}

/** Names kernel-served URLs by their local path, which is what the user gave. */
function localPathNamer(entryUrl: string, localRoot: string): (url: string) => string {
  if (!localRoot || !isVirtualUrl(entryUrl)) return (url) => url;
  const servedRoot = servedFolder(entryUrl);
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

/** The views showing each widget right now, by its `_instance` id. */
const viewsByInstance = new Map<string, Set<object>>();

/**
 * The views of a widget that are showing right now: anywidget hands each view its own model
 * wrapper, so the widget is told by its `_instance` id.
 */
function liveViews(model: WidgetModel): Set<object> {
  const id = String(model.get("_instance"));
  let views = viewsByInstance.get(id);
  if (!views) viewsByInstance.set(id, (views = new Set()));
  return views;
}

/** The props trait plus the page's theme, which the app is told about. */
function appProps(model: WidgetModel): Record<string, unknown> {
  return { ...((model.get("props") as Record<string, unknown>) ?? {}), theme: currentTheme() };
}

/** One view of a MicroApp: an independent running instance that follows the model's traits. */
function render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
  const wrapper = document.createElement("div");
  wrapper.className = "microfrontends-widget";
  const style = document.createElement("style");
  style.textContent = WIDGET_STYLE;
  el.append(style, wrapper);

  const kernelMessages = new KernelTransport(
    model,
    () => kernelConnected(el),
    (waiting) => void app.then((host) => host.root.setWaitingForKernel(waiting)),
  );
  const kernel = serverFirstTransport(kernelMessages, jupyterServerBase());
  // With embed=True, the runtime's on-demand parts are embedded too.
  const partSource = embeddedTransport(model.get("_embedded"), kernel);
  const stopPartLoader = setPartLoader((part) => runtimePart(partSource, part));
  let pendingSave = false;
  let removed = false;
  const view = {};
  liveViews(model).add(view);
  const chunks = new ChunkSender(model);
  let logs: Promise<LogBatcher> | undefined;
  /** The app's log, batched for Python by the logs part; in order, as every entry waits for the one batcher. */
  const onLog = (entry: LogEntry) => {
    logs ??= loadPart<LogsPart>("logs").then(
      (part) => new part.LogBatcher((message, size) => chunks.send(message, size)),
    );
    void logs.then((batcher) => batcher.add(entry));
  };
  const create = async (): Promise<AppHost> => {
    const stateModel = await referencedModel(model, "state");
    const store = stateModel && StateStore.of(stateModel);
    const name = String(model.get("name"));
    return new AppHost(wrapper, {
      name,
      entry: (model.get("entry_url") as string) || undefined,
      html: (model.get("html") as string) || undefined,
      props: appProps(model),
      sandbox: model.get("sandbox") as SandboxMode,
      css: model.get("css") as CssMode,
      transport: embeddedTransport(model.get("_embedded"), transportFor(model.get("transport"), kernel)),
      lifecycleTimeout: Number(model.get("lifecycle_timeout")) * 1000,
      keepAlive: !!model.get("keep_alive"),
      syncRoute: !!model.get("sync_route"),
      importMap: (model.get("import_map") as ImportMap) ?? undefined,
      describeUrl: localPathNamer(String(model.get("entry_url")), String(model.get("local_root"))),
      connect: (props, log) =>
        new AppConnection({
          name,
          store,
          props,
          log,
          sendEvents: (events, size) => chunks.send({ kind: EVENTS_KIND, events }, size + 64),
        }),
      onStatus: (status, error) => report({ status, error }),
      onWarnings: (warnings) => report({ warnings }),
      onLog,
    });
  };
  /** Sets traits that tell Python how the app is doing. */
  const report = (traits: Record<string, unknown>) => {
    // A view going away while others still show the app does not speak for the app.
    if (removed && liveViews(model).size > 0) return;
    for (const [trait, value] of Object.entries(traits)) model.set(trait, value);
    // Intermediate statuses within one task reach Python as a single update.
    if (pendingSave) return;
    pendingSave = true;
    queueMicrotask(() => {
      pendingSave = false;
      model.save_changes();
    });
  };
  const start = async (): Promise<AppHost> => {
    const app = await create();
    applyHeight(wrapper, app.root.host, model.get("height"));
    if (!removed) void app.mount();
    return app;
  };
  let app = start();

  const onMessage = (message: unknown) => {
    const { kind, command, events, sheets } = (message ?? {}) as WidgetMessage;
    if (kind === EVENTS_KIND && events) void app.then((host) => host.deliverEvents(events));
    if (kind !== COMMAND_KIND) return;
    void app.then((host) => {
      if (command === "mount") return host.mount();
      if (command === "unmount") return host.unmount();
      if (command === "reload") return host.reload();
      if (command === "restyle") return host.restyle(sheets ?? []);
    });
  };
  const stopWatchingKernel = watchKernelLoss(
    model,
    () => !kernelConnected(el),
    () => {
      kernelMessages.kernelLost("the kernel stopped (restarted or shut down); run the cell again for a working app");
      void app.then((host) => host.root.showKernelLost());
    },
  );
  const onProps = () => void app.then((host) => host.update(appProps(model)));
  const stopWatchingTheme = watchTheme(onProps);
  const onHeight = () => void app.then((host) => applyHeight(wrapper, host.root.host, model.get("height")));
  const onKeepAlive = () => void app.then((host) => (host.keepAlive = !!model.get("keep_alive")));
  // A new entry, state, sandbox or CSS mode is a different app: replace the instance.
  const onDefinition = () => {
    const previous = app;
    app = previous.then((host) => host.destroy()).then(start);
  };
  const definition =
    "change:entry_url change:html change:sandbox change:css change:transport change:name " +
    "change:state change:sync_route change:import_map";
  const stopListening = listen(model, onMessage);
  model.on("change:props", onProps);
  model.on("change:height", onHeight);
  model.on("change:keep_alive", onKeepAlive);
  model.on(definition, onDefinition);

  return () => {
    removed = true;
    liveViews(model).delete(view);
    stopWatchingTheme();
    stopListening();
    stopWatchingKernel();
    model.off("change:props", onProps);
    model.off("change:height", onHeight);
    model.off("change:keep_alive", onKeepAlive);
    model.off(definition, onDefinition);
    stopPartLoader();
    void logs?.then((batcher) => batcher.flush());
    void app.then((host) => host.destroy()).finally(() => kernelMessages.dispose());
  };
}

/**
 * `MicroApp(prefetch=True)`: once the widget's model exists in the page (anywidget's
 * `initialize`, before any view), fetch the app's files into the page cache when the page is
 * idle, through a kernel transport of the model's own. Turning `prefetch` on later starts it
 * then. Failures only warn: the mount fetches again and reports them.
 */
function initialize({ model }: { model: WidgetModel }): () => void {
  let cancel: (() => void) | undefined;
  const start = () => {
    // An embedded app's files are in the page already.
    if (!model.get("prefetch") || cancel || embeddedFiles(model.get("_embedded"))) return;
    cancel = whenIdle(() => {
      const kernelMessages = new KernelTransport(model);
      const kernel = serverFirstTransport(kernelMessages, jupyterServerBase());
      const stopPartLoader = setPartLoader((part) => runtimePart(kernel, part));
      const transport = transportFor(model.get("transport"), kernel);
      const importMap = (model.get("import_map") as ImportMap) ?? undefined;
      const warn = (failure: unknown) =>
        console.warn(`microfrontends: prefetch of ${String(model.get("name"))}:`, failure);
      // The prefetch code is itself an on-demand part: most apps never prefetch.
      void loadPart<typeof import("./loader/prefetch")>("prefetch")
        .then(({ prefetchApp }) =>
          prefetchApp({
            entry: (model.get("entry_url") as string) || undefined,
            html: (model.get("html") as string) || undefined,
            transport,
            sandbox: String(model.get("sandbox")),
            modules: (baseUrl, entryImports) =>
              new ModuleLoader(transport, appImportMap(entryImports, importMap), baseUrl),
            runtime: { readEntry, crawlEntry },
          }),
        )
        .then((failures) => failures.forEach(warn), warn)
        .finally(() => {
          stopPartLoader();
          kernelMessages.dispose();
        });
    });
  };
  start();
  model.on("change:prefetch", start);
  return () => {
    model.off("change:prefetch", start);
    cancel?.();
  };
}

export default { initialize, render };
