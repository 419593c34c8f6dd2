"""Nothing lost: inputs are never modified, every output is written atomically (an interrupted write leaves
the previous file and no temporary file), existing outputs are kept without --force, and the same input
and seed give byte-identical feature files, tables and figures."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from matplotlib.figure import Figure

from framing import plots
from framing.classify.model import FrameClassifier
from framing.cli import main
from framing.stats.compare import compare, over_time, pairwise
from framing.corpus.load import load_corpus
from framing.pipeline import analyze
from framing.corpus.output import write_table
from framing.stats.keyness import distinctive_terms
from framing.features.phrases import kwic
from framing.report.build import build_report
from framing.report.tables import write_comparison

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "corpora" / "demo"
DISK_FULL = OSError(28, "No space left on device")


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path (new or removed files show too)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    """A copy of part of the demo corpus (two outlets, four events each, README and actors.yml)."""
    folder = tmp_path / "corpus"
    for outlet in ("Clarion", "Ledger"):
        (folder / outlet).mkdir(parents=True)
        for path in sorted((DEMO / outlet).glob("*.txt"))[:4]:
            shutil.copy2(path, folder / outlet / path.name)
    shutil.copy2(DEMO / "actors.yml", folder / "actors.yml")
    shutil.copy2(DEMO / "README.md", folder / "README.md")
    return folder


def quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------------
# Inputs are never modified


def test_no_command_modifies_the_corpus(small_corpus, tmp_path, capsys):
    before = fingerprint(small_corpus)
    stats = {p: p.stat().st_mtime_ns for p in small_corpus.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    corpus = load_corpus(small_corpus)
    analyze(corpus, actors=small_corpus / "actors.yml", progress=False)
    document = str(small_corpus / "Clarion" / "01-regional-summit.txt")
    actors = str(small_corpus / "actors.yml")
    for argv in (["corpus", "info", str(small_corpus)],
                 ["analyze", str(small_corpus), "-o", str(out / "f.parquet"), "--actors", actors, "--quiet"],
                 ["analyze", str(small_corpus), "-o", str(out / "f.csv"), "--quiet"],
                 ["compare", str(out / "f.parquet"), "-o", str(out / "tables"), "--n-boot", "100"],
                 ["report", str(small_corpus), "-o", str(out / "report.html"), "--n-boot", "100", "--quiet"],
                 ["explain", document, "--actors", actors],
                 ["explain", document, "-o", str(out / "explain.html")]):
        assert quiet(main, argv) == 0, argv
    capsys.readouterr()
    assert fingerprint(small_corpus) == before
    assert {p: p.stat().st_mtime_ns for p in small_corpus.rglob("*") if p.is_file()} == stats


def test_dataframes_passed_in_are_not_modified(tiny_corpus):
    corpus = tiny_corpus.copy()
    corpus.attrs["source"] = "tiny"
    corpus_copy = corpus.copy(deep=True)
    loaded = quiet(load_corpus, corpus)
    pd.testing.assert_frame_equal(corpus, corpus_copy)
    assert corpus.attrs == {"source": "tiny"}

    features = analyze(loaded, actors={"Marov": ["Marov"]}, progress=False)
    pd.testing.assert_frame_equal(corpus, corpus_copy)
    loaded_copy = loaded.copy(deep=True)
    features_copy = features.copy(deep=True)
    compare(features, n_boot=100)
    pairwise(features, n_boot=100)
    quiet(over_time, features, freq="W", columns=["tone_mean"], n_boot=100)
    distinctive_terms(loaded)
    kwic(loaded, "said")
    analyze(loaded, progress=False)
    pd.testing.assert_frame_equal(features, features_copy)
    pd.testing.assert_frame_equal(loaded, loaded_copy)


def test_a_raw_dataframe_is_not_modified_by_the_whole_pipeline(tmp_path):
    raw = pd.DataFrame({"source": ["A", "A", "B", "B"], "published": ["2024-01-01", "soon", "2024-01-03", None],
                        "content": ["Good news. Calm day.", "Bad news!", "A so-called crisis.", "Fine."]})
    raw_copy = raw.copy(deep=True)
    mapping = {"source": "outlet", "published": "date", "content": "text"}
    corpus = quiet(load_corpus, raw, columns=mapping)
    analyze(corpus, progress=False)
    quiet(build_report, raw, tmp_path / "report.html", columns=mapping, n_boot=50, progress=False)
    pd.testing.assert_frame_equal(raw, raw_copy)


# ---------------------------------------------------------------------------------------------------------
# Every output is written atomically


def half_written(kind: str):
    """A writer that leaves half a file where it was asked to write, then fails as a full disk does."""
    def write(self, path, *args, **kwargs):
        target = path if isinstance(path, (str, os.PathLike)) else None
        if target is not None:
            Path(target).write_bytes(b"half a " + kind.encode())
        raise DISK_FULL
    return write


def half_written_text(self: Path, data: str, *args, **kwargs):
    """Path.write_text that writes half of the text, then fails as a full disk does."""
    self.write_bytes(data[: len(data) // 2].encode("utf-8"))
    raise DISK_FULL


def assert_untouched(folder: Path, expected: dict[str, bytes]) -> None:
    """The folder holds exactly the previous files, unchanged: no temporary file is left."""
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == expected


@pytest.mark.parametrize(("suffix", "method"), [(".csv", "to_csv"), (".tsv", "to_csv"), (".parquet", "to_parquet")])
def test_write_table_keeps_the_previous_file_when_writing_fails(tmp_path, monkeypatch, suffix, method):
    target = tmp_path / f"features{suffix}"
    write_table(pd.DataFrame({"a": [1, 2]}), target)
    previous = {target.name: target.read_bytes()}
    monkeypatch.setattr(pd.DataFrame, method, half_written(method))
    with pytest.raises(OSError, match="No space left on device"):
        write_table(pd.DataFrame({"a": [3, 4]}), target, force=True)
    assert_untouched(tmp_path, previous)


def test_comparison_tables_are_replaced_all_together_or_not_at_all(tmp_path, monkeypatch, tiny_corpus):
    """A failure while writing the fourth of seven files leaves all seven previous files, none of the new."""
    features = analyze(tiny_corpus, progress=False)
    write_comparison(features, tmp_path, n_boot=50)
    previous = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert len(previous) == 7
    writes = []
    real = pd.DataFrame.to_parquet

    def second_parquet_fails(self, path, *args, **kwargs):
        writes.append(path)
        if len(writes) == 2:  # pairwise.parquet, after compare.csv, compare.parquet and pairwise.csv
            raise DISK_FULL
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", second_parquet_fails)
    with pytest.raises(OSError, match="No space left on device"):
        write_comparison(features.assign(tone_mean=0.0), tmp_path, n_boot=50, force=True)
    assert_untouched(tmp_path, previous)


def test_a_figure_keeps_the_previous_file_when_saving_fails(tmp_path, monkeypatch):
    figure = Figure()
    figure.subplots().plot([0, 1], [1, 0])
    written = plots.save(figure, tmp_path / "tone", formats=("png", "svg"))
    previous = {path.name: path.read_bytes() for path in written}
    monkeypatch.setattr(Figure, "savefig", half_written("figure"))
    with pytest.raises(OSError, match="No space left on device"):
        plots.save(figure, tmp_path / "tone", formats=("png", "svg"), force=True)
    assert_untouched(tmp_path, previous)


def test_text_outputs_keep_the_previous_file_when_writing_fails(tmp_path, monkeypatch, tiny_corpus):
    """Report HTML, comparison tables and summary, explain pages and saved classifiers."""
    report = tmp_path / "report" / "report.html"
    report.parent.mkdir()
    report.write_text("previous report", encoding="utf-8")
    features = analyze(tiny_corpus, progress=False)
    tables = tmp_path / "tables"
    write_comparison(features, tables, n_boot=50)
    previous_tables = {p.name: p.read_bytes() for p in tables.iterdir()}
    model_path = tmp_path / "model" / "frames.json"
    model = FrameClassifier(use_dictionary=False, char_ngram_range=None).fit(
        ["Rivals clashed.", "Prices rose.", "A bitter feud.", "Costs soared."], ["c", "e", "c", "e"])
    model.save(model_path)
    previous_model = {model_path.name: model_path.read_bytes()}

    monkeypatch.setattr(Path, "write_text", half_written_text)
    with pytest.raises(OSError, match="No space left on device"):
        quiet(build_report, tiny_corpus, report, n_boot=50, progress=False, force=True)
    assert_untouched(report.parent, {"report.html": b"previous report"})
    with pytest.raises(OSError, match="No space left on device"):
        write_comparison(features, tables, n_boot=50, force=True)  # the tables are written first, then summary.txt
    assert {p.name for p in tables.iterdir()} == set(previous_tables)
    assert (tables / "summary.txt").read_bytes() == previous_tables["summary.txt"]
    with pytest.raises(OSError, match="No space left on device"):
        model.save(model_path, force=True)
    assert_untouched(model_path.parent, previous_model)


def test_an_interrupted_analyze_keeps_the_previous_output_and_resumes(small_corpus, tmp_path, monkeypatch, capsys):
    output = tmp_path / "out" / "features.parquet"
    assert main(["analyze", str(small_corpus), "-o", str(output), "--chunksize", "3", "--quiet"]) == 0
    previous = output.read_bytes()

    real_write = pq.ParquetWriter.write_table
    calls = []

    def fail_on_the_second_row_group(self, table, *args, **kwargs):
        if Path(str(self.where)).parent == output.parent:  # the new output, not a part in the work folder
            calls.append(len(table))
            if len(calls) == 2:  # while the parts are copied into it
                raise DISK_FULL
        return real_write(self, table, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", fail_on_the_second_row_group)
    capsys.readouterr()
    assert main(["analyze", str(small_corpus), "-o", str(output), "--chunksize", "3", "--quiet", "--force"]) == 2
    assert capsys.readouterr().err.strip().endswith("No space left on device")
    assert calls == [3, 3]  # the first row group was copied, the second failed
    assert output.read_bytes() == previous
    leftovers = sorted(p.name for p in output.parent.iterdir())
    assert leftovers == ["features.parquet", "features.parquet.partial"]  # the finished chunks, to resume from
    assert not [p for p in output.parent.rglob("*") if p.name.endswith(".tmp")]

    monkeypatch.setattr(pq.ParquetWriter, "write_table", real_write)
    assert main(["analyze", str(small_corpus), "-o", str(output), "--chunksize", "3", "--quiet", "--force"]) == 0
    assert "chunks from the interrupted run" in capsys.readouterr().out
    assert sorted(p.name for p in output.parent.iterdir()) == ["features.parquet"]
    assert output.read_bytes() == previous  # the resumed run wrote what the first run wrote


# ---------------------------------------------------------------------------------------------------------
# Existing outputs are kept without --force


@pytest.fixture()
def features_file(small_corpus, tmp_path) -> Path:
    path = tmp_path / "features.parquet"
    assert quiet(main, ["analyze", str(small_corpus), "-o", str(path), "--quiet"]) == 0
    return path


def _refusals(small_corpus: Path, features_file: Path, out: Path) -> list[tuple[list[str], Path]]:
    document = str(small_corpus / "Clarion" / "01-regional-summit.txt")
    return [
        (["analyze", str(small_corpus), "-o", str(out / "f.parquet"), "--quiet"], out / "f.parquet"),
        (["analyze", str(small_corpus), "-o", str(out / "f.csv"), "--quiet"], out / "f.csv"),
        (["compare", str(features_file), "-o", str(out / "tables"), "--n-boot", "50"], out / "tables" / "compare.csv"),
        (["report", str(small_corpus), "-o", str(out / "r.html"), "--n-boot", "50", "--quiet"], out / "r.html"),
        (["report", str(features_file), "-o", str(out / "r2.html"), "--n-boot", "50", "--quiet"], out / "r2.html"),
        (["explain", document, "-o", str(out / "e.html")], out / "e.html"),
    ]


def test_existing_outputs_are_not_overwritten_without_force(small_corpus, features_file, tmp_path, capsys):
    out = tmp_path / "out"
    refusals = _refusals(small_corpus, features_file, out)
    for _argv, target in refusals:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"the user's file")
    before = fingerprint(out)
    capsys.readouterr()
    for argv, target in refusals:
        assert quiet(main, argv) == 2, argv
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (f"framing: error: {target}: already exists; choose another output or pass --force "
                                "to overwrite it\n")
    assert fingerprint(out) == before  # nothing written, nothing left behind

    for argv, target in refusals:
        assert quiet(main, [*argv, "--force"]) == 0, argv
        assert target.read_bytes() != b"the user's file"
    capsys.readouterr()


# ---------------------------------------------------------------------------------------------------------
# Determinism

# Run in a fresh interpreter per hash seed: set and dict orders of str keys change with PYTHONHASHSEED, and
# any output that depends on them would differ between runs.
_DETERMINISM_SCRIPT = """
import sys, warnings
warnings.simplefilter("ignore")
from pathlib import Path
import pandas as pd
from matplotlib.figure import Figure
from framing import plots
from framing.cli import main
corpus, out = sys.argv[1], Path(sys.argv[2])
for name in ("features.parquet", "features.csv"):
    assert main(["analyze", corpus, "-o", str(out / name), "--actors", corpus + "/actors.yml", "--quiet"]) == 0
assert main(["compare", str(out / "features.parquet"), "-o", str(out / "tables"), "--n-boot", "200"]) == 0
table = pd.read_csv(out / "tables" / "compare.csv")
figure = Figure(figsize=(5, 3))
plots.tone_by_outlet(table, ax=figure.subplots())
plots.save(figure, out / "figures" / "tone_by_outlet", formats=("png", "svg", "pdf"))
"""


def _run_everything(corpus: Path, out: Path, hash_seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", _DETERMINISM_SCRIPT, str(corpus), str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return fingerprint(out)


def test_same_input_and_seed_give_byte_identical_outputs(small_corpus, tmp_path):
    first = _run_everything(small_corpus, tmp_path / "first", "1")
    second = _run_everything(small_corpus, tmp_path / "second", "2")
    assert sorted(first) == sorted([
        "features.csv", "features.parquet", "figures/tone_by_outlet.pdf", "figures/tone_by_outlet.png",
        "figures/tone_by_outlet.svg", "tables/compare.csv", "tables/compare.parquet", "tables/omnibus.csv",
        "tables/omnibus.parquet", "tables/pairwise.csv", "tables/pairwise.parquet", "tables/summary.txt"])
    assert first == second
    # and in this process, from the same corpus frame: write_table gives the same bytes each time
    features = analyze(quiet(load_corpus, small_corpus), progress=False)
    for name in ("a.csv", "b.csv", "a.parquet", "b.parquet"):
        write_table(features, tmp_path / name)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
