// The customers app: a Preact view (rendered with htm, no build-time JSX) of the shared
// state's orders per customer. Picking a customer loads the details view, a chunk of its own,
// and tells the host with a "customer-selected" event.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { customerTotals, money, scopeOf, selectedOrders } from './customers.js';
import './style.css';

const html = htm.bind(h);

// On a GlobalState in a notebook; otherwise standalone, with sample data.
const host = window.microfrontends && window.microfrontends.hasGlobalState ? window.microfrontends : null;
const SAMPLE = {
  region: 'All',
  min_amount: 0,
  orders: [
    { id: 1, customer: 'Acme', region: 'EU', amount: 300 },
    { id: 2, customer: 'Globex', region: 'US', amount: 200 },
    { id: 3, customer: 'Acme', region: 'US', amount: 150 },
  ],
};

function useSharedState() {
  const [state, setState] = useState(host ? host.getGlobalState() : SAMPLE);
  useEffect(() => {
    if (host) host.onGlobalStateChange((next) => setState(next), true);
  }, []);
  return state;
}

function Customers() {
  const state = useSharedState();
  const [chosen, setChosen] = useState(null);
  const [Details, setDetails] = useState(null);
  const orders = selectedOrders(state);
  const rows = customerTotals(orders);
  const top = rows.length ? rows[0].total : 0;
  const total = rows.reduce((sum, row) => sum + row.total, 0);

  async function choose(row) {
    setChosen(row.customer);
    // The details view is a chunk of its own, with its own CSS: loaded on first use.
    const module = await import('./details.js');
    setDetails(() => module.CustomerDetails);
    if (host) host.emit('customer-selected', { customer: row.customer, count: row.count, total: row.total });
  }

  return html`
    <section class="customers">
      <header>
        <h3>Customers <small id="customers-scope">${scopeOf(state)}</small></h3>
        <span id="customers-total" class="num">${money(total)}</span>
      </header>
      <ol class="ranking">
        ${rows.map(
          (row) => html`
            <li
              key=${row.customer}
              class=${`customer-row${row.customer === chosen ? ' selected' : ''}`}
              data-customer=${row.customer}
              onClick=${() => choose(row)}
            >
              <span class="name">${row.customer}</span>
              <span class="bar"><span style=${`width: ${top ? (100 * row.total) / top : 0}%`}></span></span>
              <span class="num">${row.count}</span>
              <span class="num">${money(row.total)}</span>
            </li>
          `,
        )}
      </ol>
      ${Details && chosen
        ? html`<${Details} customer=${chosen} orders=${orders.filter((order) => order.customer === chosen)} />`
        : html`<p class="hint">Pick a customer to see their orders.</p>`}
    </section>
  `;
}

render(html`<${Customers} />`, document.getElementById('customers-root'));
