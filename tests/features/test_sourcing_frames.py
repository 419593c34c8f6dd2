"""Sourcing and frame features on short texts counted by hand with the shipped lexicons."""

from __future__ import annotations

import pytest

from framing.features.frames import GENERIC_FRAMES, frame_features, structural_cues
from framing.features.sourcing import count_numbers, sourcing_features
from framing.text.matcher import PhraseMatcher
from framing.text.segment import segment

TEXT = ('"We may lose everything," said Anya Petrik, 34, a nurse. According to officials, prices rose 6.8% '
        "this year. A senior official, speaking on condition of anonymity, said the budget must change.")


def _split_matches(seg):
    matcher = PhraseMatcher(["sourcing", "frames"])
    matches = matcher.match(seg)
    return [m for m in matches if m.lexicon == 0], [m for m in matches if m.lexicon == 1]


def test_sourcing_features_counted_by_hand():
    seg = segment(TEXT)
    assert seg.n_words == 31  # 10 + 8 + 13 words
    sourcing, _frames = _split_matches(seg)
    features = sourcing_features(seg, sourcing, age_mentions=len(structural_cues(seg)))
    assert features["src_quote_share"] == 4 / 31  # "We may lose everything"
    assert features["src_quotes"] == 1
    # sentence 1: "said"; sentence 2: "according to officials" (anonymous);
    # sentence 3: "a senior official", "condition of anonymity" (anonymous) and "said": one statement
    assert features["src_attributions"] == 3
    assert features["src_anonymous"] == 2
    assert features["src_attributions_per1k"] == pytest.approx(3000 / 31)
    assert features["hedge_per1k"] == pytest.approx(1000 / 31)  # "may"
    assert features["certainty_per1k"] == 0.0
    assert features["numbers_per1k"] == pytest.approx(2000 / 31)  # 34, 6.8%
    assert features["thematic_per1k"] == pytest.approx(2000 / 31)  # the two figures, no thematic words
    assert features["episodic_per1k"] == pytest.approx(1000 / 31)  # the age cue


def test_frame_features_counted_by_hand():
    seg = segment(TEXT)
    _sourcing, frames = _split_matches(seg)
    assert sorted((m.entry.category, m.entry.phrase) for m in frames) == [
        ("economic", "budget*"), ("economic", "prices"), ("responsibility", "must")]
    features = frame_features(seg, frames, [], policy_categories=[], cues=structural_cues(seg))
    assert features["frame_economic"] == pytest.approx(2000 / 31)
    assert features["frame_human_interest"] == pytest.approx(1000 / 31)  # "Petrik, 34,"
    assert features["frame_responsibility"] == pytest.approx(1000 / 31)
    assert features["frame_conflict"] == features["frame_morality"] == 0.0
    assert features["frame_primary"] == "economic"


def test_primary_frame_is_none_without_cues_and_ties_go_to_the_first_frame():
    seg = segment("The weather was mild.")
    assert frame_features(seg, [], [], policy_categories=[])["frame_primary"] == "none"
    assert GENERIC_FRAMES[0] == "conflict"


@pytest.mark.parametrize(
    ("text", "labels"),
    [("Anya Petrik, 34, wept.", ["age: Petrik, 34,"]), ("a 7-year-old boy", ["age: 7-year-old"]),
     ("In 2025, 34 people", []), ("Items 3, 4, 5", []), ("Oster, 120, retired", [])],
)
def test_age_cues(text, labels):
    assert [cue.label for cue in structural_cues(segment(text))] == labels


@pytest.mark.parametrize(("text", "count"), [("6.8% of 1,200", 2), ("no figures", 0), ("A4 and B-52", 0),
                                              ("3.5, 4 and 5", 3)])
def test_count_numbers(text, count):
    assert count_numbers(text) == count
