"""The package's modules import one another without a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import microfrontends

PACKAGE = Path(microfrontends.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            # `from . import x` imports the module x when there is one.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found & modules


def find_circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle of ``graph`` (its modules in order), or [] if there is none."""
    done: set[str] = set()
    stack: list[str] = []

    def visit(module: str) -> list[str]:
        if module in stack:
            return [*stack[stack.index(module) :], module]
        if module in done:
            return []
        stack.append(module)
        for imported in sorted(graph[module]):
            if circle := visit(imported):
                return circle
        stack.pop()
        done.add(module)
        return []

    for module in sorted(graph):
        if circle := visit(module):
            return circle
    return []


def test_no_module_imports_itself_through_others() -> None:
    paths = [p for p in PACKAGE.rglob("*.py") if "static" not in p.parts]
    modules = {module_name(p) for p in paths}
    graph = {module_name(p): imported_modules(p, modules) - {module_name(p)} for p in paths}
    assert find_circle(graph) == []


def test_a_circle_is_found() -> None:
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) == []
