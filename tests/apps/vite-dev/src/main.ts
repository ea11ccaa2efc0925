// Served by a Vite dev server in the tests (dev-server.mjs): a vanilla counter styled by a CSS
// file, a line from a module nothing accepts (editing it reloads the page, or the app), the
// GlobalState's `n` when the host gives one, and a React component with fast refresh.
import "./style.css";
import { message } from "./message";
import { renderReact } from "./react-root";

let count = 0;
const button = document.getElementById("count")!;
button.addEventListener("click", () => {
  count += 1;
  button.textContent = `count ${count}`;
});
document.getElementById("message")!.textContent = message;

type Host = { onGlobalStateChange(callback: (state: { n?: number }) => void, now: boolean): void };
const host = (window as unknown as { microfrontends?: Host }).microfrontends;
host?.onGlobalStateChange((state) => {
  document.getElementById("shared")!.textContent = `n=${state.n}`;
}, true);

renderReact(document.getElementById("react")!);
