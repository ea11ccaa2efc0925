// A Vite app as Vite builds it: static imports, CSS imported from JS, a code-split chunk
// loaded by dynamic import(), a library from npm, and a bare specifier left to an import map.
import { nanoid } from 'nanoid';
import { shout } from 'shared-lib';
import { greeting } from './greet.js';
import './style.css';

window.viteAppGlobal = 'set by the vite app';
window.viteEntryRuns = (window.viteEntryRuns || 0) + 1;

document.getElementById('vite-title').textContent = greeting('vite');
document.getElementById('vite-id').textContent = `id length ${nanoid().length}`;
document.getElementById('vite-shared').textContent = shout('shared');

const chunks = { details: () => import('./details.js') };

document.getElementById('vite-load').addEventListener('click', async () => {
  // A non-literal import() as well: the chunk's name comes from a variable.
  const which = 'details';
  const { renderDetails } = await chunks[which]();
  renderDetails(document.getElementById('vite-details'));
  // A specifier only known at run time, which no bundler sees: resolved against this module.
  const late = ['..', 'late.js'].join('/');
  const { lateText } = await import(/* @vite-ignore */ late);
  document.getElementById('vite-late').textContent = lateText;
});
