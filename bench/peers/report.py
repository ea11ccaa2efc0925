"""Writes RESULTS.md from the results: the tables, with the notes that say how each figure was
measured."""

from __future__ import annotations

from typing import Any

import bundle_size
from frameworks import CONFIG, FRAMEWORKS, LABELS


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
