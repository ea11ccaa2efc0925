"""Serving a local folder to the browser, confined to that folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .asset import Asset, AssetError, guess_content_type

INDEX_FILE = "index.html"
_ESCAPE = "the path escapes the app's root"


class LocalRoot:
    """A folder whose files are served to the browser, and nothing outside it.

    Paths are URL paths below the root. Any path that would leave the root (``..``
    segments, absolute paths, percent-encoded or double-encoded traversal, backslashes,
    NUL bytes, symlinks resolving outside the root) is refused with a 403
    :class:`AssetError`. Symlinks that stay inside the root are followed.
    """

    def __init__(self, root: Path | str) -> None:
        resolved = Path(root).expanduser().resolve()
        if not resolved.exists():
            raise FileNotFoundError(f"App folder not found: {root}")
        if not resolved.is_dir():
            raise NotADirectoryError(f"App folder is not a directory: {root}")
        self._root = resolved

    @property
    def root(self) -> Path:
        """The resolved folder being served."""
        return self._root

    def read(self, path: str, url: str | None = None) -> Asset:
        """Read the file at URL path ``path`` (percent-encoded, relative to the root).

        A folder path (empty or ending with ``/``) serves the folder's ``index.html``.
        ``url`` is the URL reported in the asset and in errors (``path`` by default).
        Raises :class:`AssetError`: 403 for a path leaving the root, 404 for a missing
        file.
        """
        url = path if url is None else url
        relative = _relative_path(path, url)
        target = self._resolve_inside(relative, url)
        body = _read_bytes(target, relative, url)
        return Asset(url=url, status=200, content_type=guess_content_type(relative.name), body=body)

    def _resolve_inside(self, relative: PurePosixPath, url: str) -> Path:
        """Resolve ``relative`` (following symlinks) and check it is still in the root."""
        try:
            target = self._root.joinpath(*relative.parts).resolve()
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
            raise AssetError(url, 404, f"cannot resolve {relative}: symlink loop") from None
        if not target.is_relative_to(self._root):
            raise AssetError(url, 403, _ESCAPE)
        return target


def _relative_path(path: str, url: str) -> PurePosixPath:
    """Turn a raw URL path into a safe relative path, or raise a 403 AssetError."""
    raw = path.split("#", 1)[0].split("?", 1)[0]
    decoded = unquote(raw)
    if any(_escapes(form) for form in _decodings(raw)):
        raise AssetError(url, 403, _ESCAPE)
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if decoded == "" or decoded.endswith("/"):
        parts.append(INDEX_FILE)
    return PurePosixPath(*parts)


def _decodings(raw: str) -> list[str]:
    """Return ``raw`` and every successive percent-decoding of it until it stops changing.

    Only the first decoding names the file; the others catch double-encoded traversal.
    """
    forms = [raw]
    while (decoded := unquote(forms[-1])) != forms[-1]:
        forms.append(decoded)
    return forms


def _escapes(path: str) -> bool:
    """Whether a decoded path could climb out of, or jump past, the root."""
    return "\x00" in path or "\\" in path or path.startswith("/") or ".." in path.split("/")


def _read_bytes(target: Path, relative: PurePosixPath, url: str) -> bytes:
    """Read a resolved file, mapping filesystem errors to AssetError."""
    try:
        return target.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise AssetError(url, 404, f"no file {relative} in the app's folder") from None
    except IsADirectoryError:
        raise AssetError(
            url, 404, f"{relative} is a folder (request {relative}/ for its {INDEX_FILE})"
        ) from None
    except PermissionError:
        raise AssetError(url, 403, f"permission denied reading {relative}") from None
    except OSError as exc:
        raise AssetError(url, 500, f"cannot read {relative}: {exc.strerror or exc}") from None
