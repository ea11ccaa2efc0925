import { ScriptError } from "../contract/realm";
import type { AppFiles } from "../loader/entry-graph";

/**
 * Refuses an app served by a dev server: its client needs what a strict frame withholds, an
 * origin. The frame's is opaque, and dev servers refuse it: Vite's CORS check refuses its modules,
 * webpack-dev-server's websocket its updates ("Invalid Host/Origin header"). Said at once, with
 * what to do instead, rather than as a module that failed to load or an app that never updates.
 */
export async function refuseDevServers({ scripts, sources }: AppFiles): Promise<void> {
  const vite = scripts.find((script) => script.src && new URL(script.src).pathname.endsWith("/@vite/client"));
  let client = vite && `Vite's dev server client (${vite.src})`;
  let source = vite?.src;
  for (const [i, text] of sources.entries()) {
    if (!client && text && (await text.catch(() => "")).includes("webpack-dev-server/client")) {
      client = `webpack-dev-server's client (in ${scripts[i].src})`;
      source = scripts[i].src;
    }
  }
  if (client) {
    throw new ScriptError(
      source!,
      `the app runs ${client}, which cannot work in sandbox="strict": dev servers refuse the ` +
        `strict frame's opaque origin (Vite's CORS check its modules, webpack-dev-server its ` +
        `websocket). Use sandbox="iframe" (the default) or sandbox="proxy" while developing, ` +
        `and mount the built app (its dist folder) in sandbox="strict"`,
    );
  }
}
