"""A lifecycle_timeout past the browser's timer limit is refused in the cell that gives it,
instead of making the app fail at once; a long one within the limit works."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import NotebookFactory
from .microapps import APPS, IMPORT, app_cell, expect_status, host

TEN_DAYS = 10 * 86400


def test_a_timeout_past_the_browsers_limit_is_refused_in_its_cell(
    notebook: NotebookFactory,
) -> None:
    nb = notebook(
        [
            IMPORT,
            app_cell("patient", APPS / "umd", name="umd-app", lifecycle_timeout=TEN_DAYS),
            app_cell("hasty", APPS / "umd", name="hasty", lifecycle_timeout=1e9),
            "print('the kernel answers', 6 * 7)",
        ]
    )
    nb.run_all()

    # Ten days is within setTimeout's 2**31 - 1 ms: the app's lifecycles run and it mounts.
    expect_status(nb, 1, "umd-app", "MOUNTED")
    expect(host(nb, 1, "umd-app").locator("#umd-mounted")).to_have_text("mounted as umd-app")

    # 1e9 seconds is not: the cell shows why, and no app is made to fail in the page.
    refused = nb.output(2)
    expect(refused).to_contain_text(
        "ValueError: lifecycle_timeout=1000000000.0 is past the browser's limit of "
        "2147483.647 seconds"
    )
    expect(host(nb, 2, "hasty")).to_have_count(0)

    # The kernel lives on: the next cell runs, and the first app is still mounted.
    expect(nb.output(3)).to_contain_text("the kernel answers 42")
    expect_status(nb, 1, "umd-app", "MOUNTED")
