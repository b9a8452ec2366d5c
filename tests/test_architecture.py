"""The package's structure, checked over its own source (docs/ARCHITECTURE.md): no import cycle, no private name
imported across modules, small modules and functions (in tools/ too), and facts written once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "alkannot"
MODULE_LINES, FUNCTION_LINES = 600, 80
# modules a tool writes, which a test keeps current and nobody edits: the module length limit is for code read and
# changed by hand (record_inits: one `__init__` per record shape, written by tools/record_inits.py; tests/test_records.py)
WRITTEN_BY_TOOLS = {"alkannot.record_inits"}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(("alkannot",) + path.relative_to(PACKAGE).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


MODULES = _modules()


def _imports(name: str, tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module imported from, names) of every relative import, at module level or inside a function."""
    package = name if name.endswith("alkannot") or name == "alkannot.report" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            target = f"{base}.{node.module}" if node.module else base
            names = [a.name for a in node.names]
            if not node.module:  # 'from . import tsv': the names are modules
                out += [(f"{base}.{n}", []) for n in names]
            else:
                out.append((target, names))
    return out


def _graph() -> dict[str, set[str]]:
    return {name: {t for t, _ in _imports(name, tree) if t in MODULES and t != name} for name, tree in MODULES.items()}


def test_no_import_cycle():
    graph, state, cycles = _graph(), {}, []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


# the verdict step reads no input and writes no output: data in, verdict out (the static tables it reads are
# bundled resources, loaded once by the modules that own them)
IO_MODULES = {"alkannot.vcfio", "alkannot.output", "alkannot.survey", "alkannot.rewrite", "alkannot.scan"}


def _reaches(start: str, graph: dict[str, set[str]]) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def test_sample_verdict_is_pure():
    tree = MODULES["alkannot.sample"]
    assert not _reaches("alkannot.sample", _graph()) & IO_MODULES
    imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
    assert not imported & {"pysam", "cyvcf2", "os", "subprocess", "shutil", "tempfile"}, imported
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "open" not in calls and "print" not in calls


def test_no_private_name_imported_across_modules():
    private = [
        (name, target, n)
        for name, tree in MODULES.items()
        for target, names in _imports(name, tree)
        for n in names
        if n.startswith("_") and n not in ("__version__",)
    ]
    assert not private, private


def _assert_small(path: Path, tree: ast.Module, written_by_tool: bool = False) -> None:
    assert written_by_tool or len(path.read_text(encoding="utf-8").splitlines()) <= MODULE_LINES, path
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert not long, long


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_functions_are_small(name):
    path = PACKAGE.joinpath(*name.split(".")[1:]).with_suffix(".py")
    if not path.exists():
        path = PACKAGE.joinpath(*name.split(".")[1:], "__init__.py")
    _assert_small(path, MODULES[name], name in WRITTEN_BY_TOOLS)


# the maintainers' scripts (tools/, e.g. build_kb.py and its kb_build package) are held to the same sizes
TOOLS = PACKAGE.parent / "tools"
TOOL_SCRIPTS = sorted(TOOLS.rglob("*.py"))


def test_tools_are_found():
    assert TOOLS / "build_kb.py" in TOOL_SCRIPTS and TOOLS / "kb_build" / "matrix.py" in TOOL_SCRIPTS


@pytest.mark.parametrize("path", TOOL_SCRIPTS, ids=[str(p.relative_to(TOOLS)) for p in TOOL_SCRIPTS])
def test_tools_modules_and_functions_are_small(path):
    _assert_small(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))


def _source(name: str) -> str:
    path = PACKAGE.joinpath(*name.split(".")[1:]).with_suffix(".py")
    return path.read_text(encoding="utf-8") if path.exists() else ""


# facts that belong in one module (or in resources/, read by one loader): (what, pattern, where it may appear)
FACTS = [
    ("the kinase-domain bounds", r"\b1116\b|\b1383\b", ()),
    ("the inhibitor list", r"\"neladalkib\", \"gilteritinib\"|'ceritinib', 'alectinib'", ()),
    ("the FILTER pass values", r"\(\"PASS\", \"\.\", \"\"\)", ("alkannot.filters",)),
    ("the three-letter amino-acid table", r"\"Gly\": \"G\"", ("alkannot.alterations",)),
    ("the gene table", r"\"genes\.tsv\"", ("alkannot.genome",)),
    ("the exon tables", r"_exons\.tsv\"", ("alkannot.transcript",)),
    ("the regions table", r"\"regions\.tsv\"", ("alkannot.transcript",)),
    ("the SV callers' support keys", r"\"PR\", \"SR\", \"RP\"|\"DV\", \"RV\"", ("alkannot.breakends",)),
]


@pytest.mark.parametrize("what,pattern,allowed", FACTS, ids=[f[0] for f in FACTS])
def test_facts_are_written_once(what, pattern, allowed):
    found = [name for name in MODULES if name not in allowed and re.search(pattern, _source(name))]
    assert not found, f"{what} is written in {found}; it belongs in {allowed or 'resources/'}"


def test_the_library_options_do_not_need_click():
    """The -O/-l/-W parsing is the command line's (cli_values.py); AnnotateOptions is the library's."""
    import subprocess
    import sys

    code = "import sys, alkannot.options, alkannot.annotate; print('click' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stdout
