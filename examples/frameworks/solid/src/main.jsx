// Solid: JSX compiled at build time (vite-plugin-solid); unmount is the dispose function
// render() returns.
import { createSignal, onCleanup } from 'solid-js';
import { render } from 'solid-js/web';
import { defineBadge } from '../../shared/badge.js';
import { mountPoint, sharedState } from '../../shared/host.js';
import '../../shared/style.css';

function Counter(props) {
  const [clicks, setClicks] = createSignal(0);
  const [shared, setShared] = createSignal(0);
  onCleanup(props.state.subscribe((value) => setShared(value.count)));
  const click = () => {
    setClicks(clicks() + 1);
    setShared(shared() + 1);
    props.state.set({ count: shared() });
  };
  return (
    <section class="counter-app">
      <h3>Solid</h3>
      <p data-testid="shared">shared: {shared()}</p>
      <fw-badge count={shared()}></fw-badge>
      <button data-testid="counter" onClick={click}>
        clicks: {clicks()}
      </button>
    </section>
  );
}

defineBadge();
let dispose = null;

export async function bootstrap() {}

export async function mount(props) {
  const state = sharedState(props);
  dispose = render(() => <Counter state={state} />, mountPoint(props));
}

export async function unmount() {
  dispose();
  dispose = null;
}
