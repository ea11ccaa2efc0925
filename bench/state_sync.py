"""Shared state and events in JupyterLab, against a bare anywidget measured in the same run."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from harness import chromium, rate_summary, summary

from tests.browser.notebook import open_notebook
from tests.browser.servers import start_lab

TRIALS = 120
EVENTS = 5000
EVENT_ROUNDS = 5

SETUP = '''
import time
import anywidget
import traitlets
from microfrontends import GlobalState, MicroApp

PROBE = """<p>probe</p><script>
  window.hits = [];
  window.microfrontends.onGlobalStateChange(function (state) {
    window.hits.push([state.k, performance.timeOrigin + performance.now()]);
  });
</script>"""

class Bare(anywidget.AnyWidget):
    _esm = """export default { render({ model, el }) {
      window.bareModel = model;
      window.bareHits = [];
      model.on('change:value', () =>
        window.bareHits.push([model.get('value'), performance.timeOrigin + performance.now()]));
      el.textContent = 'bare';
    } };"""
    value = traitlets.Int(0).tag(sync=True)

state = GlobalState({"k": -1, "k2": -1})
a = MicroApp(html=PROBE, name="a", state=state)
b = MicroApp(html=PROBE, name="b", state=state)
bare = Bare()
sent = []
bare_seen, state_seen, events_seen = [], [], []
bare.observe(lambda c: bare_seen.append((c.new, time.time() * 1000)), names="value")
state.observe(lambda c: state_seen.append((c.new.get("k2"), time.time() * 1000))
              if c.origin == "a" else None)
a.on("n", lambda payload: events_seen.append((payload, time.time() * 1000)))
'''

REALM = "document.querySelector('iframe[data-microfrontends-realm=\"{}\"]').contentWindow"

# The other app's listener runs inside setGlobalState (no kernel round trip); the time is
# taken when it has run, waiting further only if it had not.
APP_TO_APP = f"""async (trials) => {{
  const a = {REALM.format("a")};
  const b = {REALM.format("b")};
  const times = [];
  for (let i = 0; i < trials; i++) {{
    const before = b.hits.length;
    const start = performance.now();
    a.microfrontends.setGlobalState({{ k: 100000 + i }});
    while (b.hits.length === before) await new Promise((r) => setTimeout(r, 0));
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 5));
  }}
  return times;
}}"""

JS_TO_PYTHON = f"""async (trials) => {{
  const a = {REALM.format("a")};
  const starts = {{ bare: [], state: [] }};
  for (let i = 0; i < trials; i++) {{
    starts.bare.push([200000 + i, performance.timeOrigin + performance.now()]);
    window.bareModel.set('value', 200000 + i);
    window.bareModel.save_changes();
    await new Promise((r) => setTimeout(r, 40));
    starts.state.push([i, performance.timeOrigin + performance.now()]);
    a.microfrontends.setGlobalState({{ k2: i }});
    await new Promise((r) => setTimeout(r, 40));
  }}
  return starts;
}}"""

EMIT = f"""(count) => {{
  const a = {REALM.format("a")};
  const start = performance.timeOrigin + performance.now();
  for (let i = 0; i < count; i++) a.microfrontends.emit('n', i);
  return start;
}}"""


def _latencies(starts: list[list[float]], arrivals: list[list[float]]) -> list[float]:
    arrived = {value: at for value, at in arrivals}
    return [arrived[value] - at for value, at in starts if value in arrived]


def measure(trials: int = TRIALS) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        lab = start_lab(Path(tmp))
        try:
            page = context.new_page()
            nb = open_notebook(page, lab, [SETUP, "a", "b", "bare"])
            for index in range(4):
                nb.run_cell(index)
            page.wait_for_function(
                "() => window.bareModel && document.querySelectorAll("
                "'[data-microfrontends-status=\"MOUNTED\"]').length === 2"
            )
            results = {}

            # Python sets a value -> a JS listener runs (bare trait vs GlobalState key).
            for i in range(trials):
                nb.execute(f"sent.append(('bare', {i}, time.time() * 1000)); bare.value = {i}")
                nb.execute(f"sent.append(('state', {i}, time.time() * 1000)); state['k'] = {i}")
                time.sleep(0.01)
            time.sleep(1)
            sent = nb.execute("", {"s": "sent"})["s"]
            bare_hits = page.evaluate("window.bareHits")
            app_hits = page.evaluate(f"{REALM.format('a')}.hits")
            py_to_js = {
                kind: _latencies([[v, t] for k, v, t in sent if k == kind], hits)
                for kind, hits in (("bare", bare_hits), ("state", app_hits))
            }
            results["python_to_app"] = _ratio(py_to_js["state"], py_to_js["bare"])

            results["app_to_app"] = summary(page.evaluate(APP_TO_APP, trials))

            starts = page.evaluate(JS_TO_PYTHON, trials)
            time.sleep(1)
            seen = nb.execute("", {"bare": "bare_seen", "state": "state_seen"})
            results["app_to_python"] = _ratio(
                _latencies(starts["state"], seen["state"]), _latencies(starts["bare"], seen["bare"])
            )

            rates = []
            for _ in range(EVENT_ROUNDS):
                nb.execute("events_seen.clear()")
                start = page.evaluate(EMIT, EVENTS)
                deadline = time.monotonic() + 60
                while nb.execute("", {"n": "len(events_seen)"})["n"] < EVENTS:
                    assert time.monotonic() < deadline, "events were lost"
                    time.sleep(0.05)
                last, in_order = nb.execute(
                    "",
                    {
                        "last": "events_seen[-1][1]",
                        "ordered": f"[p for p, _ in events_seen] == list(range({EVENTS}))",
                    },
                ).values()
                assert in_order is True, "events arrived out of order"
                rates.append(EVENTS / ((last - start) / 1000))
            results["event_throughput"] = rate_summary(rates)
            nb.close()
        finally:
            lab.stop()
    return results


def _ratio(ours: list[float], baseline: list[float]) -> dict[str, float]:
    mine, base = summary(ours), summary(baseline)
    return {
        "median": mine["median"],
        "q1": mine["q1"],
        "q3": mine["q3"],
        "n": mine["n"],
        "baseline_median": base["median"],
        "ratio": mine["median"] / base["median"],
    }
