import { StandIn, type StandInOptions } from "./stand-in.js";
import type { EventMap, JsonObject, Lifecycles, PropsShape, StateShape } from "./types.js";

/** Whether this code runs inside the microfrontends host (which sets `__POWERED_BY_MICROFRONTENDS__`). */
export function isHosted(): boolean {
  return !!(globalThis as { __POWERED_BY_MICROFRONTENDS__?: boolean }).__POWERED_BY_MICROFRONTENDS__;
}

/**
 * Runs an app's lifecycles on their own, as the host would, with a local stand-in for the host:
 * `bootstrap` then `mount`, given the stand-in's lifecycle props and `container`. The stand-in
 * is returned, and is `window.microfrontendsStandIn` for the developer tools' console
 * (`microfrontendsStandIn.setState({...})` plays Python's part).
 *
 *     if (!isHosted()) mountStandalone({ bootstrap, mount, unmount }, document.getElementById("app")!);
 */
export async function mountStandalone<S extends JsonObject<S> = StateShape, P = PropsShape, E = EventMap>(
  lifecycles: Lifecycles<S, P, E>,
  container: HTMLElement,
  options: StandInOptions<S, P> = {},
): Promise<StandIn<S, P, E>> {
  if (!container) throw new TypeError("mountStandalone(lifecycles, container) needs the element to render into");
  const standIn = new StandIn<S, P, E>(options);
  const props = standIn.lifecycleProps(container);
  (globalThis as { microfrontendsStandIn?: unknown }).microfrontendsStandIn = standIn;
  await lifecycles.bootstrap?.(props);
  await lifecycles.mount(props);
  return standIn;
}
