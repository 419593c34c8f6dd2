"""Sentence splitter: boundary recall/precision on the NYT editorial snippets, and its cost.

The snippets of each editorial are joined with a space; the junctions between consecutive snippets are
the true sentence boundaries. The cost is compared, in the same run and on the same texts, with a bare
regex word-tokenisation pass (the floor any text tool pays).

Run: ``python benchmarks/bench_segment.py`` (reads ``$FRAMING_DATA`` or ``../shared/data``).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _data import BARE_TOKEN_RE, interleaved_times, medians, nyt_snippets, over, segment_fully  # noqa: E402

from framing.text.segment import normalize, split_sentences  # noqa: E402


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


def main() -> None:
    texts = editorials()
    recall, precision, hits, predicted, actual = boundary_scores(texts)
    plain = [t for t, _ in texts]
    words = sum(len(BARE_TOKEN_RE.findall(t.lower())) for t in plain)
    seconds = medians(interleaved_times({"tokenise": over(lambda t: BARE_TOKEN_RE.findall(t.lower()), plain),
                                         "split": over(split_sentences, plain),
                                         "segment": over(segment_fully, plain)}, 15))
    tokenise, split, full = seconds["tokenise"], seconds["split"], seconds["segment"]
    print(f"NYT editorials: {len(texts)} texts, {actual + len(texts)} snippets, {words:,} words")
    print(f"boundary recall    {recall:.4f}  ({hits}/{actual} junctions found)   target >= 0.98")
    print(f"boundary precision {precision:.4f}  ({hits}/{predicted} boundaries predicted)   target >= 0.97")
    print(f"bare regex tokenisation   {tokenise * 1e3:8.2f} ms  (1.00x)")
    print(f"sentence splitter         {split * 1e3:8.2f} ms  ({split / tokenise:.2f}x)   target <= 1.5x")
    print(f"full segment() (normalise, paragraphs, sentences, tokens+offsets, quotes)"
          f" {full * 1e3:8.2f} ms  ({full / tokenise:.2f}x)")


if __name__ == "__main__":
    main()
