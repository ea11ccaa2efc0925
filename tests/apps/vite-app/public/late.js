// Loaded by an import() whose specifier is computed at run time; imports by bare specifier,
// and a pair of modules that import each other.
import { shout } from 'shared-lib';
import { both } from './cycle-a.js';

export const lateText = `${shout('late module')} ${both()}`;
