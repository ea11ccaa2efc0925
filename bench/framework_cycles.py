"""Time and retained heap per mount/unmount cycle of framework apps, against a plain iframe.

The React and Angular apps of ``examples/frameworks`` (built by ``scripts/setup.sh`` into
``<app>/dist``), on the bench page, in one Chromium session, each cycle one of these kinds:

- ``iframe``: the baseline of a cold cycle, the app's ``dist/index.html`` in a plain
  ``<iframe>``, made, started (its bundle only exports lifecycles: ``bootstrap`` and ``mount``
  are called once it loaded) and removed;
- ``iframe kept``: the baseline of a parked cycle, one plain iframe loaded once, in which each
  cycle calls the app's ``mount`` and ``unmount``;
- ``<sandbox> cold``: ``mount()`` of core.js then ``unload()``: every cycle loads the app afresh
  in a new realm and destroys it, as the plain iframe does;
- ``<sandbox> parked``: ``mount()`` then ``unmount()``: the app stays loaded, parked, and the
  next cycle only calls its ``mount`` (what repeated mounts of one app do).

Time: interleaved rounds, the order rotated every round, garbage collected before every cycle
outside the timer; each kind as a ratio to its baseline. Heap: on a fresh page per kind,
warm-up cycles, then ``Runtime.getHeapUsage`` after forced collections before the first and
after every cycle; the figure is the slope, and what is left after the cycles against the page
before the app's first load. ``python bench/framework_cycles.py --snapshot`` also lists what
grew, by constructor.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
from pathlib import Path
from typing import Any

from harness import REPO_ROOT, chromium, interleaved, open_bench_page, ratios, slope, static_server
from heap import diff_snapshots, heap_snapshot, used_after_gc
from playwright.sync_api import BrowserContext, Page

# App -> the global its bundle's lifecycles are on (examples/frameworks/build.mjs).
APPS = {"react19": "frameworkReact19", "angular": "frameworkAngular"}
ALL_APPS = {**APPS, "react18": "frameworkReact18"}
SANDBOXES = ("iframe", "proxy")
BASELINE, KEPT = "iframe", "iframe kept"
TRIALS = 20
CYCLES = 30
WARMUP = 10  # the runtime's own code is optimized over the first cycles: several KB each
SCRIPT = Path(__file__).with_suffix(".js")


def kinds() -> list[str]:
    """The two plain iframes, then each sandbox loaded afresh every cycle and parked."""
    return [BASELINE, KEPT, *(f"{box} {how}" for box in SANDBOXES for how in ("cold", "parked"))]


def baseline_of(kind: str) -> str:
    """A parked app is compared with the kept plain iframe, the rest with the plain iframe."""
    return KEPT if kind.endswith(("parked", "kept")) else BASELINE


def median_slope(values: list[float]) -> float:
    """The median of the slopes between every two readings: one late collection or one burst
    of compiled code moves it less than the least-squares slope."""
    pairs = itertools.combinations(enumerate(values), 2)
    return statistics.median((b - a) / (j - i) for (i, a), (j, b) in pairs)


def _open(context: BrowserContext, base: str) -> Page:
    page = open_bench_page(context, base)
    page.add_script_tag(path=str(SCRIPT))
    return page


def _cycle(page: Page, base: str, app: str, kind: str) -> tuple[float, float]:
    """One cycle: milliseconds to the app rendered, and to take it down."""
    entry = f"{base}examples/frameworks/{app}/dist/"
    name = f"{app}-{kind.replace(' ', '-')}"
    if kind in (BASELINE, KEPT):
        args = {"entry": entry, "global": ALL_APPS[app], "name": name}
        call = "iframe" if kind == BASELINE else "iframeKept"
    else:
        sandbox, how = kind.split()
        args = {"entry": entry, "name": name, "sandbox": sandbox, "keep": how == "parked"}
        call = "microfrontends"
    mounted, down = page.evaluate(f"(a) => frameworkCycles.{call}(a)", args)
    return mounted, down


def measure_times(
    context: BrowserContext, base: str, app: str, trials: int
) -> dict[str, dict[str, Any]]:
    """Interleaved cycles of every kind on one page: mount, unmount and whole cycle, in ms."""
    page = _open(context, base)
    for kind in kinds():  # warm the HTTP cache and the JIT; a parked kind is loaded once here
        _cycle(page, base, app, kind)
    series: dict[str, dict[str, list[float]]] = {
        part: {kind: [] for kind in kinds()} for part in ("cycle", "mount", "unmount")
    }
    for kind in interleaved(kinds(), trials):
        page.evaluate("() => gc()")  # the last cycle's garbage is collected outside the timer
        mounted, down = _cycle(page, base, app, kind)
        series["mount"][kind].append(mounted)
        series["unmount"][kind].append(down)
        series["cycle"][kind].append(mounted + down)
    page.close()
    result: dict[str, dict[str, Any]] = {}
    for part, times in series.items():
        against = {baseline: ratios(times, baseline) for baseline in (BASELINE, KEPT)}
        result[part] = {
            kind: {
                **against[baseline_of(kind)][kind],
                "baseline": baseline_of(kind),
                # The fastest cycles are the ones least disturbed by the machine's load.
                "best_ratio": min(times[kind]) / min(times[baseline_of(kind)]),
            }
            for kind in times
        }
    return result


def measure_heap(
    context: BrowserContext, base: str, app: str, kind: str, cycles: int, snapshot: bool
) -> dict[str, Any]:
    """Retained heap per cycle of one kind, on a page of its own."""
    page = _open(context, base)
    cdp = context.new_cdp_session(page)
    fresh = used_after_gc(cdp)
    for _ in range(WARMUP):
        _cycle(page, base, app, kind)
    before = heap_snapshot(cdp) if snapshot else None
    used = [used_after_gc(cdp)]
    for _ in range(cycles):
        _cycle(page, base, app, kind)
        used.append(used_after_gc(cdp))
    result: dict[str, Any] = {
        "bytes_per_cycle": slope(used),
        "median_slope": median_slope(used),
        "first_to_last_per_cycle": (used[-1] - used[0]) / cycles,
        "cycles": cycles,
        "heap_after_warmup": used[0],
        # What stays once the app is down, against the page before its first load: one-time
        # costs (the runtime's parts and compiled code; a parked app, loaded) and any leak.
        "left_after_cycles": used[-1] - fresh,
        "left_over": page.evaluate("frameworkLeftOver()"),
    }
    if before is not None:
        result["retained"] = diff_snapshots(before, heap_snapshot(cdp), cycles)
    page.close()
    return result


def measure_app(
    context: BrowserContext, base: str, app: str, trials: int, cycles: int, snapshot: bool
) -> dict[str, Any]:
    times = measure_times(context, base, app, trials)
    heaps = {kind: measure_heap(context, base, app, kind, cycles, snapshot) for kind in kinds()}
    for kind, figure in heaps.items():
        figure["baseline"] = baseline_of(kind)
        baseline = heaps[figure["baseline"]]["bytes_per_cycle"]
        figure["more_than_baseline_per_cycle"] = figure["bytes_per_cycle"] - baseline
    return {"time": times, "heap": heaps}


def measure(
    apps: tuple[str, ...] = tuple(APPS),
    trials: int = TRIALS,
    cycles: int = CYCLES,
    snapshot: bool = False,
) -> dict[str, Any]:
    """Per app: time per cycle as ratios to its baseline, and heap retained per cycle."""
    missing = [app for app in apps if not (REPO_ROOT / f"examples/frameworks/{app}/dist").is_dir()]
    if missing:
        raise RuntimeError(f"not built: {missing}; run scripts/setup.sh (npm run build there)")
    with static_server() as base, chromium() as context:
        return {app: measure_app(context, base, app, trials, cycles, snapshot) for app in apps}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--apps", nargs="+", choices=ALL_APPS, default=list(APPS))
    parser.add_argument("--trials", type=int, default=TRIALS)
    parser.add_argument("--cycles", type=int, default=CYCLES)
    parser.add_argument("--snapshot", action="store_true", help="diff heap snapshots too")
    args = parser.parse_args()
    print(json.dumps(measure(tuple(args.apps), args.trials, args.cycles, args.snapshot), indent=2))
