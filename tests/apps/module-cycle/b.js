import { a } from './a.js';

export function b() {
  return 'B' + a;
}
