"""Many texts in one call: sentence_tones, tone, find_phrases and analyze over a list, a Series or a corpus."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.errors import InputError
from framing.pipeline import analyze
from framing.features.tone import TONE_COLUMNS, sentence_tones, tone
from framing.features.phrases import find_phrases
from framing.text.segment import segment, sentence_spans

TEXTS = ["The book was good.  The plot was bad.", "", "Nothing happened.", "A \u201ccatastrophic\u201d failure!"]


def test_sentence_tones_of_a_list_is_one_long_table_with_positions_as_doc_id():
    frame = sentence_tones(TEXTS)
    assert list(frame.columns) == ["doc_id", "sentence", "start", "end", "compound", "pos", "neu", "neg",
                                   "normalized"]
    assert list(frame["doc_id"]) == [0, 0, 2, 3]
    assert list(frame["sentence"]) == ["The book was good.", "The plot was bad.", "Nothing happened.",
                                       "A \u201ccatastrophic\u201d failure!"]
    assert list(zip(frame["start"], frame["end"])) == [(0, 18), (20, 37), (0, 17), (0, 25)]
    assert list(frame["compound"]) == [0.4404, -0.5423, 0.0, -0.7777]  # vaderSentiment on the normalised sentences
    # each text's rows equal the one-text call, offsets into that text
    for doc_id, text in enumerate(TEXTS):
        one = sentence_tones(text)
        rows = frame[frame["doc_id"] == doc_id].drop(columns="doc_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(rows, one)


def test_sentence_tones_of_a_series_and_a_corpus_use_their_index(tiny_corpus):
    series = pd.Series(["Good.", "Bad. Fine!"], index=["x1", "x2"])
    assert list(sentence_tones(series)["doc_id"]) == ["x1", "x2", "x2"]
    frame = sentence_tones(tiny_corpus)
    assert list(frame["doc_id"].drop_duplicates()) == ["a1", "a2", "b1", "b2"]
    assert len(frame) == 8
    assert frame.dtypes["start"] == "int64" and frame.dtypes["compound"] == "float64"


def test_sentence_tones_of_nothing_has_the_columns():
    frame = sentence_tones([])
    assert list(frame.columns)[:2] == ["doc_id", "sentence"] and frame.empty
    assert frame.dtypes["compound"] == "float64"


def test_batch_scores_equal_vadersentiment(shared_data):
    from framing.corpus.batch import documents  # noqa: F401 - the module the batch goes through

    rows = (shared_data / "nyt-editorial-snippets" / "nytEditorialSnippets_GroundTruth.txt").read_text(
        encoding="utf-8", errors="replace").splitlines()[:400]
    sentences = [row.split("\t", 2)[2] for row in rows]
    frame = sentence_tones(sentences)
    analyzer = SentimentIntensityAnalyzer()
    for row in frame.itertuples(index=False):
        expected = analyzer.polarity_scores(row.normalized)
        assert (row.neg, row.neu, row.pos, row.compound) == tuple(expected.values())
        assert sentences[row.doc_id][row.start:row.end] == row.sentence
    assert frame["doc_id"].nunique() == 400


def test_tone_of_many_texts_is_one_row_per_text(tiny_corpus):
    frame = tone(["The book was good.", "", "Awful."])
    assert list(frame.columns) == ["doc_id", *TONE_COLUMNS]
    assert list(frame["doc_id"]) == [0, 1, 2]
    assert frame.loc[0, "tone_mean"] == 0.4404 and math.isnan(frame.loc[1, "tone_mean"])
    assert frame.loc[2, "tone_mean"] == tone("Awful.")["tone_mean"] == -0.4588
    # a corpus brings its titles
    by_corpus = tone(tiny_corpus).set_index("doc_id")
    assert by_corpus.loc["a1", "tone_headline"] == tone(tiny_corpus.loc["a1", "text"], title="Calm talks")[
        "tone_headline"]
    assert math.isnan(by_corpus.loc["b2", "tone_headline"])  # an empty title
    titled = tone(["Fine.", "Fine."], title=["Good news", None])
    assert titled["tone_headline"].tolist()[0] == 0.4404 and math.isnan(titled["tone_headline"].tolist()[1])
    with pytest.raises(InputError, match="one title per text"):
        tone(["Fine.", "Fine."], title="Good news")


def test_find_phrases_of_many_texts():
    frame = find_phrases(pd.Series(["A catastrophic failure.", "Fine.", "Critics  slammed it."], index=[7, 8, 9]),
                         "loaded")
    assert list(frame.columns[:4]) == ["doc_id", "start", "end", "phrase"]
    assert list(zip(frame["doc_id"], frame["phrase"], frame["start"])) == [(7, "catastrophic", 2),
                                                                            (9, "slammed", 9)]


def test_analyze_takes_a_list_or_a_series_of_texts():
    from_list = analyze(["A calm, useful meeting.", "An utter disaster!"], features=["size", "tone"])
    assert from_list.index.name == "doc_id" and list(from_list.index) == [0, 1]
    assert list(from_list["tone_mean"]) == [0.6369, -0.6893]
    series = pd.Series(["A calm, useful meeting."], index=["m1"])
    from_series = analyze(series, features=["size"])
    assert list(from_series.index) == ["m1"] and from_series.loc["m1", "n_words"] == 4
    assert series.index.name is None  # the caller's Series is not changed


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sentence_tones(["fine", None]), "document 1 is NoneType"),
        (lambda: sentence_tones(b"bytes"), "got bytes"),
        (lambda: tone(42), "got int"),
        (lambda: find_phrases(pd.DataFrame({"body": ["x"]})), "no 'text' column"),
        (lambda: analyze(["fine", 3.5]), "document 1 is float"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(InputError, match=message):
        call()


@settings(max_examples=400, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Mr.", "Smith", "said", "3.5", "no", ".", "!", "?", "...", '"', "'", ")", "]",
                                 " ", "\n", "\n\n", "U.S.", "The", "end"]), max_size=20).map("".join))
def test_sentence_spans_equal_the_segmentation(raw):
    # the batch path's sentence_spans (with its shortcuts for one-sentence texts) is segment()'s split
    seg = segment(raw)
    assert sentence_spans(seg.text) == seg.sentences
