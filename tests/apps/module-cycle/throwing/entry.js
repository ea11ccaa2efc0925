import { ok } from './thrower.js';

document.getElementById('ran').textContent = ok;
