// The lifecycles the host calls (this module's exports), and a standalone mount for the dev server.
import { connect, isHosted, mountStandalone } from "@microfrontends/app-sdk";
import { type App as VueApp, createApp, reactive } from "vue";
import App from "./App.vue";
import "./style.css";
import type { AppConnection, AppProps, State } from "./types";

let vue: VueApp | undefined;
let app: AppConnection | undefined;
const props = reactive<{ greeting?: string }>({});

export async function mount(lifecycleProps: AppProps): Promise<void> {
  app = connect(lifecycleProps);
  props.greeting = lifecycleProps.greeting;
  vue = createApp(App, { connection: app, props });
  vue.mount(lifecycleProps.container.querySelector("#app") ?? lifecycleProps.container);
}

export async function unmount(): Promise<void> {
  vue?.unmount();
  app?.disconnect();
  vue = app = undefined;
}

/** New props from Python (`app.set_props(greeting=...)`). */
export async function update(lifecycleProps: AppProps): Promise<void> {
  props.greeting = lifecycleProps.greeting;
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
