"""Sentence splitter: boundary recall/precision on the NYT editorial snippets, and its cost.

The snippets of each editorial are joined with a space; the junctions between consecutive snippets are
the true sentence boundaries. The cost is compared, in the same run and on the same texts, with a bare
regex word-tokenisation pass (the floor any text tool pays).

Run: ``python benchmarks/bench_segment.py`` (reads ``$FRAMING_DATA`` or ``../shared/data``).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import nyt_snippets  # noqa: E402

from framing.text import normalize, segment, split_sentences  # noqa: E402

BARE_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def editorials() -> list[tuple[str, set[int]]]:
    """Each editorial's joined text and the offsets where its snippets start (after the first)."""
    pieces: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for piece, number, _rating, sentence in nyt_snippets():
        pieces[piece].append((number, normalize(sentence)))
    joined = []
    for parts in pieces.values():
        text, starts = "", set()
        for _number, sentence in sorted(parts):
            if text:
                text += " "
                starts.add(len(text))
            text += sentence
        joined.append((text, starts))
    return joined


def boundary_scores(texts: list[tuple[str, set[int]]]) -> tuple[float, float, int, int, int]:
    true_positive = predicted = actual = 0
    for text, starts in texts:
        found = {a for a, _ in split_sentences(text)} - {0}
        true_positive += len(found & starts)
        predicted += len(found)
        actual += len(starts)
    return true_positive / actual, true_positive / predicted, true_positive, predicted, actual


def timed(function, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


def interleaved(functions: dict, texts: list[str], repeats: int = 15) -> dict[str, float]:
    """Median time of each function, the functions timed in turn in every repeat so that load on the
    machine affects them alike."""
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            timings[name].append(timed(function, texts))
    return {name: statistics.median(values) for name, values in timings.items()}


def _segment_fully(text: str):
    """``segment`` with every part computed (it computes each on first use)."""
    seg = segment(text)
    seg.sentence_tokens, seg.token_quoted, seg.match_string  # noqa: B018 - computed for the timing
    return seg


def main() -> None:
    texts = editorials()
    recall, precision, hits, predicted, actual = boundary_scores(texts)
    plain = [t for t, _ in texts]
    words = sum(len(BARE_TOKEN_RE.findall(t.lower())) for t in plain)
    medians = interleaved({"tokenise": lambda t: BARE_TOKEN_RE.findall(t.lower()), "split": split_sentences,
                           "segment": _segment_fully}, plain)
    tokenise, split, full = medians["tokenise"], medians["split"], medians["segment"]
    print(f"NYT editorials: {len(texts)} texts, {actual + len(texts)} snippets, {words:,} words")
    print(f"boundary recall    {recall:.4f}  ({hits}/{actual} junctions found)   target >= 0.98")
    print(f"boundary precision {precision:.4f}  ({hits}/{predicted} boundaries predicted)   target >= 0.97")
    print(f"bare regex tokenisation   {tokenise * 1e3:8.2f} ms  (1.00x)")
    print(f"sentence splitter         {split * 1e3:8.2f} ms  ({split / tokenise:.2f}x)   target <= 1.5x")
    print(f"full segment() (normalise, paragraphs, sentences, tokens+offsets, quotes)"
          f" {full * 1e3:8.2f} ms  ({full / tokenise:.2f}x)")


if __name__ == "__main__":
    main()
