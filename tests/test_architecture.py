"""The code's shape: layers that point one way, and no import cycle (imports inside functions included)."""

from __future__ import annotations

import ast
from pathlib import Path

from sitekit import REPO

PACKAGE = REPO / "stogen"
# Lowest first: a module may import from its own layer and the layers before it, never from a later one.
LAYERS = ["core", "model", "render", "outputs", "build", "tools", "commands", "cli"]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _typing_only(node: ast.If) -> bool:
    """`if TYPE_CHECKING:` blocks are read by type checkers only; nothing in them runs."""
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Every stogen module a module imports, anywhere in it (functions too); importing a.b.c imports a and a.b."""
    named: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if _typing_only(node):
                for child in node.orelse:
                    self.visit(child)
            else:
                self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            named.update(a.name for a in node.names if a.name.startswith("stogen"))

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            assert node.level == 0, f"{path}: relative import"
            module = node.module or ""
            if module.startswith("stogen"):
                for alias in node.names:
                    full = f"{module}.{alias.name}"
                    named.add(full if full in modules else module)

    Visitor().visit(ast.parse(path.read_text("utf-8")))
    found = set()
    for module in named:
        parts = module.split(".")
        found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, name, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return len(LAYERS) if len(parts) > 1 else -1  # the package's __init__ (its version) is below everything
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else None


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_layers_point_one_way() -> None:
    wrong = []
    for module, imported in sorted(_graph().items()):
        mine = _layer(module)
        assert mine is not None, f"{module} is in no layer; put it in one of {LAYERS}"
        for other in sorted(imported):
            theirs = _layer(other)
            assert theirs is not None, f"{other} is in no layer"
            if theirs > mine:
                wrong.append(f"{module} imports {other}")
    assert wrong == []


def test_imports_inside_functions_count(tmp_path: Path) -> None:
    source = "def f():\n    from stogen.model import site\n"
    path = tmp_path / "x.py"
    path.write_text(source)
    assert _imports(path, "stogen.core.x", {"stogen.model.site": path, "stogen.model": path, "stogen": path}) == {
        "stogen",
        "stogen.model",
        "stogen.model.site",
    }
