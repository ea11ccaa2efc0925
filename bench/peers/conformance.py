"""The isolation conformance checks: each app in a fresh host page per framework, its parts run
by the page's bench functions (bench/peers/src/common.js)."""

from __future__ import annotations

from typing import Any

from frameworks import FRAMEWORKS
from measure import open_host

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
