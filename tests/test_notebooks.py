"""The notebooks are thin, parameterised, stored without outputs, and run on the demo corpus (and 02 on
the real AllSides articles)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from framing.report.notebooks import inject_parameters, run_notebook

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
DESIGN_PARAMETERS = ["corpus", "columns", "by", "actors", "output_dir"]


def test_the_four_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == ["01_quickstart", "02_compare_outlets", "03_actors_and_custom_lexicons",
                                           "04_validity"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_layout(path):
    notebook = nbformat.read(path, as_version=4)
    first, second = notebook.cells[0], notebook.cells[1]
    assert first.cell_type == "code" and all(
        line.startswith(("import ", "from ")) or not line.strip() for line in first.source.splitlines())
    assert second.metadata.get("tags") == ["parameters"]
    names = [line.split("=")[0].strip() for line in second.source.splitlines() if "=" in line]
    assert names[:5] == DESIGN_PARAMETERS
    assert 'corpus = "corpora/demo"' in second.source
    raw = json.loads(path.read_text())
    assert all(not cell.get("outputs") and cell.get("execution_count") is None
               for cell in raw["cells"] if cell["cell_type"] == "code"), "outputs must be stripped in git"
    for cell in notebook.cells:  # thin: no function definitions in notebooks
        assert "def " not in cell.source and "class " not in cell.source


def test_inject_parameters_needs_a_parameters_cell():
    from framing.errors import InputError

    with pytest.raises(InputError, match="no cell tagged 'parameters'"):
        inject_parameters(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), {"x": 2})


def _outputs_text(notebook) -> str:
    chunks = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            chunks.append(str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(chunks)


@pytest.mark.parametrize(
    ("name", "parameters", "expected_files"),
    [
        ("01_quickstart", {}, ["01_features.parquet"]),
        ("02_compare_outlets", {"actors": "corpora/demo/actors.yml"},
         ["figures/tone_by_outlet.png", "figures/frame_profile.svg", "figures/actor_tone.png",
          "tables/compare.csv", "tables/pairwise.csv", "tables/summary.txt"]),
        ("03_actors_and_custom_lexicons", {}, ["order_and_unrest.yml", "valences.yml"]),
        ("04_validity", {"data_dir": "no/such/folder"}, []),
    ],
)
def test_notebook_runs_on_the_demo_corpus(name, parameters, expected_files, tmp_path):
    out = tmp_path / "out"
    notebook = run_notebook(REPO / "notebooks" / f"{name}.ipynb", tmp_path / f"{name}.ipynb", cwd=REPO,
                            parameters={"output_dir": str(out), **parameters}, html=tmp_path / f"{name}.html")
    for relative in expected_files:
        assert (out / relative).is_file(), relative
    assert (tmp_path / f"{name}.html").stat().st_size > 10_000
    if name == "02_compare_outlets":
        assert len(list((out / "figures").glob("*.png"))) >= 8
    if name == "04_validity":
        assert "is not here, so nothing was measured" in _outputs_text(notebook)


def test_compare_notebook_runs_on_allsides(shared_data, tmp_path):
    out = tmp_path / "out"
    run_notebook(REPO / "notebooks" / "02_compare_outlets.ipynb", tmp_path / "02.ipynb", cwd=REPO, timeout=900,
                 parameters={"corpus": str(shared_data / "allsides-dev" / "jsons"),
                             "columns": {"ID": "doc_id", "source": "outlet", "content": "text"},
                             "by": "bias_text", "output_dir": str(out)})
    assert len(list((out / "figures").glob("*.png"))) >= 8
    table = (out / "tables" / "compare.csv").read_text()
    assert "left" in table and "right" in table and "center" in table
