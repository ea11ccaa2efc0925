"""The Jupyter server extension: serves published app folders and the runtime's parts over HTTP.

Enabled by ``pip install`` (``etc/jupyter/jupyter_server_config.d/microfrontends.json``) in
every Jupyter Server application: JupyterLab, Notebook 7, Voila run as a server extension,
JupyterHub's single-user servers. A file request then never waits for the kernel, however long
the cell it runs. Where the extension is absent (Voila's own server, other hosts) or cannot see
the kernel's folder (a remote kernel), the browser asks the kernel over the widget's messages.
"""

from __future__ import annotations

from typing import Any

from .handlers import handlers


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "microfrontends.server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    web_app = serverapp.web_app
    web_app.add_handlers(".*$", handlers(web_app.settings["base_url"]))
    serverapp.log.info(
        "microfrontends: serving published app folders under %smicrofrontends/",
        web_app.settings["base_url"],
    )
