// Lit: a custom element, <fw-lit-counter>, defined once in the app's registry; mount adds one
// to the app's DOM and unmount removes it (its disconnectedCallback unsubscribes).
import { LitElement, css, html } from 'lit';
import { defineBadge } from '../../shared/badge.js';
import { mountPoint, sharedState } from '../../shared/host.js';

class LitCounter extends LitElement {
  static properties = { clicks: { state: true }, shared: { state: true } };

  static styles = css`
    section { font-family: sans-serif; padding: 4px 8px; border: 1px solid #ccc; }
    h3 { margin: 0 0 4px; }
  `;

  constructor() {
    super();
    this.clicks = 0;
    this.shared = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = this.state.subscribe((value) => {
      this.shared = value.count;
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe();
  }

  click() {
    this.clicks += 1;
    this.shared += 1;
    this.state.set({ count: this.shared });
  }

  render() {
    return html`<section>
      <h3>Lit</h3>
      <p data-testid="shared">shared: ${this.shared}</p>
      <fw-badge count=${this.shared}></fw-badge>
      <button data-testid="counter" @click=${this.click}>clicks: ${this.clicks}</button>
    </section>`;
  }
}

if (!customElements.get('fw-lit-counter')) customElements.define('fw-lit-counter', LitCounter);

defineBadge();
let element = null;

export async function bootstrap() {}

export async function mount(props) {
  element = document.createElement('fw-lit-counter');
  element.state = sharedState(props);
  mountPoint(props).append(element);
}

export async function unmount() {
  element.remove();
  element = null;
}
