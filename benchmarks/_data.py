"""Where the benchmarks find the shared evaluation data (``$FRAMING_DATA`` or ``../shared/data``)."""

from __future__ import annotations

import os
import re
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


def replace_section(text: str, heading: str, section: str, *, level: int = 2) -> str:
    """Replace the section under ``heading`` (up to the next heading of the same or a higher level), or
    append it."""
    hashes = "#" * level
    pattern = re.compile(rf"^{hashes} {re.escape(heading)}\n.*?(?=^#{{1,{level}}} |\Z)", re.DOTALL | re.MULTILINE)
    section = section.rstrip("\n") + "\n\n"  # a blank line before whatever heading follows
    if pattern.search(text):
        return pattern.sub(lambda _: section, text, count=1).rstrip("\n") + "\n"
    return text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"


def update_doc_section(path: Path, heading: str, section: str, *, intro: str) -> None:
    """Put ``section`` under ``## heading`` in a Markdown file, creating the file with ``intro`` if needed;
    the other sections are kept as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else intro
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_section(text, heading, section), encoding="utf-8")
