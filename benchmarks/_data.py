"""What the benchmark scripts share: where the evaluation data is (``$FRAMING_DATA`` or
``../shared/data``), the tokenisation floor, interleaved timing, and writing a section of a docs page."""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The floor every cost is measured against: a bare regex tokenisation (the issues name this exact pass).
BARE_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
VALIDITY_INTRO = ("# Validity\n\nHow well the toolkit's measures agree with human judgements and reference data, "
                  "measured by the scripts in `benchmarks/` on the shared evaluation data.\n\n")


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


def over(function: Callable[[object], object], items: Iterable) -> Callable[[], None]:
    """A pass to time: ``function`` on every item."""
    def work() -> None:
        for item in items:
            function(item)
    return work


def interleaved_times(passes: dict[str, Callable[[], object]], repeats: int, *,
                      rounds: dict[str, int] | None = None) -> dict[str, list[float]]:
    """Seconds of each pass in each round. The passes take turns, so that other jobs on the machine and its
    drifting speed hit them alike; a pass named in ``rounds`` runs only in the first ``rounds[name]``."""
    rounds = rounds or {}
    times: dict[str, list[float]] = {name: [] for name in passes}
    for repeat in range(repeats):
        for name, work in passes.items():
            if repeat < rounds.get(name, repeats):
                start = time.perf_counter()
                work()
                times[name].append(time.perf_counter() - start)
    return times


def medians(times: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in times.items()}


def segment_fully(text: str):
    """``framing.text.segment`` with every part computed that the full pass reads (it computes each part on
    first use)."""
    from framing.text.segment import segment

    seg = segment(text)
    seg.sentence_tokens, seg.token_quoted, seg.match_string  # noqa: B018 - computed for the timing
    return seg
