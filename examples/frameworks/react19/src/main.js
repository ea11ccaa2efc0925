// React 19: createRoot under StrictMode; unmount is root.unmount().
import { StrictMode, createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { mountPoint, sharedState } from '../../shared/host.js';
import '../../shared/style.css';

function Counter({ state, title }) {
  const [clicks, setClicks] = useState(0);
  const [shared, setShared] = useState(0);
  useEffect(() => state.subscribe((value) => setShared(value.count)), [state]);
  const click = () => {
    setClicks(clicks + 1);
    setShared(shared + 1);
    state.set({ count: shared + 1 });
  };
  return h('section', { className: 'counter-app' },
    h('h3', null, title),
    h('p', { 'data-testid': 'shared' }, `shared: ${shared}`),
    h('button', { 'data-testid': 'counter', onClick: click }, `clicks: ${clicks}`));
}

let root = null;

export async function bootstrap() {}

export async function mount(props) {
  root = createRoot(mountPoint(props));
  root.render(h(StrictMode, null, h(Counter, { state: sharedState(props), title: 'React 19' })));
}

export async function unmount() {
  root.unmount();
  root = null;
}
