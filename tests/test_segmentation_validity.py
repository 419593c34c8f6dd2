"""Sentence-boundary recall and precision on the NYT editorial snippets (real data, runs in CI)."""

from __future__ import annotations

from collections import defaultdict

from framing.text.segment import normalize, split_sentences


def test_boundary_recall_and_precision_on_nyt_junctions(shared_data):
    path = shared_data / "nyt-editorial-snippets" / "nytEditorialSnippets_GroundTruth.txt"
    pieces: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        snippet_id, _rating, sentence = line.split("\t", 2)
        piece, number = snippet_id.split("_")
        pieces[piece].append((int(number), normalize(sentence)))
    found = predicted = actual = 0
    for parts in pieces.values():
        text, starts = "", set()
        for _number, sentence in sorted(parts):
            if text:
                text += " "
                starts.add(len(text))
            text += sentence
        boundaries = {start for start, _end in split_sentences(text)} - {0}
        found += len(boundaries & starts)
        predicted += len(boundaries)
        actual += len(starts)
    assert actual == 5190 - 498
    assert found / actual >= 0.98
    assert found / predicted >= 0.97
