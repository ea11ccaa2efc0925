"""Runs every benchmark and prints the figures: `.venv/bin/python bench/run.py [--quick]`."""

from __future__ import annotations

import argparse
import json
import platform
import subprocess

import bundle_size
import dashboard
import heap
import mount_lab
import overhead
import state_sync


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer trials, for a smoke run")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True)
    results = {
        "machine": {"cpus": platform.machine(), "chromium": chromium.stdout.strip()},
        "bundle": bundle_size.measure(),
        "overhead": overhead.measure(trials=8 if args.quick else overhead.TRIALS),
        "heap": heap.measure(cycles=10 if args.quick else heap.CYCLES),
        "mount_lab": mount_lab.measure(trials=3 if args.quick else mount_lab.TRIALS),
        "state": state_sync.measure(trials=20 if args.quick else state_sync.TRIALS),
        "dashboard": dashboard.measure(trials=2 if args.quick else dashboard.TRIALS),
    }
    print(json.dumps(results, indent=2))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    report(results)


def report(r: dict) -> None:
    rows = [(f"{name} gzip", f"{size['gzip'] / 1024:.1f} KB", "< 20 KB")
            for name, size in r["bundle"].items()]
    rows += [
        ("sandbox overhead (iframe / native)", f"{r['overhead']['iframe']['ratio']:.2f}x",
         "<= 1.2x"),
        ("heap growth per mount/unmount cycle", f"{r['heap']['bytes_per_cycle'] / 1024:.2f} KB",
         "<= 5 KB"),
        ("mount in JupyterLab (MicroApp / IFrame)", f"{r['mount_lab']['microapp']['ratio']:.2f}x",
         "<= 1.3x"),
        ("Python sets a key -> app listener (/ bare)",
         f"{r['state']['python_to_app']['ratio']:.2f}x", "<= 1.1x"),
        ("app sets a key -> other app's listener", f"{r['state']['app_to_app']['median']:.2f} ms",
         "< 5 ms"),
        ("app sets a key -> Python observer (/ bare)",
         f"{r['state']['app_to_python']['ratio']:.2f}x", "<= 1.1x"),
        ("app -> Python events, none lost", f"{r['state']['event_throughput']['median']:.0f}/s",
         ">= 2000/s"),
        ("Voila dashboard, all apps in (/ bare widgets)",
         f"{r['dashboard']['apps']['ratio']:.2f}x", "<= 1.5x"),
    ]
    print()
    for figure, measured, target in [("figure", "measured", "target"), *rows]:
        print(f"{figure:42} {measured:>10}   {target}")


if __name__ == "__main__":
    main()
