import { patchRealmCustomElements } from "../patches/custom-elements";
import { patchRealmDocument } from "../patches/document";
import { AppListeners } from "../patches/events";
import { patchRealmFetch } from "../patches/fetch";
import { patchRealmHistory } from "../patches/history";
import { routeFragmentLinks } from "../patches/links";
import { usePageConstructor } from "../patches/page-constructors";
import { routeRealmReload } from "../patches/reload";
import type { RouteSync } from "../patches/route-sync";
import { patchRealmTimers } from "../patches/timers";
import { patchUrlAttributes } from "../patches/url-attributes";
import { patchRealmWindow } from "../patches/window";
import { patchRealmWorkers } from "../patches/workers";
import { patchRealmXhr } from "../patches/xhr";
import type { SandboxSetup } from "./contract";
import type { IframeRealm } from "./iframe-realm";

/** What the patches leave to the sandbox: parking's two handles, and their undo. */
export interface FramePatches {
  timers: ReturnType<typeof patchRealmTimers>;
  listeners: AppListeners;
  dispose: (() => void)[];
}

/**
 * What the iframe and proxy sandboxes do to an app's realm before its scripts run: its document,
 * window, history, reload, URLs, `fetch`, XHR, workers, custom elements, timers and listeners
 * pointed at the app's DOM and transport. An on-demand part (static/realm.js), which loads while
 * the realm iframe is made.
 */
export function patchFrameRealm(frame: IframeRealm, setup: SandboxSetup, route?: RouteSync): FramePatches {
  const { transport, dom } = setup;
  const { baseUrl } = setup.files.entry;
  const win = frame.global;
  const listeners = new AppListeners(dom.root, win);
  patchRealmDocument(win.document, dom);
  frame.startUrl = route?.savedRoute() ?? frame.startUrl;
  patchRealmHistory(win, route?.record);
  routeRealmReload(win, () => frame.destroy(), setup.onReload);
  patchUrlAttributes(win, baseUrl, transport);
  patchRealmFetch(win, transport);
  patchRealmXhr(win, transport);
  patchRealmWorkers(win, transport);
  usePageConstructor(win, "CSSStyleSheet");
  const undefine = dom.elements && patchRealmCustomElements(win, dom.elements, baseUrl);
  const timers = patchRealmTimers(win);
  return {
    timers,
    listeners,
    dispose: [
      () => listeners.dispose(),
      patchRealmWindow(win, dom.host),
      routeFragmentLinks(dom.host, () => win.location),
      ...(undefine ? [undefine] : []),
    ],
  };
}
