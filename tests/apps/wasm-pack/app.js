// A wasm-pack `--target web` package as its users load it: the default export fetches
// automerge_wasm_bg.wasm from `new URL(..., import.meta.url)`, beside the module.
import init, { create } from './pkg/automerge_wasm.js';

const result = document.getElementById('automerge-result');

try {
  await init();
  const doc = create();
  const items = doc.putObject('/', 'items', []);
  doc.insert(items, 0, 'apple');
  doc.insert(items, 1, 'pear');
  doc.put('/', 'count', 2);
  result.textContent = `automerge ${JSON.stringify(doc.materialize('/'))}`;
  doc.free();
} catch (error) {
  result.textContent = `error: ${error.message}`;
}
