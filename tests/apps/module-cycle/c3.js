import { hoisted, level } from './c1.js';

// c1.js has not run yet: only its function declarations are there, as in a browser.
export const early = hoisted();

export function late() {
  return level;
}
