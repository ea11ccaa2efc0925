// a.js <-> b.js: b.js runs first, and reads `a` only when a.js calls b().
import { b } from './b.js';

export const a = 'A';
export const two = b();
