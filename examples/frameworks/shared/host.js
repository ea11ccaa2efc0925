// What every app here needs from its host, in one place: the GlobalState through the
// qiankun-style functions the host passes to `mount`, and the app's mount point.
//
// Every app shows the same thing: its title, `shared: N` (the GlobalState's `count`, which
// Python and the other apps on the state change too) and a button, `clicks: M` (the
// framework's own state: clicks since this mount). A click adds one to both, and writes the
// new `count` to the GlobalState (an app does not hear its own change back, so it shows it).

/** The shared state as one object: `subscribe(listener)` calls it at once and on every change
 * (it returns the unsubscribe function), `set(patch)` merges top-level keys. */
export function sharedState(props) {
  return {
    subscribe(listener) {
      props.onGlobalStateChange(listener, true);
      return () => props.offGlobalStateChange();
    },
    set(patch) {
      props.setGlobalState(patch);
    },
  };
}

/** The element the app renders into: `#app` of its index.html, in the container it is given. */
export function mountPoint(props) {
  return props.container.querySelector('#app');
}
