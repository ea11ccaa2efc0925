import { captureLogs } from "../patches/console";
import type { SandboxMaker } from "./contract";
import { InPageSandbox } from "./in-page-sandbox";
import { hostGlobals, pageModules, stackOwner } from "./realm";
import { SnapshotRealm } from "./snapshot-realm";

/**
 * `sandbox="snapshot"`, an on-demand part (static/snapshot.js): the app runs in the page's own
 * window, recorded when it loads and put back when it unloads (snapshot-realm.ts). It writes to the page's window,
 * so it cannot stay loaded unmounted.
 */
export const makeSnapshotSandbox: SandboxMaker = async (setup) => {
  const { name, files, connection, dom } = setup;
  const { baseUrl } = files.entry;
  const api = connection ? { microfrontends: connection.globalApi() } : {};
  const globals = { ...hostGlobals(baseUrl), ...api };
  const realm = SnapshotRealm.activate({ name, baseUrl, globals, app: dom, transport: setup.transport });
  const unlog = captureLogs(window, setup.log, { root: dom.root, owns: stackOwner(realm.sources, baseUrl) });
  return new InPageSandbox(setup, {
    realm,
    parkable: false,
    captureInserts: true,
    dispose: [unlog],
    modules: pageModules(setup),
  });
};
