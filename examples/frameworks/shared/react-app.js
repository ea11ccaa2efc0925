// The React counter app, for each React version: the version's own `react` and
// `react-dom/client` are passed in (each app's build resolves them to its version). createRoot
// under StrictMode; unmount is root.unmount().
import { defineBadge } from './badge.js';
import { mountPoint, sharedState } from './host.js';

export function reactApp({ StrictMode, createElement: h, useEffect, useState }, { createRoot }, title) {
  function Counter({ state }) {
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
      h('fw-badge', { count: shared }),
      h('button', { 'data-testid': 'counter', onClick: click }, `clicks: ${clicks}`));
  }

  defineBadge();
  let root = null;
  return {
    async bootstrap() {},
    async mount(props) {
      root = createRoot(mountPoint(props));
      root.render(h(StrictMode, null, h(Counter, { state: sharedState(props) })));
    },
    async unmount() {
      root.unmount();
      root = null;
    },
  };
}
