import { loadPart } from "../loader/parts";
import type { SandboxMaker } from "./contract";
import { makeFrameSandbox } from "./iframe-sandbox";

/**
 * `sandbox="proxy"`: the iframe sandbox with qiankun's fake window in front of the realm (an
 * on-demand part, proxy-realm.ts): what the app writes to `window` stays on the fake window.
 */
export const makeProxySandbox: SandboxMaker = (setup) => {
  const part = loadPart<typeof import("./proxy-realm")>("proxy");
  return makeFrameSandbox(setup, async (frame) => (await part).createProxyRealm({ frame }));
};
