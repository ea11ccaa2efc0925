import type { WidgetModel } from "./widget-model";

/** What the runtime reads of the page's kernel connection (@jupyterlab/services' IKernelConnection). */
interface KernelConnection {
  statusChanged?: {
    connect(slot: (sender: unknown, status: string) => void): unknown;
    disconnect(slot: (sender: unknown, status: string) => void): unknown;
  };
}

/** Statuses after which the kernel that made the widget's model is gone for good. */
const LOST = new Set(["restarting", "autorestarting", "dead"]);

/**
 * Calls `onLost` once when the kernel behind `model` restarts or dies: the widget manager's
 * kernel connection says so (JupyterLab, Notebook 7, Voila), and ipywidgets marks the model's
 * comm dead. Returns a function that stops watching.
 */
export function watchKernelLoss(model: WidgetModel, isDisconnected: () => boolean, onLost: () => void): () => void {
  let lost = false;
  const report = () => {
    if (lost) return;
    lost = true;
    onLost();
  };
  const onStatus = (_sender: unknown, status: string) => LOST.has(status) && report();
  const onCommLive = () => isDisconnected() && report();
  const kernel = (model.widget_manager as { kernel?: KernelConnection } | undefined)?.kernel;
  kernel?.statusChanged?.connect(onStatus);
  model.on("comm_live_update", onCommLive);
  return () => {
    kernel?.statusChanged?.disconnect(onStatus);
    model.off("comm_live_update", onCommLive);
  };
}
