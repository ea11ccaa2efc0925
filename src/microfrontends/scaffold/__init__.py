"""``python -m microfrontends new NAME``: a new app folder that ``MicroApp("NAME")`` mounts.

The templates (``templates/<name>/``) are package data; every new app gets a copy of the app SDK
(``@microfrontends/app-sdk``, built into ``static/app-sdk``) in its ``app-sdk/`` folder.
"""

from .create import NPM_TEMPLATES, TEMPLATES, ScaffoldError, create_app

__all__ = ["NPM_TEMPLATES", "TEMPLATES", "ScaffoldError", "create_app"]
