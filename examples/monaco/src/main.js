// A JSON editor on monaco-editor: the editor with all its features (codicons, folding, hovers,
// find, ...) and, of the languages, JSON only, whose diagnostics come from its worker (a module
// worker Vite builds, started as `new Worker(new URL('./json.worker-<hash>.js',
// import.meta.url), {type: 'module'})`). The text is the GlobalState's `text`: typing writes it,
// a change from Python or another app shows. Below the editor, `problems: N` and the first
// marker's message: what the JSON worker found.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import 'monaco-editor/languages/features/json/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import './style.css';

// Monaco asks for a worker by label: the JSON language's, or the editor's own (word ranges,
// links, diffs).
self.MonacoEnvironment = {
  getWorker: (_, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

let editor;
let model;
const disposables = [];

export async function bootstrap() {}

export async function mount(props) {
  const root = props.container.querySelector('#monaco-app');
  const problems = root.querySelector('[data-testid="problems"]');
  model = monaco.editor.createModel('', 'json');
  editor = monaco.editor.create(root.querySelector('#editor'), {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    // The folding chevrons (codicon glyphs) show at all times, not only on hover.
    showFoldingControls: 'always',
  });
  // The state's text now, then Python's and other apps' changes (an app does not hear its own).
  let applying = false;
  props.onGlobalStateChange((state) => {
    if (typeof state.text !== 'string' || state.text === model.getValue()) return;
    applying = true;
    model.setValue(state.text);
    applying = false;
  }, true);
  disposables.push(
    // The user's edits go to the state; the state's own text is not written back.
    model.onDidChangeContent(() => applying || props.setGlobalState({ text: model.getValue() })),
    monaco.editor.onDidChangeMarkers(() => {
      const markers = monaco.editor.getModelMarkers({ resource: model.uri });
      problems.textContent = `problems: ${markers.length}${markers.length ? ` (${markers[0].message})` : ''}`;
    }),
  );
}

export async function unmount(props) {
  props.offGlobalStateChange();
  for (const disposable of disposables.splice(0)) disposable.dispose();
  editor.dispose();
  model.dispose();
}
