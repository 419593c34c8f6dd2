"""``framing demo`` writes every promised output."""

from __future__ import annotations

from framing.cli import main


def test_demo_writes_figures_tables_notebook_and_report(tmp_path, capsys):
    assert main(["demo", "-o", str(tmp_path), "--quiet"]) == 0
    assert len(list((tmp_path / "figures").glob("*.png"))) >= 8
    assert len(list((tmp_path / "figures").glob("*.svg"))) >= 8
    assert {"compare.csv", "pairwise.csv", "omnibus.csv", "over_time.csv", "summary.txt"} <= {
        p.name for p in (tmp_path / "tables").iterdir()}
    assert (tmp_path / "features.parquet").is_file() and (tmp_path / "features.csv").is_file()
    assert (tmp_path / "report.html").read_text(encoding="utf-8").count("data:image/png;base64,") >= 8
    assert (tmp_path / "notebook" / "02_compare_outlets.html").is_file()
