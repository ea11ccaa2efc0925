type RealmWindow = Window & typeof globalThis;

/**
 * Gives the hidden realm the viewport of the app's container: `innerWidth`/`innerHeight` read
 * the container's size, `resize` fires when it changes, and animation frames, computed styles
 * and media queries come from the page (a hidden iframe has no frames and no size).
 * Returns a function that undoes what reaches outside the realm.
 */
export function patchRealmWindow(win: RealmWindow, host: HTMLElement): () => void {
  const size = {
    innerWidth: () => host.clientWidth,
    innerHeight: () => host.clientHeight,
    outerWidth: () => host.offsetWidth,
    outerHeight: () => host.offsetHeight,
  };
  for (const [key, get] of Object.entries(size)) {
    Object.defineProperty(win, key, { configurable: true, get });
  }
  // The app is not told it is framed: `parent` is itself, as in a top-level page.
  Object.defineProperty(win, "parent", { configurable: true, get: () => win });
  Object.defineProperty(win, "frameElement", { configurable: true, get: () => null });

  const frames = new Set<number>();
  win.requestAnimationFrame = (callback: FrameRequestCallback) => {
    const id = window.requestAnimationFrame((time) => {
      frames.delete(id);
      callback(time);
    });
    frames.add(id);
    return id;
  };
  win.cancelAnimationFrame = (id: number) => {
    frames.delete(id);
    window.cancelAnimationFrame(id);
  };
  win.getComputedStyle = (element: Element, pseudo?: string | null) => window.getComputedStyle(element, pseudo);
  win.matchMedia = (query: string) => window.matchMedia(query);

  let observed = false;
  const observer = new ResizeObserver(() => {
    // The first callback reports the initial size, which is no resize.
    if (observed) win.dispatchEvent(new win.Event("resize"));
    observed = true;
  });
  observer.observe(host);

  return () => {
    observer.disconnect();
    for (const id of frames) window.cancelAnimationFrame(id);
    frames.clear();
  };
}
