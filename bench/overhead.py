"""Sandbox overhead: the same loop natively and inside an app, in every sandbox that can be timed.

`sandbox="strict"` is left out: its app runs in an opaque-origin frame, whose functions the page
cannot call.
"""

from __future__ import annotations

from harness import chromium, open_bench_page, ratios, static_server

ITERATIONS = 1_000_000
TRIALS = 100
SANDBOXES = ("iframe", "proxy", "none")
# What each sandbox is asked to stay under, as a ratio to native.
TARGETS = {"iframe": "<= 1.2x", "proxy": "<= 3x"}

MOUNT = """async ([entry, sandbox]) => {
  const slot = document.createElement('div');
  document.body.append(slot);
  const name = 'overhead-' + sandbox;
  const app = await window.microfrontends.mount(slot, { entry, name, sandbox });
  // The function the app's own script declared, in the app's realm: with sandbox="none" it is
  // the app's copy of loop.js compiled on the page (the page's copy is kept as nativeLoop).
  window.appLoops = { ...window.appLoops, [sandbox]: app.window.benchLoop };
}"""

# One round: each loop once, in the given order, timed by the loop itself.
ROUND = """([names, iterations]) => names.map((name) =>
  [name, name === 'native' ? nativeLoop(iterations) : appLoops[name](iterations)])"""


def measure(trials: int = TRIALS) -> dict[str, dict[str, float]]:
    with static_server() as base, chromium() as context:
        page = open_bench_page(context, base)
        for sandbox in SANDBOXES:
            page.evaluate(MOUNT, [f"{base}bench/apps/overhead/", sandbox])
        if page.evaluate("Object.values(appLoops).includes(nativeLoop)"):
            raise RuntimeError("an app's loop is the page's own function")
        names = ["native", *SANDBOXES]
        page.evaluate(ROUND, [names, ITERATIONS])  # warm up the JIT in every realm
        times: dict[str, list[float]] = {name: [] for name in names}
        for trial in range(trials):
            shift = trial % len(names)  # rotate who goes first
            for name, elapsed in page.evaluate(ROUND, [names[shift:] + names[:shift], ITERATIONS]):
                times[name].append(elapsed)
        page.close()
    results = ratios(times, "native")
    for name in SANDBOXES:  # the fastest runs are the least disturbed by other processes
        results[name]["best_ratio"] = min(times[name]) / min(times["native"])
    return results
