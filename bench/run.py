"""Runs the benchmarks and prints the figures: `.venv/bin/python bench/run.py [--quick]`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from collections.abc import Callable
from typing import Any

import bundle_size
import busy_kernel
import dashboard
import framework_cycles
import heap
import hmr
import hosts
import mount_lab
import overhead
import prefetch
import scale
import state_sync

# name -> (full run, quick run); each returns a JSON-able dict.
BENCHMARKS: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
    "bundle": (bundle_size.measure, bundle_size.measure),
    "overhead": (overhead.measure, lambda: overhead.measure(trials=20)),
    "heap": (heap.measure, lambda: heap.measure(cycles=20)),
    "mount_lab": (mount_lab.measure, lambda: mount_lab.measure(trials=3)),
    "busy_kernel": (busy_kernel.measure, lambda: busy_kernel.measure(trials=2)),
    "state": (state_sync.measure, lambda: state_sync.measure(trials=20)),
    "dashboard": (dashboard.measure, lambda: dashboard.measure(trials=2)),
    "prefetch": (prefetch.measure, lambda: prefetch.measure(trials=2)),
    "scale": (scale.measure, lambda: scale.measure(counts=(10, 25), rounds=1)),
    "framework_cycles": (
        framework_cycles.measure,
        lambda: framework_cycles.measure(trials=4, cycles=8),
    ),
    "hmr": (hmr.measure, lambda: hmr.measure(trials=3)),
    "hosts": (hosts.measure, lambda: hosts.measure(trials=2)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer trials, for a smoke run")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True)
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "load": os.getloadavg(),
            "chromium": chromium.stdout.strip(),
        },
        "seconds": {},
    }
    for name in args.only or BENCHMARKS:
        started = time.monotonic()
        results[name] = BENCHMARKS[name][1 if args.quick else 0]()
        results["seconds"][name] = round(time.monotonic() - started, 1)
    print(json.dumps(results, indent=2))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    report(results)


def _spread(figure: dict[str, float]) -> str:
    return f"{figure['median']:.1f} [{figure['q1']:.1f}-{figure['q3']:.1f}]"


def _ratio_row(label: str, figure: dict, baseline: dict, target: str) -> tuple[str, ...]:
    """Ratio of medians; then the per-round ratio and medians [quartiles] in ms."""
    detail = f"per-round {figure['paired_ratio']:.2f}x; {_spread(figure)} vs {_spread(baseline)}"
    if "best_ratio" in figure:
        detail += f"; fastest {figure['best_ratio']:.2f}x"
    return (label, f"{figure['ratio']:.2f}x", detail, target)


def _rows(r: dict[str, Any]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for name, size in r.get("bundle", {}).items():
        rows.append(
            (
                f"bundle {name} (min + gzip -9)",
                f"{size['gzip'] / 1024:.1f} KB",
                f"{size['minified'] / 1024:.1f} KB minified"
                + (", loaded on demand" if size["on_demand"] else ""),
                "-" if size["on_demand"] else "< 20 KB",
            )
        )
    for loop, o in r.get("overhead", {}).items():
        for sandbox in (name for name in o if name != "native"):
            rows.append(
                _ratio_row(
                    f"sandbox overhead ({loop}), {sandbox} / native",
                    o[sandbox],
                    o["native"],
                    overhead.TARGETS.get(sandbox, "-") if loop == "loop" else "-",
                )
            )
    for app, h in r.get("heap", {}).items():
        detail = f"slope over {h['cycles']} cycles; {h['left_over']['elements']} elements left"
        if "retained" in h:
            detail += "; grew most: " + ", ".join(
                f"{row['object']} {row['bytes_per_cycle']:.0f} B" for row in h["retained"][:3]
            )
        rows.append(
            (
                f"heap per mount/unmount cycle, {app}",
                f"{h['bytes_per_cycle'] / 1024:.2f} KB",
                detail,
                "<= 5 KB",
            )
        )
    if "mount_lab" in r:
        m = r["mount_lab"]
        rows.append(
            _ratio_row(
                "mount in JupyterLab, MicroApp / IFrame", m["microapp"], m["iframe"], "<= 1.3x"
            )
        )
        rows.append(
            _ratio_row(
                "mount in JupyterLab, MicroApp(embed=True) / IFrame",
                m["embedded"],
                m["iframe"],
                "-",
            )
        )
    if "busy_kernel" in r:
        b = r["busy_kernel"]
        rows.append(
            _ratio_row(
                "display to first paint, kernel busy / idle", b["busy"], b["idle"], "<= 1.2x"
            )
        )
        rows.append(
            _ratio_row(
                "the same through the kernel's messages (no server extension) / idle",
                b["busy_via_kernel"],
                b["idle"],
                "-",
            )
        )
    if "prefetch" in r:
        p = r["prefetch"]
        rows += [
            _ratio_row(
                "mount after MicroApp(prefetch=True) / cold", p["prefetched"], p["cold"], "< 1x"
            ),
            _ratio_row(
                "kernel mount after prefetch() / kernel cold",
                p["kernel prefetched"],
                p["kernel cold"],
                "< 1x",
            ),
        ]
    if "state" in r:
        s = r["state"]
        rows += [
            (
                "Python sets a key -> app listener / bare",
                f"{s['python_to_app']['ratio']:.2f}x",
                f"{s['python_to_app']['median']:.1f} ms",
                "<= 1.1x",
            ),
            (
                "app sets a key -> other app's listener",
                f"{s['app_to_app']['median']:.2f} ms",
                "",
                "< 5 ms",
            ),
            (
                "app sets a key -> Python observer / bare",
                f"{s['app_to_python']['ratio']:.2f}x",
                f"{s['app_to_python']['median']:.1f} ms",
                "<= 1.1x",
            ),
            (
                "app -> Python events, none lost",
                f"{s['event_throughput']['median']:.0f}/s",
                f"worst {s['event_throughput']['min']:.0f}/s",
                ">= 2000/s",
            ),
        ]
    if "dashboard" in r:
        d = r["dashboard"]
        rows.append(
            _ratio_row(
                "Voila dashboard, all apps in / bare widgets", d["apps"], d["bare"], "<= 1.5x"
            )
        )
    for count, figure in r.get("scale", {}).items():
        rows.append(
            (
                f"{count} apps in one output / bare widgets",
                f"{figure['ratio']:.2f}x",
                f"{figure['apps_ms']:.0f} vs {figure['bare_ms']:.0f} ms; "
                f"per app {figure['ms_per_app']:.1f} ms, {figure['heap_kb_per_app']:.0f} KB heap",
                "per app flat",
            )
        )
    rows += _framework_rows(r.get("framework_cycles", {}))
    if "hmr" in r:
        h = r["hmr"]
        rows += [
            _ratio_row(
                "save to visible, Vite HMR in a notebook / in a tab",
                h["vite_notebook"],
                h["vite_tab"],
                "<= 1.5x",
            ),
            _ratio_row(
                "save to visible, MicroApp(watch=True) / Vite HMR in a tab",
                h["watch_notebook"],
                h["vite_tab"],
                "<= 1.5x",
            ),
            _ratio_row(
                "save to visible, Vite reload of the app in a notebook / of a tab",
                h["vite_notebook_reload"],
                h["vite_tab_reload"],
                "-",
            ),
        ]
    return rows


def _framework_rows(apps: dict[str, Any]) -> list[tuple[str, ...]]:
    """Per app and kind: time per cycle against its baseline, heap per cycle beside the
    baseline's; the baselines' own rows give their times and heap."""
    rows: list[tuple[str, ...]] = []
    for app, figures in apps.items():
        for kind, cycle in figures["time"]["cycle"].items():
            heap = figures["heap"][kind]
            base = cycle["baseline"]
            rows.append(
                (
                    f"{app} mount/unmount cycle, {kind}" + ("" if kind == base else f" / {base}"),
                    f"{cycle['ratio']:.2f}x" if kind != base else f"{cycle['median']:.1f} ms",
                    f"per-round {cycle['paired_ratio']:.2f}x, fastest {cycle['best_ratio']:.2f}x; "
                    f"{_spread(cycle)} ms; heap "
                    f"{heap['bytes_per_cycle'] / 1024:.1f} KB/cycle (median slope "
                    f"{heap['median_slope'] / 1024:.1f}), {heap['left_after_cycles'] / 1e6:.2f} MB "
                    "left after the cycles",
                    "-",
                )
            )
    return rows


def report(r: dict[str, Any]) -> None:
    print()
    header = ("figure", "measured", "ms: median [quartiles] / detail", "target")
    rows = [header, *_rows(r)]
    for figure, measured, detail, target in rows:
        print(f"{figure:42} {measured:>9}  {target:9}  {detail}")
    print(f"\n{r['machine']}; seconds per benchmark: {r['seconds']}")


if __name__ == "__main__":
    main()
