"""The package's layers: arrows point down only, no import cycle, Streamlit only in the app
layer, duckdb only in the data layer (docs/architecture.md draws the same picture)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Top first. A module may import its own layer or any layer below it, never one above.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pages", ("app", "pages")),  # app.py and pages/*.py: layout only
    ("app", ("leadflow.app",)),  # Streamlit: caches, who is looking, sidebar, page parts
    ("domain", ("leadflow",)),  # metrics, importer, what-if numerics, demo, mail
    ("store", ("leadflow.db",)),  # the data layer: the one owner of the database
    (
        "base",
        (
            "leadflow.settings",
            "leadflow.format",
            "leadflow.exports",
            "leadflow.holidays",
            "leadflow.metric_definitions",
            "leadflow.i18n",
            "leadflow.i18n_pages",
            "leadflow.team_settings",
        ),
    ),
)
STREAMLIT_LAYERS = {"pages", "app"}
DUCKDB_LAYERS = {"store"}


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def layer_of(module: str) -> str | None:
    """The layer of a module of ours (the longest prefix that names it), None for others."""
    best, length = None, -1
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = name, len(prefix)
    if module.startswith("pages.") or module == "pages":
        return "pages"
    return best


def imports_of(source: str, module: str) -> set[str]:
    """Every module `source` imports, at its top or inside a function, named in full."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level] if node.level else []
                base = ".".join([*package, *([base] if base else [])])
            found.add(base)
            # `from leadflow import db` imports the module leadflow.db.
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def ours(path: Path) -> bool:
    return path.name != "__init__.py" or path.parent.name == "app"


def sources() -> dict[str, str]:
    paths = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "leadflow").rglob("*.py")]
    return {module_name(p): p.read_text(encoding="utf-8") for p in paths if ours(p)}


def violations(modules: dict[str, str]) -> list[str]:
    """What breaks the layers in `modules` (name → source), one sentence each."""
    order = [name for name, _ in LAYERS]
    known = set(modules)
    graph: dict[str, set[str]] = {}
    problems = []
    for module, source in modules.items():
        own = layer_of(module)
        imported = imports_of(source, module)
        top = {name.split(".")[0] for name in imported}
        if "streamlit" in top and own not in STREAMLIT_LAYERS:
            problems.append(f"{module} imports streamlit outside the app layer")
        if "duckdb" in top and own not in DUCKDB_LAYERS:
            problems.append(f"{module} imports duckdb outside the data layer")
        targets = {name for name in imported if name in known and name != module}
        graph[module] = targets
        for target in sorted(targets):
            theirs = layer_of(target)
            if own and theirs and order.index(theirs) < order.index(own):
                problems.append(f"{module} ({own}) imports {target} ({theirs}), a layer above")
    # Cycles: a depth-first search that meets a module still on its path.
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycle = path[path.index(target) :] + [target] if target in path else [target]
                problems.append("import cycle: " + " → ".join(cycle))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return problems


def test_layers_arrows_point_down_only_and_nothing_imports_in_a_circle():
    assert violations(sources()) == []


def test_layers_every_module_has_a_layer():
    assert [m for m in sources() if layer_of(m) is None] == []


def test_layers_the_check_finds_each_kind_of_violation():
    # The checker itself, on made-up modules: each mistake it exists for is reported.
    made_up = {
        "leadflow.db": "from leadflow import weekly\n",  # store → domain: upwards
        "leadflow.weekly": "import streamlit as st\nfrom leadflow import db\n",
        "leadflow.metrics": "import duckdb\nfrom leadflow import sla\n",
        "leadflow.sla": "from leadflow import metrics\n",  # metrics ↔ sla: a cycle
        "leadflow.format": "def f():\n    from leadflow.app import page\n",  # inside a function
        "leadflow.app.page": "from leadflow import db\n",
    }
    found = violations(made_up)
    assert "leadflow.db (store) imports leadflow.weekly (domain), a layer above" in found
    assert "leadflow.weekly imports streamlit outside the app layer" in found
    assert "leadflow.metrics imports duckdb outside the data layer" in found
    assert any(f.startswith("import cycle:") and "leadflow.sla" in f for f in found)
    assert "leadflow.format (base) imports leadflow.app.page (app), a layer above" in found
    # And a clean made-up house passes.
    assert violations({"leadflow.app.page": "from leadflow import db\n", "leadflow.db": ""}) == []
