"""The winnow package imports as a tree: no module imports (through others) a module that imports it.

The graph is built from each module's top-level imports (the ones that run when it loads; imports
under `if TYPE_CHECKING:` are annotations only and do not count). An import tucked inside a function to
dodge a cycle would hide one, so the engine must not have any (the lazily imported third-party
libraries are not winnow modules and are not in the graph).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gui" / "winnow"
APP = "winnow.app"  # the window helper's branch breaks app -> app.main -> app.window; until it lands it is left out


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """The winnow modules `path` imports when it loads."""
    found: set[str] = set()
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for stmt in ast.walk(node) if isinstance(node, (ast.If, ast.Try)) else [node]:
            if isinstance(stmt, ast.Import):
                found.update(a.name for a in stmt.names)
            elif isinstance(stmt, ast.ImportFrom):
                base = stmt.module or ""
                if stmt.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - stmt.level + 1] + ([base] if base else []))
                for alias in stmt.names:  # `from pkg import module` imports the module; `from pkg import name`, pkg
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph(skip: str | None = None) -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = {m for m in paths if not (skip and (m == skip or m.startswith(skip + ".")))}
    return {m: top_level_imports(paths[m], modules) for m in modules}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_engine_has_no_import_cycle():
    graph = import_graph(skip=APP)
    assert "winnow.recipe" in graph and graph["winnow.recipe"]  # the graph was built
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_whole_package_has_no_import_cycle():
    assert find_cycle(import_graph()) is None, " -> ".join(find_cycle(import_graph()) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# `winnow.__main__` chooses at run time between the command line and the window (Qt costs a second to load)
ALLOWED_INNER_IMPORTS = {"winnow.__main__"}


def test_no_engine_module_imports_winnow_inside_a_function():
    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if name.startswith(APP) or name in ALLOWED_INNER_IMPORTS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.level or (inner.module or "").startswith("winnow")):
                        hidden.append(f"{name}.{node.name}: from {inner.module}")
                    elif isinstance(inner, ast.Import) and any(a.name.startswith("winnow") for a in inner.names):
                        hidden.append(f"{name}.{node.name}: import")
    assert hidden == []
