"""Shared fixtures: the evaluation data folder and a tiny hand-checked corpus."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared evaluation data; skipped on a user's clone without it, required in CI (CI=true)."""
    root = Path(os.environ.get("FRAMING_DATA", REPO.parent / "shared" / "data"))
    if not root.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"shared data folder {root} is missing; CI must run the data tests")
        pytest.skip(f"shared data folder {root} not found (set FRAMING_DATA)")
    return root


@pytest.fixture(scope="session")
def demo_corpus_path() -> Path:
    return REPO / "corpora" / "demo"


@pytest.fixture(scope="session")
def demo_corpus(demo_corpus_path) -> pd.DataFrame:
    """The bundled demo corpus (read once; tests must not change it)."""
    from framing.corpus.load import load_corpus

    return load_corpus(demo_corpus_path)


@pytest.fixture(scope="session")
def demo_features(demo_corpus) -> pd.DataFrame:
    """``analyze`` of the demo corpus on one process, computed once for every test that compares with it."""
    from framing.pipeline import analyze

    return analyze(demo_corpus, progress=False)


TINY_DOCUMENTS = [
    # doc_id, outlet, date, title, text
    ("a1", "Alpha", "2025-01-02", "Calm talks", 'The minister said the talks were useful. "We agreed on a plan," she said.'),
    ("a2", "Alpha", "2025-01-09", "Budget", "The budget rose by 2 percent. Officials said costs would fall."),
    ("b1", "Beta", "2025-01-03", "Chaos!", "The so-called reform is a catastrophic disaster. Critics say it is a crisis."),
    ("b2", "Beta", "2025-01-10", "", "A terrible, horrible week. The regime slammed its rivals."),
]


@pytest.fixture()
def tiny_corpus() -> pd.DataFrame:
    """Four short documents from two outlets, small enough to check every feature by hand."""
    frame = pd.DataFrame(TINY_DOCUMENTS, columns=["doc_id", "outlet", "date", "title", "text"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.set_index("doc_id")


# ---------------------------------------------------------------------------------------------------------
# The phrase-matching rules, spelled out slowly: the reference the fast matcher is tested against.


def _word_matches(pattern: str, token: str, surface: str, *, case_sensitive: bool) -> bool:
    """Whether a token matches one word of an entry (``*`` suffix wildcard, possessive 's allowed)."""
    word, seen = (pattern, surface) if case_sensitive else (pattern.lower(), token)
    if word.endswith("*"):
        return seen.startswith(word[:-1])
    return seen in (word, word + "'s")


def _between_ok(seg, i: int, n: int, separators) -> bool:
    """The tokens i .. i+n-1 stand one character apart (one space or line break), or, for an actor alias
    written with punctuation between its words ("Mr. Trump"), with exactly those characters between them."""
    gaps = [seg.text[seg.token_ends[k]:seg.token_starts[k + 1]] for k in range(i, i + n - 1)]
    if separators is None:
        return all(len(gap) == 1 for gap in gaps)
    return [gap.replace("\n", " ") for gap in gaps] == list(separators)


def _reference_matches(seg, lexicons) -> list[tuple[int, int, int, str]]:
    """At each free token, every entry of a lexicon whose words match the tokens from there, one character
    apart (or with an alias's own separators), is a candidate; the longest wins, then an exclude phrase, then
    exact words over a wildcard, then the earlier entry. (Entries are looked up by their first word only to
    keep this affordable.)"""
    found = []
    n_tokens = len(seg.tokens)
    for index, lexicon in enumerate(lexicons):
        by_first: dict[str, list] = {}
        wildcard_first = []
        for order, entry in enumerate(lexicon.entries):
            if not entry.words:
                continue
            first = entry.words[0].lower()
            if first.endswith("*"):
                wildcard_first.append((order, entry))
            else:
                by_first.setdefault(first, []).append((order, entry))
        free = 0
        for i in range(n_tokens):
            if i < free:
                continue
            token = seg.tokens[i]
            candidates = by_first.get(token, []) + by_first.get(token[:-2], []) * token.endswith("'s")
            candidates += [(order, entry) for order, entry in wildcard_first
                           if token.startswith(entry.words[0][:-1].lower())]
            best = None
            for order, entry in candidates:
                n = len(entry.words)
                if i + n > n_tokens or not _between_ok(seg, i, n, entry.separators):
                    continue
                if all(_word_matches(word, seg.tokens[i + k], seg.text[seg.token_starts[i + k]:seg.token_ends[i + k]],
                                     case_sensitive=entry.case_sensitive) for k, word in enumerate(entry.words)):
                    key = (n, entry.exclude, not any(w.endswith("*") for w in entry.words), -order)
                    if best is None or key > best[0]:
                        best = (key, entry)
            if best is not None:
                free = i + len(best[1].words)
                if not best[1].exclude:
                    found.append((i, free, index, best[1].phrase))
    return sorted(found, key=lambda m: (m[0], m[2]))


@pytest.fixture(scope="session")
def word_matches():
    return _word_matches


@pytest.fixture(scope="session")
def reference_matches():
    return _reference_matches
