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
