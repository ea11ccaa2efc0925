import { early, late } from './c3.js';

export function describe() {
  return `${early} ${late()}`;
}
