import { whenIdle } from "../loader/idle";
import { shareDomInstanceof } from "../patches/instanceof";

/**
 * Blank realm iframes. A new browsing context is most of what a cold mount costs (the browser
 * builds a frame, a document and a JS context: 7-10 ms on a slow machine), and a blank one
 * belongs to no app yet. So the page keeps one spare, made while it is idle, and a mount takes
 * it; the next spare is made when that app is mounted and the page is idle again (not sooner:
 * making one blocks the page for as long as a mount's own work).
 */

/** Marks the spare; a realm iframe in use carries `data-microfrontends-realm` instead. */
const SPARE_ATTRIBUTE = "data-microfrontends-spare";

let spare: Promise<HTMLIFrameElement> | undefined;
let scheduled = false;

/**
 * A hidden same-origin iframe holding a blank document written by the page, its DOM interfaces
 * already sharing `instanceof` with the page's (the same for every app, and slow to set up).
 */
async function blankFrame(): Promise<HTMLIFrameElement> {
  const iframe = document.createElement("iframe");
  iframe.setAttribute("aria-hidden", "true");
  iframe.tabIndex = -1;
  iframe.style.display = "none";
  document.body.append(iframe);
  const win = iframe.contentWindow!;
  const doc = win.document;
  // Writing the document from the page gives it the page's origin and URL (an initial
  // about:blank document cannot take the app's URL with history.replaceState).
  doc.open();
  doc.write("<!doctype html><html><head><base></head><body></body></html>");
  doc.close();
  if (doc.readyState !== "complete") {
    await new Promise<void>((resolve) => win.addEventListener("load", () => resolve(), { once: true }));
  }
  shareDomInstanceof(win as Window & typeof globalThis);
  return iframe;
}

/** Makes a spare frame when the page is next idle, unless there is one. */
export function keepSpareFrame(): void {
  if (spare || scheduled || typeof document === "undefined") return;
  scheduled = true;
  whenIdle(() => {
    scheduled = false;
    if (spare || !document.body) return;
    spare = blankFrame().then((iframe) => {
      iframe.setAttribute(SPARE_ATTRIBUTE, "");
      return iframe;
    });
    spare.catch(() => undefined); // takeBlankFrame makes one of its own instead
  });
}

/** A blank frame for a new realm: the spare if it is still in the page, else a new one. */
export async function takeBlankFrame(): Promise<HTMLIFrameElement> {
  const claimed = spare;
  spare = undefined;
  const iframe = await claimed?.catch(() => undefined);
  if (iframe?.isConnected && iframe.contentWindow) {
    iframe.removeAttribute(SPARE_ATTRIBUTE);
    return iframe;
  }
  iframe?.remove();
  return blankFrame();
}
