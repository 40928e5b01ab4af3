"""No import cycle among the modules of ``storyline.nlp``.

The graph is read statically: every ``import`` and ``from ... import`` in every module,
including those inside functions and ``if TYPE_CHECKING:`` blocks (a lazy import only hides a
cycle). ``from package import name`` is an edge to ``package.name`` when that is a module, else
to the package's ``__init__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import storyline.nlp

PACKAGE = "storyline.nlp"
ROOT = Path(storyline.nlp.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def import_graph(files: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """Edges between the given modules. files: module name -> (source, is a package)."""
    known = set(files)
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, (source, is_package) in files.items():
        for node in ast.walk(ast.parse(source)):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = (
                    _resolve_relative(name, is_package, node.level, node.module)
                    if node.level
                    else (node.module or "")
                )
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in known else base)
            for target in targets:
                # "import a.b.c" of a module we do not have: its nearest known package
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path [a, b, ..., a], or None (iterative depth-first search)."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for root in sorted(graph):
        if colour[root] != white:
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        path = [root]
        colour[root] = grey
        while stack:
            node, todo = stack[-1]
            if not todo:
                colour[node] = black
                stack.pop()
                path.pop()
                continue
            nxt = todo.pop(0)
            if colour.get(nxt, black) == grey:
                return [*path[path.index(nxt) :], nxt]
            if colour.get(nxt) == white:
                colour[nxt] = grey
                path.append(nxt)
                stack.append((nxt, sorted(graph[nxt])))
    return None


def _nlp_files() -> dict[str, tuple[str, bool]]:
    return {
        _module_name(p): (p.read_text("utf-8"), p.name == "__init__.py") for p in sorted(ROOT.rglob("*.py"))
    }


def test_import_cycles_none_inside_storyline_nlp() -> None:
    files = _nlp_files()
    assert f"{PACKAGE}.quotes.finder" in files and f"{PACKAGE}.actors.cluster" in files
    graph = import_graph(files)
    assert f"{PACKAGE}.actors.cluster" in graph[f"{PACKAGE}.actors.index"]  # the walk sees imports
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_import_cycles_are_found_in_a_synthetic_graph() -> None:
    """The check can fail: a lazy import inside a function closes a cycle it must report."""
    files = {
        "storyline.nlp": ("", True),
        "storyline.nlp.alpha": ("from storyline.nlp.beta import helper\n", False),
        "storyline.nlp.beta": ("def helper():\n    from storyline.nlp import gamma\n", False),
        "storyline.nlp.gamma": ("import storyline.nlp.alpha\n", False),
        "storyline.nlp.delta": ("from . import alpha\nfrom .beta import helper\n", False),
    }
    graph = import_graph(files)
    assert graph["storyline.nlp.beta"] == {"storyline.nlp.gamma"}
    assert graph["storyline.nlp.delta"] == {"storyline.nlp.alpha", "storyline.nlp.beta"}
    cycle = find_cycle(graph)
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"storyline.nlp.alpha", "storyline.nlp.beta", "storyline.nlp.gamma"}
    files["storyline.nlp.gamma"] = ("import json\n", False)
    assert find_cycle(import_graph(files)) is None


def test_import_cycles_found_through_a_package_init() -> None:
    files = {
        "storyline.nlp.pkg": ("from storyline.nlp.pkg.inner import run\n", True),
        "storyline.nlp.pkg.inner": ("from storyline.nlp.pkg import shared_name\n", False),
    }
    assert find_cycle(import_graph(files)) == [
        "storyline.nlp.pkg",
        "storyline.nlp.pkg.inner",
        "storyline.nlp.pkg",
    ]
