"""The server extension's HTTP answers, as a page (or anyone else) reaching the server gets them."""

from __future__ import annotations

import urllib.error
import urllib.request

from microfrontends.transport import local_root_id

from .microapps import APPS, IMPORT, app_cell, expect_status
from .servers import LabServer


def get(lab: LabServer, path: str, token: bool = True) -> tuple[int, str, bytes]:
    """Status, X-Microfrontends header and body of a GET below the server's base URL."""
    url = f"{lab.url}{path}" + (f"?token={lab.token}" if token else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Microfrontends", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Microfrontends", ""), error.read()


def test_serves_the_files_of_a_folder_a_kernel_published_and_nothing_else(notebook, lab):
    nb = notebook([IMPORT, app_cell("app", APPS / "plain", name="served")])
    nb.run_all()
    expect_status(nb, 1, "served", "MOUNTED")
    root = local_root_id(APPS / "plain")
    status, answer, body = get(lab, f"microfrontends/files/{root}/css/style.css")
    assert (status, answer) == (200, "file")
    assert body == (APPS / "plain" / "css" / "style.css").read_bytes()
    assert get(lab, f"microfrontends/files/{root}/nothing-here.js")[:2] == (404, "error")
    assert get(lab, f"microfrontends/files/{root}/%2e%2e/umd/main.js")[:2] == (403, "error")
    assert get(lab, "microfrontends/files/0123456789abcdef/index.html")[:2] == (404, "unknown-root")


def test_asks_for_the_users_credentials(notebook, lab):
    nb = notebook([IMPORT, app_cell("app", APPS / "plain", name="served-auth")])
    nb.run_all()
    expect_status(nb, 1, "served-auth", "MOUNTED")
    root = local_root_id(APPS / "plain")
    # Without credentials, the server sends the login page instead (urllib follows the redirect).
    _, answer, body = get(lab, f"microfrontends/files/{root}/css/style.css", token=False)
    assert answer == ""
    assert body != (APPS / "plain" / "css" / "style.css").read_bytes()
    assert b"login" in body.lower()


def test_serves_runtime_parts_of_the_same_build_only(lab):
    assert get(lab, "microfrontends/runtime/css.js")[:2] == (404, "stale-part")
    build = (APPS.parents[1] / "src" / "microfrontends" / "static" / "parts-build.txt").read_text()
    url = f"{lab.url}microfrontends/runtime/css.js?build={build}&token={lab.token}"
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["X-Microfrontends"] == "part"
        assert b"url(" in response.read()
