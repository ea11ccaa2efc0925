// The lifecycles the host calls (this module's exports), and a standalone mount for the dev server.
import { connect, isHosted, mountStandalone } from "@microfrontends/app-sdk";
import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import "./style.css";
import type { AppConnection, AppProps, State } from "./types";

let root: Root | undefined;
let app: AppConnection | undefined;

function render(props: AppProps): void {
  root?.render(
    <StrictMode>
      <App connection={app!} greeting={props.greeting} />
    </StrictMode>,
  );
}

export async function mount(props: AppProps): Promise<void> {
  app = connect(props);
  root = createRoot(props.container.querySelector("#app") ?? props.container);
  render(props);
}

export async function unmount(): Promise<void> {
  root?.unmount();
  app?.disconnect();
  root = app = undefined;
}

/** New props from Python (`app.set_props(greeting=...)`). */
export async function update(props: AppProps): Promise<void> {
  render(props);
}

// A Vite build drops the exports of the page's entry module: the host finds the lifecycles on
// window["__APP_NAME__"] (qiankun's rule), or as the last global the app added, whatever its name.
(window as unknown as Record<string, unknown>)["__APP_NAME__"] = { mount, unmount, update };

if (!isHosted()) {
  mountStandalone<State>({ mount, unmount, update }, document.getElementById("app")!, {
    name: "__APP_NAME__",
    state: { count: 0 },
    persist: true,
  });
}
