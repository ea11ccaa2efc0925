// Served by webpack-dev-server in the tests (dev-server.mjs), with live reload: a saved file
// reloads the page (in the host: the app).
import { message } from "./message.js";

let count = 0;
const button = document.getElementById("count");
button.addEventListener("click", () => {
  count += 1;
  button.textContent = `count ${count}`;
});
document.getElementById("message").textContent = message;
