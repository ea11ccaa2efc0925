"""Custom elements that an app defines, in the sandboxes that run its scripts in a realm of
their own (iframe, proxy), on the plain-page core: they upgrade wherever the app's DOM is made
(its entry's markup, `document.createElement`, `innerHTML`, inside another component's shadow
root), with their lifecycle callbacks, shadow roots, slots, `:host` and `::part` styles and
events; two apps define the same tag with different classes; unloading them leaves the page's
own registry as it was."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_core_page
from .servers import StaticServer


def app_html(label: str) -> str:
    """An app that defines `zoo-counter` (its text starts with `label`) and `zoo-badge`, used
    inside the counter's shadow root, and shows counters made five ways."""
    return f"""<style>zoo-counter::part(count) {{ color: rgb(0, 128, 0); }}</style>
<zoo-counter id="from-markup"><span>slotted</span></zoo-counter>
<div id="made"></div><div id="parsed"></div><div id="owned"></div><p id="events">0</p>
<script>
  class ZooBadge extends HTMLElement {{
    connectedCallback() {{ this.textContent = 'badge'; }}
  }}
  class ZooCounter extends HTMLElement {{
    constructor() {{
      super();
      this.count = 0;
      const root = this.attachShadow({{ mode: 'open' }});
      root.innerHTML =
        '<style>:host {{ display: block; border-left: 3px solid rgb(255, 0, 0); }}</style>' +
        '<button part="count">{label} 0</button><slot></slot><zoo-badge></zoo-badge>';
      root.querySelector('button').addEventListener('click', () => {{
        this.count += 1;
        root.querySelector('button').textContent = '{label} ' + this.count;
        this.dispatchEvent(new CustomEvent('zoo-change', {{ bubbles: true, composed: true }}));
      }});
    }}
    connectedCallback() {{
      this.dataset.connected = String(Number(this.dataset.connected || 0) + 1);
    }}
  }}
  customElements.define('zoo-badge', ZooBadge);
  customElements.define('zoo-counter', ZooCounter);
  var made = document.createElement('zoo-counter');
  made.id = 'made-counter';
  document.getElementById('made').appendChild(made);
  document.getElementById('parsed').innerHTML = '<zoo-counter id="parsed-counter"></zoo-counter>';
  // As React makes elements: with the container's ownerDocument, which is the page's. (A tag
  // two apps define is the app's whose file is on the stack: tests/browser/test_frameworks.py.)
  customElements.define('zoo-owned-{label.lower()}', class extends ZooCounter {{}});
  var owned = document.getElementById('owned');
  var byOwner = owned.ownerDocument.createElement('zoo-owned-{label.lower()}');
  byOwner.id = 'owner-counter';
  owned.appendChild(byOwner);
  document.body.addEventListener('zoo-change', function () {{
    var events = document.getElementById('events');
    events.textContent = String(Number(events.textContent) + 1);
  }});
  window.isCounter = document.getElementById('from-markup') instanceof HTMLElement;
</script>"""


MOUNT = """async ([name, html, sandbox]) => {
  const { mount } = await import('/src/microfrontends/static/core.js');
  const slot = document.createElement('div');
  document.body.append(slot);
  window.apps = window.apps || {};
  window.apps[name] = await mount(slot, { name, html, sandbox });
}"""


@pytest.mark.parametrize("sandbox", ["iframe", "proxy"])
def test_custom_elements_upgrade_in_the_apps_dom_and_stay_the_apps(
    page: Page, core_page_server: StaticServer, sandbox: str
) -> None:
    open_core_page(page, core_page_server)
    page.evaluate(MOUNT, ["zoo-a", app_html("A"), sandbox])
    page.evaluate(MOUNT, ["zoo-b", app_html("B"), sandbox])
    for name, label in (("zoo-a", "A"), ("zoo-b", "B")):
        app = page.locator(f'[data-microfrontends-app="{name}"]')
        for counter in ("#from-markup", "#made-counter", "#parsed-counter", "#owner-counter"):
            button = app.locator(f"{counter} button")
            expect(button).to_have_text(f"{label} 0")
            button.click()
            expect(button).to_have_text(f"{label} 1")
            expect(app.locator(counter)).to_have_attribute("data-connected", "1")
            expect(app.locator(f"{counter} zoo-badge")).to_have_text("badge")
        expect(app.locator("#events")).to_have_text("4")
        expect(app.locator("#from-markup span")).to_have_text("slotted")
        styles = app.locator("#from-markup").evaluate(
            """el => [getComputedStyle(el).borderLeftColor,
                      getComputedStyle(el.shadowRoot.querySelector('button')).color]"""
        )
        assert styles == ["rgb(255, 0, 0)", "rgb(0, 128, 0)"]
    assert page.evaluate("apps['zoo-a'].window.isCounter") is True
    assert page.evaluate("customElements.get('zoo-counter')") is None

    page.evaluate("Promise.all(Object.values(apps).map((app) => app.unload()))")
    expect(page.locator("[data-microfrontends-app]")).to_have_count(0)
    assert page.evaluate("customElements.get('zoo-counter') === undefined")
    assert page.evaluate("customElements.get('zoo-badge') === undefined")
