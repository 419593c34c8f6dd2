"""Tone features: sentence scores, document summaries, headline, lead and the whole-text comparison.

Hand-checked values use VADER's lexicon (good 1.9, bad -2.5) and its formula
compound = s / sqrt(s² + 15): "The book was good." -> 1.9/sqrt(18.61) = 0.4404,
"The plot was bad." -> -2.5/sqrt(21.25) = -0.5423, "It ended." -> 0 (no lexicon word).
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.features.tone import (
    TONE_COLUMNS,
    sentence_compounds,
    sentence_tones,
    tone,
    tone_features,
    tone_from_compounds,
)
from framing.text.segment import normalize, segment
from framing.features.vader import get_scorer

GOOD, BAD = 0.4404, -0.5423
THREE = "The book was good. The plot was bad. It ended."
# population sd of (0.4404, -0.5423, 0) around their mean -0.1019/3
THREE_SD = math.sqrt(((GOOD + 0.1019 / 3) ** 2 + (BAD + 0.1019 / 3) ** 2 + (0.1019 / 3) ** 2) / 3)


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (THREE, None, {
            "tone_mean": -0.1019 / 3, "tone_sd": THREE_SD, "tone_pos_share": 1 / 3, "tone_neg_share": 1 / 3,
            "tone_neutral_share": 1 / 3, "tone_min": BAD, "tone_max": GOOD, "tone_headline": math.nan,
            # one paragraph: the lead is the first three sentences, here all of them
            "tone_lead": -0.1019 / 3,
            # whole text in one call: 1.9 - 2.5 = -0.6 -> -0.6/sqrt(15.36)
            "tone_doc_vader": -0.1531,
        }),
        # two paragraphs: the lead is the first one
        ("The book was good.\n\nThe plot was bad. It ended.", "A good book", {
            "tone_mean": -0.1019 / 3, "tone_sd": THREE_SD, "tone_pos_share": 1 / 3, "tone_neg_share": 1 / 3,
            "tone_neutral_share": 1 / 3, "tone_min": BAD, "tone_max": GOOD, "tone_headline": GOOD,
            "tone_lead": GOOD, "tone_doc_vader": -0.1531,
        }),
        # one sentence: sd 0, everything equals its compound
        ("The plot was bad.", "", {
            "tone_mean": BAD, "tone_sd": 0.0, "tone_pos_share": 0.0, "tone_neg_share": 1.0,
            "tone_neutral_share": 0.0, "tone_min": BAD, "tone_max": BAD, "tone_headline": math.nan,
            "tone_lead": BAD, "tone_doc_vader": BAD,
        }),
    ],
)
def test_tone_features_by_hand(text, title, expected):
    features = tone(text, title=title)
    assert list(features) == TONE_COLUMNS
    for column, value in expected.items():
        if math.isnan(value):
            assert math.isnan(features[column]), column
        else:
            assert features[column] == pytest.approx(value, abs=1e-12), column


def test_whole_text_compound_saturates_but_the_mean_does_not():
    # 30 times "good": the whole-text sum is 57 -> 57/sqrt(3264) = 0.9977, the sentences stay at 0.4404
    features = tone("The book was good. " * 30)
    assert features["tone_mean"] == GOOD
    assert features["tone_sd"] == 0.0
    assert features["tone_doc_vader"] == 0.9977


@pytest.mark.parametrize(
    ("compounds", "shares"),
    [
        # VADER's thresholds are inclusive: 0.05 is positive, -0.05 negative
        ([0.05, -0.05, 0.0499, -0.0499], (0.25, 0.25, 0.5)),
        ([0.9, 0.2, 0.0, -0.7], (0.5, 0.25, 0.25)),
    ],
)
def test_shares_use_vader_thresholds(compounds, shares):
    seg = segment("One. Two. Three. Four.")
    features = tone_from_compounds(seg, compounds)
    assert (features["tone_pos_share"], features["tone_neg_share"], features["tone_neutral_share"]) == shares
    # single paragraph of four sentences: the lead is the first three
    assert features["tone_lead"] == pytest.approx(sum(compounds[:3]) / 3, abs=1e-12)


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_gives_nan_without_error(text):
    features = tone(text, title="A good book")
    assert list(features) == TONE_COLUMNS
    assert features["tone_headline"] == GOOD
    assert all(math.isnan(features[column]) for column in TONE_COLUMNS if column != "tone_headline")
    assert sentence_tones(text).empty


@pytest.mark.parametrize("title", [None, "", "   ", math.nan])
def test_missing_title_gives_nan_headline(title):
    assert math.isnan(tone("The book was good.", title=title)["tone_headline"])


def test_headline_is_normalised_like_the_text():
    # a curly apostrophe becomes "isn't", which VADER reads as a negation: 1.9 * -0.74 -> -0.3412
    assert tone("Fine.", title="It isn\u2019t good")["tone_headline"] == -0.3412


def test_sentence_tones_rows_and_offsets():
    text = "The book was \u201cgood.\u201d  The plot was bad.\n\nIt ended."
    frame = sentence_tones(text)
    assert list(frame.columns) == ["sentence", "start", "end", "compound", "pos", "neu", "neg", "normalized"]
    # offsets index the text as passed (two spaces, curly quotes), the scores read the normalised sentence
    assert list(zip(frame["start"], frame["end"])) == [(0, 20), (22, 39), (41, 50)]
    assert [text[a:b] for a, b in zip(frame["start"], frame["end"])] == list(frame["sentence"])
    assert list(frame["sentence"]) == ["The book was \u201cgood.\u201d", "The plot was bad.", "It ended."]
    assert list(frame["normalized"]) == ['The book was "good."', "The plot was bad.", "It ended."]
    assert [normalize(sentence) for sentence in frame["sentence"]] == list(frame["normalized"])
    assert list(frame["compound"]) == [GOOD, BAD, 0.0]
    assert frame.loc[1, ["pos", "neu", "neg"]].tolist() == [0.0, 0.462, 0.538]  # 3.5/6.5 negative


def test_sentence_tones_equal_vader_on_each_sentence():
    text = ("VADER is VERY SMART, handsome, and FUNNY!!! The plot was good, but the characters are "
            "uncompelling. Not bad at all. At least it isn't a horrible book.")
    analyzer = SentimentIntensityAnalyzer()
    frame = sentence_tones(text)
    assert len(frame) == 4
    for row in frame.itertuples():
        expected = analyzer.polarity_scores(row.sentence)
        assert (row.neg, row.neu, row.pos, row.compound) == tuple(expected.values())


def test_engines_agree():
    text = "The talks were a disaster. But the deal is good news!\n\nNobody is happy. Really?"
    assert tone(text, title="Good news", engine="vader") == tone(text, title="Good news")
    pd.testing.assert_frame_equal(sentence_tones(text, engine="vader"), sentence_tones(text))


def test_overrides_reach_the_sentences():
    assert tone("The crude plan.")["tone_mean"] == -0.5719  # crude -2.7 -> -2.7/sqrt(22.29)
    assert tone("The crude plan.", overrides={"crude": None})["tone_mean"] == 0.0


def test_tone_features_reuse_a_segmentation():
    seg = segment(THREE)
    scorer = get_scorer()
    assert sentence_compounds(seg, scorer=scorer) == [GOOD, BAD, 0.0]
    assert tone_features(seg, title="A good book", scorer=scorer) == tone(THREE, title="A good book")


def test_sentence_scores_match_vader_on_real_articles(shared_data):
    # Real multi-outlet news: every sentence of the shared segmentation scores as vaderSentiment does.
    analyzer = SentimentIntensityAnalyzer()
    paths = sorted((shared_data / "allsides-dev").rglob("*.json"))[:40]
    assert paths
    n_sentences = 0
    for path in paths:
        article = json.loads(path.read_text(encoding="utf-8"))
        frame = sentence_tones(article["content"])
        for row in frame.itertuples():
            expected = analyzer.polarity_scores(row.normalized)
            assert (row.neg, row.neu, row.pos, row.compound) == tuple(expected.values()), row.normalized
            assert article["content"][row.start:row.end] == row.sentence
            assert normalize(row.sentence) == row.normalized
        n_sentences += len(frame)
    assert n_sentences > 400
