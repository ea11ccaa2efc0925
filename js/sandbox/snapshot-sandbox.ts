import { loadPart } from "../loader/parts";
import type { SandboxMaker } from "./contract";
import { publicPath } from "./iframe-sandbox";
import { InPageSandbox } from "./in-page-sandbox";
import { hostGlobals } from "./realm";

/**
 * `sandbox="snapshot"`: the app runs in the page's own window, recorded when it loads and put
 * back when it unloads (an on-demand part, snapshot-realm.ts). It writes to the page's window,
 * so it cannot stay loaded unmounted.
 */
export const makeSnapshotSandbox: SandboxMaker = async (setup) => {
  const { SnapshotRealm } = await loadPart<typeof import("./snapshot-realm")>("snapshot");
  const { name, files, connection, dom } = setup;
  const { baseUrl } = files.entry;
  const api = connection ? { microfrontends: connection.globalApi() } : {};
  const globals = { ...hostGlobals(publicPath(baseUrl)), ...api };
  const realm = SnapshotRealm.activate({ name, baseUrl, globals, app: dom });
  return new InPageSandbox(setup, { realm, parkable: false, captureInserts: true, dispose: [] });
};
