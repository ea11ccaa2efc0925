import type { Realm } from "../contract/realm";
import { loadPart } from "../loader/parts";
import { usePageConstructor } from "../patches/page-constructors";
import { patchRealmDocument } from "../patches/document";
import { AppListeners } from "../patches/events";
import { patchRealmFetch } from "../patches/fetch";
import { patchRealmHistory } from "../patches/history";
import { routeRealmReload } from "../patches/reload";
import { routeFragmentLinks } from "../patches/links";
import { patchRealmTimers } from "../patches/timers";
import { patchUrlAttributes } from "../patches/url-attributes";
import { patchRealmWindow } from "../patches/window";
import { patchRealmWorkers } from "../patches/workers";
import { patchRealmXhr } from "../patches/xhr";
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
  const { name, files, connection, transport } = setup;
  const { baseUrl } = files.entry;
  // Apps without lifecycles reach state, props and events through window.microfrontends.
  const api = connection ? { microfrontends: connection.globalApi() } : {};
  const routes = setup.syncRoute ? loadPart<typeof import("../patches/route-sync")>("routes") : undefined;
  // Loads while the realm is made: an app's custom elements (see patches/custom-elements.ts).
  const elements = setup.dom.elements && loadPart<typeof import("../patches/custom-elements")>("elements");
  const logs = loadPart<typeof import("../bridge/app-logs")>("logs");
  const frame = await IframeRealm.create({ name, baseUrl, globals: { ...hostGlobals(baseUrl), ...api } });
  let realm: Realm = frame;
  try {
    if (wrap) realm = await wrap(frame);
    const Routes = routes && (await routes).RouteSync;
    const win = frame.global;
    const route = Routes && new Routes(win, name, new URL(".", baseUrl).pathname);
    const listeners = new AppListeners(setup.dom.root, win);
    patchRealmDocument(win.document, setup.dom);
    frame.startUrl = route?.savedRoute() ?? frame.startUrl;
    patchRealmHistory(win, route?.record);
    routeRealmReload(win, () => frame.destroy(), setup.onReload);
    patchUrlAttributes(win, baseUrl, transport);
    patchRealmFetch(win, transport);
    patchRealmXhr(win, transport);
    patchRealmWorkers(win, transport);
    usePageConstructor(win, "CSSStyleSheet");
    const undefine = elements && (await elements).patchRealmCustomElements(win, setup.dom.elements!, baseUrl);
    const timers = patchRealmTimers(win);
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
      dispose: [
        ...(route ? [route.start()] : []),
        () => listeners.dispose(),
        patchRealmWindow(win, setup.dom.host),
        routeFragmentLinks(setup.dom.host, () => win.location),
        ...(undefine ? [undefine] : []),
        unlog,
      ],
    });
  } catch (error) {
    frame.destroy();
    throw error;
  }
}
