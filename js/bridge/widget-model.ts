/** The part of an anywidget model the runtime uses. */
export interface WidgetModel {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save_changes(): void;
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
  send(content: unknown, callbacks?: unknown, buffers?: ArrayBuffer[] | ArrayBufferView[]): void;
  /** anywidget's access to other widgets' models, for references such as `state`. */
  widget_manager?: { get_model(id: string): Promise<WidgetModel> };
}

const REFERENCE = "IPY_MODEL_";

/** The model a widget-reference trait points at (ipywidgets' "IPY_MODEL_<id>"), if any. */
export async function referencedModel(model: WidgetModel, trait: string): Promise<WidgetModel | undefined> {
  const value = model.get(trait);
  if (typeof value !== "string" || !value.startsWith(REFERENCE) || !model.widget_manager) return undefined;
  return model.widget_manager.get_model(value.slice(REFERENCE.length));
}

/** Models whose kernel has been reported gone, so that the console hears of it once each. */
const reportedGone = new WeakSet<WidgetModel>();

/**
 * Sends to the kernel; once the kernel is gone (restarted or shut down: ipywidgets' comm then
 * throws "Cannot send"), the message stays in the page and the console says so, once per model,
 * instead of every change throwing from a task of its own. The apps already show that their
 * kernel stopped (js/bridge/kernel-loss.ts).
 */
export function sendToKernel(model: WidgetModel, content: unknown, buffers?: ArrayBuffer[]): boolean {
  try {
    model.send(content, undefined, buffers);
    return true;
  } catch (error) {
    if (!reportedGone.has(model)) {
      reportedGone.add(model);
      console.warn(
        "microfrontends: changes and events no longer reach Python: its kernel is gone " +
          `(${error instanceof Error ? error.message : String(error)}); they stay in this page. ` +
          "Run the cell again for a working app.",
      );
    }
    return false;
  }
}
