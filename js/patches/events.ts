/**
 * Events that happen on the app's elements. The app's DOM lives in the page, so these never
 * reach the realm's own `window` or `document`; listeners for them are moved to the app's root.
 */
const UI_EVENTS = new Set(
  (
    "click dblclick auxclick contextmenu mousedown mouseup mousemove mouseover mouseout " +
    "pointerdown pointerup pointermove pointerover pointerout pointercancel " +
    "gotpointercapture lostpointercapture touchstart touchmove touchend touchcancel wheel " +
    "keydown keyup keypress beforeinput input change focusin focusout submit reset " +
    "dragstart drag dragend dragenter dragover dragleave drop copy cut paste"
  ).split(" "),
);

type RealmWindow = Window & typeof globalThis;
type Options = boolean | AddEventListenerOptions | EventListenerOptions | undefined;
type Listener = EventListenerOrEventListenerObject;
type Listen = (type: string, listener: Listener | null, options?: Options) => void;
type ListenKey = "addEventListener" | "removeEventListener";
type Registration = [target: EventTarget, type: string, listener: Listener, capture: boolean];

function capture(options: Options): boolean {
  return typeof options === "boolean" ? options : !!options?.capture;
}

/** Replaces `target`'s `addEventListener` and `removeEventListener` with `wrap` of each. */
function wrapListening(target: EventTarget, wrap: (native: Listen, key: ListenKey) => Listen): void {
  for (const key of ["addEventListener", "removeEventListener"] as const) {
    const value = wrap(target[key].bind(target), key);
    Object.defineProperty(target, key, { configurable: true, writable: true, value });
  }
}

/**
 * An app's listeners outside its realm, all removed on dispose: UI-event listeners added to the
 * realm's window or document are moved onto the app's `root`, and those it adds to the page's
 * document or window are recorded (see the constructor).
 */
export class AppListeners {
  readonly #listeners: Registration[] = [];
  readonly #root: EventTarget;

  /**
   * The app's elements live in the page, so their `ownerDocument` is the page's document, not
   * the realm's (React DOM listens for `selectionchange` there), and its `defaultView` the
   * page's window: listeners made in `realm` that are added to those are recorded too.
   */
  constructor(root: EventTarget, realm: RealmWindow) {
    this.#root = root;
    this.#route(realm);
    this.#route(realm.document);
    pageListeners.set(this, realm);
    if (pageWrapped) return;
    pageWrapped = true;
    recordAppListeners(document);
    recordAppListeners(window);
  }

  #route(target: EventTarget): void {
    const root = this.#root;
    wrapListening(target, (native, key) => (type, listener, options) => {
      if (!UI_EVENTS.has(type) || !listener) return native(type, listener, options);
      root[key](type, listener, options);
      this.note(key, root, type, listener, options);
    });
  }

  /** Records an `addEventListener` or a `removeEventListener` call on `target`. */
  note(key: ListenKey, target: EventTarget, type: string, listener: Listener, options: Options): void {
    const entry: Registration = [target, type, listener, capture(options)];
    if (key === "addEventListener") return void this.#listeners.push(entry);
    const at = this.#listeners.findIndex((other) => other.every((part, i) => part === entry[i]));
    if (at >= 0) this.#listeners.splice(at, 1);
  }

  /**
   * Takes the app's listeners off the page's document and window while it is parked (its
   * elements are off the page, and the page's events are not its business); `unpark` puts
   * them back. (EventTarget's own methods: the page's wrappers would record the calls.)
   */
  park(): void {
    for (const [target, type, listener, useCapture] of this.#onPage()) {
      EventTarget.prototype.removeEventListener.call(target, type, listener, useCapture);
    }
  }

  unpark(): void {
    for (const [target, type, listener, useCapture] of this.#onPage()) {
      EventTarget.prototype.addEventListener.call(target, type, listener, useCapture);
    }
  }

  #onPage(): Registration[] {
    return this.#listeners.filter(([target]) => target === document || target === window);
  }

  dispose(): void {
    pageListeners.delete(this);
    for (const [target, type, listener, useCapture] of this.#listeners.splice(0)) {
      target.removeEventListener(type, listener, useCapture);
    }
  }
}

/** The loaded apps, each with the realm whose listeners added to the page it records. */
const pageListeners = new Map<AppListeners, RealmWindow>();

/** The page's document and window are wrapped once, by the first app, and stay wrapped. */
let pageWrapped = false;

/** Records the apps' listeners added to a page target; with no app loaded, it only passes calls on. */
function recordAppListeners(target: EventTarget): void {
  wrapListening(target, (native, key) => (type, listener, options) => {
    native(type, listener, options);
    // A function or object made in a realm is an instance of that realm's `Object`.
    for (const [app, realm] of pageListeners) {
      if (listener instanceof realm.Object) app.note(key, target, type, listener, options);
    }
  });
}
