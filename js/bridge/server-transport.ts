import { AssetError, isVirtualUrl, type Asset, type FetchOptions, type Transport } from "../loader/transport";
import {
  ANSWER_ERROR,
  ANSWER_FILE,
  ANSWER_HEADER,
  ANSWER_PART,
  ANSWER_UNKNOWN_ROOT,
  FOLDER_ID_PATTERN,
  SERVER_FILES_PATH,
  SERVER_RUNTIME_PATH,
  VIRTUAL_ORIGIN,
} from "../contract/protocol";

const FOLDER_ID = new RegExp(`^${FOLDER_ID_PATTERN}$`);

interface Answer {
  /** The extension's word on the answer, or null when something else answered. */
  kind: string | null;
  status: number;
  contentType: string;
  bytes: Uint8Array;
}

/** The page's base URL, once read (the page's config does not change). */
let pageBase: { url: string | undefined } | undefined;

/**
 * The Jupyter server's base URL (absolute, ending with "/"), read once from the page's
 * `jupyter-config-data`, which JupyterLab, Notebook 7 and Voila write; undefined elsewhere.
 */
export function jupyterServerBase(): string | undefined {
  pageBase ??= { url: readServerBase(document) };
  return pageBase.url;
}

function readServerBase(doc: Document): string | undefined {
  const config = doc.getElementById("jupyter-config-data")?.textContent;
  if (!config) return undefined;
  try {
    const base = (JSON.parse(config) as { baseUrl?: unknown }).baseUrl;
    if (typeof base !== "string") return undefined;
    const url = new URL(base, doc.baseURI).href;
    return url.endsWith("/") ? url : `${url}/`;
  } catch {
    return undefined;
  }
}

function xsrfToken(): string | undefined {
  return /(?:^|;\s*)_xsrf=([^;]*)/.exec(document.cookie)?.[1];
}

async function ask(url: string, fresh: boolean): Promise<Answer | undefined> {
  const token = xsrfToken();
  try {
    const response = await fetch(url, {
      credentials: "same-origin",
      cache: fresh ? "no-cache" : "default",
      headers: token ? { "X-XSRFToken": decodeURIComponent(token) } : {},
    });
    return {
      kind: response.headers.get(ANSWER_HEADER),
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  } catch {
    return undefined;
  }
}

/**
 * What the page learnt: servers with no extension (Voila's own server, say), and folders a
 * server does not know (a remote kernel's), by server and id. The page asks their kernel.
 */
const kernelOnly = new Set<string>();

/**
 * Files of local folders from the Jupyter server's extension, which answers however busy the
 * kernel is; everything else, and every folder the server does not serve (no extension, as under
 * Voila's own server, or a remote kernel whose folders it cannot see), from `kernel`. A folder
 * the server did not know is asked of the kernel from then on.
 */
export function serverFirstTransport(kernel: Transport, base: string | undefined): Transport {
  if (!base) return kernel;
  /** The server's URL of a kernel-served file, unless the page learnt the server has no copy. */
  const serverUrl = (url: string): string | undefined => {
    const folder = isVirtualUrl(url) ? url.slice(VIRTUAL_ORIGIN.length + 1).split("/", 1)[0] : "";
    if (!FOLDER_ID.test(folder) || kernelOnly.has(base) || kernelOnly.has(base + folder)) return undefined;
    return `${base}${SERVER_FILES_PATH}${url.slice(VIRTUAL_ORIGIN.length + 1)}`;
  };
  return {
    directUrl: serverUrl,
    async fetch(url: string, options?: FetchOptions): Promise<Asset> {
      const direct = serverUrl(url);
      if (!direct) return kernel.fetch(url, options);
      const folder = url.slice(VIRTUAL_ORIGIN.length + 1).split("/", 1)[0];
      const answer = await ask(direct, !!options?.fresh);
      if (answer?.kind === ANSWER_FILE) return { url, contentType: answer.contentType, bytes: answer.bytes };
      if (answer?.kind === ANSWER_ERROR) {
        throw new AssetError(url, answer.status, new TextDecoder().decode(answer.bytes));
      }
      kernelOnly.add(answer?.kind === ANSWER_UNKNOWN_ROOT ? base + folder : base);
      return kernel.fetch(url, options);
    },
  };
}

/** A part of the runtime from the server, if it has the page's build of the parts. */
export async function serverPart(
  base: string | undefined,
  file: string,
  build: string,
): Promise<Uint8Array | undefined> {
  if (!base || kernelOnly.has(base)) return undefined;
  const answer = await ask(`${base}${SERVER_RUNTIME_PATH}${file}?build=${build}`, false);
  if (!answer?.kind) kernelOnly.add(base);
  return answer?.kind === ANSWER_PART ? answer.bytes : undefined;
}
