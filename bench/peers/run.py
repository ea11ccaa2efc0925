"""Side-by-side benchmark of our core against qiankun, wujie, micro-app and garfish.

Run from the repository root: ``.venv/bin/python bench/peers/run.py [--quick]``. Installs the
peers (``npm ci`` in bench/peers when node_modules is missing), builds the host bundles with
esbuild, serves the repository on 127.0.0.1 and measures every framework in one Chromium
session with interleaved trials. Writes bench/peers/results.json and bench/peers/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bundle_size
from harness import REPO_ROOT, chromium, static_server, summary

HERE = Path(__file__).resolve().parent
FRAMEWORKS = ["ours", "qiankun", "wujie", "microapp", "garfish"]
LABELS = {
    "ours": "microfrontends core (iframe)",
    "qiankun": "qiankun",
    "wujie": "wujie",
    "microapp": "micro-app",
    "garfish": "garfish",
}
PACKAGES = {
    "qiankun": ["qiankun", "single-spa", "import-html-entry"],
    "wujie": ["wujie"],
    "microapp": ["@micro-zoe/micro-app"],
    "garfish": ["garfish", "@garfish/core", "@garfish/browser-vm", "@garfish/loader"],
}
CONFIG = {
    "ours": "`mount(container, {entry, name, sandbox: 'iframe', transport: 'browser'})` from "
    "core.js, default CSS isolation; `handle.unmount()`",
    "qiankun": "`loadMicroApp({name, entry, container}, {sandbox: {experimentalStyleIsolation: "
    "true}, singular: false})`; `app.unmount()`",
    "wujie": "`startApp({name, url, el, alive: false, sync: false})`; `destroyApp(name)` (its "
    "only public way to take an app down)",
    "microapp": "`microApp.start()`; a `<micro-app name url>` element appended to the container "
    "(default sandbox and scoped CSS); removing the element unmounts",
    "garfish": "`Garfish.run({apps: [], autoRefreshApp: false, disablePreloadApp: true})`; "
    "`Garfish.loadApp(name, {entry, domGetter, cache: true, noCheckProvider: true, "
    "asyncProviderTimeout: 0})`; `app.mount()` / `app.unmount()`",
}

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
MOUNT_FIGURES = ["cold", "cold_first_visit", "warm", "switch", "unmount", "cold_second"]


def build() -> None:
    if not (HERE / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    for folder in ("examples/apps/vue-todo/vendor", "tests/apps/plain"):
        if not (REPO_ROOT / folder).exists():
            sys.exit(
                f"missing {folder}: run `npm ci --prefix examples/apps && "
                "npm run build --prefix examples/apps`"
            )
    subprocess.run(["node", "build.mjs"], cwd=HERE, check=True)


def versions() -> dict[str, str]:
    found = {}
    for packages in PACKAGES.values():
        for package in packages:
            meta = HERE / "node_modules" / package / "package.json"
            found[package] = json.loads(meta.read_text())["version"]
    found["esbuild"] = json.loads((HERE / "node_modules/esbuild/package.json").read_text())[
        "version"
    ]
    return found


def bundle_sizes() -> dict[str, dict[str, int]]:
    sizes = {}
    for name in FRAMEWORKS:
        data = (HERE / "dist" / "size" / f"{name}.js").read_bytes()
        sizes[name] = {"minified": len(data), "gzip": len(gzip.compress(data, compresslevel=9))}
    return sizes


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


START = """(part) => {
  window.benchMarker = 1;
  window.benchPart = undefined;
  bench[part]().then(
    (r) => { window.benchPart = r; },
    (e) => { window.benchPart = {error: String(e)}; });
}"""


def run_part(page, part: str) -> dict[str, Any]:
    """Start a conformance part and poll for its answer (a part may navigate the page away)."""
    page.evaluate(START, part)
    try:
        page.wait_for_function("window.benchPart !== undefined", timeout=30000)
        return page.evaluate("window.benchPart")
    except Exception as error:
        try:
            still_here = page.evaluate("window.benchMarker === 1")
        except Exception:
            still_here = False
        if still_here:
            return {"error": f"{part}: {str(error).splitlines()[0][:200]}"}
        # The app navigated the whole page away.
        return {
            "url_unchanged": {
                "pass": False,
                "detail": "the app's link navigated the whole page (its document was "
                f"replaced; page now at {page.url})",
            }
        }


PARTS = [
    ("plain", ["conformPlain"]),
    ("vue-todo", ["conformVue"]),
    ("polluter", ["conformPolluter", "conformPolluterNavigation"]),
    ("polluter+probe", ["conformProbe"]),
]


def measure_conformance(context, base: str, log) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FRAMEWORKS:
        rows: dict[str, Any] = {}
        for app, parts in PARTS:
            page = context.new_page()
            page_errors: list[str] = []
            page.on("pageerror", lambda exc, sink=page_errors: sink.append(str(exc)[:200]))
            result: dict[str, Any] = {}
            try:
                open_host(page, base, name)
                for part in parts:
                    result.update(run_part(page, part))
                    if "error" in result:
                        break
            except Exception as error:
                result = {"error": str(error).splitlines()[0][:300]}
            if page_errors:
                result["page_errors"] = sorted(set(page_errors))[:3]
            rows[app] = result
            page.close()
        out[name] = rows
        log(f"conformance {name}")
    return out


def fmt(stats: dict[str, float] | None, digits: int = 1) -> str:
    if not stats:
        return "—"
    return f"{stats['median']:.{digits}f} ({stats['q1']:.{digits}f} to {stats['q3']:.{digits}f})"


CONFORMANCE_ROWS = [
    (
        "plain",
        "runs",
        "tests/apps/plain unchanged (top-level var/function shared by classic scripts)",
    ),
    ("vue-todo", "renders", "vue-todo renders (title, 3 items)"),
    ("vue-todo", "add_todo", "vue-todo: adding a todo works"),
    ("polluter", "globals_off_page", "polluter's globals stay off the page window"),
    ("polluter", "css_no_leak", "app CSS does not leak to the page"),
    ("polluter", "css_removed_after_unmount", "page clean after unmount (CSS)"),
    ("polluter", "url_unchanged", "page URL unchanged after the app's hash navigation + pushState"),
    (
        "polluter+probe",
        "escape_function_return_this",
        "`Function('return this')()` is not the page window",
    ),
    ("polluter+probe", "escape_indirect_eval_this", "`(0,eval)('this')` is not the page window"),
    ("polluter+probe", "escape_globalThis", "`globalThis` is not the page window"),
    ("polluter+probe", "escape_self", "`self` is not the page window"),
    ("polluter+probe", "escape_window", "`window` is not the page window"),
    (
        "polluter+probe",
        "escape_document_defaultView",
        "`document.defaultView` is not the page window",
    ),
    ("polluter+probe", "timers_stop", "timers stop after unmount"),
    ("polluter+probe", "globals_off_page", "probe twin: polluter's globals stay off the page"),
    ("polluter+probe", "css_no_leak", "probe twin: app CSS does not leak to the page"),
]


INTRO = """# Side-by-side benchmark: microfrontends core vs qiankun, wujie, micro-app, garfish

```bash
npm ci --prefix examples/apps && npm run build --prefix examples/apps  # if vendor/ is missing
npm ci --prefix tests/apps && npm run build --prefix tests/apps        # likewise
.venv/bin/python bench/peers/run.py          # full run, about 10 minutes
.venv/bin/python bench/peers/run.py --quick  # smoke run, fewer trials
```

`run.py` installs the peers from the npm registry (`npm ci` in `bench/peers` when
`node_modules` is missing; exact versions in `package.json` and `package-lock.json`), bundles
one host script per framework with esbuild (`build.mjs`, into `dist/`), serves the repository
on 127.0.0.1 and measures everything in one Chromium session: one host page per framework
(`host.html?fw=...`), trials interleaved with the order rotated every trial. Figures are
medians with the interquartile range in brackets. Raw figures: `results.json`.

Run on {date} ({mode} mode), {browser}, {machine}. **Caveat: these machines have 2 shared
cores and are noisy.** Compare ratios and orders of magnitude, not absolute milliseconds.

Versions: {versions}.
"""

MOUNT_NOTES = """## Mount timings (ms)

{trials} trials per framework after one warm-up round. Each trial opens a fresh host page and
times each step from the call to the moment the app's DOM shows that it has run. The timing
apps are built by `build.mjs` so that every framework can run them:
`dist/apps/small` is `tests/apps/plain` (markup, CSS, image, `js/main.js`) with its inline
script's top-level `var`/`function` written as `window.` properties (proxy sandboxes scope a
classic script's top-level declarations to that script, so the unchanged app runs in none of
the peers: see the conformance table), and `dist/apps/second` is `tests/apps/second`; both also
export UMD-style lifecycles `window[name] = {{bootstrap, mount, unmount}}`, because qiankun runs
no app without them and, on a later mount of the same app, calls `mount` instead of running
the scripts again (the lifecycle `mount` renders the same ready mark the scripts do). Steps:
**cold** = first mount of `small` in the page (the browser's HTTP cache is warm for all alike);
**unmount** = `small` taken down until its DOM is gone; **warm** = second mount of `small` in
the page; **switch** = unmount `small` then mount `second`, both mounted before in the page;
**cold 2nd** = first mount of `second`. Like qiankun, our core keeps an unmounted app that has
lifecycles loaded (its realm kept, its timers paused) and a later `mount()` of the same name and
entry only calls its `mount`; an app without lifecycles is unloaded by `unmount()`.

Our core makes one blank realm iframe while the page is idle (the host pages are idle for a
moment between loading and the trial, as a page is before its user opens an app) and a mount
takes it; and it remembers, in `localStorage`, the files each entry named, so that a later visit
fetches them together with the entry. The warm-up round is the first visit for **cold**;
**cold, first visit** is the same mount on a page that has forgotten them (`host.html?first-visit`
clears the key), one per trial. The peers remember nothing across pages: their first visit is
their cold mount. On these machines the cold-mount medians move from run to run, micro-app's
more than ours: four full runs read ours 11.0, 11.2, 9.5 (2026-11-23) and 12.5 ms (2026-12-05,
a slower machine and Chromium 150) against micro-app's 13.6, 11.2, 11.4 and 14.7 ms (0.81x,
1.00x, 0.83x and 0.85x). Interleaved cold-mount-only runs of 30-60 trials read 0.85x-0.92x on
2026-11-23 and 0.85x-0.88x in six runs on 2026-12-05.
"""

OVERHEAD_NOTES = """## Sandbox overhead (ratio to native)

`bench/apps/overhead/loop.js` ({iterations:,} iterations: global reads, `Math.max`, a global
write, `document.createElement`) run inside each framework's sandbox through the app's own
script: `dist/apps/overhead/app.js` is loop.js unchanged plus one line, in the same script, that
hands `benchLoop` to the page (so the loop keeps the scope the sandbox gives it: `with (proxy)`
in qiankun, micro-app and garfish; wujie's and our iframe realm). The baseline is the same file
on a page with no framework{native}; {trials} interleaved trials after a warm-up run of each.
"""

HEAP_NOTES = """## JS heap growth per mount/unmount cycle

`dist/apps/small` mounted and unmounted {cycles} times after {warmup} warm-up cycles, in a fresh
page per framework; heap read with `Runtime.getHeapUsage` after three
`HeapProfiler.collectGarbage` (same-origin iframes share the page's heap). The two iframes our
core leaves are the realm of the last unmounted `small`, kept loaded for its next mount (at most
eight such apps per page; `handle.unload()` frees one), and the page's one spare realm, blank,
for the next mount.
"""

SIZE_NOTES = """## Runtime bundle size

The API each host uses (`mount`; `loadMicroApp`; `startApp` + `destroyApp`; `microApp`;
`Garfish`) bundled by esbuild with its dependencies, minified, `NODE_ENV=production`, then
gzip -9 (`dist/size/`). Bundled this way our core inlines every on-demand part: the ES module
loader, scoped CSS and the strict, snapshot and proxy sandboxes (the proxy part alone, with
acorn and periscopic, is {proxy_kb:.1f} KB). What a page loads to mount an app in the default
mode is `core.js` with the chunks it imports statically: {core_kb:.1f} KB gzip (`bench/README.md`).
"""

CONFORMANCE_NOTES = """## Isolation conformance

Each app in a fresh host page. `plain` is `tests/apps/plain` and `vue-todo` is
`examples/apps/vue-todo` (Vue global build with its in-browser template compiler, lodash),
both unchanged. `polluter` is `tests/apps/polluter` unchanged. The escape and timer rows use
`dist/apps/probe`: the polluter (same markup, `style.css` and `main.js`) plus `probe.js`, which
evaluates the expressions inside the sandbox and reads the app's own `window.ticks`, plus the
UMD lifecycle export qiankun needs; the page compares each value with its own `window`. The
last two rows repeat the polluter's global and CSS checks on this twin, which qiankun mounts.
"Did not mount" means the framework could not run the app at all; the error is listed below.
"""


def _row(label: str, cells: list[str]) -> str:
    return f"| {label} | " + " | ".join(cells) + " |"


def markdown(results: dict[str, Any]) -> str:
    names = list(FRAMEWORKS)
    head = [_row("Figure", [LABELS[n] for n in names]), "| --- |" + " --- |" * len(names)]
    params = results["params"]
    versions = ", ".join(f"`{k}@{v}`" for k, v in results["versions"].items())
    run = {key: results[key] for key in ("date", "mode", "browser", "machine")}
    lines = [INTRO.format(versions=versions, **run)]
    if results.get("partial_rerun"):
        lines.append(
            f"This file's last run re-measured only some parts; {results['partial_rerun']} "
            "(same machine, same day).\n"
        )
    lines += [MOUNT_NOTES.format(**params), *head]
    mounts = results.get("mounts", {})
    figures = [
        ("cold", "cold mount"),
        ("cold_first_visit", "cold mount, first visit"),
        ("warm", "warm mount"),
        ("switch", "switch (unmount A + mount B)"),
        ("unmount", "unmount"),
        ("cold_second", "cold mount of the 2nd app"),
    ]
    for figure, label in figures:
        lines.append(_row(label, [fmt(mounts.get(n, {}).get(figure)) for n in names]))
    for n in names:
        entry = mounts.get(n, {})
        if entry.get("errors"):
            errors = "; ".join(f"`{e}`" for e in entry["errors"])
            lines.append(f"\n- **{LABELS[n]}** failed {entry['failed_trials']} trial(s): {errors}")
    overhead = results.get("overhead", {})
    native = overhead.get("native")
    native_text = f" (native median {native['median']:.1f} ms)" if native else ""
    lines += [
        "",
        OVERHEAD_NOTES.format(
            iterations=overhead.get("iterations", 0),
            native=native_text,
            trials=params["overhead_trials"],
        ),
        *head,
    ]
    ratio_cells, ms_cells = [], []
    for n in names:
        entry = overhead.get(n, {})
        ratio_cells.append(
            f"**{entry['ratio']:.2f}x**" if "ratio" in entry else f"failed: {entry.get('error')}"
        )
        ms_cells.append(fmt(entry) if "median" in entry else "—")
    lines += [_row("ratio to native", ratio_cells), _row("loop ms", ms_cells)]
    heap = results.get("heap", {})
    heap_cells = []
    for n in names:
        entry = heap.get(n, {})
        heap_cells.append(
            f"{entry['bytes_per_cycle'] / 1024:.2f}"
            if "bytes_per_cycle" in entry
            else f"failed: {entry.get('error')}"
        )
    lines += [
        "",
        HEAP_NOTES.format(cycles=params["heap_cycles"], warmup=params["heap_warmup"]),
        *head,
        _row("KB per cycle", heap_cells),
        _row("iframes left", [str(heap.get(n, {}).get("iframes_left", "—")) for n in names]),
    ]
    sizes = results.get("bundle", {})
    shipped = bundle_size.measure()  # the runtime as built now, as bench/README.md reports it
    lines += [
        "",
        SIZE_NOTES.format(
            proxy_kb=shipped["proxy.js"]["gzip"] / 1024, core_kb=shipped["core.js"]["gzip"] / 1024
        ),
        *head,
        _row("minified KB", [f"{sizes[n]['minified'] / 1024:.1f}" for n in names]),
        _row("gzip KB", [f"{sizes[n]['gzip'] / 1024:.1f}" for n in names]),
    ]
    conformance = results.get("conformance", {})
    if conformance:
        lines += ["", CONFORMANCE_NOTES, *head]
        for app, key, label in CONFORMANCE_ROWS:
            cells = []
            for n in names:
                part = conformance.get(n, {}).get(app, {})
                if "error" in part:
                    cells.append("FAIL (did not mount)")
                elif key in part:
                    cells.append("pass" if part[key]["pass"] else f"FAIL: {part[key]['detail']}")
                else:
                    cells.append("—")
            lines.append(_row(label, cells))
        passed = [
            sum(
                1
                for app, key, _ in CONFORMANCE_ROWS
                if conformance.get(n, {}).get(app, {}).get(key, {}).get("pass")
            )
            for n in names
        ]
        lines.append(_row("**rows passed**", [f"**{p}/{len(CONFORMANCE_ROWS)}**" for p in passed]))
        lines.append("")
        for n in names:
            for app, part in conformance.get(n, {}).items():
                if "error" in part:
                    lines.append(f"- **{LABELS[n]}** on {app}: `{part['error']}`")
                if part.get("page_errors"):
                    errors = "; ".join(f"`{e}`" for e in part["page_errors"])
                    lines.append(f"- **{LABELS[n]}** on {app}, page errors: {errors}")
    lines += ["", "## Configurations", "", *[f"- **{LABELS[n]}**: {CONFIG[n]}" for n in names]]
    return "\n".join(lines) + "\n"


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
