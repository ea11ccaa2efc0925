"""The timed figures, in one Chromium context: mount timings, sandbox overhead and heap growth,
each framework in its own host page (host.html?fw=...)."""

from __future__ import annotations

from typing import Any

from frameworks import FRAMEWORKS
from harness import summary

MOUNT_FIGURES = ["cold", "cold_first_visit", "warm", "switch", "unmount", "cold_second"]


def rotated(trial: int) -> list[str]:
    """Interleaved order, rotated every trial so no framework always runs first."""
    shift = trial % len(FRAMEWORKS)
    return FRAMEWORKS[shift:] + FRAMEWORKS[:shift]


def open_host(page, base: str, name: str, first_visit: bool = False) -> None:
    """``first_visit``: the page forgets what our core remembered of the apps' entries."""
    page.goto(f"{base}bench/peers/host.html?fw={name}" + ("&first-visit" if first_visit else ""))
    page.wait_for_function("window.benchReady === true || !!window.benchError", timeout=15000)
    error = page.evaluate("window.benchError")
    if error:
        raise RuntimeError(error)


def measure_mounts(context, base: str, params: dict[str, int], log) -> dict[str, Any]:
    page = context.new_page()
    errors: dict[str, list[str]] = {name: [] for name in FRAMEWORKS}
    raw: dict[str, list[dict[str, Any]]] = {name: [] for name in FRAMEWORKS}
    for trial in range(-1, params["trials"]):  # trial -1 warms the HTTP cache for everyone
        for name in rotated(trial):
            open_host(page, base, name)
            result = page.evaluate("bench.trial()")
            errors[name] += result.pop("page_errors", [])
            if name == "ours":
                open_host(page, base, name, first_visit=True)
                first = page.evaluate("bench.trial()")
                errors[name] += first.pop("page_errors", [])
                if "cold" in first:
                    result["cold_first_visit"] = first["cold"]
            if trial >= 0:
                raw[name].append(result)
        log(f"mount trial {trial + 1}/{params['trials']}")
    page.close()
    out: dict[str, Any] = {}
    for name in FRAMEWORKS:
        results = raw[name]
        entry: dict[str, Any] = {}
        for figure in MOUNT_FIGURES:
            values = [r[figure] for r in results if figure in r]
            if len(values) >= 2:
                entry[figure] = summary(values)
        failures = [r["error"] for r in results if "error" in r]
        if failures:
            entry["errors"] = sorted(set(failures))
            entry["failed_trials"] = len(failures)
        if errors[name]:
            entry["page_errors"] = sorted(set(errors[name]))[:5]
        out[name] = entry
    return out


def measure_overhead(context, base: str, params: dict[str, int], log) -> dict[str, Any]:
    iterations = params["iterations"]
    pages = {}
    out: dict[str, Any] = {}
    native = context.new_page()
    native.goto(f"{base}bench/peers/native.html")
    runners = {"native": (native, f"benchLoop({iterations})")}
    for name in FRAMEWORKS:
        page = context.new_page()
        pages[name] = page
        try:
            open_host(page, base, name)
            kind = page.evaluate("bench.mountOverhead()")
            if kind != "function":
                raise RuntimeError(f"the app did not register its loop ({kind})")
            runners[name] = (page, f"bench.runOverhead({iterations})")
        except Exception as error:
            out[name] = {"error": str(error).splitlines()[0][:300]}
    for page, script in runners.values():  # warm up the JIT everywhere
        page.evaluate(script)
    times: dict[str, list[float]] = {name: [] for name in runners}
    names = list(runners)
    for trial in range(params["overhead_trials"]):
        shift = trial % len(names)
        for name in names[shift:] + names[:shift]:
            page, script = runners[name]
            page.bring_to_front()
            times[name].append(page.evaluate(script))
        log(f"overhead trial {trial + 1}/{params['overhead_trials']}")
    for page in [native, *pages.values()]:
        page.close()
    base_median = summary(times["native"])["median"]
    for name, values in times.items():
        stats = summary(values)
        out[name] = {**stats, "ratio": stats["median"] / base_median}
    out["iterations"] = iterations
    return out


def _used_after_gc(cdp) -> float:
    for _ in range(3):
        cdp.send("HeapProfiler.collectGarbage")
    return float(cdp.send("Runtime.getHeapUsage")["usedSize"])


def measure_heap(context, base: str, params: dict[str, int], log) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FRAMEWORKS:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        try:
            open_host(page, base, name)
            page.evaluate(f"bench.cycles({params['heap_warmup']})")
            before = _used_after_gc(cdp)
            page.evaluate(f"bench.cycles({params['heap_cycles']})")
            after = _used_after_gc(cdp)
            out[name] = {
                "bytes_per_cycle": (after - before) / params["heap_cycles"],
                "cycles": params["heap_cycles"],
                "heap_before": before,
                "heap_after": after,
                "iframes_left": page.evaluate("document.querySelectorAll('iframe').length"),
            }
        except Exception as error:
            out[name] = {"error": str(error).splitlines()[0][:300]}
        page.close()
        log(f"heap {name}")
    return out
