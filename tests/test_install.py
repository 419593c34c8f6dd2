"""A plain (not editable) install: the wheel carries everything the package reads at run time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "framing", "corpora", "notebooks", "docs")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project built as a wheel (offline, from a copy of the sources) and installed into a folder."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, source / name)
    wheels = root / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--disable-pip-version-check", "-w", str(wheels), str(source)], check=True, capture_output=True)
    (wheel,) = wheels.glob("framing-*.whl")
    site = root / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--disable-pip-version-check",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    return wheel


def test_the_wheel_ships_the_demo_corpus_the_notebooks_and_the_validity_page(installed):
    names = set(zipfile.ZipFile(installed).namelist())
    corpus = sorted(p.relative_to(REPO / "corpora" / "demo").as_posix()
                    for p in (REPO / "corpora" / "demo").rglob("*") if p.is_file())
    assert {f"framing/_bundled/demo/{name}" for name in corpus} <= names
    notebooks = {f"framing/_bundled/notebooks/{p.name}" for p in (REPO / "notebooks").glob("*.ipynb")}
    assert notebooks and notebooks <= names
    assert "framing/_bundled/docs/validity.md" in names
    assert {f"framing/lexicons/{p.name}" for p in (REPO / "framing" / "lexicons").glob("*.yml")} <= names
    assert {f"framing/data/{p.name}" for p in (REPO / "framing" / "data").glob("*.txt")} <= names


def test_every_subpackage_is_listed_for_the_wheel(installed):
    names = {name.rsplit("/", 1)[0] for name in zipfile.ZipFile(installed).namelist() if name.endswith(".py")}
    on_disk = {p.parent.relative_to(REPO).as_posix() for p in (REPO / "framing").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert on_disk <= names


def test_the_installed_demo_runs_from_an_empty_folder_and_shows_the_validity_section(installed, tmp_path):
    site = installed.parents[1] / "site"
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import framing; print(framing.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site))  # the installed copy, not the source tree
    done = subprocess.run([sys.executable, "-m", "framing", "demo", "-o", "out", "--quiet"], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Validity</h2>" in report
    assert (tmp_path / "out" / "notebook" / "02_compare_outlets.html").is_file()
    assert len(list((tmp_path / "out" / "figures").glob("*.png"))) >= 8
