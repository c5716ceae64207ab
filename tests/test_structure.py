"""The house rules of the code base, checked: imports point one way, Prefect stays in flows/, rooms stay small."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("flows", "extractors", "schemas", "warehouse")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40


def project_modules() -> dict[str, Path]:
    """Return every project module's dotted name and path (Alembic's generated migrations left out)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = project_modules()


def imported_names(path: Path) -> list[str]:
    """Given a module's path, return every module it imports, at any depth (type-checking imports left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = [n for n in ast.walk(tree) if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)]
    skipped = {id(n) for node in guarded for n in ast.walk(node)}
    names = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` imports that module; `from module import name` imports the module
            names += [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                      for a in node.names]
    return names


def import_graph() -> dict[str, set[str]]:
    """Return, per project module, the project modules it imports."""
    modules = project_modules()
    return {name: {n for n in imported_names(path) if n in modules and n != name} for name, path in modules.items()}


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """Given an import graph, return one cycle as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        """Depth-first search that returns the cycle closing at `node`, if any."""
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_import_graph_has_no_cycle():
    assert cycle_in(import_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_only_flows_imports_prefect_and_nothing_imports_flows():
    for name, path in project_modules().items():
        if name.startswith("flows"):
            continue
        imports = imported_names(path)
        assert not [n for n in imports if n.split(".")[0] in ("prefect", "prefect_dask")], name
        assert not [n for n in imports if n.split(".")[0] == "flows"], f"{name} imports flows/"


def test_flows_below_the_flow_itself_are_plain():
    for name, path in project_modules().items():
        if name.startswith("flows") and name not in ("flows.run", "flows.cli", "flows.progress", "flows.deploy",
                                                     "flows.cluster"):
            assert not [n for n in imported_names(path) if n.split(".")[0] == "prefect"], name


def test_the_stage_order_is_written_once():
    stages = {"ingest", "results_to_tables", "load_survey_rows", "publish"}
    writers = []
    for path in [*ROOT.glob("flows/*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("benchmarks/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        if stages <= used:
            writers.append(path.relative_to(ROOT).as_posix())
    assert writers == ["flows/pipeline.py"]


@pytest.mark.parametrize("name", sorted(project_modules()))
def test_modules_and_functions_stay_small_and_say_what_they_do(name: str):
    path = project_modules()[name]
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{name} has {source.count(chr(10))} lines"
    tree = ast.parse(source)
    assert ast.get_docstring(tree), f"{name} has no module docstring"
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            assert ast.get_docstring(node), f"{name}.{node.name} has no docstring"
            if not isinstance(node, ast.ClassDef):
                length = node.end_lineno - node.lineno + 1
                assert length <= MAX_FUNCTION_LINES, f"{name}.{node.name} is {length} lines"


def test_importing_any_module_starts_no_process():
    names = [n for n in project_modules() if not n.endswith("ocr_plugin")]
    script = (
        "import sys\n"
        "started = []\n"
        "sys.addaudithook(lambda event, args: started.append(args[0]) if event == 'subprocess.Popen' else None)\n"
        f"for name in {names!r}:\n"
        "    __import__(name)\n"
        "print(started)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout
