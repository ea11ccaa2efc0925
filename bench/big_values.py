"""Big values and bursts in JupyterLab, against a bare anywidget measured in the same run.

``.venv/bin/python bench/big_values.py`` prints the figures and writes ``bench/big_values.json``.

- A 16 MiB string, app -> Python: an app's ``setGlobalState({big})`` until Python's observer
  has it, against a bare anywidget whose page sends the string's UTF-8 bytes as binary buffers
  of 4 MiB (one message over 10 MiB would close the kernel's websocket) and whose Python side
  joins and decodes them.
- A 16 MiB string, Python -> app: ``state["big"] = text`` until the app's listener has it,
  against the bare anywidget sending ``text.encode()`` as one binary buffer that its page
  decodes.
- 1,000,000 ``emit``s of an app in one tick until Python's handler has the last: events/s.

The text is printable ASCII without quotes or backslashes, which JSON would escape (strings
full of them take several times longer to serialise, on both sides). Both ends are stamped
with the wall clock (``time.time()`` in Python, ``performance.timeOrigin + performance.now()``
in the page; one machine). Trials alternate between ours and the bare
widget; each string differs from the last so that every trial is a change.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from harness import REPO_ROOT, chromium, rate_summary, summary

from tests.browser.notebook import Notebook, open_notebook
from tests.browser.servers import start_lab

MiB = 2**20
SIZE = 16 * MiB
TRIALS = 8
BURST = 1_000_000
BURST_ROUNDS = 2
OUT = Path(__file__).with_name("big_values.json")

SETUP = '''
import time
import anywidget
from microfrontends import GlobalState, MicroApp

PROBE = """<p>probe</p><script>
  window.arrivals = [];
  window.microfrontends.onGlobalStateChange(function (state) {
    if (typeof state.big === 'string')
      window.arrivals.push([state.big.length, performance.timeOrigin + performance.now()]);
  });
</script>"""

class Bare(anywidget.AnyWidget):
    _esm = """export default { render({ model, el }) {
      window.bareModel = model;
      window.bareArrivals = [];
      model.on('msg:custom', (content, buffers) => {
        const text = new TextDecoder().decode(buffers[0]);
        window.bareArrivals.push([text.length, performance.timeOrigin + performance.now()]);
      });
      el.textContent = 'bare';
    } };"""

    def __init__(self):
        super().__init__()
        self.parts, self.arrivals = [], []
        self.on_msg(self._got)

    def _got(self, _widget, content, buffers):
        self.parts.append(bytes(buffers[0]))
        if content.get("last"):
            text = b"".join(self.parts).decode()
            self.parts = []
            self.arrivals.append((len(text), time.time() * 1000))

state = GlobalState({})
a = MicroApp(html=PROBE, name="a", state=state)
bare = Bare()
state_arrivals, burst_last = [], []
state.observe(lambda c: state_arrivals.append((len(c.new["big"]), time.time() * 1000))
              if c.origin == "a" else None)
a.on("n", lambda payload: burst_last.append(time.time() * 1000) if payload == LAST else None)
BLOCK = "".join(chr(0x20 + (i * 7) % 90) for i in range(1024))
BLOCK = BLOCK.replace(chr(34), chr(39)).replace(chr(92), "/")  # no quotes, no backslashes

def text_of(trial):
    return (BLOCK * (SIZE // 1024))[:-8] + f"{trial:08d}"
'''.replace("LAST", str(BURST - 1)).replace("SIZE", str(SIZE))

REALM = "document.querySelector('iframe[data-microfrontends-realm=\"a\"]').contentWindow"

# A flat string of SIZE chars in the page, different each trial; then the clock starts.
SEND_FROM_PAGE = f"""([kind, trial, size]) => {{
  const realm = {REALM};
  let block = '';
  for (let i = 0; i < 1024; i++) block += String.fromCharCode(0x20 + (i * 7) % 90);
  block = block.replaceAll(String.fromCharCode(34), "'").replaceAll(String.fromCharCode(92), '/');
  const text = block.repeat(size / 1024).slice(0, -8) + String(trial).padStart(8, '0');
  text.charCodeAt(5);  // flattens it
  const start = performance.timeOrigin + performance.now();
  if (kind === 'ours') {{
    realm.microfrontends.setGlobalState({{ big: text }});
  }} else {{
    const bytes = new TextEncoder().encode(text);
    const chunk = 4 * 1048576;
    for (let at = 0; at < bytes.length; at += chunk) {{
      const part = bytes.slice(at, at + chunk);
      window.bareModel.send({{ last: at + chunk >= bytes.length }}, undefined, [part.buffer]);
    }}
  }}
  return start;
}}"""

BURST_JS = f"""(count) => {{
  const api = {REALM}.microfrontends;
  const start = performance.timeOrigin + performance.now();
  for (let i = 0; i < count; i++) api.emit('n', i);
  return start;
}}"""


def _wait(nb: Notebook, expression: str, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while nb.execute("", {"n": expression})["n"] < count:
        assert time.monotonic() < deadline, f"{expression} never reached {count}"
        time.sleep(0.05)


def _app_to_python(nb: Notebook, page, kind: str, trial: int) -> float:
    arrivals = "state_arrivals" if kind == "ours" else "bare.arrivals"
    before = nb.execute("", {"n": f"len({arrivals})"})["n"]
    start = page.evaluate(SEND_FROM_PAGE, [kind, trial, SIZE])
    _wait(nb, f"len({arrivals})", before + 1)
    length, arrived = nb.execute("", {"last": f"{arrivals}[-1]"})["last"]
    assert length == SIZE, f"{kind}: {length} chars arrived, not {SIZE}"
    return arrived - start


def _python_to_app(nb: Notebook, page, kind: str, trial: int) -> float:
    arrivals = f"{REALM}.arrivals" if kind == "ours" else "window.bareArrivals"
    before = page.evaluate(f"{arrivals}.length")
    nb.execute(f"text = text_of({trial})")
    send = "state['big'] = text" if kind == "ours" else "bare.send({}, [text.encode()])"
    start = nb.execute(f"start = time.time() * 1000\n{send}", {"start": "start"})["start"]
    page.wait_for_function(f"{arrivals}.length > {before}", timeout=120_000)
    length, arrived = page.evaluate(f"{arrivals}[{arrivals}.length - 1]")
    assert length == SIZE, f"{kind}: {length} chars arrived, not {SIZE}"
    return arrived - start


def _rates(times: dict[str, list[float]]) -> dict[str, object]:
    """MiB/s of each side (from the median time) and ours / bare."""
    result: dict[str, object] = {}
    for kind, values in times.items():
        seconds = statistics.median(values) / 1000
        result[kind] = {**summary(values), "mib_per_s": SIZE / MiB / seconds}
    result["ratio"] = result["ours"]["mib_per_s"] / result["bare"]["mib_per_s"]  # type: ignore[index]
    result["paired_ratio"] = statistics.median(
        bare / ours for ours, bare in zip(times["ours"], times["bare"], strict=True)
    )
    return result


def measure(trials: int = TRIALS) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp, chromium() as context:
        lab = start_lab(Path(tmp))
        try:
            page = context.new_page()
            nb = open_notebook(page, lab, [SETUP, "a", "bare"])
            for index in range(3):
                nb.run_cell(index)
            page.wait_for_function(
                "() => window.bareModel && document.querySelectorAll("
                "'[data-microfrontends-status=\"MOUNTED\"]').length === 1"
            )
            results: dict[str, object] = {}
            for name, run in (("app_to_python", _app_to_python), ("python_to_app", _python_to_app)):
                times: dict[str, list[float]] = {"ours": [], "bare": []}
                run(nb, page, "ours", 0)  # warm-up, both sides
                run(nb, page, "bare", 0)
                for trial in range(1, trials + 1):
                    order = ("ours", "bare") if trial % 2 else ("bare", "ours")
                    for kind in order:
                        times[kind].append(run(nb, page, kind, trial))
                        time.sleep(0.3)
                results[name] = _rates(times)

            rates = []
            for _ in range(BURST_ROUNDS):
                nb.execute("burst_last.clear()")
                start = page.evaluate(BURST_JS, BURST)
                _wait(nb, "len(burst_last)", 1, timeout=300)
                last = nb.execute("", {"t": "burst_last[-1]"})["t"]
                rates.append(BURST / ((last - start) / 1000))
            results["burst_events_per_s"] = rate_summary(rates)
            nb.close()
        finally:
            lab.stop()
    return results


def main() -> None:
    results = {
        "machine": {"cpus": os.cpu_count(), "load": os.getloadavg()},
        "size_mib": SIZE / MiB,
        "trials": TRIALS,
        **measure(),
    }
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(f"written to {OUT.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
