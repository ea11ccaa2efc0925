"""JS heap growth per mount/unmount cycle after warm-up, garbage collected before each reading.

``python bench/heap.py --snapshot`` also diffs heap snapshots taken before and after the
measured cycles, by constructor, to show what a leak retains.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from harness import chromium, open_bench_page, slope, static_server
from playwright.sync_api import CDPSession

WARMUP = 5
CYCLES = 50
TARGET = 5 * 1024
# Name -> (app, sandbox): the default sandbox, and the polluter in the proxy sandbox too.
APPS = {
    "plain": ("tests/apps/plain/", "iframe"),
    "polluter": ("tests/apps/polluter/", "iframe"),
    "polluter, proxy sandbox": ("tests/apps/polluter/", "proxy"),
}

CYCLE = """async ([entry, name, sandbox]) => {
  const slot = document.getElementById('slot');
  const app = await window.microfrontends.mount(slot, { entry, name, sandbox });
  await app.unmount();
}"""

# The page's one spare realm (made while it is idle, for the next mount) is not a leftover.
LEFT_OVER = """() => ({
  elements: document.querySelectorAll(
    'iframe:not([data-microfrontends-spare]), [data-microfrontends-app] *').length,
  slot: document.getElementById('slot').innerHTML.length,
})"""


def used_after_gc(cdp: CDPSession) -> float:
    # Several passes: a collection can free objects that only the previous one made unreachable.
    for _ in range(3):
        cdp.send("HeapProfiler.collectGarbage")
    return float(cdp.send("Runtime.getHeapUsage")["usedSize"])


def heap_snapshot(cdp: CDPSession) -> Counter[str]:
    """Live objects after GC, as ``{"<type> <constructor>": [count, self bytes]}`` counters."""
    chunks: list[str] = []

    def on_chunk(event: dict[str, str]) -> None:
        chunks.append(event["chunk"])

    cdp.on("HeapProfiler.addHeapSnapshotChunk", on_chunk)
    used_after_gc(cdp)
    cdp.send("HeapProfiler.takeHeapSnapshot", {"reportProgress": False})
    cdp.remove_listener("HeapProfiler.addHeapSnapshotChunk", on_chunk)
    snapshot = json.loads("".join(chunks))
    meta = snapshot["snapshot"]["meta"]
    fields: list[str] = meta["node_fields"]
    types: list[str] = meta["node_types"][0]
    strings, nodes, width = snapshot["strings"], snapshot["nodes"], len(fields)
    kind, name, size = fields.index("type"), fields.index("name"), fields.index("self_size")
    found: Counter[str] = Counter()
    for at in range(0, len(nodes), width):
        key = f"{types[nodes[at + kind]]} {strings[nodes[at + name]][:80]}"
        found[f"count {key}"] += 1
        found[f"bytes {key}"] += nodes[at + size]
    return found


def diff_snapshots(
    before: Counter[str], after: Counter[str], cycles: int, top: int = 15
) -> list[dict]:
    """The constructors whose retained bytes grew most, per cycle."""
    grown = after.copy()
    grown.subtract(before)
    rows = [(key.removeprefix("bytes "), grown[key]) for key in grown if key.startswith("bytes ")]
    rows.sort(key=lambda row: row[1], reverse=True)
    return [
        {
            "object": key,
            "bytes_per_cycle": delta / cycles,
            "count_per_cycle": grown[f"count {key}"] / cycles,
        }
        for key, delta in rows[:top]
        if delta > 0
    ]


def measure_app(
    context: Any, base: str, app: tuple[str, str], cycles: int, snapshot: bool
) -> dict[str, Any]:
    page = open_bench_page(context, base)
    cdp = context.new_cdp_session(page)
    path, sandbox = app
    entry, name = f"{base}{path}", "heap"
    for _ in range(WARMUP):
        page.evaluate(CYCLE, [entry, name, sandbox])
    before = heap_snapshot(cdp) if snapshot else None
    used = [used_after_gc(cdp)]
    for _ in range(cycles):
        page.evaluate(CYCLE, [entry, name, sandbox])
        used.append(used_after_gc(cdp))
    result: dict[str, Any] = {
        "bytes_per_cycle": slope(used),
        "first_to_last_per_cycle": (used[-1] - used[0]) / cycles,
        "cycles": cycles,
        "heap_after_warmup": used[0],
        "left_over": page.evaluate(LEFT_OVER),
    }
    # A leak above the target explains itself: what the cycles left alive, by constructor.
    if before is not None or result["bytes_per_cycle"] > TARGET:
        before = before or Counter()
        result["retained"] = diff_snapshots(before, heap_snapshot(cdp), cycles)
    page.close()
    return result


def measure(cycles: int = CYCLES, snapshot: bool = False) -> dict[str, dict[str, Any]]:
    with static_server() as base, chromium() as context:
        return {
            name: measure_app(context, base, app, cycles, snapshot) for name, app in APPS.items()
        }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cycles", type=int, default=CYCLES)
    parser.add_argument("--snapshot", action="store_true", help="diff heap snapshots too")
    args = parser.parse_args()
    print(json.dumps(measure(args.cycles, args.snapshot), indent=2))
