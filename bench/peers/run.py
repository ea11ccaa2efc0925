"""Side-by-side benchmark of our core against qiankun, wujie, micro-app and garfish.

Run from the repository root: ``.venv/bin/python bench/peers/run.py [--quick]``. Installs the
peers (``npm ci`` in bench/peers when node_modules is missing), builds the host bundles with
esbuild, serves the repository on 127.0.0.1 and measures every framework in one Chromium
session with interleaved trials. Writes bench/peers/results.json and bench/peers/RESULTS.md.

This is the command; the work is in the modules beside it: frameworks.py (what is compared),
bundles.py (installing the peers, building the host bundles), measure.py (mount timings,
sandbox overhead, heap growth), conformance.py (the isolation checks) and report.py (RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

# bench/ (harness, bundle_size) for this script and the modules beside it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bundles import build, bundle_sizes, versions
from conformance import measure_conformance
from frameworks import CONFIG
from harness import chromium, static_server
from measure import measure_heap, measure_mounts, measure_overhead
from report import markdown

HERE = Path(__file__).resolve().parent

FULL = {
    "trials": 15,
    "overhead_trials": 10,
    "iterations": 2_000_000,
    "heap_warmup": 10,
    "heap_cycles": 40,
}
QUICK = {
    "trials": 3,
    "overhead_trials": 5,
    "iterations": 2_000_000,
    "heap_warmup": 3,
    "heap_cycles": 10,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer trials, a smoke run")
    parser.add_argument(
        "--skip", default="", help="comma-separated parts to skip: mounts,overhead,heap,conformance"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite RESULTS.md from results.json"
    )
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((HERE / "results.json").read_text())
        (HERE / "RESULTS.md").write_text(markdown(results))
        return
    params = QUICK if args.quick else FULL
    skip = set(filter(None, args.skip.split(",")))
    started = time.time()

    def log(message: str) -> None:
        print(f"[{time.time() - started:6.1f}s] {message}", flush=True)

    build()
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "mode": "quick" if args.quick else "full",
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, "
        f"{platform.system()}",
        "params": params,
        "versions": versions(),
        "config": CONFIG,
        "bundle": bundle_sizes(),
    }
    log("built; bundle sizes measured")
    with static_server() as base, chromium() as context:
        page = context.new_page()
        results["browser"] = (
            page.evaluate("navigator.userAgent").split(") ")[-1].split(" Safari")[0]
        )
        page.close()
        if "mounts" not in skip:
            results["mounts"] = measure_mounts(context, base, params, log)
        if "overhead" not in skip:
            results["overhead"] = measure_overhead(context, base, params, log)
        if "heap" not in skip:
            results["heap"] = measure_heap(context, base, params, log)
        if "conformance" not in skip:
            results["conformance"] = measure_conformance(context, base, log)
    previous = HERE / "results.json"
    if skip and previous.exists():  # keep the parts not measured this time
        kept = json.loads(previous.read_text())
        for part in skip:
            if part in kept:
                results[part] = kept[part]
        results["partial_rerun"] = f"{sorted(skip)} kept from an earlier run"
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (HERE / "RESULTS.md").write_text(markdown(results))
    log("wrote bench/peers/results.json and bench/peers/RESULTS.md")


if __name__ == "__main__":
    main()
