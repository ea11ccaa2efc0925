"""Sandbox overhead: the same loops natively and inside an app, in every sandbox that can be timed.

Two loops (``apps/``): ``overhead/loop.js`` works on the globals its own script declared; the
cross-script loop (``overhead-cross/cross.js``) does the same work on the globals an earlier
script (loop.js) declared. In `sandbox="strict"` the app runs in an opaque-origin frame, whose
functions the page cannot call: the benchmark calls its loop.js loop inside that frame (the
browser's automation can), in the same rounds.
"""

from __future__ import annotations

from harness import chromium, open_bench_page, ratios, static_server
from playwright.sync_api import Frame, Page

ITERATIONS = 1_000_000
TRIALS = 100
SANDBOXES = ("iframe", "proxy", "none")
"""The sandboxes the page calls into; `strict` is timed in its own frame (see `_strict_loop`)."""
# What each sandbox is asked to stay under, as a ratio to native (the loop.js loop).
TARGETS = {"iframe": "<= 1.2x", "proxy": "<= 3x"}
# Series: the loop, the app that declares it, the function's global name, the page's own copy.
LOOPS = {
    "loop": ("overhead", "benchLoop", "nativeLoop"),
    "cross": ("overhead-cross", "crossLoop", "nativeCrossLoop"),
}

MOUNT = """async ([entry, sandbox, loop, fn]) => {
  const slot = document.createElement('div');
  document.body.append(slot);
  const name = `overhead-${loop}-${sandbox}`;
  const app = await window.microfrontends.mount(slot, { entry, name, sandbox });
  // The function the app's own script declared, in the app's realm: with sandbox="none" it is
  // the app's copy compiled on the page (the page's copy is kept as nativeLoop/nativeCrossLoop).
  window.appLoops = { ...window.appLoops, [`${loop}:${sandbox}`]: app.window[fn] };
}"""

SAME_AS_PAGE = "Object.values(appLoops).some((f) => f === nativeLoop || f === nativeCrossLoop)"

# One round: each loop once, in the given order, timed by the loop itself.
ROUND = """([names, natives, iterations]) => names.map((name) =>
  [name, (natives[name] ? window[natives[name]] : appLoops[name])(iterations)])"""


STRICT = "loop:strict"


def _strict_loop(page: Page, base: str) -> Frame:
    """Mounts the loop.js app with sandbox="strict" and returns its frame."""
    name = "overhead-loop-strict"
    page.evaluate(
        """async ([entry, name]) => {
          const slot = document.createElement('div');
          document.body.append(slot);
          await window.microfrontends.mount(slot, { entry, name, sandbox: 'strict' });
        }""",
        [f"{base}bench/apps/overhead/", name],
    )
    for frame in page.frames:
        element = frame.frame_element() if frame.parent_frame else None
        if element and element.get_attribute("data-microfrontends-strict") == name:
            return frame
    raise RuntimeError("the strict app's frame was not found")


def sandboxes_for(loop: str) -> list[str]:
    """A second snapshot app cannot mount while one is (one snapshot app per page)."""
    return [s for s in SANDBOXES if not (loop == "cross" and s == "snapshot")]


def measure(trials: int = TRIALS) -> dict[str, dict[str, dict[str, float]]]:
    """Per loop (``loop``, ``cross``): each sandbox's times as ratios to native."""
    with static_server() as base, chromium() as context:
        page = open_bench_page(context, base)
        names: list[str] = []
        natives: dict[str, str] = {}
        for loop, (app, fn, native) in LOOPS.items():
            natives[f"{loop}:native"] = native
            names.append(f"{loop}:native")
            for sandbox in sandboxes_for(loop):
                page.evaluate(MOUNT, [f"{base}bench/apps/{app}/", sandbox, loop, fn])
                names.append(f"{loop}:{sandbox}")
        if page.evaluate(SAME_AS_PAGE):
            raise RuntimeError("an app's loop is the page's own function")
        strict = _strict_loop(page, base)
        page.evaluate(ROUND, [names, natives, ITERATIONS])  # warm up the JIT in every realm
        strict.evaluate("(n) => benchLoop(n)", ITERATIONS)
        times: dict[str, list[float]] = {name: [] for name in [*names, STRICT]}
        for trial in range(trials):
            shift = trial % len(names)  # rotate who goes first; strict goes first or last
            order = names[shift:] + names[:shift]
            strict_first = trial % 2 == 0
            if strict_first:
                times[STRICT].append(strict.evaluate("(n) => benchLoop(n)", ITERATIONS))
            for name, elapsed in page.evaluate(ROUND, [order, natives, ITERATIONS]):
                times[name].append(elapsed)
            if not strict_first:
                times[STRICT].append(strict.evaluate("(n) => benchLoop(n)", ITERATIONS))
        page.close()
    results = {}
    for loop in LOOPS:
        series = {
            name.split(":")[1]: values
            for name, values in times.items()
            if name.startswith(f"{loop}:")
        }
        results[loop] = ratios(series, "native")
        for sandbox in series.keys() - {"native"}:  # the fastest runs are the least disturbed
            results[loop][sandbox]["best_ratio"] = min(series[sandbox]) / min(series["native"])
    return results
