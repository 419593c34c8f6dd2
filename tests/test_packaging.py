"""Packaging: pyproject.toml and environment.yml list the same packages; the console command exists."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI's
CONDA_TO_PYPI = {"pytables": "tables"}


def _name(requirement: str) -> str:
    name = re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _pyproject_packages() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {_name(r) for r in extra if not r.startswith("framing")}
    return names


def _environment_packages() -> set[str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    names = set()
    for dependency in environment["dependencies"]:
        if isinstance(dependency, dict):
            names |= {_name(r) for r in dependency["pip"]}
        elif _name(dependency) not in {"python", "pip"}:
            names.add(CONDA_TO_PYPI.get(_name(dependency), _name(dependency)))
    return names


def test_environment_yml_mirrors_pyproject():
    assert _environment_packages() == _pyproject_packages()


def test_vader_is_pinned_in_both():
    assert "vaderSentiment==3.3.2" in (REPO / "pyproject.toml").read_text()
    assert "vaderSentiment==3.3.2" in (REPO / "environment.yml").read_text()


def test_console_command_is_declared_and_runs():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["framing"] == "framing.cli:main"
    done = subprocess.run([sys.executable, "-m", "framing.cli", "--version"], capture_output=True, text=True,
                          cwd=REPO)
    assert done.returncode == 0 and done.stdout.startswith("framing ")


def test_makefile_offers_the_two_commands_and_ci_runs_make_test():
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert readme.index("make demo") < readme.index("In Python") and "make test" in readme


def test_functions_named_like_their_modules_stay_callable():
    import importlib

    import framing

    importlib.import_module("framing.stats.compare")
    importlib.import_module("framing.features.explain")
    from framing.report.build import build_report  # noqa: F401  (imports both modules again)

    assert callable(framing.compare) and callable(framing.explain)
    assert framing.compare.__module__ == "framing.stats.compare"
    assert framing.explain.__module__ == "framing.features.explain"
