"""The shape of the code (issue 12): hdras never imports Streamlit, has no import cycle, defines each
public name once, and keeps modules under 450 lines. Read from the source with ``ast``, so every
import counts: at the top, inside a function, or under ``TYPE_CHECKING``."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "hdras"
MAX_LINES = 450


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _trees() -> dict[str, ast.Module]:
    return {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def imported_modules(name: str, tree: ast.Module) -> set[str]:
    """Every module ``name`` imports, resolved: ``from hdras.goals import series`` is the module
    hdras.goals.series (and the package hdras.goals, which Python runs first); ``from
    hdras.goals import GoalSeries`` is the package hdras.goals (a name its __init__ gives).
    A module's own packages are not counted when it only reaches through them: Python has
    already started them when it runs the module, so a package that names what its modules
    define (``hdras.goals.GoalSeries``) is no cycle; a module taking a name from its own
    package's __init__ is one."""
    found: set[str] = set()
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    own = {name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)}
    parents = {m.rsplit(".", i)[0] for m in found for i in range(1, m.count(".") + 1)} - own
    return {m for m in found | parents if m in MODULES and m != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def test_hdras_never_imports_streamlit():
    for name, tree in _trees().items():
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "streamlit" or n.startswith("streamlit.") for n in names), name


def test_no_import_cycle_inside_hdras():
    graph = {name: imported_modules(name, tree) for name, tree in _trees().items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_public_name_is_defined_in_two_modules():
    where = defaultdict(list)
    for name, tree in _trees().items():
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and \
                    not node.name.startswith("_"):
                where[node.name].append(name)
    twice = {n: mods for n, mods in where.items() if len(mods) > 1}
    # Each command module of the CLI has its own ``register`` (the same role, by design).
    twice.pop("register", None)
    assert twice == {}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_under_450_lines(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name}: {lines} lines"


def test_public_imports_stay_short():
    """The concepts of a domain import from its package (issue 12): the same objects."""
    import hdras.goals
    import hdras.scenarios
    from hdras.goals import series, status
    from hdras.scenarios import assumptions, model

    assert hdras.goals.GoalSeries is series.GoalSeries
    assert hdras.goals.status_table is status.status_table
    assert hdras.scenarios.ScenarioParams is assumptions.ScenarioParams
    assert hdras.scenarios.load_inputs is model.load_inputs
    for package in (hdras.goals, hdras.scenarios):
        assert all(hasattr(package, name) for name in package.__all__)


def test_a_name_from_the_own_package_counts_and_reaching_through_it_does_not():
    name = "hdras.goals.status"
    assert "hdras.goals" in imported_modules(name, ast.parse("from hdras.goals import GoalSeries"))
    through = imported_modules(name, ast.parse("from hdras.goals import series"))
    assert through == {"hdras.goals.series"}
    # another package's modules still bring in that package (Python runs its __init__ first)
    assert "hdras.goals" in imported_modules("hdras.scenarios.model",
                                             ast.parse("from hdras.goals import series"))


def test_the_scenario_wing_has_at_most_five_modules():
    """Issue 12: model, assumptions, outcomes, tables, charts (and the package's __init__)."""
    wing = sorted(m for m in MODULES if m.startswith("hdras.scenarios."))
    assert len(wing) <= 5, wing
