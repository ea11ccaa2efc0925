import type { AppConnection } from "../bridge/app-connection";
import type { LogSink } from "../contract/app-log";
import type { Lifecycles } from "../lifecycle/lifecycles";
import { crawlEntry, namedFiles, readEntry } from "../loader/entry-graph";
import { learnAssets } from "../loader/learned-assets";
import { appImportMap, type ImportMap, ModuleLoader } from "../loader/modules";
import { loadPart } from "../loader/parts";
import { refetchingOnce, type Asset, type Transport } from "../loader/transport";
import type { Sandbox } from "../sandbox/contract";
import type { SandboxKind } from "../sandbox/registry";
import type { AppDiagnostics } from "./app-diagnostics";
import type { AppRoot } from "./app-root";

/** How long a lifecycle may take before the app is marked broken, unless told otherwise. */
export const DEFAULT_LIFECYCLE_TIMEOUT_MS = 10_000;

/** What loading an app needs to know of it. */
export interface LoadOptions {
  name: string;
  /** The HTML entry's absolute URL; with `html`, the URL the inline HTML resolves against. */
  entry?: string;
  html?: string;
  transport: Transport;
  lifecycleTimeout?: number;
  /** Mirror the app's route in the page's query string, and restore it from there. */
  syncRoute?: boolean;
  /** Bare module specifiers the app's ES modules may import, and the URLs they load. */
  importMap?: ImportMap;
  /** Connects each load of the app to shared state and events (see bridge/). */
  connect?: (props: () => Record<string, unknown>, log: LogSink) => AppConnection;
}

/** One load of an app: where it goes, and what the host that loads it provides. */
export interface LoadRequest {
  options: LoadOptions;
  kind: SandboxKind;
  root: AppRoot;
  diagnostics: AppDiagnostics;
  /** Load every file afresh (a reload), bypassing the page's cache. */
  fresh: boolean;
  /** The entry's download, if it was started before the load. */
  download?: Promise<Asset>;
  props: () => Record<string, unknown>;
  onDynamicStyle: (style: Element) => void;
  onReload: () => void;
}

/** What a loaded app holds until it is unloaded. */
export interface LoadedApp {
  sandbox: Sandbox;
  connection?: AppConnection;
  lifecycles?: Lifecycles;
}

/** The URL an app's entry is downloaded from (none for inline HTML). */
export function entryUrl(options: LoadOptions): string | undefined {
  return options.html === undefined ? options.entry : undefined;
}

/** Reads the entry, starts every file it names, and loads the app into a sandbox of its mode. */
export async function loadApp(request: LoadRequest): Promise<LoadedApp> {
  const { options, root, diagnostics, fresh } = request;
  const { name, importMap } = options;
  const transport = fresh ? refetchingOnce(options.transport) : options.transport;
  const scoping = root.needsScope() ? loadPart<typeof import("../css/scope")>("scoped") : undefined;
  scoping?.catch(() => undefined);
  diagnostics.reset();
  const crawl = { fresh, onMissing: diagnostics.reportMissing };
  const entry = await readEntry(options, transport, crawl, fresh ? undefined : request.download);
  const files = crawlEntry(entry, transport, crawl);
  const url = entryUrl(options);
  if (url) learnAssets(url, namedFiles(files));
  const connection = options.connect?.(request.props, diagnostics.log);
  let made: Promise<Sandbox> | undefined;
  try {
    // The sandbox is made while the files are still on their way.
    made = request.kind.make({
      name,
      dom: root,
      files,
      transport,
      fresh,
      importMap,
      modules: () => new ModuleLoader(transport, appImportMap(entry.imports, importMap), entry.baseUrl, fresh),
      connection,
      props: request.props,
      syncRoute: !!options.syncRoute,
      timeoutMs: options.lifecycleTimeout ?? DEFAULT_LIFECYCLE_TIMEOUT_MS,
      onMissing: diagnostics.reportMissing,
      log: diagnostics.log,
      onDynamicStyle: request.onDynamicStyle,
      onReload: request.onReload,
    });
    if (scoping) root.useScope(new (await scoping).CssScope(name));
    const sandbox = await made;
    return { sandbox, connection, lifecycles: await sandbox.load() };
  } catch (error) {
    made?.then(
      (sandbox) => sandbox.destroy(),
      () => undefined,
    );
    connection?.dispose();
    throw error;
  }
}
