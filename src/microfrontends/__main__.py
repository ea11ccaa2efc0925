"""``python -m microfrontends``: see :mod:`microfrontends.cli`."""

from .cli import main

raise SystemExit(main())
