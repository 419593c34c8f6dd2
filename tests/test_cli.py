"""The ``framing`` command: help, version, corpus info, lexicons, explain, and its error conventions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from framing import __version__
from framing.cli import main

REPO = Path(__file__).resolve().parents[1]
BAD_LEXICONS = REPO / "tests" / "data" / "lexicons" / "bad"


def test_help_and_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"framing {__version__}"
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("corpus", "analyze", "compare", "lexicon", "explain", "demo"):
        assert command in out


def test_corpus_info_lists_the_four_demo_outlets(capsys, demo_corpus_path):
    assert main(["corpus", "info", str(demo_corpus_path)]) == 0
    out = capsys.readouterr().out
    assert "documents  64" in out
    assert "outlets    4" in out
    assert "dates      2025-01-14 to 2025-08-22 (0 missing)" in out
    for outlet in ("Meridian", "Clarion", "Ledger", "Herald"):
        assert f"  {outlet}" in out and "16" in out


def test_bad_input_is_one_line_exit_2_without_traceback(tmp_path):
    missing = tmp_path / "nowhere"
    done = subprocess.run([sys.executable, "-m", "framing.cli", "corpus", "info", str(missing)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == f"framing: error: {missing}: no such file or folder; check the path\n"
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_lexicon_check_passes_shipped_and_fails_broken_files(capsys):
    from framing.text.lexicons import shipped_lexicons

    assert main(["lexicon", "check", *map(str, shipped_lexicons().values())]) == 0
    assert capsys.readouterr().out.count(": ok") == 4
    broken = BAD_LEXICONS / "duplicate.yml"
    assert main(["lexicon", "check", str(broken)]) == 2
    assert capsys.readouterr().out == (f"{broken}:9: duplicate entry 'crisis' in 'fear', already listed in 'fear' "
                                       "at line 7\n")


def test_lexicon_list_shows_sizes(capsys):
    assert main(["lexicon", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("frames ") and "loaded " in out and "puffery" in out


def test_explain_prints_sentences_and_cues_and_writes_html(capsys, tmp_path, demo_corpus_path):
    document = demo_corpus_path / "Herald" / "07-trade-deal.txt"
    assert main(["explain", str(document)]) == 0
    out = capsys.readouterr().out
    assert "compound" in out and "puffery" in out
    page = tmp_path / "explain.html"
    assert main(["explain", str(document), "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["explain", str(document), "-o", str(page)]) == 2  # never overwrites without --force
    assert "already exists; choose another output or pass --force" in capsys.readouterr().err
    assert main(["explain", str(document), "-o", str(page), "--force"]) == 0


def test_compare_writes_tables_and_a_summary(tmp_path, capsys, demo_corpus_path):
    import framing
    from framing.corpus.output import write_table

    features = framing.analyze(framing.load_corpus(demo_corpus_path), features=["size", "tone", "loaded"])
    source = write_table(features, tmp_path / "features.parquet")
    out = tmp_path / "tables"
    assert main(["compare", str(source), "--by", "outlet", "-o", str(out), "--n-boot", "200"]) == 0
    printed = capsys.readouterr().out
    assert "Clearest differences" in printed and "tone_mean" in printed
    assert {p.name for p in out.iterdir()} == {"compare.csv", "compare.parquet", "pairwise.csv", "pairwise.parquet",
                                              "omnibus.csv", "omnibus.parquet", "summary.txt"}
    assert main(["compare", str(source), "-o", str(out)]) == 2  # refuses to overwrite
    assert "already exists" in capsys.readouterr().err
    assert main(["compare", str(tmp_path / "missing.parquet"), "-o", str(out)]) == 2
    assert "features file not found" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------------
# Issue #15: a closed pipe, explain on a file of many documents, outlets that differ only in case


def test_a_closed_pipe_ends_quietly():
    # "framing lexicon list | head -1": the reader leaves before framing has written everything
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = subprocess.run([sys.executable, "-m", "framing.cli", "lexicon", "list"], stdout=reader.stdin,
                            stderr=subprocess.PIPE, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    reader.stdin.close()
    assert reader.stdout.read().decode().startswith("frames ")
    reader.wait()
    assert writer.stderr == ""
    assert writer.returncode in (0, 141)  # 141 (killed by SIGPIPE) when the pipe closed before the last write


def test_a_pipe_closed_at_once_gives_the_sigpipe_status():
    done = subprocess.run(f"{sys.executable} -m framing.cli lexicon list | true; exit ${{PIPESTATUS[0]}}",
                          shell=True, executable="/bin/bash", capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert (done.returncode, done.stderr) == (141, "")


def test_explain_on_a_file_of_many_documents_needs_doc(tmp_path, capsys):
    corpus = tmp_path / "many.csv"
    corpus.write_text("doc_id,outlet,text\nn1,A,The plan is good.\nn2,A,Critics slammed the plan.\n", encoding="utf-8")
    assert main(["explain", str(corpus)]) == 2
    assert capsys.readouterr().err == (f"framing: error: {corpus} holds 2 documents; choose one with --doc ID "
                                       "(doc_ids: n1, n2)\n")
    assert main(["explain", str(corpus), "--doc", "n2"]) == 0
    out = capsys.readouterr().out
    assert "slammed" in out and "good" not in out
    assert main(["explain", str(corpus), "--doc", "n9"]) == 2
    assert "no document 'n9'; its doc_ids are n1, n2" in capsys.readouterr().err


OUTLETS_CSV = "doc_id,outlet,text\nd1,Fox,One.\nd2,FOX,Two.\nd3, Fox ,Three.\nd4,Fox,Four.\nd5,CNN,Five.\n"


def test_corpus_info_names_outlets_that_differ_only_in_case_and_merges_them(tmp_path, capsys):
    corpus = tmp_path / "outlets.csv"
    corpus.write_text(OUTLETS_CSV, encoding="utf-8")
    assert main(["corpus", "info", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "outlets    4" in out
    assert ("warning: outlet names that differ only in case or surrounding spaces are separate outlets: "
            "'Fox' / ' Fox ' / 'FOX'") in out
    assert main(["corpus", "info", str(corpus), "--outlet-map", "merge-case"]) == 0
    out = capsys.readouterr().out
    assert "outlets    2" in out and "  Fox  " in out and "warning" not in out
    assert main(["corpus", "info", str(corpus), "--outlet-map", "FOX=Fox", "--outlet-map", " Fox =Fox"]) == 0
    assert "outlets    2" in capsys.readouterr().out
    assert main(["corpus", "info", str(corpus), "--outlet-map", "FOX"]) == 2


def test_analyze_merges_outlets_in_memory_and_streaming(tmp_path):
    import pandas as pd

    corpus = tmp_path / "outlets.csv"
    corpus.write_text(OUTLETS_CSV, encoding="utf-8")
    out_csv, out_parquet = tmp_path / "f.csv", tmp_path / "f.parquet"
    assert main(["analyze", str(corpus), "-o", str(out_csv), "--outlet-map", "merge-case", "--quiet"]) == 0
    assert sorted(set(pd.read_csv(out_csv)["outlet"])) == ["CNN", "Fox"]
    assert main(["analyze", str(corpus), "-o", str(out_parquet), "--outlet-map", "FOX=Fox",
                 "--outlet-map", " Fox =Fox", "--quiet"]) == 0
    assert sorted(set(pd.read_parquet(out_parquet)["outlet"])) == ["CNN", "Fox"]
