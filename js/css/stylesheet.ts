import { absoluteUrl, loadableUrl } from "../loader/asset-urls";
import type { Transport } from "../loader/transport";
import { loadPart } from "../loader/parts";

export interface ResolvedStylesheet {
  /** The rules that go into the app's root. */
  rules: string;
  /** The `@font-face` rules, to hoist to the document. */
  fontFaces: string;
}

/** Told of a file the app can do without (a stylesheet, image or font) that could not be loaded. */
export type OnMissingFile = (url: string, error: unknown) => void;

/**
 * Prepares a stylesheet for the app's root: every `url(...)` made absolute against the sheet's
 * own URL (kernel-served files become blob URLs) and the `@font-face` rules split out. Only a
 * sheet that has either needs the CSS tokenizer, an on-demand part. With `onMissing`, a file
 * that cannot be loaded is reported and left out, as a browser leaves it out; without, it fails
 * the sheet.
 */
export async function resolveStylesheet(
  css: string,
  sheetUrl: string,
  transport: Transport,
  onMissing?: OnMissingFile,
): Promise<ResolvedStylesheet> {
  const hasUrls = css.includes("url(") || /@import/i.test(css);
  if (!hasUrls && !/@font-face/i.test(css)) return { rules: css, fontFaces: "" };
  const { rewriteCssUrls, splitFontFaces } = await loadPart<typeof import("./rewrite-urls")>("css");
  const rewritten = hasUrls
    ? await rewriteCssUrls(css, (url) =>
        url.startsWith("#") ? url : loadableOrNothing(absoluteUrl(url, sheetUrl), transport, onMissing),
      )
    : css;
  const { rest, fontFaces } = splitFontFaces(rewritten);
  return { rules: rest, fontFaces };
}

/** An empty URL, which the page never requests: an empty `@import`, no image, no font. */
const NOTHING = "data:,";

async function loadableOrNothing(url: string, transport: Transport, onMissing?: OnMissingFile): Promise<string> {
  try {
    return await loadableUrl(url, transport);
  } catch (error) {
    if (!onMissing) throw error;
    onMissing(url, error);
    return NOTHING;
  }
}
