/** V8's stack trace API: frames as objects, and how many a stack keeps (10 by default). */
interface CallSite {
  getScriptNameOrSourceURL(): string | null;
}
const V8Error = Error as ErrorConstructor & {
  stackTraceLimit: number;
  prepareStackTrace?: (error: Error, sites: CallSite[]) => unknown;
};

/**
 * The script of each of the innermost `limit` frames of the current call stack, innermost first
 * ("" for native frames): how the modes that run apps in the page's window tell an app's calls
 * from the page's. Frames as objects (a script's sourceURL each) cost a fraction of the
 * formatted text, and fewer frames less.
 */
export function callerScripts(limit = 100): string[] {
  const { stackTraceLimit, prepareStackTrace } = V8Error;
  V8Error.stackTraceLimit = limit;
  V8Error.prepareStackTrace = (_error, sites) => sites;
  const sites = new Error().stack as unknown as CallSite[];
  V8Error.stackTraceLimit = stackTraceLimit;
  V8Error.prepareStackTrace = prepareStackTrace;
  return sites.map((site) => site.getScriptNameOrSourceURL() ?? "");
}
