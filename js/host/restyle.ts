import { STYLESHEET_HREF, type AppDom } from "../contract/app-dom";
import { resolveStylesheet, type ResolvedStylesheet } from "../css/stylesheet";
import { assetText, type Transport } from "../loader/transport";

/** A stylesheet that changed (protocol.ts: COMMAND_KIND): its URL and, unless it was too big, its new text. */
export interface StylesheetChange {
  url: string;
  text?: string;
}

/**
 * Puts the new rules of the app's stylesheets that changed in place of the old, as a dev
 * server's hot update of a CSS file does: the app keeps its DOM and state. Resolves false,
 * having changed nothing, where this cannot be done and the app must be reloaded: a URL
 * no stylesheet of the app's DOM came from (a sheet another sheet imports, a strict frame's
 * sheet, a parked app's), a sheet with `@font-face` rules (fonts live in the page), or a sheet
 * that cannot be loaded (the reload reports it).
 */
export async function restyle(dom: AppDom, changes: StylesheetChange[], transport: Transport): Promise<boolean> {
  const styles = changes.map(({ url }) => stylesFrom(dom, url));
  if (!changes.length || styles.some((found) => found.length === 0)) return false;
  try {
    const sheets = await Promise.all(changes.map((change) => newSheet(change, transport)));
    if (sheets.some((sheet) => sheet.fontFaces)) return false;
    sheets.forEach(({ rules }, index) => {
      for (const style of styles[index]) style.textContent = dom.styleText(rules);
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The sheet's new rules, from the text that came with the change or fetched. Either way the page's
 * cache gets the new file, for the app's next load.
 */
async function newSheet({ url, text }: StylesheetChange, transport: Transport): Promise<ResolvedStylesheet> {
  const fetched = transport.fetch(url, { fresh: true });
  if (text === undefined) {
    const asset = await fetched;
    return resolveStylesheet(assetText(asset), asset.url, transport);
  }
  fetched.catch(() => undefined);
  return resolveStylesheet(text, url, transport);
}

/** The `<style>` elements of the app's DOM that hold the stylesheet at `url`. */
function stylesFrom(dom: AppDom, url: string): Element[] {
  const wanted = new URL(url).href;
  return Array.from(dom.root.querySelectorAll(`style[${STYLESHEET_HREF}]`)).filter(
    (style) => new URL(style.getAttribute(STYLESHEET_HREF) ?? "", wanted).href === wanted,
  );
}
