type RealmWindow = Window & typeof globalThis;

interface Timer {
  repeat: boolean;
  handler: TimerHandler;
  args: unknown[];
  delay: number;
  /** When a timeout is due (page time), to resume it with what was left. */
  due: number;
  native?: number;
}

/** Pauses and resumes the timers of an app that stays loaded while it is not mounted. */
export interface TimerControl {
  pause(): void;
  resume(): void;
}

/**
 * Routes the realm's `setTimeout`/`setInterval` through a table of its timers, so that an
 * unmounted app that stays loaded stops ticking and, mounted again, carries on where it was
 * (qiankun instead clears such intervals for good). Ids stay the ones the app was given.
 */
export function patchRealmTimers(win: RealmWindow): TimerControl {
  const native = {
    setTimeout: win.setTimeout.bind(win),
    setInterval: win.setInterval.bind(win),
    clearTimeout: win.clearTimeout.bind(win),
    clearInterval: win.clearInterval.bind(win),
  };
  const timers = new Map<number, Timer>();
  let nextId = 1;
  let paused = false;

  const start = (id: number, timer: Timer, delay: number) => {
    if (timer.repeat) {
      timer.native = native.setInterval(timer.handler, delay, ...timer.args);
      return;
    }
    timer.due = performance.now() + delay;
    timer.native = native.setTimeout(() => {
      timers.delete(id);
      // What the handler throws is uncaught in the app's realm, as a native timer's would be (not the page's).
      try {
        if (typeof timer.handler === "function") timer.handler(...timer.args);
        else win.eval(timer.handler);
      } catch (error) {
        win.reportError(error);
      }
    }, delay);
  };
  const stop = (timer: Timer) => {
    if (timer.native === undefined) return;
    (timer.repeat ? native.clearInterval : native.clearTimeout)(timer.native);
    timer.native = undefined;
  };
  const add = (repeat: boolean, handler: TimerHandler, delay = 0, args: unknown[]) => {
    const id = nextId++;
    const timer: Timer = { repeat, handler, args, delay: Number(delay) || 0, due: 0 };
    timers.set(id, timer);
    if (!paused) start(id, timer, timer.delay);
    return id;
  };
  const clear = (id?: number) => {
    const timer = id === undefined ? undefined : timers.get(id);
    if (!timer) return;
    stop(timer);
    timers.delete(id!);
  };

  win.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) =>
    add(false, handler, delay, args)) as typeof win.setTimeout;
  win.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) =>
    add(true, handler, delay, args)) as typeof win.setInterval;
  // Either clear function clears either kind, as in browsers.
  win.clearTimeout = clear;
  win.clearInterval = clear;

  return {
    pause() {
      if (paused) return;
      paused = true;
      const now = performance.now();
      for (const timer of timers.values()) {
        if (!timer.repeat) timer.delay = Math.max(0, timer.due - now);
        stop(timer);
      }
    },
    resume() {
      if (!paused) return;
      paused = false;
      for (const [id, timer] of timers) start(id, timer, timer.delay);
    },
  };
}
