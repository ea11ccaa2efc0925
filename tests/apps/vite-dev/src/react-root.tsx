import { createRoot } from "react-dom/client";
import { Clicks } from "./Clicks";

export function renderReact(element: HTMLElement): void {
  createRoot(element).render(<Clicks />);
}
