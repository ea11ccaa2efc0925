import { Status } from "./status";

/**
 * Where an app instance is. single-spa's statuses, plus the two ways an unmounted app stays
 * loaded, which single-spa reports as NOT_MOUNTED:
 * - PARKED: its `unmount` lifecycle ran and its realm stays loaded, off the page, so that
 *   `mount` only calls its `mount` (single-spa and qiankun keep a loaded app this way);
 * - KEPT_ALIVE: hidden and still running, lifecycles not called (wujie's keep-alive).
 */
export const AppState = { ...Status, PARKED: "PARKED", KEPT_ALIVE: "KEPT_ALIVE" } as const;
export type AppState = (typeof AppState)[keyof typeof AppState];

const {
  NOT_LOADED,
  LOADING_SOURCE_CODE,
  NOT_BOOTSTRAPPED,
  BOOTSTRAPPING,
  NOT_MOUNTED,
  MOUNTING,
  MOUNTED,
  UNMOUNTING,
  UNLOADING,
  LOAD_ERROR,
  SKIP_BECAUSE_BROKEN,
  PARKED,
  KEPT_ALIVE,
} = AppState;

/** Every state an app may go to from each state; nothing else is allowed. */
export const TRANSITIONS: Readonly<Record<AppState, readonly AppState[]>> = {
  [NOT_LOADED]: [LOADING_SOURCE_CODE],
  [LOADING_SOURCE_CODE]: [NOT_BOOTSTRAPPED, LOAD_ERROR],
  [NOT_BOOTSTRAPPED]: [BOOTSTRAPPING],
  [BOOTSTRAPPING]: [NOT_MOUNTED, SKIP_BECAUSE_BROKEN],
  [NOT_MOUNTED]: [MOUNTING],
  [MOUNTING]: [MOUNTED, SKIP_BECAUSE_BROKEN],
  [MOUNTED]: [UNMOUNTING, KEPT_ALIVE, SKIP_BECAUSE_BROKEN],
  [UNMOUNTING]: [PARKED, UNLOADING],
  [PARKED]: [MOUNTING, UNLOADING],
  [KEPT_ALIVE]: [MOUNTED, UNMOUNTING],
  [UNLOADING]: [NOT_LOADED],
  [LOAD_ERROR]: [NOT_LOADED, LOADING_SOURCE_CODE],
  [SKIP_BECAUSE_BROKEN]: [NOT_LOADED, LOADING_SOURCE_CODE],
};

/** What each state shows the page and Python: single-spa's status. */
export function reportedStatus(state: AppState): Status {
  return state === PARKED || state === KEPT_ALIVE ? NOT_MOUNTED : state;
}

/** States in which the app's files or lifecycles are still on their way: the loading indicator shows. */
export const LOADING_STATES: ReadonlySet<AppState> = new Set([
  LOADING_SOURCE_CODE,
  NOT_BOOTSTRAPPED,
  BOOTSTRAPPING,
  NOT_MOUNTED,
  MOUNTING,
]);

/** States from which `mount` has to load the app first. */
export const UNLOADED_STATES: ReadonlySet<AppState> = new Set([NOT_LOADED, LOAD_ERROR, SKIP_BECAUSE_BROKEN]);

/** One app instance's state, moved only along the table. */
export class StatusMachine {
  state: AppState = NOT_LOADED;

  constructor(private readonly onChange: (state: AppState) => void = () => undefined) {}

  /**
   * Moves to `next` and reports it; a move the table does not allow throws (a bug in the host,
   * never the app's doing).
   */
  to(next: AppState): void {
    if (!TRANSITIONS[this.state].includes(next)) throw new Error(`an app cannot go from ${this.state} to ${next}`);
    this.state = next;
    this.onChange(next);
  }

  /** Moves along `path`, one allowed step at a time. */
  through(...path: AppState[]): void {
    for (const next of path) this.to(next);
  }

  is(...states: AppState[]): boolean {
    return states.includes(this.state);
  }
}
