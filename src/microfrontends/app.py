"""``MicroApp``: one web app mounted in a notebook output, isolated and served by the kernel."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import traitlets

from .app_logs import AppLogs, LoggedApp
from .app_messages import AppMessages
from .app_options import (
    CSS_MODES,
    SANDBOXES,
    ImportMap,
    check_import_map,
    check_props,
    check_timeout,
    check_transport,
    choice,
)
from .arguments import CssLength, StrictBool, check_bool, check_keywords, css_length
from .embed import FullStateInExports, embed_state
from .entry import check_name, claim_name, resolve_entry, unique_name
from .events import Handler
from .prefetch import prefetch_in_background
from .runtime_parts import parts_needed, widget_module
from .state import GlobalState
from .transport import KernelTransport, LocalRoot, shared_fetcher
from .transport.registry import publish_root
from .watch import StylesheetChange, WatchedFolder

# ipywidgets' DOMWidget options that MicroApp takes as keywords and passes on.
WIDGET_OPTIONS = ("layout", "tooltip", "tabbable")


def _accepted_keywords() -> list[str]:
    """MicroApp's own parameters, then the DOMWidget options it passes on to ipywidgets."""
    parameters = inspect.signature(MicroApp.__init__).parameters.values()
    own = [p.name for p in parameters if p.name != "self" and p.kind is not p.VAR_KEYWORD]
    return own + list(WIDGET_OPTIONS)


class MicroApp(LoggedApp, FullStateInExports, WatchedFolder, anywidget.AnyWidget):
    """A web app mounted in a notebook output, isolated from the page and other apps.

    Each output showing the widget runs its own instance of the app; all follow the
    widget's traits.

    Parameters
    ----------
    entry:
        Where the app comes from: an http(s) URL of its HTML entry (an ``index.html`` or a
        folder URL), a local folder holding ``index.html``, or a local ``.html`` file.
        Local entries are served by the kernel, from inside their folder only.
    html:
        Inline HTML to mount instead of an entry.
    name:
        The app's name, used for ``window[name]`` lifecycle lookup and in the DOM contract
        ``data-microfrontends-app="<name>"``. Defaults to one derived from the entry, unique
        in this kernel.
    props:
        JSON values given to the app's lifecycles (with ``name``, ``container`` and the
        state and event functions), as :func:`microfrontends.json_values.check_json`
        accepts them: integers up to ``2**53 - 1`` either way (JavaScript would change
        larger ones), at most 100 levels of nesting. Assigning ``app.props`` or calling
        ``set_props()`` later calls the app's ``update`` lifecycle; apps without lifecycles
        read ``window.microfrontends.props`` and ``onProps(callback)``.
    state:
        A :class:`GlobalState` the app shares with Python and the other apps on it. One
        state change or event payload may take up to 128 MiB as JSON in UTF-8 either way
        (:data:`microfrontends.protocol.MAX_VALUE_BYTES`); past it the writer gets an error
        (``ValueError`` in Python, ``RangeError`` in the app) and nothing is applied.
    sandbox:
        ``"iframe"`` (default): the app's scripts run in a hidden same-origin iframe realm
        whose ``document`` points at the app's DOM. ``"proxy"``: the multi-instance proxy
        sandbox; classic scripts run as ``with (fakeWindow) {...}`` against a fake window
        (a Proxy whose reads fall through to that same kind of realm), so ``window``,
        ``self``, ``globalThis`` and code made at run time (``new Function``, ``eval``,
        string timers) see the app's own globals; top-level ``var``/``function``
        declarations are shared between the app's scripts as in a page. ES modules run in
        the realm itself. ``"none"``: scripts run in the page.
        ``"snapshot"``: for apps that need the page's real ``window``; scripts run in the
        page and really write to it; mounting records the window's properties and
        unmounting restores them, and the timers, window/document listeners, dynamic styles
        and URL changes the app's code made are undone (a global the page itself adds or
        changes meanwhile is taken for the app's). Only one snapshot app can be
        mounted on a page at a time: mounting a second one fails with a load error naming
        the mounted one (the first is never unmounted behind your back; one hidden by
        ``keep_alive`` still counts as mounted).
        None of these is a security boundary: all share the notebook page's origin.
        ``"strict"``, for untrusted apps and the only security boundary: the app runs in a
        sandboxed iframe with an opaque origin and reaches the host only by checked
        messages (state, props, events). It cannot read the page's cookies or DOM nor call
        the Jupyter server as the user. Its scripts and styles are inlined into the frame;
        ES modules run, with ``import_map``: the frame loads an http(s) app's itself (with
        CORS, from its opaque origin); for an app in a local folder it asks the page for
        each file by message, and gets the files of that folder only (its images, fonts and
        stylesheets too).
    css:
        ``"shadow"`` (default): the app renders in an open shadow root. ``"scoped"``: no
        shadow root; every rule of the app's CSS (inline, linked, added at run time, inside
        ``@media``/``@supports``/``@layer``) is confined to the app's container, ``html``,
        ``:root`` and ``body`` map to it, ``@keyframes`` get names unique to the app.
        ``"none"``: no style isolation.
    transport:
        How the browser gets the app's files. ``"auto"`` (default): local entries through
        the kernel, http(s) through the browser with the kernel as fallback (CORS, network).
        ``"kernel"``: always through the kernel. ``"browser"``: only the page's ``fetch``.
    height:
        ``None`` (grow with the content), a positive number of pixels (``400``), or a
        string holding one CSS length (``"400px"``, ``"50vh"``, ``"30em"``, ``"100%"``),
        ``"auto"``, or one ``calc()``/``min()``/``max()``/``clamp()`` of lengths and numbers
        (``"calc(100vh - 80px)"``); see :func:`microfrontends.arguments.css_length`.
        Anything else, a unitless ``"400"`` or text with ``;`` or ``url()`` included,
        raises ``ValueError``.
    lifecycle_timeout:
        Seconds a lifecycle (bootstrap, mount, unmount, update) may take before the app is
        marked ``SKIP_BECAUSE_BROKEN`` (default 10), at most the browser's timer limit of
        2147483.647 seconds (``2**31 - 1`` ms, about 24.8 days); more raises ``ValueError``.
    keep_alive:
        ``True``: ``unmount()`` hides the app instead of destroying it: its DOM, state,
        realm, timers and listeners all stay (timers keep running), its lifecycles are not
        called, and ``mount()`` shows it again at once. ``reload()`` and closing the widget
        still destroy it. Can be switched at any time.
    import_map:
        Where the bare specifiers of the app's ES modules load from, as in an HTML import map:
        ``{"imports": {"lit": "https://esm.sh/lit@3", "shared/": "./vendor/shared/"}}`` (a
        key ending in ``/`` maps a prefix). URLs resolve against the entry. In the
        ``"iframe"`` sandbox every ES module (a Vite build's chunks too) loads through the
        app's transport, once per page: apps that map a specifier to the same URL share
        its download (each app still runs its own instance of the module).
    sync_route:
        ``True``: the app's route (its location below its entry, with query and hash) is
        mirrored in the page's query string as ``mf-<name>=<route>`` and restored from it
        when the page loads, so reloading a Voila dashboard keeps every app's route.
        Off by default: in a notebook the page's URL is JupyterLab's.
    prefetch:
        ``True``: fetch the app's files before it is shown. As soon as the widget exists in
        the page (when it is created with a page open, or when the page loads it), the browser
        fetches, while idle (``requestIdleCallback``), the entry, its stylesheets, classic
        scripts and ES module graph through the app's transport into the page's asset cache,
        which every widget on the page shares; displaying the app later fetches nothing
        again. Where the kernel serves the files (local entries, ``transport="kernel"``), the
        kernel also reads them ahead, in the background (see :func:`microfrontends.prefetch`).
        Images and fonts that an http(s) app's CSS names are left to the browser's own cache.
    embed:
        ``True``: fetch the app now (its HTML, stylesheets with their fonts and images, classic
        scripts, ES modules and their string imports) and store the files in the widget state,
        so that a notebook saved with widget state, or a page exported with
        ``ipywidgets.embed.embed_minimal_html``, shows the app with no kernel. The browser
        serves the app from this copy even while a kernel runs. Offline, the app renders with
        its props and the last saved state; changes of state and props made in the page stay
        in the page, events reach no Python handler, and files the app builds URLs for at run
        time (``import(variable)``) cannot be found. Files that HTML or CSS reference but
        could not be fetched are named in a warning. The runtime's on-demand parts that the
        app's ``sandbox`` and ``css`` modes need are embedded with it (the ES module loader
        always); a mode switched to later loads its part from the kernel.
    watch:
        ``True``: reload the app in every output when a file of its local folder changes
        (saved, added, removed; a burst of saves is one reload, within a second), keeping its
        GlobalState and props; watched with watchfiles until ``watch`` is set to ``False`` or
        the widget closes. A save that changed only stylesheets the app links replaces them in
        place, without a reload (the app keeps its DOM and in-memory state, as with a dev
        server's hot update of a CSS file). Only for a local entry (``ValueError`` otherwise):
        a dev server given as the entry reloads by itself.
    embed_limit:
        Bytes the embedded files may take (default 10 MB, see
        ``microfrontends.embed.DEFAULT_EMBED_LIMIT``); past it, ``EmbedSizeError`` (a
        ``ValueError``) names the app, its size and the limit.
    layout, tooltip, tabbable:
        ipywidgets' ``DOMWidget`` options, passed on.

    ``keep_alive``, ``sync_route``, ``prefetch``, ``watch`` and ``embed`` take ``True`` or ``False``
    only (``"no"`` raises ``TypeError`` rather than count as true). Any other keyword
    raises ``TypeError`` naming it and the accepted ones.

    Raises
    ------
    TypeError, ValueError
        For arguments that are not accepted; the message says what was given.
    FileNotFoundError
        For a local entry that does not exist.
    microfrontends.embed.EmbedSizeError
        With ``embed=True``, for an app whose files take more than ``embed_limit``.
    microfrontends.transport.AssetError
        With ``embed=True``, for an entry that cannot be fetched.

    Notes
    -----
    Assigning ``name``, ``sandbox``, ``css``, ``transport``, ``height``,
    ``lifecycle_timeout``, ``props``, ``keep_alive``, ``sync_route``, ``prefetch`` or
    ``watch`` later is checked the same way; a new name, sandbox, CSS mode or transport
    reloads the app in every output.
    """

    entry_url = traitlets.Unicode("").tag(sync=True)
    html = traitlets.Unicode("").tag(sync=True)
    local_root = traitlets.Unicode(
        "", help="the local folder a local entry is served from, named in error messages"
    ).tag(sync=True)
    name = traitlets.Unicode("").tag(sync=True)
    props = traitlets.Dict().tag(sync=True)
    state = traitlets.Instance(GlobalState, allow_none=True).tag(
        sync=True, **ipywidgets.widget_serialization
    )
    sandbox = traitlets.Unicode("iframe").tag(sync=True)
    css = traitlets.Unicode("shadow").tag(sync=True)
    transport = traitlets.Unicode("auto").tag(sync=True)
    height = CssLength(
        help="CSS height of the app, '' to grow with the content; set None, pixels or a length"
    ).tag(sync=True)
    lifecycle_timeout = traitlets.Float(10.0).tag(sync=True)
    keep_alive = StrictBool(False).tag(sync=True)
    # Identifies this widget to the browser, where each view gets its own model wrapper.
    _instance = traitlets.Unicode().tag(sync=True)
    sync_route = StrictBool(False).tag(sync=True)
    prefetch = StrictBool(False).tag(sync=True)
    import_map = ImportMap(
        help='{"imports": {specifier: url}} for the bare specifiers of the app\'s ES modules'
    ).tag(sync=True)
    _embedded = traitlets.Dict(
        help="with embed=True, the app's files: {'files': {url: {'url', 'type', 'body'}}}"
    ).tag(sync=True)
    status = traitlets.Unicode(
        "NOT_LOADED", read_only=True, help="single-spa status of the app, set by the browser"
    ).tag(sync=True)
    error = traitlets.Unicode(
        "", read_only=True, help="what failed, empty while the app is fine; set by the browser"
    ).tag(sync=True)
    warnings = traitlets.List(
        traitlets.Unicode(),
        read_only=True,
        help="files the app runs without (a stylesheet, image or font that could not be loaded), "
        "each named with the reason, since it last began loading; set by the browser",
    ).tag(sync=True)

    def __init__(
        self,
        entry: str | Path | None = None,
        *,
        html: str | None = None,
        name: str | None = None,
        props: dict[str, Any] | None = None,
        state: GlobalState | None = None,
        sandbox: str = "iframe",
        css: str = "shadow",
        transport: str = "auto",
        height: int | float | str | None = None,
        lifecycle_timeout: float = 10.0,
        keep_alive: bool = False,
        sync_route: bool = False,
        import_map: dict[str, Any] | None = None,
        prefetch: bool = False,
        watch: bool = False,
        embed: bool = False,
        embed_limit: int | None = None,
        **widget_options: Any,
    ) -> None:
        check_keywords("MicroApp", widget_options, _accepted_keywords())
        keep_alive = check_bool(keep_alive, "keep_alive")
        sync_route = check_bool(sync_route, "sync_route")
        prefetch = check_bool(prefetch, "prefetch")
        embed = check_bool(embed, "embed")
        resolved = resolve_entry(entry, html)
        sandbox = choice(sandbox, SANDBOXES, "sandbox")
        css = choice(css, CSS_MODES, "css")
        transport = check_transport(transport, resolved)
        lifecycle_timeout = check_timeout(lifecycle_timeout)
        height = "" if height is None else css_length(height, "height")
        app_name = check_name(name) if name is not None else unique_name(resolved.default_name)
        props = check_props(props)
        if state is not None and not isinstance(state, GlobalState):
            raise TypeError(f"state must be a GlobalState, not {type(state).__name__}")

        local_root = LocalRoot(resolved.root) if resolved.root is not None else None
        if local_root is not None:
            # The Jupyter server's extension can then serve it while the kernel is busy.
            publish_root(local_root.root)
        self._kernel_transport = KernelTransport(local_root, shared_fetcher())
        self._resolved = resolved
        self.watched_folder = local_root.root if local_root is not None else None
        self.watched_base_url = self._kernel_transport.local_base_url or ""
        entry_url = resolved.url
        if resolved.kind == "local":
            entry_url = f"{self._kernel_transport.local_base_url}{resolved.path}"
        import_map = check_import_map(import_map)
        embedded: dict[str, Any] = {}
        if embed:
            embedded = embed_state(
                app_name,
                entry_url,
                html or "",
                self._kernel_transport.reader.read,
                import_map=import_map,
                limit=embed_limit,
                runtime=parts_needed(sandbox, css, sync_route),
            )
        super().__init__(
            _esm=widget_module(),
            _instance=uuid.uuid4().hex,
            entry_url=entry_url,
            html=html or "",
            local_root=str(resolved.root or ""),
            name=app_name,
            props=props,
            state=state,
            sandbox=sandbox,
            css=css,
            transport=transport,
            height=height,
            lifecycle_timeout=lifecycle_timeout,
            keep_alive=keep_alive,
            sync_route=sync_route,
            import_map=import_map,
            prefetch=prefetch,
            watch=check_bool(watch, "watch"),
            _embedded=embedded,
            **widget_options,
        )
        if prefetch and (resolved.kind == "local" or transport == "kernel"):
            prefetch_in_background(resolved, self.import_map)
        self._logs = AppLogs()
        self._messages = AppMessages(self._reply, self._kernel_transport, self._logs)
        self.on_msg(self._on_custom_message)

    # Later assignments reach the browser, which replaces the running app: check them as
    # the constructor does.
    @traitlets.validate("sandbox", "css", "transport")
    def _check_mode(self, proposal: dict[str, Any]) -> str:
        what = proposal["trait"].name
        if what == "transport":
            return check_transport(proposal["value"], self._resolved)
        return choice(proposal["value"], SANDBOXES if what == "sandbox" else CSS_MODES, what)

    @traitlets.validate("name")
    def _check_name(self, proposal: dict[str, Any]) -> str:
        name = check_name(proposal["value"])
        claim_name(name)
        return name

    @traitlets.validate("lifecycle_timeout")
    def _check_lifecycle_timeout(self, proposal: dict[str, Any]) -> float:
        return check_timeout(proposal["value"])

    @traitlets.validate("props")
    def _check_props(self, proposal: dict[str, Any]) -> dict[str, Any]:
        return check_props(proposal["value"])

    def _on_custom_message(self, _widget: Any, content: Any, buffers: list[bytes]) -> None:
        self._messages.receive(content, buffers, f"app {self.name!r}", self._reply)

    def on(self, event: str, handler: Handler) -> None:
        """Call ``handler(payload)`` for every ``emit(event, payload)`` of the app, in order."""
        self._messages.on(event, handler)

    def off(self, event: str, handler: Handler | None = None) -> None:
        """Remove ``handler`` (or all handlers) of ``event``."""
        self._messages.off(event, handler)

    def emit(self, event: str, payload: Any = None) -> None:
        """Send an event to this app: its ``on(event, handler)`` handlers get ``payload``.

        Events arrive in order and none is dropped; bursts travel in batches. A payload
        past 128 MiB as JSON (:data:`microfrontends.protocol.MAX_VALUE_BYTES`) raises
        ``ValueError`` and is not sent.
        """
        self._messages.emit(event, payload)

    def set_props(self, **props: Any) -> None:
        """Merge ``props`` into the app's props (which calls its ``update`` lifecycle)."""
        self.props = {**self.props, **props}

    def _reply(self, content: dict[str, Any], buffers: Sequence[bytes | memoryview]) -> None:
        if self.comm is not None:
            self.send(content, buffers)

    def mount(self) -> None:
        """Mount the app in every output showing it (after ``unmount()`` or a failure)."""
        self._messages.command("mount")

    def unmount(self) -> None:
        """Unmount the app everywhere.

        In the ``"iframe"`` sandbox, an app that exports lifecycles has its ``unmount`` called
        and stays loaded, off the page, its timers paused (status ``NOT_MOUNTED``, as in
        single-spa and qiankun): ``mount()`` then calls only its ``mount``, in the same realm.
        Any other app is unloaded: its DOM and realm go (status ``NOT_LOADED``), and
        ``mount()`` loads it again. With ``keep_alive=True`` the app is only hidden. Closing
        the widget unloads it in any case.
        """
        self._messages.command("unmount")

    def reload(self) -> None:
        """Load the app again from its files as they are now, bypassing the page's cache.

        An output showing the app (mounted, kept alive or failed) unloads and mounts it again,
        as the error panel's Retry and ``watch=True`` do; an unmounted app stays unmounted,
        and its next ``mount()`` loads it afresh.
        """
        self._messages.command("reload")

    def _restyle(self, sheets: list[StylesheetChange]) -> None:
        self._messages.command("restyle", sheets)

    def close(self) -> None:
        """Close the widget: every output unmounts the app, and the kernel stops serving it."""
        # A constructor that raised leaves no transport; the widget's __del__ still closes.
        self._stop_watching()
        for part in ("_kernel_transport", "_messages"):
            owned = getattr(self, part, None)
            if owned is not None:
                owned.close()
        super().close()

    def __repr__(self) -> str:
        source = self.entry_url or "inline html"
        if self._resolved.kind == "local":
            source = str(Path(self._resolved.root or ".") / self._resolved.path)
        return f"MicroApp(name={self.name!r}, entry={source!r}, status={self.status!r})"
