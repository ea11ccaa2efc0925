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

type Options = boolean | AddEventListenerOptions | EventListenerOptions | undefined;
type Registration = [type: string, listener: EventListenerOrEventListenerObject, capture: boolean];

function capture(options: Options): boolean {
  return typeof options === "boolean" ? options : !!options?.capture;
}

/** Moves UI-event listeners added to `target` onto `root`, and removes them all on dispose. */
export class UiEventRouter {
  private readonly registrations: Registration[] = [];

  constructor(private readonly root: EventTarget) {}

  route(target: EventTarget): void {
    const nativeAdd = target.addEventListener;
    const nativeRemove = target.removeEventListener;
    const router = this;
    Object.defineProperty(target, "addEventListener", {
      configurable: true,
      value(type: string, listener: EventListenerOrEventListenerObject | null, options?: Options) {
        if (!UI_EVENTS.has(type) || !listener) return nativeAdd.call(target, type, listener, options);
        router.root.addEventListener(type, listener, options);
        router.registrations.push([type, listener, capture(options)]);
      },
    });
    Object.defineProperty(target, "removeEventListener", {
      configurable: true,
      value(type: string, listener: EventListenerOrEventListenerObject | null, options?: Options) {
        if (!UI_EVENTS.has(type) || !listener) return nativeRemove.call(target, type, listener, options);
        router.root.removeEventListener(type, listener, options);
        const at = router.registrations.findIndex(
          ([t, l, c]) => t === type && l === listener && c === capture(options),
        );
        if (at >= 0) router.registrations.splice(at, 1);
      },
    });
  }

  dispose(): void {
    for (const [type, listener, useCapture] of this.registrations) {
      this.root.removeEventListener(type, listener, useCapture);
    }
    this.registrations.length = 0;
  }
}
