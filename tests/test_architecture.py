"""The package's floors: layers imported one way, no cycles, small modules, no shadowed names, a light start."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "framing"

#: Each subpackage (or top-level module) and its floor: a module may import from its own subpackage and
#: from lower floors only. docs/architecture.md explains the floors.
FLOORS = {
    "errors": 0, "schema": 0, "framing": 0,
    "text": 1, "corpus": 1,
    "features": 2, "stats": 2, "plots": 2,
    "scale": 3, "classify": 3,
    "pipeline": 4,
    "report": 5,
    "cli": 6, "__main__": 7,
}
DEPENDENCIES = {"dask", "pandas", "numpy", "yaml", "matplotlib", "sklearn", "scipy", "pyarrow", "tqdm", "ahocorasick",
                "vaderSentiment", "nbclient", "nbformat", "nbconvert", "distributed", "hypothesis", "pytest"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports() -> dict[str, set[str]]:
    """Every import of a package module by a package module, at any depth (function-local ones too)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "framing":
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    edges[name].add(target if target in MODULES else node.module)
            elif isinstance(node, ast.Import):
                edges[name].update(a.name for a in node.names if a.name.split(".")[0] == "framing")
    return edges


def _floor(module: str) -> tuple[str, int]:
    parts = module.split(".")
    unit = parts[1] if len(parts) > 1 else "framing"
    return unit, FLOORS[unit]


def test_every_subpackage_has_a_floor():
    assert {_floor(name)[0] for name in MODULES} <= set(FLOORS)


def test_imports_run_one_way_down_the_floors():
    upward = []
    for source, targets in _imports().items():
        unit, floor = _floor(source)
        for target in targets:
            target_unit, target_floor = _floor(target)
            if target_unit != unit and target_floor >= floor:
                upward.append(f"{source} -> {target}")
    assert upward == []


def test_no_import_cycle_even_through_function_local_imports():
    edges = _imports()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_over_700_lines():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in lengths.items() if n > 700} == {}


def test_no_module_is_named_like_the_standard_library_or_a_dependency():
    clashes = [name for name, path in MODULES.items()
               if path.stem in sys.stdlib_module_names or path.stem in DEPENDENCIES]
    assert clashes == []


def test_no_package_face_re_exports_a_name_equal_to_one_of_its_submodules():
    import framing

    for name, path in MODULES.items():
        if path.name != "__init__.py":
            continue
        submodules = {p.stem for p in path.parent.glob("*.py")} | {p.name for p in path.parent.iterdir()
                                                                    if (p / "__init__.py").is_file()}
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exported = {alias.asname or alias.name for node in tree.body if isinstance(node, ast.ImportFrom)
                    for alias in node.names}
        if name == "framing":
            exported |= set(framing._EXPORTS)
        assert exported & submodules == set(), name


@pytest.mark.parametrize("module, heavy", [
    ("framing.errors", ["pandas", "numpy", "framing.features", "framing.corpus"]),
    ("framing", ["pandas", "numpy", "matplotlib", "scipy", "sklearn"]),
    ("framing.cli", ["pandas", "matplotlib", "scipy"]),
])
def test_light_imports_stay_light(module, heavy):
    code = f"import sys, {module}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"


def test_python_dash_m_framing_is_the_command():
    done = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0 and done.stdout.startswith("framing ")


def test_a_module_run_as_a_file_does_not_shadow_what_it_imports(tmp_path):
    # Running a file puts its folder first on sys.path; a module there named like `signal` or `io` used to
    # replace the standard one (a --jobs 2 run then reported a dead worker).
    done = subprocess.run([sys.executable, str(PACKAGE / "cli.py"), "--version"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
