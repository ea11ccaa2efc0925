"""JS heap growth per mount/unmount cycle, after warm-up, with garbage collected each time."""

from __future__ import annotations

from harness import chromium, static_server

WARMUP = 10
CYCLES = 40

CYCLE = """async ([entry, count]) => {
  for (let i = 0; i < count; i++) {
    const slot = document.getElementById('slot');
    const app = await window.microfrontends.mount(slot, { entry, name: 'heap' });
    await app.unmount();
  }
}"""


def _used_after_gc(cdp) -> float:
    for _ in range(3):
        cdp.send("HeapProfiler.collectGarbage")
    return float(cdp.send("Runtime.getHeapUsage")["usedSize"])


def measure(app: str = "tests/apps/plain/", cycles: int = CYCLES) -> dict[str, float]:
    with static_server() as base, chromium() as context:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        page.goto(f"{base}bench/page.html")
        page.wait_for_function("window.benchReady === true")
        entry = f"{base}{app}"
        page.evaluate(CYCLE, [entry, WARMUP])
        before = _used_after_gc(cdp)
        page.evaluate(CYCLE, [entry, cycles])
        after = _used_after_gc(cdp)
        leftover = page.evaluate(
            "document.querySelectorAll('iframe, [data-microfrontends-app]').length")
        page.close()
    return {
        "bytes_per_cycle": (after - before) / cycles,
        "cycles": cycles,
        "heap_before": before,
        "heap_after": after,
        "elements_left": leftover,
    }
