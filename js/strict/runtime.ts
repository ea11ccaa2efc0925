import type { StrictFrame, StrictFrameOptions } from "./strict-frame";

/** What the strict sandbox's separately built part (static/strict.js) exports. */
export interface StrictRuntime {
  createStrictFrame(options: StrictFrameOptions): Promise<StrictFrame>;
}

const loaders: (() => Promise<StrictRuntime>)[] = [];

/**
 * How the strict sandbox is loaded: bundled (the core) or from the kernel (the widget, whose
 * size budget it would break). Returns a function that withdraws `load`.
 */
export function setStrictRuntime(load: () => Promise<StrictRuntime>): () => void {
  loaders.push(load);
  return () => {
    const index = loaders.indexOf(load);
    if (index >= 0) loaders.splice(index, 1);
  };
}

export function strictRuntime(): Promise<StrictRuntime> {
  const load = loaders[loaders.length - 1];
  return load ? load() : Promise.reject(new Error('the strict sandbox is not available here'));
}
