import { STYLESHEET_HREF, type AppDom } from "../contract/app-dom";
import { resolveStylesheet } from "../css/stylesheet";
import { assetText, type Transport } from "../loader/transport";

/**
 * Loads the app's stylesheets at `urls` again and puts their new rules in place of the old, as
 * a dev server's hot update of a CSS file does: the app keeps its DOM and state. Resolves
 * false, having changed nothing, where this cannot be done and the app must be reloaded: a URL
 * no stylesheet of the app's DOM came from (a sheet another sheet imports, a strict frame's
 * sheet, a parked app's), a sheet with `@font-face` rules (fonts live in the page), or a sheet
 * that cannot be loaded (the reload reports it).
 */
export async function restyle(dom: AppDom, urls: string[], transport: Transport): Promise<boolean> {
  const styles = urls.map((url) => stylesFrom(dom, url));
  if (styles.some((found) => found.length === 0)) return false;
  try {
    const sheets = await Promise.all(
      urls.map(async (url) => {
        const asset = await transport.fetch(url, { fresh: true });
        return resolveStylesheet(assetText(asset), asset.url, transport);
      }),
    );
    if (sheets.some((sheet) => sheet.fontFaces)) return false;
    sheets.forEach(({ rules }, index) => {
      for (const style of styles[index]) style.textContent = dom.styleText(rules);
    });
    return true;
  } catch {
    return false;
  }
}

/** The `<style>` elements of the app's DOM that hold the stylesheet at `url`. */
function stylesFrom(dom: AppDom, url: string): Element[] {
  const wanted = new URL(url).href;
  return Array.from(dom.root.querySelectorAll(`style[${STYLESHEET_HREF}]`)).filter(
    (style) => new URL(style.getAttribute(STYLESHEET_HREF) ?? "", wanted).href === wanted,
  );
}
