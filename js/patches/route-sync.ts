type RealmWindow = Window & typeof globalThis;

/**
 * Mirrors an app's route into the page's query string (`?mf-<name>=<route>`), as wujie's
 * `sync` does, so that reloading a Voila dashboard puts every app back where it was. The
 * route is the app's location below its entry's folder, with its query and hash.
 */
export class RouteSync {
  private readonly key: string;

  constructor(
    private readonly win: RealmWindow,
    name: string,
    private readonly basePath: string,
  ) {
    this.key = `mf-${name}`;
  }

  /** Where the page's URL says the app was, if it names a route for it (an absolute URL). */
  savedRoute(): string | undefined {
    const route = new URLSearchParams(window.location.search).get(this.key);
    if (!route) return undefined;
    const target = new URL(route.replace(/^\//, ""), this.win.location.origin + this.basePath);
    return target.origin === this.win.location.origin ? target.href : undefined;
  }

  /** Writes the app's current route into the page's URL (without a new history entry). */
  readonly record = (): void => {
    const { pathname, search, hash } = this.win.location;
    const route = pathname.startsWith(this.basePath)
      ? pathname.slice(this.basePath.length) + search + hash
      : pathname + search + hash;
    const url = new URL(window.location.href);
    if (route) url.searchParams.set(this.key, route);
    else url.searchParams.delete(this.key);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  };

  start(): () => void {
    this.win.addEventListener("hashchange", this.record);
    this.win.addEventListener("popstate", this.record);
    return () => {
      this.win.removeEventListener("hashchange", this.record);
      this.win.removeEventListener("popstate", this.record);
    };
  }
}
