// A zero-change React app. React DOM listens for `selectionchange` on its root's
// ownerDocument; this app listens there too, for `selectionchange` and `react-app-ping`, and
// counts each call of its listeners in the `data-react-app-calls` attribute of that document's
// <html>, so a test can see which listeners are still called.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('react-root');
const page = container.ownerDocument;

function countCall() {
  const html = page.documentElement;
  html.dataset.reactAppCalls = String(Number(html.dataset.reactAppCalls || 0) + 1);
}
page.addEventListener('selectionchange', countCall);
page.addEventListener('react-app-ping', countCall);

function App() {
  const [clicks, setClicks] = useState(0);
  return createElement('button', { id: 'react-button', onClick: () => setClicks(clicks + 1) },
    `clicked ${clicks}`);
}

createRoot(container).render(createElement(App));
