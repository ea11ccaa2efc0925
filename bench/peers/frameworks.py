"""The frameworks the peers benchmark compares: their names, labels, npm packages and the
configuration each host page gives them (bench/peers/src/<name>.js)."""

from __future__ import annotations

FRAMEWORKS = ["ours", "qiankun", "wujie", "microapp", "garfish"]
LABELS = {
    "ours": "microfrontends core (iframe)",
    "qiankun": "qiankun",
    "wujie": "wujie",
    "microapp": "micro-app",
    "garfish": "garfish",
}
PACKAGES = {
    "qiankun": ["qiankun", "single-spa", "import-html-entry"],
    "wujie": ["wujie"],
    "microapp": ["@micro-zoe/micro-app"],
    "garfish": ["garfish", "@garfish/core", "@garfish/browser-vm", "@garfish/loader"],
}
CONFIG = {
    "ours": "`mount(container, {entry, name, sandbox: 'iframe', transport: 'browser'})` from "
    "core.js, default CSS isolation; `handle.unmount()`",
    "qiankun": "`loadMicroApp({name, entry, container}, {sandbox: {experimentalStyleIsolation: "
    "true}, singular: false})`; `app.unmount()`",
    "wujie": "`startApp({name, url, el, alive: false, sync: false})`; `destroyApp(name)` (its "
    "only public way to take an app down)",
    "microapp": "`microApp.start()`; a `<micro-app name url>` element appended to the container "
    "(default sandbox and scoped CSS); removing the element unmounts",
    "garfish": "`Garfish.run({apps: [], autoRefreshApp: false, disablePreloadApp: true})`; "
    "`Garfish.loadApp(name, {entry, domGetter, cache: true, noCheckProvider: true, "
    "asyncProviderTimeout: 0})`; `app.mount()` / `app.unmount()`",
}
