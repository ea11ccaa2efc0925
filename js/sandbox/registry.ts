import { loadPart } from "../loader/parts";
import type { SandboxMaker, SandboxMode } from "./contract";
import { makeIframeSandbox } from "./iframe-sandbox";
import { makePageSandbox } from "./page-sandbox";
import { makeProxySandbox } from "./proxy-sandbox";
import { makeSnapshotSandbox } from "./snapshot-sandbox";

/** What the host knows of a mode: how to make its sandbox, and what the app's DOM needs. */
export interface SandboxKind {
  make: SandboxMaker;
  /** The app's scripts run in a realm of their own, whose custom elements need a registry of the app's own. */
  ownElements: boolean;
}

/** Every isolation mode, by its name in `MicroApp(sandbox=...)`: a new mode is one more file and line. */
export const SANDBOXES: Readonly<Record<SandboxMode, SandboxKind>> = {
  iframe: { make: makeIframeSandbox, ownElements: true },
  proxy: { make: makeProxySandbox, ownElements: true },
  snapshot: { make: makeSnapshotSandbox, ownElements: false },
  none: { make: makePageSandbox, ownElements: false },
  strict: {
    make: (setup) =>
      loadPart<typeof import("../strict/strict-sandbox")>("strict").then((part) => part.makeStrictSandbox(setup)),
    ownElements: false,
  },
};
