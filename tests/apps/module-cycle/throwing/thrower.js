// In a cycle with entry.js; throws while it is evaluated.
import './entry.js';

export const ok = 'ran';
throw new Error('boom while evaluating a module of a cycle');
