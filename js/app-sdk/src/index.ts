export { type Connection, connect } from "./connect.js";
export { StandIn, type StandInOptions, type StorageLike } from "./stand-in.js";
export { isHosted, mountStandalone } from "./standalone.js";
export type {
  EventHandler,
  EventMap,
  EventsApi,
  GlobalStateApi,
  HostGlobal,
  Json,
  JsonObject,
  JsonShape,
  Lifecycle,
  LifecycleProps,
  Lifecycles,
  PayloadArgs,
  PropsShape,
  StateListener,
  StateShape,
} from "./types.js";
