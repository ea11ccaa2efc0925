"""The command line: ``python -m microfrontends new NAME [--template ...]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .scaffold import NPM_TEMPLATES, TEMPLATES, ScaffoldError, create_app


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m microfrontends", description="Tools for apps hosted by microfrontends."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="create an app folder that MicroApp(NAME) mounts",
        description="Create the app folder NAME, which MicroApp('NAME') mounts at once. The vite "
        "templates are installed from the npm registry and built (npm install, npm run build).",
    )
    new.add_argument("name", metavar="NAME", help="the folder, npm package and app name")
    new.add_argument("--template", "-t", choices=TEMPLATES, default="vanilla")
    new.add_argument("--directory", "-d", default=".", help="where to create it (default: .)")
    new.add_argument(
        "--no-build",
        dest="build",
        action="store_false",
        help="do not run npm install and npm run build (vite templates)",
    )
    args = parser.parse_args(argv)
    try:
        folder = create_app(args.name, args.template, directory=args.directory, build=args.build)
    except (ValueError, TypeError) as exc:
        new.error(str(exc))  # exits with status 2, after the usage
    except (OSError, ScaffoldError) as exc:
        print(f"python -m microfrontends new: error: {exc}", file=sys.stderr)
        return 1
    print(f"Created {folder} from the {args.template} template.")
    if not args.build and args.template in NPM_TEMPLATES:
        print(f"Not built: run `npm install && npm run build` in {folder}, then MicroApp(...).")
    print(f"In a notebook: MicroApp({args.name!r}); on its own: see {folder / 'README.md'}.")
    return 0
