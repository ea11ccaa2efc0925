/**
 * A dev server's client reloads the page when a change cannot be applied in place (Vite's
 * `location.reload()` after an edit no module accepts, webpack-dev-server's live reload). In a
 * realm that would load the frame's URL, a page of the notebook's server, into the hidden frame,
 * while the app stays as it was. `Location.reload` cannot be replaced (it is unforgeable), and a
 * frame whose document the page wrote gets no Navigation API events; but it hears
 * `beforeunload`, and removing the frame then (`discard`) ends the navigation before its request
 * is sent. The host then loads the app again (`reload`): the app alone reloads, as the page alone
 * does in a tab. Any navigation of the realm's document away reloads the app so. (When the page
 * itself unloads, Chromium asks its frames only once the user has chosen to leave: one who stays
 * keeps the apps as they were.)
 */
export function routeRealmReload(win: Window, discard: () => void, reload: () => void): void {
  win.addEventListener("beforeunload", () => {
    discard();
    reload();
  });
}
