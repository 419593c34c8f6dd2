"""Loaded-language counts and rates, checked by hand on the test lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.features.loaded import loaded_columns, loaded_features, per_thousand
from framing.text.lexicons import load_lexicon
from framing.text.matcher import PhraseMatcher
from framing.text.segment import segment

MINI = Path(__file__).parents[1] / "data" / "lexicons" / "mini.yml"


def _features(text):
    lexicon = load_lexicon(MINI)
    seg = segment(text)
    return seg, loaded_features(seg, PhraseMatcher([lexicon]).match(seg), categories=list(lexicon.categories))


def test_own_voice_and_quotations_are_counted_apart():
    # 10 words; own voice: so-called (doubt), utter chaos (hyperbole); quoted: crisis (fear)
    seg, features = _features('The so-called plan caused utter chaos. "A crisis," she said.')
    assert seg.n_words == 10
    assert features == {
        "loaded_doubt": 1, "loaded_doubt_per1k": 100.0,
        "loaded_hyperbole": 1, "loaded_hyperbole_per1k": 100.0,
        "loaded_fear": 0, "loaded_fear_per1k": 0.0,
        "loaded_labels": 0, "loaded_labels_per1k": 0.0,
        "loaded_total": 2, "loaded_total_per1k": 200.0,
        "loaded_quoted": 1, "loaded_quoted_per1k": 100.0,
    }
    assert list(features) == loaded_columns(["doubt", "hyperbole", "fear", "labels"])


def test_empty_document_has_zero_counts_and_finite_rates():
    _seg, features = _features("")
    assert features["loaded_total"] == 0 and features["loaded_total_per1k"] == 0.0


@pytest.mark.parametrize(("count", "words", "rate"), [(1, 1000, 1.0), (3, 600, 5.0), (0, 0, 0.0), (2, 0, 0.0)])
def test_per_thousand(count, words, rate):
    assert per_thousand(count, words) == rate


def test_every_feature_column_has_a_known_prefix(tiny_corpus):
    from framing import analyze
    from framing.schema import FEATURE_PREFIXES

    features = analyze(tiny_corpus, actors={"Minister": ["minister"]})
    added = [c for c in features.columns if c not in tiny_corpus.columns]
    assert added and all(c.startswith(FEATURE_PREFIXES) for c in added)
