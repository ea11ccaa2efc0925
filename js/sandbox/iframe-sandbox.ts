import type { Realm } from "../contract/realm";
import { loadPart } from "../loader/parts";
import type { Sandbox, SandboxMaker, SandboxSetup } from "./contract";
import { IframeRealm } from "./iframe-realm";
import { InPageSandbox } from "./in-page-sandbox";
import { hostGlobals } from "./realm";
import { keepSpareFrame } from "./spare-frame";

/**
 * `sandbox="iframe"`, the default: the app's scripts run in a hidden same-origin iframe (its own
 * globals, prototypes and timers) whose document, window, history, URLs, `fetch` and XHR are
 * pointed at the app's DOM and transport. Parking pauses its timers and takes its listeners
 * off the page's document and window.
 */
export const makeIframeSandbox: SandboxMaker = (setup) => makeFrameSandbox(setup);

/** A sandbox on a realm iframe; `wrap` puts another realm in front of the frame (the proxy sandbox's). */
export async function makeFrameSandbox(
  setup: SandboxSetup,
  wrap?: (frame: IframeRealm) => Promise<Realm>,
): Promise<Sandbox> {
  const { name, files, connection } = setup;
  const { baseUrl } = files.entry;
  // Apps without lifecycles reach state, props and events through window.microfrontends.
  const api = connection ? { microfrontends: connection.globalApi() } : {};
  const routes = setup.syncRoute ? loadPart<typeof import("../patches/route-sync")>("routes") : undefined;
  // Load while the realm is made: what the sandbox does to the realm (frame-patches.ts), the app's log.
  const patches = loadPart<typeof import("./frame-patches")>("realm");
  const logs = loadPart<typeof import("../bridge/app-logs")>("logs");
  const frame = await IframeRealm.create({ name, baseUrl, globals: { ...hostGlobals(baseUrl), ...api } });
  let realm: Realm = frame;
  try {
    if (wrap) realm = await wrap(frame);
    const Routes = routes && (await routes).RouteSync;
    const win = frame.global;
    const route = Routes && new Routes(win, name, new URL(".", baseUrl).pathname);
    const { timers, listeners, dispose } = (await patches).patchFrameRealm(frame, setup, route);
    const modules = setup.modules();
    // Before the app's first script: its console, uncaught errors and failed files (a realm of its own).
    const unlog = await logs.then((part) => part.captureLogs(win, setup.log, { root: setup.dom.root }));
    return new InPageSandbox(setup, {
      realm,
      parkable: true,
      modules,
      captureInserts: true,
      // The realm takes the app's URL once the app's scripts are in (see IframeRealm.enter).
      // Modules run in the frame, also behind a fake window: their `import()` needs the loader there.
      beforeScripts: () => (frame.enter(), realm !== frame && modules.install(win)),
      // The next app's realm is made once this one is up, when the page is idle.
      mounted: keepSpareFrame,
      park: () => (timers.pause(), listeners.park()),
      unpark: () => (listeners.unpark(), timers.resume()),
      dispose: [...(route ? [route.start()] : []), ...dispose, unlog],
    });
  } catch (error) {
    frame.destroy();
    throw error;
  }
}
