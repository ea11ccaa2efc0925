// Two cycles of ES modules, whose bindings must stay live as in a browser's own loader.
import { two } from './a.js';
import { setLevel } from './c1.js';
import { describe } from './c2.js';

document.getElementById('two-modules').textContent = two;
// A `let` binding of c1.js, changed after every module ran; c3.js reads it.
setLevel('set later');
document.getElementById('three-modules').textContent = describe();
