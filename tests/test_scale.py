"""Scale: parallel analysis equals serial, streaming equals in-memory, interrupted runs resume."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.corpus.load import load_corpus
from framing.errors import FramingError, InputError
from framing.pipeline import analyze
from framing.features.analyze import DocumentAnalyzer
from framing.scale.workers import DocumentPool, batch_rows, chunk_size, n_processes
from framing.scale.stream import MANIFEST, analyze_to_parquet, work_folder

REPO = Path(__file__).resolve().parents[1]
BINARY_FILE = REPO / "tests" / "data" / "bad" / "binary.txt"



# --------------------------------------------------------------------------------------- parallel


@pytest.mark.parametrize("n_jobs", [2, -1])
def test_parallel_analysis_is_identical_to_serial(demo_corpus, demo_features, n_jobs):
    parallel = analyze(demo_corpus, n_jobs=n_jobs, progress=False)
    pd.testing.assert_frame_equal(parallel, demo_features, check_exact=True)


class _PidAnalyzer:
    """Stands in for DocumentAnalyzer: reports which process analysed each text (in a millisecond)."""

    def __call__(self, text, title):
        time.sleep(0.001)
        return {"text": text, "pid": os.getpid()}


def test_a_batch_is_shared_by_this_process_and_forked_children_in_order():
    texts = [f"document {i}" for i in range(400)]
    rows = list(batch_rows(_PidAnalyzer(), texts, [None] * len(texts), n_jobs=3))
    assert [text for text, _ in rows] == texts
    pids = [pid for _, pid in rows]
    assert len(set(pids)) == 3 and pids.count(os.getpid()) > 100  # three processes, this one included


class _FailingAnalyzer:
    def __call__(self, text, title):
        if text == "boom" and os.getpid() != PARENT:
            raise ValueError("bad document")
        if text == "die" and os.getpid() != PARENT:
            os._exit(3)
        return {"text": text}


PARENT = os.getpid()


@pytest.mark.parametrize(("poison", "message"), [("boom", "worker process failed: ValueError: bad document"),
                                                  ("die", "worker process died")])
def test_a_failing_or_dying_child_is_reported_and_nothing_is_left_running(poison, message):
    texts = ["fine"] * 40 + [poison] * 40
    with pytest.raises(FramingError, match=message):
        list(batch_rows(_FailingAnalyzer(), texts, [None] * len(texts), n_jobs=2))
    assert multiprocessing.active_children() == []


def test_pool_spreads_chunks_over_its_workers_and_keeps_order():
    texts = [f"document {i}" for i in range(400)]
    with DocumentPool(_PidAnalyzer(), n_jobs=2) as pool:
        pool.wait_for_workers()
        rows = list(pool.rows(texts, [None] * len(texts)))
        again = list(pool.rows(texts[:50], [None] * 50))  # the same workers serve a second batch
    assert [text for text, _ in rows] == texts
    assert [text for text, _ in again] == texts[:50]
    workers = {pid for _, pid in rows}
    assert len(workers) == 2 and os.getpid() not in workers  # this process only hands out and collects
    assert {pid for _, pid in again} <= workers
    assert pool.worker_chunks == 31 + 25  # 400 documents in chunks of 13, then 50 in chunks of 2


def test_spawned_workers_give_identical_rows(demo_corpus, monkeypatch):
    """macOS and Windows spawn their workers: the analyzer is pickled to them instead of inherited."""
    monkeypatch.setattr("framing.scale.workers._context", lambda: multiprocessing.get_context("spawn"))
    analyzer = DocumentAnalyzer()
    texts = demo_corpus["text"].tolist()
    titles = [title or None for title in demo_corpus["title"].tolist()]
    with DocumentPool(analyzer, n_jobs=2) as pool:
        pool.wait_for_workers()
        rows = list(pool.rows(texts, titles))
    assert pool.worker_chunks >= 2
    expected = [tuple(analyzer(text, title).values()) for text, title in zip(texts, titles)]
    pd.testing.assert_frame_equal(pd.DataFrame(rows), pd.DataFrame(expected), check_exact=True)  # NaN-aware


def test_a_small_batch_does_not_wait_for_a_slow_worker(monkeypatch):
    monkeypatch.setattr("framing.scale.workers._context", lambda: multiprocessing.get_context("spawn"))
    texts = [f"document {i}" for i in range(40)]
    with DocumentPool(_PidAnalyzer(), n_jobs=2) as pool:
        rows = list(pool.rows(texts, [None] * 40))  # done here while the spawned worker starts
    assert {pid for _, pid in rows} == {os.getpid()}
    assert pool.worker_chunks == 0


@pytest.mark.parametrize(("n_jobs", "n_documents", "expected"), [
    (1, 1000, 1),
    (2, 1000, 2),
    (2, 20, 1),      # fewer than 16 documents per process: not worth a worker
    (2, 32, 2),
    (8, 40, 2),
    (3, None, 3),    # a stream: size unknown
])
def test_n_processes(n_jobs, n_documents, expected):
    assert n_processes(n_jobs, n_documents) == expected


def test_n_processes_minus_one_is_every_available_core():
    assert n_processes(-1) == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("n_jobs", [0, -2, 1.5, True])
def test_bad_n_jobs_is_refused(n_jobs):
    with pytest.raises(InputError, match="n_jobs"):
        n_processes(n_jobs)


@pytest.mark.parametrize(("n_documents", "processes", "expected"), [
    (150, 2, 5),       # 30 chunks: 15 per process
    (1000, 2, 32),
    (100_000, 2, 64),  # capped
    (10, 8, 1),
])
def test_chunk_size(n_documents, processes, expected):
    assert chunk_size(n_documents, processes) == expected


def test_every_lexicon_on_the_demo_corpus_matches_like_the_rules_spelled_out(demo_corpus, reference_matches):
    """All shipped lexicons and the demo's actors in one matcher, against the slow reference of the rules."""
    from framing.features.actors import actors_lexicon, load_actors
    from framing.text.lexicons import load_lexicon
    from framing.text.matcher import PhraseMatcher
    from framing.text.segment import segment

    lexicons = [load_lexicon(name) for name in ("loaded", "frames", "policy_frames", "sourcing")]
    lexicons.append(actors_lexicon(load_actors(REPO / "corpora" / "demo" / "actors.yml")))
    matcher = PhraseMatcher(lexicons)
    found = 0
    for text in demo_corpus["text"][::8]:
        seg = segment(text)
        matches = [(m.first_token, m.end_token, m.lexicon, m.entry.phrase) for m in matcher.match(seg)]
        assert matches == reference_matches(seg, lexicons)
        found += len(matches)
    assert found > 150


# -------------------------------------------------------------------------------------- streaming


def test_streaming_equals_in_memory(tmp_path, demo_features):
    output = tmp_path / "features.parquet"
    result = analyze_to_parquet(REPO / "corpora" / "demo", output, chunksize=10, progress=False)
    assert (result.documents, result.chunks, result.resumed_chunks) == (64, 7, 0)
    assert result.columns == demo_features.shape[1]
    assert not work_folder(output).exists()
    pd.testing.assert_frame_equal(pd.read_parquet(output), demo_features, check_exact=True)


def test_streaming_with_two_processes_equals_in_memory(tmp_path, demo_features):
    output = tmp_path / "features.parquet"
    analyze_to_parquet(REPO / "corpora" / "demo", output, chunksize=40, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(pd.read_parquet(output), demo_features, check_exact=True)


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def _uneven_records() -> list[dict]:
    """Eight documents whose metadata changes shape from one chunk of two to the next."""
    records = []
    for i in range(8):
        record = {"doc_id": f"n{i}", "outlet": "Alpha" if i % 2 else "Beta",
                  "text": f"Story {i}. Officials said the plan was good and the cost would fall by {i} percent."}
        if i >= 2:
            record["author"] = f"Writer {i}"               # absent from the first chunk
        if i not in (2, 3):
            record["rank"] = i                             # an integer, missing for a whole chunk
        if i != 5:
            record["score"] = i + 1                        # an integer, missing once within a chunk
        record["date"] = "2024-05-0%d" % (i + 1) if i < 4 else None   # NaT in the later chunks
        record["title"] = "" if i % 3 == 0 else f"Title {i}"          # empty titles
        records.append(record)
    return records


def test_streaming_reconciles_chunks_whose_metadata_differs(tmp_path):
    source = _write_jsonl(tmp_path / "uneven.jsonl", _uneven_records())
    expected = analyze(load_corpus(source), progress=False)
    assert expected["rank"].dtype == "float64" and expected["author"].isna().sum() == 2
    output = tmp_path / "features.parquet"
    analyze_to_parquet(source, output, chunksize=2, progress=False)
    pd.testing.assert_frame_equal(pd.read_parquet(output), expected, check_exact=True)


def test_streaming_an_empty_corpus_writes_an_empty_table_with_the_feature_dtypes(tmp_path, demo_features):
    source = _write_jsonl(tmp_path / "empty.jsonl", [])
    output = tmp_path / "features.parquet"
    with pytest.warns(UserWarning, match="no documents"):
        result = analyze_to_parquet(source, output, progress=False)
    features = pd.read_parquet(output)
    assert result.documents == 0 and len(features) == 0
    shared = [column for column in demo_features.columns if column.startswith(("n_", "tone_", "frame_"))]
    assert features[shared].dtypes.to_dict() == demo_features[shared].dtypes.to_dict()


def test_existing_output_is_refused_without_force(tmp_path):
    output = tmp_path / "features.parquet"
    output.write_bytes(b"previous results")
    with pytest.raises(FramingError, match="already exists.*--force"):
        analyze_to_parquet(REPO / "corpora" / "demo", output, progress=False)
    assert output.read_bytes() == b"previous results"
    assert not work_folder(output).exists()
    analyze_to_parquet(REPO / "corpora" / "demo", output, force=True, chunksize=32, progress=False)
    assert len(pd.read_parquet(output)) == 64


def test_a_run_stopped_before_its_first_chunk_leaves_nothing(tmp_path, monkeypatch):
    output = tmp_path / "features.parquet"
    _CountingRows(monkeypatch, fail_on_call=1)
    with pytest.raises(KeyboardInterrupt):
        analyze_to_parquet(REPO / "corpora" / "demo", output, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_output_must_be_parquet(tmp_path):
    with pytest.raises(InputError, match=r"\*\.parquet"):
        analyze_to_parquet(REPO / "corpora" / "demo", tmp_path / "features.csv", progress=False)


# ----------------------------------------------------------------------------------------- resume


class _CountingRows:
    """Replaces DocumentPool.rows: counts the chunks and documents analysed, and fails on a given call."""

    def __init__(self, monkeypatch, *, fail_on_call: int | None = None):
        self.calls = 0
        self.documents = 0
        original = DocumentPool.rows

        def rows(pool, texts, titles):
            self.calls += 1
            if self.calls == fail_on_call:
                raise KeyboardInterrupt
            self.documents += len(texts)
            return original(pool, texts, titles)

        monkeypatch.setattr(DocumentPool, "rows", rows)


def test_interrupted_run_resumes_without_redoing_finished_chunks(tmp_path, monkeypatch, demo_features):
    source, output = REPO / "corpora" / "demo", tmp_path / "features.parquet"
    output.write_bytes(b"previous results")
    _CountingRows(monkeypatch, fail_on_call=4)
    with pytest.raises(KeyboardInterrupt):
        analyze_to_parquet(source, output, chunksize=10, force=True, progress=False)
    assert output.read_bytes() == b"previous results"
    work = work_folder(output)
    manifest = json.loads((work / MANIFEST).read_text())
    assert manifest["completed"] == 3 and [part["rows"] for part in manifest["parts"]] == [10, 10, 10]
    assert manifest["options"]["chunksize"] == 10 and manifest["source"]["path"] == str(source.resolve())
    assert sorted(path.name for path in work.glob("part-*")) == [f"part-00000{i}.parquet" for i in (1, 2, 3)]
    assert manifest["parts"][1]["first_doc_id"] == demo_features.index[10]

    monkeypatch.undo()
    resumed = _CountingRows(monkeypatch)
    result = analyze_to_parquet(source, output, chunksize=10, force=True, progress=False)
    assert (resumed.calls, resumed.documents) == (4, 34)  # chunks 4-7 only
    assert (result.resumed_chunks, result.chunks, result.documents) == (3, 7, 64)
    assert not work.exists()
    pd.testing.assert_frame_equal(pd.read_parquet(output), demo_features, check_exact=True)


def _interrupt_after_two_chunks(monkeypatch, source, output, **options):
    _CountingRows(monkeypatch, fail_on_call=3)
    with pytest.raises(KeyboardInterrupt):
        analyze_to_parquet(source, output, chunksize=10, progress=False, **options)
    monkeypatch.undo()


def test_resume_with_other_options_is_refused_until_restart(tmp_path, monkeypatch):
    source, output = REPO / "corpora" / "demo", tmp_path / "features.parquet"
    _interrupt_after_two_chunks(monkeypatch, source, output)
    with pytest.raises(FramingError, match=r"other options and lexicons, actors or valences \(features was .*--restart"):
        analyze_to_parquet(source, output, chunksize=10, features=["size"], progress=False)
    with pytest.raises(FramingError, match=r"other options \(chunksize was 10, now 20\)"):
        analyze_to_parquet(source, output, chunksize=20, progress=False)
    assert len(list(work_folder(output).glob("part-*"))) == 2  # still there
    counting = _CountingRows(monkeypatch)
    result = analyze_to_parquet(source, output, chunksize=20, features=["size"], resume=False, progress=False)
    assert (counting.documents, result.resumed_chunks) == (64, 0)
    assert list(pd.read_parquet(output).columns[-3:]) == ["n_words", "n_sentences", "n_paragraphs"]


def test_resume_notices_a_changed_corpus(tmp_path, monkeypatch):
    source, output = tmp_path / "corpus", tmp_path / "features.parquet"
    shutil.copytree(REPO / "corpora" / "demo", source)
    _interrupt_after_two_chunks(monkeypatch, source, output)
    first = sorted(source.rglob("*.txt"))[0]
    first.unlink()
    with pytest.raises(FramingError, match="corpus changed.*--restart"):
        analyze_to_parquet(source, output, chunksize=10, progress=False)


def test_a_foreign_work_folder_is_never_deleted(tmp_path):
    output = tmp_path / "features.parquet"
    work = work_folder(output)
    work.mkdir()
    (work / "notes.txt").write_text("mine")
    with pytest.raises(FramingError, match="not a framing work folder"):
        analyze_to_parquet(REPO / "corpora" / "demo", output, resume=False, progress=False)
    assert (work / "notes.txt").read_text() == "mine"


# --------------------------------------------------------------------------------------------- CLI


def test_cli_streams_parquet_and_lists_skipped_files(tmp_path, capsys, demo_features):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpora" / "demo", corpus)
    shutil.copy(BINARY_FILE, corpus / "Herald" / "zz-broken.txt")
    output = tmp_path / "out" / "features.parquet"
    code = main(["analyze", str(corpus), "-o", str(output), "--chunksize", "16", "--jobs", "2", "--quiet"])
    captured = capsys.readouterr()
    assert code == 0
    assert "warning: skipped 1 bad file" in captured.err  # warnings are one line each on stderr
    assert f"wrote 64 documents x {demo_features.shape[1]} columns" in captured.out
    assert "zz-broken.txt" in captured.err
    skipped = pd.read_csv(output.with_name("features.skipped.csv"))
    assert skipped["path"].str.endswith("zz-broken.txt").tolist() == [True]
    features = pd.read_parquet(output)
    pd.testing.assert_frame_equal(features, demo_features, check_exact=True)

    assert main(["analyze", str(corpus), "-o", str(output), "--quiet"]) == 2
    assert "--force" in capsys.readouterr().err


def test_cli_strict_stops_at_a_bad_file(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpora" / "demo" / "Herald", corpus / "Herald")
    shutil.copy(BINARY_FILE, corpus / "Herald" / "zz-broken.txt")
    output = tmp_path / "features.parquet"
    assert main(["analyze", str(corpus), "-o", str(output), "--strict", "--quiet"]) == 2
    assert "zz-broken.txt" in capsys.readouterr().err
    assert not output.exists()


def test_cli_reports_an_interrupted_run_and_resumes(tmp_path, capsys, monkeypatch, demo_features):
    output = tmp_path / "features.parquet"
    argv = ["analyze", str(REPO / "corpora" / "demo"), "-o", str(output), "--chunksize", "10", "--quiet"]
    _CountingRows(monkeypatch, fail_on_call=2)
    assert main(argv) == 130
    assert "run the same command again to resume" in capsys.readouterr().err
    monkeypatch.undo()
    assert main(argv) == 0
    assert "(1 of 7 chunks from the interrupted run)" in capsys.readouterr().out
    pd.testing.assert_frame_equal(pd.read_parquet(output), demo_features, check_exact=True)


def test_cli_csv_output_is_computed_in_memory(tmp_path, demo_features):
    output = tmp_path / "features.csv"
    assert main(["analyze", str(REPO / "corpora" / "demo"), "-o", str(output), "--quiet"]) == 0
    written = pd.read_csv(output, index_col=0)
    assert written.index.tolist() == demo_features.index.tolist()
    assert written["n_words"].tolist() == demo_features["n_words"].tolist()


def test_cli_dask_engine_needs_a_scheduler(tmp_path, capsys):
    output = tmp_path / "features.parquet"
    assert main(["analyze", str(REPO / "corpora" / "demo"), "-o", str(output), "--engine", "dask"]) == 2
    assert "--scheduler" in capsys.readouterr().err


def test_a_failed_part_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from framing.scale import stream

    work = tmp_path / "work"
    work.mkdir()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", broken)
    frame = pd.DataFrame({"n_words": [1]}, index=pd.Index(["a"], name="doc_id"))
    with pytest.raises(OSError, match="disk full"):
        stream._write_part(work, 1, frame)
    assert list(work.iterdir()) == []
