import { loadPart } from "../loader/parts";
import type { SandboxMaker, SandboxMode } from "./contract";
import { makeIframeSandbox } from "./iframe-sandbox";
import { makeProxySandbox } from "./proxy-sandbox";

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
  snapshot: {
    make: (setup) =>
      loadPart<typeof import("./snapshot-sandbox")>("snapshot").then((part) => part.makeSnapshotSandbox(setup)),
    ownElements: false,
  },
  none: {
    make: (setup) => loadPart<typeof import("./page-sandbox")>("page").then((part) => part.makePageSandbox(setup)),
    ownElements: false,
  },
  strict: {
    make: (setup) =>
      loadPart<typeof import("../strict/strict-sandbox")>("strict").then((part) => part.makeStrictSandbox(setup)),
    ownElements: false,
  },
};
