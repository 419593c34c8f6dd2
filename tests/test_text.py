"""The shared segmentation: normalisation, sentences, tokens, quotations (golden values by hand)."""

from __future__ import annotations

import pytest

from framing.text.segment import normalize, segment, split_sentences, tokenize
from framing.text.tokens import whitespace_token_counts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“Fair” deal — at last", '"Fair" deal - at last'),
        ("it’s a ‘test’", "it's a 'test'"),
        ("a&amp;b &lt;c&gt;", "a&b <c>"),
        ("<p>One</p><p>Two <b>bold</b></p>", "One\n\nTwo bold"),
        ("<script>alert(1)</script>Safe", "Safe"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("too   many\t spaces ", "too many spaces"),
        ("x\n\n\n\ny", "x\n\ny"),
        ("zero\u200bwidth\u00a0nbsp", "zerowidth nbsp"),
        ("nul\x00byte\x07", "nulbyte"),
        ("Cafe\u0301", "Café"),
        ("''Quoted,'' he said", '"Quoted," he said'),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_rejects_non_text():
    with pytest.raises(TypeError, match="text must be a str, got float"):
        normalize(float("nan"))


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Mr. Brandt met Mrs. Holt and Ms. Kaparis. They talked.",
         ["Mr. Brandt met Mrs. Holt and Ms. Kaparis.", "They talked."]),
        ("Dr. Oster, Sen. Vess, Gov. Ames, Gen. Lund and Rep. Moss came. Then St. Ives.",
         ["Dr. Oster, Sen. Vess, Gov. Ames, Gen. Lund and Rep. Moss came.", "Then St. Ives."]),
        ("The U.S. and the U.K. agreed. Prices rose.", ["The U.S. and the U.K. agreed.", "Prices rose."]),
        ("Item No. 5 passed. He said no. Then left.", ["Item No. 5 passed.", "He said no.", "Then left."]),
        ("Fruit, e.g. Apples, and i.e. Pears. Done.", ["Fruit, e.g. Apples, and i.e. Pears.", "Done."]),
        ("It opened on Jan. 5 and closed Sept. 9. Next.", ["It opened on Jan. 5 and closed Sept. 9.", "Next."]),
        ("J. R. Holt spoke. She won.", ["J. R. Holt spoke.", "She won."]),
        ("Growth was 3.5 percent. Rates fell.", ["Growth was 3.5 percent.", "Rates fell."]),
        ('He said "No way." Then he left.', ['He said "No way."', "Then he left."]),
        ("“We won.” The crowd cheered.", ['"We won."', "The crowd cheered."]),
        ('"Why?" she asked. Nobody knew!', ['"Why?" she asked.', "Nobody knew!"]),
        ("Wait... What happened? Nothing.", ["Wait...", "What happened?", "Nothing."]),
        ("lower case after. a period stays", ["lower case after. a period stays"]),
        ("The F.B.I. The agency declined.", ["The F.B.I.", "The agency declined."]),
        ("No final stop", ["No final stop"]),
        ("He left. Mr. Brandt arrived.", ["He left.", "Mr. Brandt arrived."]),
        ("", []),
    ],
)
def test_sentences(text, sentences):
    seg = segment(text)
    assert [seg.sentence_text(i) for i in range(len(seg.sentences))] == sentences


def test_paragraphs_end_sentences_and_lines_are_paragraphs_without_blank_lines():
    seg = segment("First paragraph without stop\n\nSecond one. Two sentences.")
    assert [seg.text[a:b] for a, b in seg.paragraphs] == ["First paragraph without stop", "Second one. Two sentences."]
    assert seg.sentence_paragraph == [0, 1, 1]
    lines = segment("Line one\nLine two")
    assert [lines.text[a:b] for a, b in lines.paragraphs] == ["Line one", "Line two"]


def test_tokens_offsets_and_sentence_ranges():
    seg = segment("The so-called deal isn't Putin's. It failed.")
    assert seg.tokens == ["the", "so-called", "deal", "isn't", "putin's", "it", "failed"]
    assert [seg.text[a:b] for a, b in zip(seg.token_starts, seg.token_ends)] == [
        "The", "so-called", "deal", "isn't", "Putin's", "It", "failed"]
    assert seg.sentence_tokens == [(0, 5), (5, 7)]
    assert seg.n_words == 7


def test_quotations_marked_and_open_quote_closes_at_paragraph_end():
    seg = segment('She said "we will win" today.\n\n"This goes on\n\nNot quoted.')
    assert [seg.text[a:b] for a, b in seg.quotes] == ['"we will win"', '"This goes on']
    quoted = [t for t, q in zip(seg.tokens, seg.token_quoted) if q]
    assert quoted == ["we", "will", "win", "this", "goes", "on"]


def test_tokenize_matches_segment_tokens_on_unicode():
    text = "İstanbul’s ÉLAN — naïve café, 2024-25"
    assert tokenize(text) == segment(text).tokens == ["i̇stanbul's", "élan", "naïve", "café", "2024-25"]


def test_split_sentences_region_offsets():
    text = "Skip. Keep this. And this."
    spans = split_sentences(text, start=6)
    assert [text[a:b] for a, b in spans] == ["Keep this.", "And this."]


def test_numbers_keep_their_decimal_points_and_separators():
    assert tokenize("Up 6.8% to 1,200 in 2024-25. Next, 3. Then") == [
        "up", "6.8", "to", "1,200", "in", "2024-25", "next", "3", "then"]
    assert tokenize("Über 6,5 Prozent") == ["über", "6,5", "prozent"]
    # a joiner needs a letter or digit on both sides; a figure may run on into letters
    assert tokenize("A 6.8m, 1,200km -5 .5 e.g. a--b 'x' y-") == [
        "a", "6.8m", "1,200km", "5", "5", "e", "g", "a", "b", "x", "y"]


def test_figures_are_tokens_that_begin_with_a_digit():
    seg = segment("Prices rose 6.8% in 2025, to 1,200 crowns; -1.5 and .5 too, not A4 or B-52, but 1990s.")
    assert seg.n_numbers == 6


def test_match_string_is_the_lowered_text_with_tokens_only():
    seg = segment('He said: "It\'s the so-called 6.8% rise."')
    assert seg.match_string == " he said   it's the so-called 6.8  rise   "
    assert seg.match_string.split() == seg.tokens
    assert seg.bounds.starts.tolist() == seg.token_starts


def test_segments_compute_their_parts_on_first_use():
    seg = segment('One "two three," he said. Four.')
    assert set(vars(seg)) == {"text", "raw"}  # the raw text is kept (a reference), its offset map is not built
    assert seg.n_words == 6 and "paragraphs" not in vars(seg)
    assert seg.sentences == [(0, 25), (26, 31)] and seg.n_quoted == 2 and seg.quote_tokens == [(1, 3)]
    assert repr(seg) == "Segments('One \"two three,\" he said. Four.', n_words=6)"


def test_scare_quotes_are_not_quotations():
    seg = segment('The "experts" met. "We\'ll see," he said. A "so-called reform" and "fake news" again.')
    assert [seg.text[a:b] for a, b in seg.quotes] == ['"We\'ll see,"']
    assert [t for t, q in zip(seg.tokens, seg.token_quoted) if q] == ["we'll", "see"]


@pytest.mark.parametrize(
    ("text", "spans", "counts"),
    [("One two.  Three!\nFour five six.", [(0, 8), (10, 16), (17, 31)], [2, 1, 3]),
     ("a\u2003b c", [(0, 5)], [3]), ("", [], []), ("Goodness me", [(0, 4)], None), ("Goodness me", [(1, 8)], None)],
)
def test_whitespace_token_counts(text, spans, counts):
    assert whitespace_token_counts(text, spans) == counts
    if counts is not None:
        assert counts == [len(text[a:b].split()) for a, b in spans]
