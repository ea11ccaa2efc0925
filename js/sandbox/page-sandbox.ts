import { captureLogs } from "../patches/console";
import type { SandboxMaker } from "./contract";
import { InPageSandbox } from "./in-page-sandbox";
import { PageRealm } from "./page-realm";
import { hostGlobals, pageModules, stackOwner } from "./realm";

/**
 * `sandbox="none"`, an on-demand part (static/page.js): the app runs in the page itself, for
 * trusted apps (page-realm.ts); only the globals it adds are taken away when it unloads.
 */
export const makePageSandbox: SandboxMaker = async (setup) => {
  const { baseUrl } = setup.files.entry;
  const realm = new PageRealm({ name: setup.name, baseUrl, globals: hostGlobals(baseUrl), transport: setup.transport });
  const unlog = captureLogs(window, setup.log, { root: setup.dom.root, owns: stackOwner(realm.sources, baseUrl) });
  return new InPageSandbox(setup, {
    realm,
    parkable: false,
    captureInserts: false,
    dispose: [unlog],
    modules: pageModules(setup),
  });
};
