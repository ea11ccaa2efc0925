type RealmWindow = Window & typeof globalThis;

/**
 * The realm's `<base href>` points at the app's entry, so that fetches and new elements
 * resolve there; but the History API resolves its URL argument against the base too, and the
 * entry is usually another origin. Routers mean their own location, so resolve against it.
 */
export function patchRealmHistory(win: RealmWindow, onChange?: () => void): void {
  const history = win.history;
  for (const method of ["pushState", "replaceState"] as const) {
    const native = history[method];
    Object.defineProperty(history, method, {
      configurable: true,
      writable: true,
      value(data: unknown, unused: string, url?: string | URL | null) {
        const own = url == null ? url : new URL(String(url), win.location.href).href;
        native.call(history, data, unused, own);
        onChange?.();
      },
    });
  }
}
