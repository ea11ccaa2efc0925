// The details view: one customer's orders in the current selection. Loaded with import() the
// first time a customer is picked, so it is a chunk of its own, with its own stylesheet.
import { h } from 'preact';
import htm from 'htm';
import { money } from './customers.js';
import './details.css';

const html = htm.bind(h);

export function CustomerDetails({ customer, orders }) {
  return html`
    <div class="details" id="customer-details">
      <h4>${customer}: ${orders.length} order${orders.length === 1 ? '' : 's'}</h4>
      <ul>
        ${orders.map(
          (order) => html`
            <li key=${order.id} class="customer-order" data-region=${order.region}>
              #${order.id} <span class="region">${order.region}</span> <span class="num">${money(order.amount)}</span>
            </li>
          `,
        )}
      </ul>
    </div>
  `;
}
