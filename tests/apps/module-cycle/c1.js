// c1.js -> c2.js -> c3.js -> c1.js: c3.js runs first, before c1.js's body.
import './c2.js';

export function hoisted() {
  return 'hoisted';
}

export let level = 'initial';

export function setLevel(value) {
  level = value;
}
