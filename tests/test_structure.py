"""The import structure of accord, read from the source: no cycle between packages and
no import running up a layer (a stage importing the pipeline, the engines, the service
or a face). What `farm-studio look` reports, checked by a script where that tool is absent."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"
# lower numbers are lower layers; a module may import its own layer or lower ones
LAYER = {"accord": 0, "errors": 0, "models": 0, "util": 0, "patterns": 0, "data": 0,
         "text": 1, "ingest": 1, "store": 1, "actors": 2, "acts": 3, "compare": 4, "commitments": 4, "export": 4,
         "pipeline": 5, "engines": 6, "service": 7, "queries": 7, "api": 8, "web": 8, "evaluate": 8,
         "server": 9, "cli": 10, "__main__": 11}


def _imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for p in SRC.rglob("*.py"):
        parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mod = ".".join(parts)
        pkg = mod if p.name == "__init__.py" else mod.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[:len(pkg.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("accord"):
                    edges[mod].add(target)
            elif isinstance(node, ast.Import):
                edges[mod].update(a.name for a in node.names if a.name.startswith("accord"))
    return edges


def _group(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else "accord"



def _assert_acyclic(graph: dict[str, set[str]], what: str) -> None:
    """Fail with the path of the first cycle found in graph (a node importing itself is no cycle)."""
    state: dict[str, int] = {}

    def visit(n: str, path: list[str]) -> None:
        state[n] = 1
        for t in sorted(graph.get(n, ())):
            if t == n:
                continue
            assert state.get(t) != 1, f"{what}: {' -> '.join(path + [t])}"
            if t not in state:
                visit(t, path + [t])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])

def test_every_group_has_a_layer():
    groups = {_group(m) for m in _imports()} | {_group(t) for ts in _imports().values() for t in ts}
    assert groups <= set(LAYER), sorted(groups - set(LAYER))


def test_no_import_runs_up_a_layer():
    up = [(m, t) for m, ts in _imports().items() for t in ts
          if _group(m) != _group(t) and LAYER[_group(t)] > LAYER[_group(m)]]
    assert not up, up


def test_no_cycle_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for m, ts in _imports().items():
        for t in ts:
            if _group(m) != _group(t):
                graph[_group(m)].add(_group(t))
    _assert_acyclic(graph, "import cycle")


def _module_imports() -> dict[str, set[str]]:
    """Module -> the accord modules it imports when it is imported (imports at module
    level, outside functions and ``if TYPE_CHECKING``): the graph an import circle lives in."""
    files = {}
    for p in SRC.rglob("*.py"):
        parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        files[".".join(parts[:-1] if is_pkg else parts)] = (p, is_pkg)
    edges: dict[str, set[str]] = defaultdict(set)

    def walk(stmts, mod: str, pkg: str) -> None:
        for node in stmts:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                walk(node.orelse, mod, pkg)
                continue
            if isinstance(node, ast.ImportFrom):
                base = (".".join(pkg.split(".")[:len(pkg.split(".")) - node.level + 1]) if node.level else "")
                target = ".".join(x for x in (base, node.module or "") if x)
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    if sub in files:
                        edges[mod].add(sub)
                    elif target in files:
                        edges[mod].add(target)
            elif isinstance(node, ast.Import):
                edges[mod].update(a.name for a in node.names if a.name in files)
            for field in ("body", "orelse", "finalbody", "handlers"):
                walk(getattr(node, field, []) or [], mod, pkg)

    for mod, (p, is_pkg) in files.items():
        walk(ast.parse(p.read_text(encoding="utf-8")).body, mod, mod if is_pkg else mod.rsplit(".", 1)[0])
    return edges


def test_no_import_circle_between_modules():
    """No module imports, at import time, one that imports it back (directly or through
    others): the CLI modules once did, held together by imports made to register commands."""
    graph = _module_imports()
    assert "accord.cli.analysis" in graph["accord.cli"], "the graph is read (the cli package imports its modules)"
    _assert_acyclic(graph, "import circle")


def test_cli_commands_are_thin():
    """Each command function is a few lines over library calls: no SQL, no parsing of documents."""
    for p in (SRC / "cli").glob("*.py"):
        text = p.read_text(encoding="utf-8")
        for forbidden in ("SELECT ", "INSERT ", ".execute(", "parse_bytes", "find_actors", "extract_acts"):
            assert forbidden not in text, f"{p.name}: {forbidden!r}"
