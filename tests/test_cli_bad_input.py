"""The command line on bad corpora: every case of the gallery (tests/data/bad, messages in test_corpus.py)
gives one line ``framing: error: <the loader's message>`` naming the file (and line), exit code 2, no
traceback, nothing on stdout; and a corpus mixing good and bad files is analysed in the default (skip)
mode, every good document in the output, every bad file listed at the end and in features.skipped.csv.

Each command runs in a process of its own that runs ``framing.cli`` as ``python -m framing.cli`` does; the
52 gallery runs are forked from an interpreter that imported the heavy modules once (see _FORK_SERVER), the
others start a fresh interpreter.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import cli_words, skipped_path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BAD = TESTS / "data" / "bad"


def _gallery() -> list[tuple[str, dict, str]]:
    """The bad-corpus cases of tests/test_corpus.py, with their exact messages (one table for both)."""
    spec = importlib.util.spec_from_file_location("_corpus_gallery", TESTS / "test_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.GALLERY


GALLERY = _gallery()
# Streaming (analyze writes Parquet chunk by chunk) stops at the first repeated doc_id, as iter_corpus does
# (tests/test_corpus.py::test_streaming_raises_at_the_first_repeated_id), instead of listing them all.
STREAMED_MESSAGES = {
    "duplicate_ids.csv": "{p}:4: duplicate doc_id 'a', first seen at line 2; doc_ids must be unique",
}


def _options(options: dict) -> list[str]:
    """The command-line form of load_corpus options."""
    argv = []
    for name, value in options.items():
        if name == "encoding":
            argv += ["--encoding", value]
        elif name == "columns":
            for source, target in value.items():
                argv += ["--column", f"{source}={target}"]
        else:
            raise AssertionError(f"no command-line form for {name}")
    return argv


def _environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MPLBACKEND": "Agg"}
    env.pop("PYTHONWARNINGS", None)
    return env


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``python -m framing.cli ARGV`` in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "framing.cli", *argv], cwd=cwd, env=_environment(),
                          capture_output=True, text=True, timeout=120)


# A fresh interpreter spends about a second importing pandas and compiling the lexicons before it reads
# the corpus; for the 52 gallery runs that would take most of a minute. So the gallery runs are forked from
# an interpreter that has imported the heavy modules once (not framing.cli itself): each child runs
# ``framing.cli`` as ``__main__`` exactly as ``python -m`` does, with its own stdout and stderr files, and
# exits through the normal interpreter shutdown, so anything printed at exit is caught too.
# test_forked_runs_equal_fresh_interpreters checks that both give the same output.
_FORK_SERVER = r"""
import json, os, runpy, sys
import pandas, pyarrow.parquet
import framing.corpus.load, framing.scale.stream, framing.corpus.output
from framing.features.analyze import DocumentAnalyzer
DocumentAnalyzer()  # load and compile the shipped lexicons once
for line in sys.stdin:
    job = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        for fd, name in ((1, job["stdout"]), (2, job["stderr"])):
            os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
        os.chdir(job["cwd"])
        sys.argv = ["framing", *job["argv"]]
        runpy.run_module("framing.cli", run_name="__main__", alter_sys=True)  # ends with sys.exit(main())
        raise SystemExit(0)
    _, status = os.waitpid(pid, 0)
    print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)
"""


class ForkedCli:
    """Runs ``framing.cli`` commands in processes forked from one warmed-up interpreter."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        self.server = subprocess.Popen([sys.executable, "-c", _FORK_SERVER], cwd=REPO, env=_environment(),
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
        self.count += 1
        out, err = self.folder / f"{self.count}.out", self.folder / f"{self.count}.err"
        job = {"argv": argv, "cwd": str(cwd), "stdout": str(out), "stderr": str(err)}
        self.server.stdin.write(json.dumps(job) + "\n")
        self.server.stdin.flush()
        code = json.loads(self.server.stdout.readline())
        return subprocess.CompletedProcess(argv, code, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"))

    def close(self) -> None:
        self.server.stdin.close()
        self.server.wait(timeout=60)


@pytest.fixture(scope="module")
def gallery_runs(tmp_path_factory) -> dict[tuple[str, str], tuple[subprocess.CompletedProcess, Path]]:
    """``corpus info`` and ``analyze --strict`` on every case; results by (command, case)."""
    jobs = {}
    for name, options, _message in GALLERY:
        path = str(BAD / name)
        work = tmp_path_factory.mktemp("analyze")
        jobs[("info", name)] = (["corpus", "info", path, *_options(options)], work)
        jobs[("analyze", name)] = (["analyze", path, "-o", str(work / "out.parquet"), "--strict",
                                    *_options(options)], work)
    runners = [ForkedCli(tmp_path_factory.mktemp("forked")) for _ in range(2)]
    try:
        keys = list(jobs)
        with ThreadPoolExecutor(max_workers=len(runners)) as pool:
            halves = [keys[i::len(runners)] for i in range(len(runners))]
            done = pool.map(lambda pair: {key: runners[pair[0]].run(*jobs[key]) for key in pair[1]},
                            enumerate(halves))
            results = {key: result for part in done for key, result in part.items()}
    finally:
        for runner in runners:
            runner.close()
    return {key: (results[key], jobs[key][1]) for key in jobs}


def _expected(command: str, name: str, message: str) -> str:
    if command == "analyze":
        message = STREAMED_MESSAGES.get(name, message)
    skip_option = "pass --skip-bad" if command == "info" else "run without --strict"
    return "framing: error: " + cli_words(message.replace("{p}", str(BAD / name)), skip_option=skip_option)


@pytest.mark.parametrize(("name", "ending"), [
    ("cp1252.txt", "cannot decode as utf-8 (invalid continuation byte); check --encoding"),
    ("lines.json", "if the file holds one JSON object per line, name it .jsonl or pass --format jsonl"),
])
def test_messages_name_command_line_options_not_python_keywords(gallery_runs, name, ending):
    for command in ("info", "analyze"):
        done, _work = gallery_runs[(command, name)]
        assert done.stderr.splitlines()[-1].endswith(ending)


@pytest.mark.parametrize("command", ["info", "analyze"])
@pytest.mark.parametrize(("name", "options", "message"), GALLERY, ids=[case[0] for case in GALLERY])
def test_bad_corpus_gives_one_line_and_exit_code_2(gallery_runs, command, name, options, message):
    done, work = gallery_runs[(command, name)]
    expected = _expected(command, name, message)
    lines = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert done.stdout == ""
    if command == "analyze":
        assert list(work.iterdir()) == []  # no output, no partial run, no list of skipped inputs
    assert lines[-1:] == [expected]  # the loader's message, naming the file (and line)
    assert lines == [expected]  # and nothing else: no progress bar, no warning, no usage text


@pytest.mark.parametrize("name", ["bad.json", "unknown_ext"])
def test_forked_runs_equal_fresh_interpreters(gallery_runs, tmp_path, name):
    for command in ("info", "analyze"):
        forked, work = gallery_runs[(command, name)]
        argv = (["corpus", "info", str(BAD / name)] if command == "info" else
                ["analyze", str(BAD / name), "-o", str(tmp_path / "out.parquet"), "--strict"])
        fresh = _run(argv, tmp_path)
        assert (fresh.returncode, fresh.stdout, fresh.stderr.replace(str(tmp_path), str(work))) == (
            forked.returncode, forked.stdout, forked.stderr)


# ---------------------------------------------------------------------------------------------------------
# A corpus mixing good and bad files, default (skip) mode


GOOD = {
    # doc_id: (file, content)
    "Alpha/one": ("Alpha/one.txt", "title: First\ndate: 2024-03-01\n\nThe harbour reopened. Traffic was calm.\n"),
    "Alpha/two": ("Alpha/two.txt", "The council met. It approved the plan.\n"),
    "Alpha/latin1": ("Alpha/latin1.txt", "Caf\xe9 owners were happy.\n"),  # written as cp1252: decoded, with a warning
    "Alpha/blank": ("Alpha/blank.txt", ""),  # a zero-byte text file is a document with no text (kept, warned)
    "r1": ("Beta/rows.csv", None),
    "r3": ("Beta/rows.csv", None),
    "j1": ("Beta/lines.jsonl", None),
    "j3": ("Beta/lines.jsonl", None),
}


def _mixed_corpus(root: Path) -> Path:
    (root / "Alpha").mkdir(parents=True)
    (root / "Beta").mkdir()
    for doc_id in ("Alpha/one", "Alpha/two", "Alpha/blank"):
        file, content = GOOD[doc_id]
        (root / file).write_text(content, encoding="utf-8")
    (root / "Alpha" / "latin1.txt").write_bytes(GOOD["Alpha/latin1"][1].encode("cp1252"))
    (root / "Beta" / "rows.csv").write_text(
        "doc_id,text\nr1,A fine row.\nr2,a row,with an extra field\nr3,Another fine row.\n", encoding="utf-8")
    (root / "Beta" / "lines.jsonl").write_text(
        '{"doc_id": "j1", "text": "Fine line."}\n{"doc_id": "j2", "text": broken}\n'
        '{"doc_id": "j3", "text": "Fine again."}\n', encoding="utf-8")
    (root / "Beta" / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (root / "Beta" / "empty.json").write_bytes(b"")
    (root / "slides.key").write_bytes(b"PK\x03\x04")
    (root / "Alpha" / "loop").symlink_to(root, target_is_directory=True)
    return root


def test_a_mixed_corpus_is_analysed_and_every_bad_file_listed(tmp_path):
    corpus = _mixed_corpus(tmp_path / "mixed")
    output = tmp_path / "out" / "features.parquet"
    done = _run(["analyze", str(corpus), "-o", str(output)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.strip().splitlines()[-1] == f"wrote 8 documents x 71 columns to {output}"

    features = pd.read_parquet(output)
    assert sorted(features.index) == sorted(GOOD)
    assert features.loc["Alpha/one", "n_sentences"] == 2 and features.loc["Alpha/blank", "n_words"] == 0
    assert features.loc["Alpha/latin1", "n_words"] == 4  # "Café owners were happy": decoded as cp1252

    skipped = [
        (f"{corpus}/Beta/binary.txt", None,
         "binary file (it contains NUL bytes), not text; convert it to UTF-8 text or remove it"),
        (f"{corpus}/Beta/empty.json", None, "empty file; expected a JSON object or a list of objects"),
        (f"{corpus}/Beta/lines.jsonl", 2, "malformed JSON: Expecting value (column 26)"),
        (f"{corpus}/Beta/rows.csv", 3,
         "malformed CSV row: expected 2 fields as in the header, found 3; quote fields that contain commas"),
        (f"{corpus}/slides.key", None,
         "unsupported file type '.key'; supported: .txt, .csv, .tsv, .json, .jsonl, .parquet"),
    ]
    table = pd.read_csv(skipped_path(output), dtype={"line": "Int64"}, keep_default_na=False,
                        na_values={"line": [""]})
    assert list(table.columns) == ["path", "line", "reason"]
    assert [(p, None if pd.isna(line) else int(line), reason) for p, line, reason in table.itertuples(index=False)] \
        == skipped
    assert skipped_path(output).read_text(encoding="utf-8").splitlines()[3].split(",")[1] == "2"

    # the end of stderr lists every skipped file with its reason, and nothing follows it
    lines = done.stderr.splitlines()
    listing = [f"skipped 5 bad input(s), listed in {skipped_path(output)}:"] + [
        f"  {path}{f':{line}' if line else ''}: {reason}" for path, line, reason in skipped]
    assert lines[-len(listing):] == listing
    # warnings are one line each, and say what was done: the cp1252 file, the empty text, the symlink loop
    before = "\n".join(lines[:-len(listing)])
    assert f"{corpus}/Alpha/latin1.txt: not valid UTF-8; decoded as cp1252" in before
    assert "empty or whitespace-only text (kept): 'Alpha/blank'" in before
    assert f"{corpus}/Alpha/loop: not followed: a symlink to a folder that is already read" in before
    assert not [line for line in lines if ".py:" in line or "Warning:" in line]  # no Python warning format
    assert sorted(p.name for p in output.parent.iterdir()) == ["features.parquet", "features.skipped.csv"]


def test_a_mixed_corpus_to_csv_lists_the_same_skipped_files(tmp_path):
    corpus = _mixed_corpus(tmp_path / "mixed")
    output = tmp_path / "out" / "features.csv"
    done = _run(["analyze", str(corpus), "-o", str(output), "--quiet"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(pd.read_csv(output, index_col=0).index) == sorted(GOOD)
    assert len(pd.read_csv(skipped_path(output))) == 5
    assert done.stderr.splitlines()[-6] == f"skipped 5 bad input(s), listed in {skipped_path(output)}:"


def test_strict_mode_stops_at_the_first_bad_file_of_the_mixed_corpus(tmp_path):
    corpus = _mixed_corpus(tmp_path / "mixed")
    output = tmp_path / "out" / "features.parquet"
    argv = ["analyze", str(corpus), "-o", str(output), "--strict", "--quiet"]
    # a file of an unsupported type is found before anything is read
    done = _run(argv, tmp_path)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        f"framing: error: {corpus}: unsupported file type(s): slides.key; supported: .txt, .csv, .tsv, .json, "
        ".jsonl, .parquet (hidden files, .md documentation and .yml settings are ignored); move them out of the "
        "folder or run without --strict")
    # without it, the first bad file in reading order stops the run
    (corpus / "slides.key").unlink()
    done = _run(argv, tmp_path)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (f"framing: error: {corpus}/Beta/binary.txt: binary file (it contains "
                                            "NUL bytes), not text; convert it to UTF-8 text or remove it")
    assert not output.exists() and not output.parent.exists() or list(output.parent.iterdir()) == []
