import './details.css';
import { greeting } from './greet.js';

export function renderDetails(container) {
  const box = document.createElement('p');
  box.className = 'vite-details-box';
  box.textContent = `details chunk loaded (${greeting('chunk')})`;
  container.append(box);
}
