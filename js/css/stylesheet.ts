import { absoluteUrl, loadableUrl } from "../loader/asset-urls";
import type { Transport } from "../loader/transport";
import { loadPart } from "../loader/parts";

export interface ResolvedStylesheet {
  /** The rules that go into the app's root. */
  rules: string;
  /** The `@font-face` rules, to hoist to the document. */
  fontFaces: string;
}

/**
 * Prepares a stylesheet for the app's root: every `url(...)` made absolute against the sheet's
 * own URL (kernel-served files become blob URLs) and the `@font-face` rules split out. Only a
 * sheet that has either needs the CSS tokenizer, an on-demand part.
 */
export async function resolveStylesheet(
  css: string,
  sheetUrl: string,
  transport: Transport,
): Promise<ResolvedStylesheet> {
  const hasUrls = css.includes("url(") || /@import/i.test(css);
  if (!hasUrls && !/@font-face/i.test(css)) return { rules: css, fontFaces: "" };
  const { rewriteCssUrls, splitFontFaces } = await loadPart("css");
  const rewritten = hasUrls
    ? await rewriteCssUrls(css, (url) =>
        url.startsWith("#") ? url : loadableUrl(absoluteUrl(url, sheetUrl), transport),
      )
    : css;
  const { rest, fontFaces } = splitFontFaces(rewritten);
  return { rules: rest, fontFaces };
}
