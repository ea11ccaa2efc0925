import type { Lifecycles } from "../lifecycle/lifecycles";
import { appImportMap } from "../loader/modules";
import type { Sandbox, SandboxMaker, SandboxSetup } from "../sandbox/contract";
import { refuseDevServers } from "./dev-servers";
import { loadStrictApp, type StrictFrame } from "./strict-frame";

/**
 * `sandbox="strict"`, an on-demand part (static/strict.js): the app runs in an opaque-origin
 * frame (strict-frame.ts) and reaches the host only by messages. The frame runs the app's
 * scripts itself and calls its lifecycles when the host asks, by message. Taking the frame out
 * of the page would discard it, so it is never parked.
 */
export const makeStrictSandbox: SandboxMaker = async (setup) => new StrictSandbox(setup);

class StrictSandbox implements Sandbox {
  readonly parkable = false;
  private frame?: StrictFrame;

  constructor(private readonly setup: SandboxSetup) {}

  get global(): Window {
    return this.frame?.global ?? window;
  }

  async load(): Promise<Lifecycles | undefined> {
    const { name, files, importMap, transport, dom, connection, timeoutMs } = this.setup;
    await refuseDevServers(files);
    this.frame = await loadStrictApp({
      ...files,
      name,
      importMap: appImportMap(files.entry.imports, importMap),
      transport,
      parent: dom.body,
      connection,
      props: this.setup.props(),
      timeoutMs,
      fillHeight: !!dom.host.style.height,
      log: this.setup.log,
    });
    return this.frame.lifecycles();
  }

  mounted(): void {}

  propsChanged(props: Record<string, unknown>): void {
    this.frame?.updateProps(props);
  }

  park(): void {}

  unpark(): void {}

  destroy(): void {
    this.frame?.destroy();
  }
}
