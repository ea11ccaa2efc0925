import { STYLESHEET_HREF, type AppDom } from "../contract/app-dom";
import type { ModuleExports, Realm } from "../contract/realm";
import { findLifecycles, type Lifecycles } from "../lifecycle/lifecycles";
import { loadableUrl } from "../loader/asset-urls";
import type { AppFiles } from "../loader/entry-graph";
import { deferVirtualUrls, loadDeferredUrls, type EntryDocument, type ScriptSource } from "../loader/html-entry";
import type { ModuleLoader } from "../loader/modules";
import { importIn } from "../patches/scoped-registry";
import { patchInsertion } from "../patches/dom-insertion";
import type { Sandbox, SandboxSetup } from "./contract";

/** What a mode whose app renders into the page (iframe, proxy, snapshot, none) adds to the common load. */
export interface InPageMode {
  realm: Realm;
  parkable: boolean;
  /** Loads module scripts through the app's transport (realm iframes); else the realm loads their URLs. */
  modules?: ModuleLoader;
  /** Scripts and styles the app inserts at run time run in its realm and get its CSS (patches/dom-insertion.ts). */
  captureInserts: boolean;
  /** Right before the first script runs, once the blocking scripts have arrived. */
  beforeScripts?(): void;
  mounted?(): void;
  park?(): void;
  unpark?(): void;
  /** Undoes the mode's patches, on destroy (before the realm goes). */
  dispose: (() => void)[];
}

/**
 * The load every mode that renders the app into the page shares: the entry's styles and markup
 * into the app's DOM, then its scripts in the mode's realm in document order, then the one rule
 * that finds the app's lifecycles (lifecycle/lifecycles.ts). A mode is the realm and the
 * patches it brings (iframe-sandbox.ts, proxy-sandbox.ts, snapshot-sandbox.ts, page-sandbox.ts).
 */
export class InPageSandbox implements Sandbox {
  readonly #dispose: (() => void)[];
  readonly #setup: SandboxSetup;
  readonly #mode: InPageMode;

  constructor(setup: SandboxSetup, mode: InPageMode) {
    this.#setup = setup;
    this.#mode = mode;
    this.#dispose = [...mode.dispose];
    const modules = setup.files.scripts.filter((script) => script.module).map((script) => script.src);
    mode.modules?.prefetch(modules);
  }

  get global(): Window & typeof globalThis {
    return this.#mode.realm.global;
  }

  get parkable(): boolean {
    return this.#mode.parkable;
  }

  async load(): Promise<Lifecycles | undefined> {
    const { dom, files, name } = this.#setup;
    const { realm, modules } = this.#mode;
    const sheets = await Promise.all(files.sheets);
    sheets.forEach((sheet, index) => {
      const style = dom.addStyle(sheet.rules);
      const href = files.entry.styles[index].href;
      // Names the sheet for a restyle (host/restyle.ts), as a stylesheet the app links later is named.
      if (href) style.setAttribute(STYLESHEET_HREF, href);
      dom.hoistFontFaces(sheet.fontFaces);
    });
    this.#render(dom, files.entry);
    if (modules) this.#dispose.push(modules.install(realm.global));
    if (this.#mode.captureInserts) this.#captureInserts(dom);
    if (this.#mode.beforeScripts) {
      await Promise.allSettled(files.sources.filter((_, i) => !files.scripts[i].async));
      this.#mode.beforeScripts();
    }
    const exports = await this.#runScripts(files);
    realm.finishLoading();
    return findLifecycles(realm.global as unknown as Record<string, unknown>, name, realm.addedGlobals(), exports);
  }

  propsChanged(): void {
    // In-page apps hear of new props through their connection and `update` lifecycle.
  }

  mounted(): void {
    this.#mode.mounted?.();
  }

  park(): void {
    this.#mode.park?.();
  }

  unpark(): void {
    this.#mode.unpark?.();
  }

  destroy(): void {
    for (const undo of this.#dispose.splice(0)) undo();
    this.#mode.realm.destroy();
  }

  /** Runs the entry's scripts in execution order; resolves with the exports of its module scripts. */
  async #runScripts({ scripts, sources, entry }: AppFiles): Promise<ModuleExports[]> {
    const { realm } = this.#mode;
    const exports: ModuleExports[] = [];
    const asyncRuns: Promise<void>[] = [];
    for (const [i, script] of scripts.entries()) {
      const source = sources[i];
      if (script.module) {
        exports.push(await realm.runModule(await this.#moduleUrl(script, entry.baseUrl)));
      } else if (script.async && source) {
        asyncRuns.push(source.then((text) => realm.run({ url: script.src, text })));
      } else {
        realm.run({ url: script.src, text: source ? await source : (script.text ?? "") });
      }
    }
    await Promise.all(asyncRuns);
    return exports;
  }

  /**
   * A module script's URL for the realm: a blob URL from the module loader, which fetches,
   * rewrites and links the graph through the app's transport (and the host's import map);
   * without one, the URL itself, or a blob URL of an inline module.
   */
  #moduleUrl(script: ScriptSource, baseUrl: string): Promise<string> {
    const { modules } = this.#mode;
    if (modules) return script.src ? modules.load(script.src) : modules.loadInline(script.text ?? "", baseUrl);
    const url = script.src ?? URL.createObjectURL(new Blob([script.text ?? ""], { type: "text/javascript" }));
    return Promise.resolve(loadableUrl(url, this.#setup.transport));
  }

  #render(dom: AppDom, entry: EntryDocument): void {
    const { transport, onMissing } = this.#setup;
    for (const attribute of entry.bodyAttributes) dom.body.setAttribute(attribute.name, attribute.value);
    // Only a shadow root gives the app an <html> element of its own.
    if (dom.root instanceof ShadowRoot) {
      for (const attribute of entry.htmlAttributes) dom.html.setAttribute(attribute.name, attribute.value);
    }
    const content = importIn(dom.elements, entry.body.content);
    deferVirtualUrls(content, transport);
    loadDeferredUrls(content, transport, onMissing);
    dom.body.append(content);
  }

  #captureInserts(dom: AppDom): void {
    const { transport, files, onMissing, onDynamicStyle } = this.#setup;
    const context = {
      app: dom,
      realm: this.#mode.realm,
      transport,
      baseUrl: files.entry.baseUrl,
      onMissing,
      onDynamicStyle,
    };
    this.#dispose.push(patchInsertion(dom.head, context), patchInsertion(dom.body, context));
  }
}
