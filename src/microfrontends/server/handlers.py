"""HTTP handlers of the server extension: ``microfrontends/files/<id>/<path>`` and
``microfrontends/runtime/<part>``.

Every answer carries ``X-Microfrontends``, which tells the browser who answered: ``file`` or
``part`` (here it is), ``error`` (the file cannot be served: the body says why, and the kernel
would say the same), ``unknown-root`` (this server does not know the folder: ask the kernel) or
``stale-part`` (this server's runtime is another build than the page's: ask the kernel).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop

from ..protocol import (
    ANSWER_ERROR,
    ANSWER_FILE,
    ANSWER_HEADER,
    ANSWER_PART,
    ANSWER_STALE_PART,
    ANSWER_UNKNOWN_ROOT,
    FOLDER_ID_PATTERN,
    SERVER_FILES_PATH,
    SERVER_RUNTIME_PATH,
)
from ..runtime_parts import STATIC, part_name
from ..transport import Asset, AssetError, LocalRoot
from ..transport.registry import published_root

PARTS_BUILD_FILE = "parts-build.txt"


class _Handler(JupyterHandler):
    # Reading an app's files is reading the user's files: the contents permission.
    auth_resource = "contents"

    def _answer(self, kind: str, status: int, body: bytes, content_type: str) -> None:
        self.set_status(status)
        self.set_header(ANSWER_HEADER, kind)
        self.set_header("Content-Type", content_type)
        # Apps change while they are developed: the browser revalidates (tornado's ETag).
        self.set_header("Cache-Control", "no-cache")
        self.finish(body)


class FolderFileHandler(_Handler):
    """A file of a published folder, confined to it as the kernel confines it."""

    @web.authenticated
    @authorized
    async def get(self, root_id: str, _decoded_path: str) -> None:
        # As for /files/: only pages of this server's own site may read the user's files.
        self.check_xsrf_cookie()
        # The path as sent, still percent-encoded, as LocalRoot reads it (tornado decodes the
        # route's groups, and a file name may hold a "%").
        path = self.request.path.split(f"/{SERVER_FILES_PATH}{root_id}/", 1)[1]
        try:
            asset = await IOLoop.current().run_in_executor(None, _read, root_id, path)
        except AssetError as err:
            self._answer(
                ANSWER_ERROR, err.status or 500, str(err).encode(), "text/plain; charset=utf-8"
            )
            return
        if asset is None:
            self._answer(
                ANSWER_UNKNOWN_ROOT,
                404,
                b"this server serves no folder with that id",
                "text/plain; charset=utf-8",
            )
            return
        self._answer(ANSWER_FILE, 200, asset.body, asset.content_type)


class RuntimePartHandler(_Handler):
    """An on-demand part of the browser runtime, if it is the build the page asks for."""

    @web.authenticated
    @authorized
    def get(self, part: str) -> None:
        body = _part_body(part)
        if body is None or self.get_query_argument("build", "") != _parts_build():
            self._answer(
                ANSWER_STALE_PART,
                404,
                b"no such build of that part here",
                "text/plain; charset=utf-8",
            )
            return
        self._answer(ANSWER_PART, 200, body, "text/javascript; charset=utf-8")


# The folders found so far, by id: an id only ever names the one folder that hashes to it, so
# a file request reads the listing once per folder, not once per file.
_served_folders: dict[str, LocalRoot] = {}


def _read(root_id: str, path: str) -> Asset | None:
    """The file at ``path`` of the folder published as ``root_id``; None for an unknown id."""
    folder = _served_folders.get(root_id)
    if folder is None:
        root = published_root(root_id)
        if root is None:
            return None
        try:
            folder = _served_folders[root_id] = LocalRoot(root)
        except OSError as exc:
            raise AssetError(path, 404, f"the app folder {root} is gone ({exc})") from None
    return folder.read(path, url=path)


@cache
def _part_file(part: str) -> Path | None:
    name = part_name(part)
    return None if name is None else STATIC / f"{name}.js"


def _parts_build() -> str:
    """The id of the parts' build that js/build.mjs wrote beside them."""
    try:
        return (STATIC / PARTS_BUILD_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _part_body(part: str) -> bytes | None:
    path = _part_file(part)
    try:
        return path.read_bytes() if path is not None else None
    except OSError:
        return None


def handlers(base_url: str) -> list[tuple[str, type[JupyterHandler]]]:
    """The extension's routes below ``base_url``."""
    return [
        (
            url_path_join(base_url, SERVER_FILES_PATH, f"({FOLDER_ID_PATTERN})/(.*)"),
            FolderFileHandler,
        ),
        (url_path_join(base_url, SERVER_RUNTIME_PATH, r"([a-z]+\.js)"), RuntimePartHandler),
    ]
