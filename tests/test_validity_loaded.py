"""The loaded-language validity benchmark: offsets mapped to the raw text, its scoring, and a precision floor on PTC."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from framing.features.analyze import DocumentAnalyzer
from framing.text.lexicons import load_lexicon
from framing.text.matcher import PhraseMatcher
from framing.text.offsets import to_raw_spans
from framing.text.segment import normalize, segment

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "validity_loaded.py"


@pytest.fixture(scope="module")
def validity():
    spec = importlib.util.spec_from_file_location("validity_loaded", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("validity_loaded", module)
    spec.loader.exec_module(module)
    return module


# Curly quotes (one character for one), an HTML entity (five characters for one), runs of spaces (collapsed),
# an em dash (one character for three) and an ellipsis (one for three).
RAW = "The  \u201cso-called\u201d   reform &amp; its  \u2018rescue\u2019 plan\u2014a disaster\u2026 Done."


def test_the_pair_is_what_normalize_makes():
    assert normalize(RAW) == "The \"so-called\" reform & its 'rescue' plan - a disaster... Done."


@pytest.mark.parametrize(
    ("normalised_span", "raw_span"),
    [
        ("so-called", "so-called"),
        ('"so-called"', "\u201cso-called\u201d"),
        ("reform", "reform"),
        ("reform & its", "reform &amp; its"),
        ("'rescue' plan", "\u2018rescue\u2019 plan"),
        ("plan - a", "plan\u2014a"),
        ("disaster...", "disaster\u2026"),
        ("Done.", "Done."),
        ("The", "The"),
    ],
)
def test_offsets_map_back_to_the_raw_text(normalised_span, raw_span):
    # the benchmark maps matches with the package's own map (it had an alignment of its own before)
    seg = segment(RAW)
    start = seg.text.index(normalised_span)
    (raw_start,), (raw_end,) = to_raw_spans(seg, [start], [start + len(normalised_span)])
    assert RAW[raw_start:raw_end] == raw_span


def test_every_token_maps_back_to_itself():
    raw = ("\ufeffA  \u201cfair\u201d deal \u2013 at last\u00a0&quot;done&quot;\u2026\n\n\n  "
           "Cafe\u0301\u2019s   \u201cend.\u201d")  # a BOM, a non-breaking space, a decomposed accent (NFC)
    seg = segment(raw)
    for start, end, raw_start, raw_end in zip(seg.token_starts, seg.token_ends,
                                              *to_raw_spans(seg, seg.token_starts, seg.token_ends)):
        assert normalize(raw[raw_start:raw_end]) == seg.text[start:end]


def test_scoring_of_one_hand_made_article(validity):
    raw = "The  \u201cso-called\u201d reform was a catastrophic failure, critics claimed."
    loaded = (raw.index("catastrophic"), raw.index(",", raw.index("failure")))
    doubt = (raw.index("\u201c"), raw.index("\u201d") + 1)
    article = validity.Article("hand", raw, [("Loaded_Language", *loaded), ("Doubt", *doubt)])
    lexicon = load_lexicon("loaded")
    result = validity.evaluate_article(article, matcher=PhraseMatcher([lexicon]),
                                       analyzer=DocumentAnalyzer(features=["loaded"], lexicons=[lexicon]))
    found = [(raw[m.start:m.end], m.category, sorted(m.techniques)) for m in result.matches]
    assert found == [("so-called", "doubt", ["Doubt"]), ("catastrophic", "hyperbole", ["Loaded_Language"]),
                     ("critics claimed", "weasel", [])]
    assert (result.gold_loaded, result.gold_loaded_found, result.unmapped) == (1, 1, 0)
    # tokens: gold {catastrophic, failure}; matched {so-called, catastrophic, critics, claimed}
    assert (result.tokens_gold, result.tokens_predicted, result.tokens_both) == (2, 4, 1)
    assert result.n_words == 9
    assert result.all_per1k == pytest.approx(1000 * 3 / 9)


# Measured with lexicon 1.1.0 on these 40 articles: span precision 21.9%, recall 33.3%. The floors sit a little
# below, so that a lexicon change that makes matches markedly less precise fails here.
PRECISION_FLOOR = 0.19
RECALL_FLOOR = 0.29


def test_precision_on_ptc_test_articles_stays_above_the_floor(validity, shared_data):
    articles = validity.load_ptc(shared_data)
    dev, test = validity.split_halves(articles)
    # The published halves must not move: a different split would make dev and test figures incomparable.
    assert (len(dev), len(test)) == (185, 186)
    assert [a.article_id for a in dev[:2]] == ["727736557", "773748383"]
    assert not {a.article_id for a in dev} & {a.article_id for a in test}
    summary = validity.evaluate(test[:40])
    precision, recall, _f1 = summary.span
    assert summary.n_unmapped == 0
    assert precision >= PRECISION_FLOOR, f"span precision {precision:.3f} fell below {PRECISION_FLOOR}"
    assert recall >= RECALL_FLOOR, f"span recall {recall:.3f} fell below {RECALL_FLOOR}"
