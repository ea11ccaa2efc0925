import type { SnapshotRealm, SnapshotRealmOptions } from "./snapshot-realm";

/** What the snapshot sandbox's separately built part (static/snapshot.js) exports. */
export interface SnapshotRuntime {
  SnapshotRealm: { activate(options: SnapshotRealmOptions): SnapshotRealm };
}

const loaders: (() => Promise<SnapshotRuntime>)[] = [];

/**
 * How the snapshot sandbox is loaded: bundled (the core) or from the kernel (the widget, whose
 * size budget it would break). Returns a function that withdraws `load`.
 */
export function setSnapshotRuntime(load: () => Promise<SnapshotRuntime>): () => void {
  loaders.push(load);
  return () => {
    const index = loaders.indexOf(load);
    if (index >= 0) loaders.splice(index, 1);
  };
}

export function snapshotRuntime(): Promise<SnapshotRuntime> {
  const load = loaders[loaders.length - 1];
  return load ? load() : Promise.reject(new Error("the snapshot sandbox is not available here"));
}
