"""Offsets into the caller's text: the map normalisation builds, and every public result that returns offsets.

The promise (issue #15): for every offset a public function returns, ``raw[start:end]`` is what it shows as
written, and ``normalize(raw[start:end])`` is the normalised phrase it reports.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.features.explain import explain
from framing.features.tone import sentence_tones
from framing.text.offsets import to_normalized_spans, to_raw_spans
from framing.features.phrases import find_phrases, kwic
from framing.text.segment import Segments, normalize, normalize_with_offsets, segment


def fixed(max_examples: int):
    return settings(max_examples=max_examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# What the issue lists (double spaces, CRLF and blank lines, leading whitespace, an ellipsis, non-breaking and
# zero-width characters, entities, tags, an unspaced em dash), with words that the lexicons match and
# characters that change length under normalisation or case folding.
PIECES = ["Critics", "slammed", "the", "so-called", "reform", "catastrophic", "crisis", "good", "bad", "not",
          "Mr.", "said", "34,", ".", "!", "?", ",", '"', "'", "''", "``", " ", "  ", "   ", "\t", "\r\n", "\r",
          "\n", "\n\n", "\r\n\r\n\r\n", "\u2026", "\u00a0", "\u200b", "\ufeff", "\u00ad", "&amp;", "&nbsp;",
          "&hellip;", "&#8212;", "&ampx", "&", "<b>", "</b>", "<p>", "</p>", "<br/>", "<!-- c -->",
          "<script>x</script>", "\u2014", "\u2013", "\u201c", "\u201d", "\u2019", "e\u0301", "\u0130", "\u212b",
          "\x00", "\u2028", "<", ">"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
mixed = st.one_of(texts, st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join),
                  st.text(st.one_of(st.sampled_from("".join(PIECES)), st.characters()), max_size=80))


# ---------------------------------------------------------------------------------------------------------
# The map


@fixed(1500)
@given(mixed)
def test_the_map_translates_every_token_and_sentence(raw):
    norm, offsets = normalize_with_offsets(raw)
    assert norm == normalize(raw)
    assert len(offsets) == len(norm)
    assert offsets.starts == sorted(offsets.starts) and offsets.ends == sorted(offsets.ends)
    seg = segment(raw)
    spans = list(zip(seg.token_starts, seg.token_ends)) + seg.sentences + seg.quotes
    if not spans:
        return
    starts, ends = to_raw_spans(seg, *zip(*spans))
    for (start, end), a, b in zip(spans, starts, ends):
        assert 0 <= a < b <= len(raw)
        assert normalize(raw[a:b]) == norm[start:end], (raw, norm[start:end], raw[a:b])
    # and back: the raw spans give the normalised spans again
    assert to_normalized_spans(seg, starts, ends) == tuple(map(list, zip(*spans)))


@pytest.mark.parametrize(
    ("raw", "start", "end", "expected"),
    [
        ("Critics  slammed it.", 8, 15, "slammed"),
        ("\r\n\r\n\r\n  Critics slammed it.", 8, 15, "slammed"),
        ("   \t Critics slammed it.", 8, 15, "slammed"),
        ("Wait\u2026 critics", 4, 7, "\u2026"),
        ("Critics\u00a0slam\u200bmed it.", 8, 15, "slam\u200bmed"),
        ("Tom &amp; Jerry", 4, 5, "&amp;"),
        ("<p>Critics <b>slammed</b> it.</p>", 8, 15, "slammed"),
        ("The plan\u2014a failure", 4, 12, "plan\u2014a"),  # " - " stands for the dash
        ("He said ''no.''", 8, 9, "''"),
        ("Cafe\u0301 open", 0, 4, "Cafe\u0301"),  # NFC composed "é" stands for "e" + the accent
    ],
)
def test_hand_cases(raw, start, end, expected):
    seg = segment(raw)
    (a,), (b,) = to_raw_spans(seg, [start], [end])
    assert raw[a:b] == expected
    assert normalize(raw[a:b]) == seg.text[start:end]


def test_segments_of_normalised_text_map_to_themselves():
    seg = Segments("Critics slammed it.")
    assert seg.raw is seg.text
    assert to_raw_spans(seg, [8], [15]) == ([8], [15])


def test_a_map_is_built_only_when_asked():
    seg = segment("Critics  slammed it.")
    seg.sentences, seg.match_string  # what analyze reads
    assert "offsets" not in vars(seg)
    assert to_raw_spans(seg, [8], [15]) == ([9], [16])
    assert "offsets" in vars(seg)


# ---------------------------------------------------------------------------------------------------------
# Every public result


ISSUE_TEXT = ("<p>Critics of the\u00a0politics&nbsp;&nbsp;slammed the so\u2011called \u201creform\u201d\u2014a "
              "catastrophic failure&hellip;</p>\r\n\r\n\r\n   <p>Mr. Vey said: \u201cIt is a crisis.\u201d</p>")


def test_the_issue_example_slices_the_words():
    found = find_phrases(ISSUE_TEXT, "loaded")
    assert list(found["phrase"]) == ["slammed", "so\u2011called", "catastrophic", "crisis"]
    assert list(found["normalized"]) == ["slammed", "so-called", "catastrophic", "crisis"]
    assert list(zip(found["start"], found["end"])) == [(38, 45), (50, 59), (71, 83), (138, 144)]  # str.index of each
    assert [ISSUE_TEXT[a:b] for a, b in zip(found["start"], found["end"])] == list(found["phrase"])


def _check_rows(raw: str, frame: pd.DataFrame, shown: str) -> None:
    for start, end, text, normalized in zip(frame["start"], frame["end"], frame[shown], frame["normalized"]):
        assert 0 <= start <= end <= len(raw)
        assert raw[start:end] == text
        assert normalize(text) == normalized, (raw, text, normalized)


@fixed(250)
@given(mixed)
def test_find_phrases_sentence_tones_kwic_and_explain_index_the_text_passed(raw):
    _check_rows(raw, find_phrases(raw), "phrase")
    _check_rows(raw, sentence_tones(raw), "sentence")
    _check_rows(raw, kwic([raw], "loaded:loaded_saying", window=2), "match")
    _check_rows(raw, kwic([raw], "crisis"), "match")
    explanation = explain(raw, actors={"Vey": ["Mr. Vey", "Critics"]})
    _check_rows(raw, explanation.sentences, "text")
    _check_rows(raw, explanation.cues, "text")
    assert explanation.text == raw and explanation.normalized == normalize(raw)


def test_explain_marks_actor_mentions_in_the_text_passed_and_renders_the_normalised_text():
    explanation = explain(ISSUE_TEXT, actors={"Vey": ["Mr. Vey"]})
    actor = explanation.cues.query("kind == 'actor'")
    assert list(zip(actor["start"], actor["end"], actor["text"])) == [(115, 122, "Mr. Vey")]
    page = explanation.to_html()
    assert 'title="actor: Vey">Mr. Vey</span>' in page
    shown = re.sub(r"<[^>]*>", "", page)  # the view shows the normalised text
    assert "catastrophic failure..." in shown and "hellip" not in shown


@fixed(600)
@given(mixed)
def test_sentence_tones_gives_what_the_map_gives(raw):
    # sentence_tones skips the map where it can (plain text, a whole text kept by normalisation): the
    # offsets must be the map's all the same
    seg = segment(raw)
    frame = sentence_tones(raw)
    expected = to_raw_spans(seg, *zip(*seg.sentences)) if seg.sentences else ([], [])
    assert (list(frame["start"]), list(frame["end"])) == expected
    many = sentence_tones([raw, raw])
    assert list(many["start"]) == expected[0] * 2


@pytest.mark.parametrize("raw", ["It's ''lively.''", "He said ''no'' 1", "x &#8203", "Fine.\u200b", "A\u00ad",
                                 "Wait\u2026", "1 2 3!", "Ok)", "\u0130stanbul."])
def test_sentence_tones_shortcut_cases(raw):
    seg = segment(raw)
    frame = sentence_tones(raw)
    assert (list(frame["start"]), list(frame["end"])) == to_raw_spans(seg, *zip(*seg.sentences))
