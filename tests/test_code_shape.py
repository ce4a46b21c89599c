"""The code's shape, as the README promises it: short functions, and imports that only run down
the layers (a panel never imports another panel; pure modules never import the page)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"
MAX_FUNCTION_LINES = 60
# Lowest first; a module may import only from layers below its own.
LAYERS = (
    {"constants", "columns", "palette"},
    {"i18n", "continuation", "parsing"},
    {"filtering", "figures"},
    {"query"},
    {"data", "state"},
    {"formatting", "static_html", "svgmap", "site", "operator"},
    {"export", "page", "recheck", "validate", "preview", "landfigures"},
    {"panels.base", "panels.widgets"},
    {"panels.alliance", "panels.cards", "panels.compare", "panels.filters", "panels.finder", "panels.mapview",
     "panels.notices", "panels.ranking", "panels.share", "panels.timeline"},
    {"panels.shell"},
    {"panels"},
    {"callbacks", "opendata", "pages", "sheet", "server", "legal"},
    {"firstview"},
    {"app"},
    {"__main__", "wsgi", "contract", "health", ""},
)
LAYER = {name: index for index, names in enumerate(LAYERS) for name in names}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix("__init__").rstrip(".")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def imported(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dashboard"):
            module = node.module.removeprefix("dashboard").lstrip(".")
            # "from dashboard.panels import cards" imports the module panels.cards
            found |= {f"{module}.{a.name}".lstrip(".") if f"{module}.{a.name}".lstrip(".") in LAYER else module
                      for a in node.names}
    return found


def test_every_module_has_a_layer():
    assert sorted(name for name, _ in modules() if name not in LAYER) == []


def test_imports_run_only_down_the_layers():
    upward = [(name, dependency) for name, tree in modules() for dependency in imported(tree)
              if dependency != name and LAYER[dependency] >= LAYER[name]]
    assert upward == []


def test_no_function_is_longer_than_sixty_lines():
    long = [(name, node.name, node.end_lineno - node.lineno + 1) for name, tree in modules() for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []
