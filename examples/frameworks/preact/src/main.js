// Preact with htm (tagged templates, no JSX step); unmount is render(null, root).
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { defineBadge } from '../../shared/badge.js';
import { mountPoint, sharedState } from '../../shared/host.js';
import '../../shared/style.css';

const html = htm.bind(h);

function Counter({ state }) {
  const [clicks, setClicks] = useState(0);
  const [shared, setShared] = useState(0);
  useEffect(() => state.subscribe((value) => setShared(value.count)), [state]);
  const click = () => {
    setClicks(clicks + 1);
    setShared(shared + 1);
    state.set({ count: shared + 1 });
  };
  return html`<section class="counter-app">
    <h3>Preact</h3>
    <p data-testid="shared">shared: ${shared}</p>
    <fw-badge count=${shared}></fw-badge>
    <button data-testid="counter" onClick=${click}>clicks: ${clicks}</button>
  </section>`;
}

defineBadge();
let root = null;

export async function bootstrap() {}

export async function mount(props) {
  root = mountPoint(props);
  render(h(Counter, { state: sharedState(props) }), root);
}

export async function unmount() {
  render(null, root);
  root = null;
}
