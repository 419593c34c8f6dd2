"""Where the benchmarks find the shared evaluation data (``$FRAMING_DATA`` or ``../shared/data``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """The evaluation data folder; exits with a clear message when it is missing."""
    path = Path(os.environ.get("FRAMING_DATA", ROOT.parent / "shared" / "data"))
    if not path.is_dir():
        sys.exit(f"evaluation data not found at {path}: set FRAMING_DATA to the shared data folder")
    return path


def nyt_snippets(root: Path | None = None) -> list[tuple[str, int, float, str]]:
    """The NYT editorial snippets as (piece, sentence number, human mean rating, sentence)."""
    path = (root or data_dir()) / "nyt-editorial-snippets" / "nytEditorialSnippets_GroundTruth.txt"
    rows = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            snippet_id, rating, sentence = line.rstrip("\r\n").split("\t", 2)
            piece, number = snippet_id.split("_")
            rows.append((piece, int(number), float(rating), sentence))
    return rows
