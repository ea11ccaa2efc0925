import { loadPart } from "../loader/parts";
import type { SandboxMaker } from "./contract";
import { publicPath } from "./iframe-sandbox";
import { InPageSandbox } from "./in-page-sandbox";
import { hostGlobals } from "./realm";

/**
 * `sandbox="none"`: the app runs in the page itself, for trusted apps (an on-demand part,
 * page-realm.ts); only the globals it adds are taken away when it unloads.
 */
export const makePageSandbox: SandboxMaker = async (setup) => {
  const { PageRealm } = await loadPart<typeof import("./page-realm")>("page");
  const realm = new PageRealm(setup.name, hostGlobals(publicPath(setup.files.entry.baseUrl)));
  return new InPageSandbox(setup, { realm, parkable: false, captureInserts: false, dispose: [] });
};
