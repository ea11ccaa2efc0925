import { isScriptError } from "../contract/realm";
import { describeError, isLifecycleError } from "../lifecycle/lifecycles";
import { EntryError } from "../loader/html-entry";
import { AssetError } from "../loader/transport";
import type { ErrorReport } from "./error-panel";

/** How a URL is named in what the user reads (a kernel-served URL by its local path). */
export type DescribeUrl = (url: string) => string;

/** What failed while an app loaded: the entry, a file or a script, named by its URL. */
export function loadReport(error: unknown, entry: string, describe: DescribeUrl): ErrorReport {
  const [source, message] =
    error instanceof AssetError || error instanceof EntryError
      ? [error.url, error.message]
      : isScriptError(error)
        ? [error.source, error.message]
        : [entry, describeError(error)];
  return { phase: "load", source: describe(source), message: message.replace(source, describe(source)) };
}

/** Which lifecycle failed, and why. */
export function lifecycleReport(error: unknown): ErrorReport {
  const lifecycle = isLifecycleError(error) ? error.lifecycle : "mount";
  const message = isLifecycleError(error) ? error.message : describeError(error);
  return { phase: lifecycle, source: `lifecycle ${lifecycle}()`, message };
}

/** The error panel as it shows at once: the error and a Retry button (error-panel.ts styles it). */
export function plainErrorPanel(error: string, retry: () => void): HTMLElement {
  const panel = document.createElement("div");
  panel.className = "microfrontends-error";
  panel.setAttribute("role", "alert");
  const message = document.createElement("div");
  message.className = "microfrontends-error-message";
  message.textContent = error;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "microfrontends-retry";
  button.textContent = "Retry";
  button.onclick = retry;
  panel.append(message, button);
  return panel;
}
