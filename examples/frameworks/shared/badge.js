// A web component every app here defines and renders with its framework: <fw-badge count="N">
// shows "badge: N" in its shadow root. It takes the count as an attribute (React 18, Lit, Vue,
// Angular) or as a property (React 19, Preact, Svelte and Solid set properties an element has).
class Badge extends HTMLElement {
  static observedAttributes = ['count'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<span part="label"></span>';
  }

  attributeChangedCallback(_name, _old, value) {
    this.count = value;
  }

  set count(value) {
    this.shadowRoot.querySelector('span').textContent = `badge: ${value}`;
  }
}

/** Defines <fw-badge> in the app's registry, unless an app sharing the registry already did. */
export function defineBadge() {
  if (!customElements.get('fw-badge')) customElements.define('fw-badge', Badge);
}
