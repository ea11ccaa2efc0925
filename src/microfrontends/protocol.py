"""The contract between the kernel and the browser runtime: every name and number both sides spell.

``js/contract/protocol.ts`` holds the same constants for the page;
``tests/unit/test_protocol.py`` checks that the two agree, value for value. A constant belongs
here when the other side must spell it the same way: the ``kind`` of each custom message, the
virtual origin of kernel-served files, the server extension's URL paths and answers, the
on-demand parts of the runtime, and the size limits both sides enforce. This module imports
nothing of the package, so any module may use it.
"""

from __future__ import annotations

from typing import Literal, get_args

# The ``kind`` of each custom message between a MicroApp or GlobalState widget and its views.
FETCH_KIND = "mf:fetch"
"""Page -> kernel: ``{kind, id, url, fresh?}``, a file the page wants."""
FETCHED_KIND = "mf:fetched"
"""Kernel -> page: the answer to ``mf:fetch``, the body as the single binary buffer."""
CHUNK_KIND = "mf:chunk"
"""Either way: one piece of a big message (see :mod:`microfrontends.chunks`)."""
EVENTS_KIND = "mf:events"
"""Either way, on a MicroApp: ``{kind, events: [[name, payload], ...]}``."""
COMMAND_KIND = "mf:command"
"""Kernel -> page, on a MicroApp: ``{kind, command, sheets?}``, one of :data:`COMMANDS`;
``sheets`` (``[{url, text?}]``) are the stylesheets a ``restyle`` replaces."""
STATE_KIND = "mf:state"
"""Kernel -> page, on a GlobalState: numbered changes, acks and events, or the whole value."""
STATE_PATCH_KIND = "mf:state-patch"
"""Page -> kernel, on a GlobalState: a batch of an app's changes."""
STATE_SYNC_KIND = "mf:state-sync"
"""Page -> kernel, on a GlobalState: the page missed a message and asks for the whole value."""
LOGS_KIND = "mf:logs"
"""Page -> kernel, on a MicroApp: ``{kind, logs: [{level, kind, message, time, stack?}], dropped}``,
its app's log (see :mod:`microfrontends.app_logs`)."""

Command = Literal["mount", "unmount", "reload", "restyle"]
COMMANDS: tuple[Command, ...] = get_args(Command)
"""What an ``mf:command`` message tells every view of a MicroApp to do."""

VIRTUAL_ORIGIN = "https://kernel.microfrontends.invalid"
"""Files the kernel serves appear to the page under this origin, which no network resolves:
``<origin>/<folder id>/<path>`` for a local folder, ``<origin>/<RUNTIME_PATH><part>.js`` for the
runtime's parts."""
FOLDER_ID_PATTERN = "[0-9a-f]{16}"
"""A served folder's id (a digest of its path), as a regular expression both sides read alike."""
RUNTIME_PATH = "_runtime/"
"""Below :data:`VIRTUAL_ORIGIN`, where the page asks the kernel for the runtime's parts."""

SERVER_FILES_PATH = "microfrontends/files/"
"""Below the Jupyter server's base URL, the extension's copy of the served folders:
``<base>microfrontends/files/<folder id>/<path>``."""
SERVER_RUNTIME_PATH = "microfrontends/runtime/"
"""Below the Jupyter server's base URL, the runtime's parts: ``<part>.js?build=<build>``."""
ANSWER_HEADER = "X-Microfrontends"
"""The header with which the server extension says what it answered (one of the ``ANSWER_*``)."""
ANSWER_FILE = "file"
"""The body is the folder's file."""
ANSWER_PART = "part"
"""The body is the runtime's part, of the build the page asked for."""
ANSWER_ERROR = "error"
"""The file cannot be served: the body says why, and the kernel would say the same."""
ANSWER_UNKNOWN_ROOT = "unknown-root"
"""This server does not know the folder (a remote kernel's): ask the kernel."""
ANSWER_STALE_PART = "stale-part"
"""This server has another build of the runtime than the page: ask the kernel."""

RUNTIME_PARTS = (
    "modules",
    "css",
    "strict",
    "scoped",
    "proxy",
    "snapshot",
    "page",
    "routes",
    "prefetch",
    "errors",
    "chunks",
    "realm",
    "logs",
)
"""The runtime's on-demand parts, each built to ``static/<part>.js`` (``js/build.mjs``)."""

INLINE_BYTES = 256 * 1024
"""Messages whose JSON is smaller travel as plain JSON content, as small messages always did."""
CHUNK_BYTES = 4 * 2**20
"""Bytes per chunk of a page's message: well under the server's 10 MiB per websocket message."""
MAX_VALUE_BYTES = 128 * 2**20
"""The most one change (``state[key] = value``, ``state.update(patch)``, an app's
``setGlobalState(patch)``) or one event's payload may take as JSON encoded to UTF-8. Past it
the writer gets a ``ValueError`` (a ``RangeError`` in an app) and nothing is applied."""

LOG_LEVELS = ("debug", "log", "info", "warn", "error")
"""The levels of an app's log entries, the console's methods that make them."""
LOG_INTERVAL_MS = 100
"""A page sends an app's log entries to the kernel at most once per this many milliseconds."""
LOG_BATCH_ENTRIES = 100
"""The most entries one batch carries: older ones of a burst are counted in its ``dropped``."""
LOG_TEXT_CHARS = 4000
"""The most characters an entry's message, and its stack, keep; the rest is cut."""
