/**
 * In-app fragment links (`<a href="#/route">`) live in the page's DOM, where following them
 * would change the notebook page's URL. They change the app's own location instead.
 * The listener sits on the host, outside the app's root, so the app's own handlers run first
 * and can still cancel the navigation.
 */
export function routeFragmentLinks(host: HTMLElement, appLocation: () => Location): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => (node as Element).localName === "a");
    const href = anchor?.getAttribute("href");
    if (!href?.startsWith("#") || anchor!.target) return;
    event.preventDefault();
    appLocation().hash = href;
  };
  host.addEventListener("click", onClick);
  return () => host.removeEventListener("click", onClick);
}
