import type { ProxyRealmOptions } from "./proxy-realm";
import type { Realm } from "./realm";

/** What the proxy sandbox's separately built part (static/proxy.js, with its parser) exports. */
export interface ProxyRuntime {
  createProxyRealm(options: ProxyRealmOptions): Realm;
}

const loaders: (() => Promise<ProxyRuntime>)[] = [];

/**
 * How the proxy sandbox is loaded: as a chunk (the core) or from the kernel (the widget, whose
 * size budget its parser would break). Returns a function that withdraws `load`.
 */
export function setProxyRuntime(load: () => Promise<ProxyRuntime>): () => void {
  loaders.push(load);
  return () => {
    const index = loaders.indexOf(load);
    if (index >= 0) loaders.splice(index, 1);
  };
}

export function proxyRuntime(): Promise<ProxyRuntime> {
  const load = loaders[loaders.length - 1];
  return load ? load() : Promise.reject(new Error('the proxy sandbox is not available here'));
}
