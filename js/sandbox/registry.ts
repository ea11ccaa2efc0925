import { loadPart } from "../loader/parts";
import type { SandboxMaker, SandboxMode } from "./contract";
import { makeIframeSandbox } from "./iframe-sandbox";
import { makePageSandbox } from "./page-sandbox";
import { makeProxySandbox } from "./proxy-sandbox";
import { makeSnapshotSandbox } from "./snapshot-sandbox";

/** Every isolation mode, by its name in `MicroApp(sandbox=...)`: a new mode is one more file and line. */
export const SANDBOXES: Readonly<Record<SandboxMode, SandboxMaker>> = {
  iframe: makeIframeSandbox,
  proxy: makeProxySandbox,
  snapshot: makeSnapshotSandbox,
  none: makePageSandbox,
  strict: (setup) =>
    loadPart<typeof import("../strict/strict-sandbox")>("strict").then((part) => part.makeStrictSandbox(setup)),
};
