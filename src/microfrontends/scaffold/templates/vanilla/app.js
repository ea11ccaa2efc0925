// @ts-check
// __APP_NAME__: an app for microfrontends, with no build step. Its ES module exports the
// lifecycles the host calls; on its own (see README.md) it mounts itself with a local stand-in
// for the host. `// @ts-check` and the JSDoc types let an editor check it against the app SDK.
import { connect, isHosted, mountStandalone } from "./app-sdk/dist/index.js";

/** @typedef {{ count: number }} State  The GlobalState's shape. */
/** @typedef {{ greeting?: string }} Props  MicroApp(..., props={...}). */
/** @typedef {{ clicked: { count: number } }} Events  Events the app emits and hears. */
/** @typedef {import("./app-sdk/dist/index.js").LifecycleProps<State, Props, Events>} LifecycleProps */

/** @type {import("./app-sdk/dist/index.js").Connection<State, Props, Events> | undefined} */
let app;
let localCount = 0; // the count when the app is on no GlobalState

/** @param {LifecycleProps} props */
export async function mount(props) {
  const connection = (app = connect(props));
  const root = props.container.querySelector("#app") ?? props.container;
  root.innerHTML = `
    <div class="app">
      <h2></h2>
      <p>count: <output class="count"></output></p>
      <button class="increment" type="button">+1</button>
      <p class="note"></p>
    </div>`;
  const count = /** @type {HTMLElement} */ (root.querySelector(".count"));
  const show = (/** @type {number} */ value) => {
    count.textContent = String(value);
  };
  /** @type {HTMLElement} */ (root.querySelector("h2")).textContent = connection.props.greeting ?? "__APP_NAME__";
  /** @type {HTMLElement} */ (root.querySelector(".note")).textContent = connection.hosted
    ? `hosted as "${connection.name}"`
    : "on its own, with a stand-in for the host (window.microfrontendsStandIn)";
  if (connection.hasGlobalState) {
    show(connection.getGlobalState().count ?? 0);
    connection.subscribe((state) => show(state.count ?? 0));
  } else {
    show(localCount);
  }
  /** @type {HTMLElement} */ (root.querySelector(".increment")).addEventListener("click", () => {
    const next = (connection.hasGlobalState ? (connection.getGlobalState().count ?? 0) : localCount) + 1;
    if (connection.hasGlobalState) connection.setGlobalState({ count: next });
    else show((localCount = next));
    connection.emit("clicked", { count: next });
  });
}

/** @param {LifecycleProps} props */
export async function unmount(props) {
  app?.disconnect();
  (props.container.querySelector("#app") ?? props.container).innerHTML = "";
}

/** New props from Python (`app.set_props(greeting=...)`). @param {LifecycleProps} props */
export async function update(props) {
  const title = props.container.querySelector(".app h2");
  if (title) title.textContent = props.greeting ?? "__APP_NAME__";
}

if (!isHosted()) {
  mountStandalone({ mount, unmount, update }, /** @type {HTMLElement} */ (document.getElementById("app")), {
    name: "__APP_NAME__",
    state: { count: 0 },
    persist: true,
  });
}
