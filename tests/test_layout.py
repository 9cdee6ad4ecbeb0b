"""The code's layout holds: no import cycle, Streamlit only in cooperation.web and pages, light modules stay light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGES = ("cooperation", "pages")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top, in a function or for type checking alike."""
    found = set()
    here = _module(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = here.split(".")[: len(here.split(".")) - node.level + (path.name == "__init__.py")]
                base = ".".join([*package, base] if base else package)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def _graph() -> dict[str, set[str]]:
    files = [ROOT / "app.py", *(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))]
    modules = {_module(p): p for p in files}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    """No module imports, directly or through others, a module that imports it (package __init__s aside)."""
    graph = _graph()
    # A package's __init__ may re-export its modules lazily; a module importing its package's name is not a cycle.
    graph = {m: {t for t in targets if t not in PACKAGES} for m, targets in graph.items()}
    assert _cycle(graph) is None, " → ".join(_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    """The check above can fail: a graph with a loop has a cycle."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_streamlit_is_imported_only_by_the_web_modules_and_the_pages():
    """The pure package never imports Streamlit: only cooperation.web, pages/ and app.py do."""
    for path in (ROOT / "cooperation").rglob("*.py"):
        if "web" in path.relative_to(ROOT).parts:
            continue
        assert not {m for m in _imports(path) if m.split(".")[0] == "streamlit"}, path


def test_routes_imports_nothing_of_ours():
    """The page paths and query names stand alone, so the validator and the pages both use them."""
    assert not {m for m in _imports(ROOT / "cooperation" / "routes.py") if m.startswith(PACKAGES)}


@pytest.mark.parametrize(
    "module", ["cooperation", "cooperation.schema", "cooperation.routes", "cooperation.vocabulary"]
)
def test_light_modules_load_nothing_heavy(module):
    """Importing the package or a light module loads neither pandas nor Streamlit."""
    code = f"import sys, {module}; print(sorted(m for m in ('pandas', 'streamlit', 'pyarrow') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
