"""Explanations: scores traced to sentences and words, valid escaped HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from framing.features.explain import explain
from framing.features.vader import get_scorer

TEXT = ('President Marov is not good. "Critics slammed the so-called reform," said Anya Petrik, 34, a nurse.')


def test_sentences_carry_vader_scores_and_cues_their_rules():
    ex = explain(TEXT, title="A bad day", actors={"Marov": ["Marov", "President Marov"]})
    scorer = get_scorer()
    assert ex.sentences["compound"].tolist() == [scorer.scores(s)[3] for s in ex.sentences["text"]]
    assert ex.features["tone_mean"] == pytest.approx(ex.sentences["compound"].mean())
    cues = ex.to_frame()
    good = cues[(cues.kind == "valence") & (cues.text == "good")].iloc[0]
    assert (good.value, good.detail) == (-1.406, "negated")
    assert ("slammed", "loaded_saying", "quoted") in set(zip(cues.text, cues.category, cues.detail))
    assert ("President Marov", "actor", "Marov") in set(zip(cues.text, cues.kind, cues.category))
    assert ("Petrik, 34,", "frame", "human_interest") in set(zip(cues.text, cues.kind, cues.category))
    # every cue's span points at its text
    assert all(ex.text[row.start:row.end] == row.text for row in cues.itertuples())


def test_every_loaded_count_is_traced_to_a_cue():
    ex = explain(TEXT)
    own_voice = ex.cues[(ex.cues.kind == "loaded") & ~ex.cues.detail.str.contains("quoted")]
    quoted = ex.cues[(ex.cues.kind == "loaded") & ex.cues.detail.str.contains("quoted")]
    assert ex.features["loaded_total"] == len(own_voice)
    assert ex.features["loaded_quoted"] == len(quoted) == 2


class _Checker(HTMLParser):
    """Collects tags and text; fails on unbalanced span/p/div tags."""

    VOID = {"br", "meta", "img"}

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize(
    "payload",
    ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">', '"><svg onload=alert(1)>',
     "' onmouseover='alert(1)", "&lt;script&gt;alert(2)&lt;/script&gt;"],
)
def test_html_is_valid_and_escapes_every_corpus_string(payload):
    ex = explain(f"The minister spoke. {payload} It was a disaster.", title=f"Title {payload}")
    page = ex._repr_html_()
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    tags = {tag for tag, _ in checker.tags}
    assert tags <= {"style", "div", "h3", "table", "tr", "td", "b", "br", "p", "span"}
    assert not any(name.startswith("on") for _, attrs in checker.tags for name in attrs)
    assert "<script" not in page and "<img" not in page and "<svg" not in page
