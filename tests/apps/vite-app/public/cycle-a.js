import { upper } from './cycle-b.js';

export const letter = 'a';

export function both() {
  return letter + upper();
}
