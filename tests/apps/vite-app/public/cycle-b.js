import { letter } from './cycle-a.js';

export function upper() {
  return letter.toUpperCase();
}
