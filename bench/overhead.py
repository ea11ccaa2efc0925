"""Sandbox overhead: the same loop inside an app and natively on the page, interleaved."""

from __future__ import annotations

from harness import chromium, static_server, summary

ITERATIONS = 2_000_000
TRIALS = 30

SETUP = """async ([entry, sandbox]) => {
  const slot = document.createElement('div');
  document.body.append(slot);
  const options = { entry, name: 'overhead-' + sandbox, sandbox };
  const app = await window.microfrontends.mount(slot, options);
  window.apps = window.apps || {};
  window.apps[sandbox] = app;
}"""


def measure(trials: int = TRIALS) -> dict[str, dict[str, float]]:
    with static_server() as base, chromium() as context:
        page = context.new_page()
        page.goto(f"{base}bench/page.html")
        page.wait_for_function("window.benchReady === true")
        entry = f"{base}bench/apps/overhead/"
        # sandbox="none" runs the app's scripts in the page unchanged: its overhead is the
        # native loop's by construction, so only the iframe realm is measured.
        page.evaluate(SETUP, [entry, "iframe"])
        runners = {
            "native": f"() => benchLoop({ITERATIONS})",
            "iframe": f"() => window.apps.iframe.window.benchLoop({ITERATIONS})",
        }
        for runner in runners.values():  # warm up the JIT everywhere
            page.evaluate(runner)
        times: dict[str, list[float]] = {name: [] for name in runners}
        for _ in range(trials):
            for name, runner in runners.items():
                times[name].append(page.evaluate(runner))
        page.close()
    native = summary(times["native"])["median"]
    return {
        name: {**summary(values), "ratio": summary(values)["median"] / native}
        for name, values in times.items()
    }
