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
