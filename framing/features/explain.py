"""From a score back to the sentences and words that produced it.

``explain(text)`` returns an :class:`Explanation`: the document's features, each sentence with its VADER
scores, and every cue (valence words with the rules that changed them, loaded phrases, frame and sourcing
cues, actor mentions) with its character span. In Jupyter it renders as HTML, sentences shaded by tone and
cues marked; ``to_frame()`` gives the same as a table. All document text is HTML-escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framing.features.actors import actors_lexicon, slugify
from framing.features.analyze import DocumentAnalyzer
from framing.features.phrases import DEFAULT_LEXICONS, _matches_frame
from framing.features.vader import get_scorer
from framing.text.matcher import PhraseMatcher
from framing.text.offsets import OffsetMap, to_raw_spans
from framing.text.segment import lead_sentences, segment

__all__ = ["Explanation", "explain"]

CUE_COLUMNS = ["sentence", "start", "end", "text", "kind", "category", "value", "detail", "normalized"]
_RULE_FLAGS = ("booster", "negated", "intensified", "all_caps", "idiom", "but_scaled")
_KIND_OF_LEXICON = {"loaded": "loaded", "frames": "frame", "policy_frames": "policy_frame",
                    "sourcing": "sourcing"}


@dataclass
class Explanation:
    """A document's scores with the sentences and words behind them.

    Attributes
    ----------
    text : str
        The text as it was passed: every ``start``/``end`` indexes it.
    title : str or None
    features : dict
        The document's features, as one row of :func:`framing.analyze`.
    sentences : DataFrame
        ``sentence``, ``paragraph``, ``start``, ``end``, ``text`` (as written, ``text[start:end]``),
        ``compound``, ``pos``, ``neu``, ``neg``, ``in_lead``, ``normalized`` (the sentence as scored).
    cues : DataFrame
        One row per cue: ``sentence``, ``start``, ``end``, ``text`` (as written), ``kind`` (``valence``,
        ``loaded``, ``frame``, ``policy_frame``, ``sourcing``, ``actor``), ``category``, ``value`` (the
        valence a word contributed), ``detail`` (rules applied, quoted, negated), ``normalized`` (the cue as
        read in the normalised text).
    normalized : str
        The normalised text that scoring read (:func:`framing.text.segment.normalize`); the HTML view shows it.
    """

    text: str
    title: str | None
    features: dict[str, Any]
    sentences: pd.DataFrame
    cues: pd.DataFrame
    normalized: str = ""
    offsets: OffsetMap | None = field(default=None, repr=False)

    def to_frame(self) -> pd.DataFrame:
        """Every cue with its sentence's compound score, in text order."""
        compounds = self.sentences.set_index("sentence")["compound"]
        frame = self.cues.copy()
        frame.insert(1, "sentence_compound", frame["sentence"].map(compounds))
        return frame

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_html(self) -> str:
        """A self-contained HTML fragment: summary, legend, and the shaded, marked-up text."""
        parts = [_STYLE, '<div class="fx">']
        if self.title:
            headline = self.features.get("tone_headline", math.nan)
            parts.append(f'<h3 class="fx-title" title="headline compound {_fmt(headline)}">'
                         f"{html.escape(self.title)}</h3>")
        parts.append(_summary_html(self.features))
        parts.append(_LEGEND)
        paragraph_of = dict(zip(self.sentences["sentence"], self.sentences.get("paragraph", 0)))
        # The view shows the normalised text (the caller's may hold markup): spans are mapped back to it.
        shown, sentence_spans, cue_spans = self._normalized_spans()
        current = None
        for row in sentence_spans.itertuples(index=False):
            paragraph = paragraph_of.get(row.sentence, 0)
            if paragraph != current:
                if current is not None:
                    parts.append("</p>")
                parts.append('<p class="fx-p">')
                current = paragraph
            cues = cue_spans[cue_spans["sentence"] == row.sentence]
            parts.append(f'<span class="fx-s" style="background:{_shade(row.compound)}" '
                         f'title="sentence {row.sentence + 1}: compound {_fmt(row.compound)}'
                         f'{" (lead)" if row.in_lead else ""}">')
            parts.append(_marked_text(shown, row.start, row.end, cues))
            parts.append("</span> ")
        if current is not None:
            parts.append("</p>")
        parts.append("</div>")
        return "".join(parts)

    def _normalized_spans(self) -> tuple[str, pd.DataFrame, pd.DataFrame]:
        """The text the HTML view shows, and the sentences and cues with offsets into it."""
        if self.offsets is None:
            return self.text, self.sentences, self.cues
        sentences, cues = self.sentences.copy(), self.cues.copy()
        for frame in (sentences, cues):
            frame["start"], frame["end"] = self.offsets.to_normalized(frame["start"].tolist(), frame["end"].tolist())
        return self.normalized, sentences, cues

    def __repr__(self) -> str:
        return (f"Explanation({len(self.sentences)} sentences, {len(self.cues)} cues, "
                f"tone_mean={_fmt(self.features.get('tone_mean', math.nan))})")


def explain(text: str, *, title: str | None = None,
            actors: Mapping[str, Sequence[str]] | str | Path | None = None,
            lexicons: Sequence | None = None, engine: str = "fast", overrides=None) -> Explanation:
    """Explain one document's scores.

    Parameters
    ----------
    text : str
        The document text; every ``start``/``end`` of the result indexes it (the scores read its normalised
        form, shown in the ``normalized`` columns).
    title : str, optional
        Its headline (gives ``tone_headline``).
    actors : mapping or path, optional
        Actors whose mentions are marked (``{"Marov": ["Marov", "President Marov"]}`` or a YAML file).
    lexicons : sequence, optional
        Loaded-language lexicons (default: the shipped ``loaded`` lexicon).
    engine, overrides
        As in :func:`framing.analyze`.

    Returns
    -------
    Explanation
        Renders as HTML in Jupyter; ``.to_frame()`` gives the cues as a table.

    Examples
    --------
    >>> ex = explain("The plan is not good. Critics slammed the so-called reform.")
    >>> ex.sentences[["sentence", "compound"]].to_dict("records")
    [{'sentence': 0, 'compound': -0.3412}, {'sentence': 1, 'compound': -0.296}]
    >>> ex.cues.query("kind == 'valence'")[["text", "value", "detail"]].to_dict("records")[0]
    {'text': 'good', 'value': -1.406, 'detail': 'negated'}
    """
    analyzer = DocumentAnalyzer(actors=actors, lexicons=lexicons, engine=engine, overrides=overrides)
    features = analyzer(text, title)
    seg = segment(text)
    # Word-level valences come from our engine, whose scores equal the upstream package's.
    scorer = get_scorer(engine="fast", overrides=analyzer.config.overrides)
    lead = set(lead_sentences(seg))
    sentence_rows, cue_rows = [], []
    for index, (start, end) in enumerate(seg.sentences):
        sentence = seg.text[start:end]
        neg, neu, pos, compound = scorer.scores(sentence)
        sentence_rows.append((index, seg.sentence_paragraph[index], start, end, compound, pos, neu, neg,
                              index in lead))
        for word in scorer.word_valences(sentence):
            if word["lexicon_valence"] is None and not word["valence"]:
                continue
            rules = [flag for flag in _RULE_FLAGS if word.get(flag)]
            polarity = "positive" if word["valence"] > 0 else "negative" if word["valence"] < 0 else "neutral"
            cue_rows.append((index, start + word["start"], start + word["end"], "valence", polarity,
                             word["valence"], ", ".join(rules)))
    lexicons_used = [*analyzer.loaded_lexicons, *(name for name in DEFAULT_LEXICONS if name != "loaded")]
    if analyzer.actors:
        lexicons_used.append(actors_lexicon(analyzer.actors))
    loaded_names = {lexicon.name for lexicon in analyzer.loaded_lexicons}
    actor_names = {slugify(name): name for name in analyzer.actors}
    # Phrase rows come with offsets into the caller's text already; valence words and sentences are
    # translated below, in one call.
    phrase_rows = []
    for row in _matches_frame(seg, PhraseMatcher(lexicons_used), with_cues=True).itertuples(index=False):
        if row.lexicon == "actors":
            phrase_rows.append((row.sentence, row.start, row.end, row.phrase, "actor", actor_names[row.category],
                                math.nan, "", row.normalized))
            continue
        kind = "loaded" if row.lexicon in loaded_names else _KIND_OF_LEXICON.get(row.lexicon, row.lexicon)
        flags = [flag for flag, on in (("quoted", row.quoted), ("negated", row.negated)) if on]
        entry = [f"entry '{row.entry}'"] if row.entry != row.normalized.lower() else []
        phrase_rows.append((row.sentence, row.start, row.end, row.phrase, kind, row.category, math.nan,
                            ", ".join(entry + flags), row.normalized))
    spans = [(row[2], row[3]) for row in sentence_rows] + [(row[1], row[2]) for row in cue_rows]
    raw_starts, raw_ends = to_raw_spans(seg, [a for a, _ in spans], [b for _, b in spans])
    raw_spans = list(zip(raw_starts, raw_ends))
    n = len(sentence_rows)
    sentences = pd.DataFrame(
        [(index, paragraph, a, b, text[a:b], *scores, seg.text[start:end])
         for (index, paragraph, start, end, *scores), (a, b) in zip(sentence_rows, raw_spans[:n])],
        columns=["sentence", "paragraph", "start", "end", "text", "compound", "pos", "neu", "neg", "in_lead",
                 "normalized"])
    valence = [(index, a, b, text[a:b], *rest, seg.text[start:end])
               for (index, start, end, *rest), (a, b) in zip(cue_rows, raw_spans[n:])]
    cues = pd.DataFrame(valence + phrase_rows, columns=CUE_COLUMNS).sort_values(["start", "kind"], kind="stable")
    return Explanation(text, title, features, sentences, cues.reset_index(drop=True), normalized=seg.text,
                       offsets=seg.offsets)


# ---------------------------------------------------------------------------------------------------------
# HTML


def _fmt(value: float) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:+.3f}"


def _shade(compound: float) -> str:
    """Sentence background: blue for positive, orange for negative (colour-blind safe), alpha by strength."""
    alpha = min(abs(compound), 1.0) * 0.45
    return f"rgba(0,114,178,{alpha:.2f})" if compound > 0 else f"rgba(213,94,0,{alpha:.2f})"


def _marked_text(text: str, start: int, end: int, cues: pd.DataFrame) -> str:
    """The sentence's text with each character run wrapped in the classes of the cues covering it."""
    labels: list[list[str]] = [[] for _ in range(end - start)]
    for cue in cues.itertuples(index=False):
        css = {"valence": "fx-pos" if cue.value > 0 else "fx-neg", "actor": "fx-actor"}.get(cue.kind, f"fx-{cue.kind}")
        tip = f"{cue.kind}: {cue.category}" + (f" {cue.value:+.3f}" if not math.isnan(cue.value) else "")
        tip += f" ({cue.detail})" if cue.detail else ""
        for position in range(max(cue.start, start), min(cue.end, end)):
            labels[position - start].append(f"{css}|{tip}")
    out, run_start = [], 0
    for position in range(1, end - start + 1):
        if position == end - start or labels[position] != labels[run_start]:
            chunk = html.escape(text[start + run_start:start + position])
            if labels[run_start]:
                classes = " ".join(sorted({label.split("|", 1)[0] for label in labels[run_start]}))
                tips = "; ".join(dict.fromkeys(label.split("|", 1)[1] for label in labels[run_start]))
                chunk = f'<span class="{classes}" title="{html.escape(tips)}">{chunk}</span>'
            out.append(chunk)
            run_start = position
    return "".join(out)


def _summary_html(features: Mapping[str, Any]) -> str:
    keys = ["tone_mean", "tone_headline", "tone_lead", "tone_doc_vader", "loaded_total_per1k", "frame_primary",
            "src_attributions_per1k", "src_quote_share"]
    cells = []
    for key in keys:
        if key in features:
            value = features[key]
            shown = f"{value:.3f}" if isinstance(value, float) and not math.isnan(value) else html.escape(str(value))
            cells.append(f"<td><b>{html.escape(key)}</b><br>{shown}</td>")
    return f'<table class="fx-sum"><tr>{"".join(cells)}</tr></table>'


_LEGEND = (
    '<p class="fx-legend">Sentences shaded <span style="background:rgba(0,114,178,.35)">positive</span> / '
    '<span style="background:rgba(213,94,0,.35)">negative</span> by VADER compound. '
    '<span class="fx-pos">valence +</span> <span class="fx-neg">valence -</span> '
    '<span class="fx-loaded">loaded</span> <span class="fx-frame">frame cue</span> '
    '<span class="fx-sourcing">sourcing</span> <span class="fx-actor">actor</span>. Hover for details.</p>'
)
_STYLE = """<style>
.fx{font-family:Georgia,serif;line-height:1.6;max-width:52em}
.fx-title{font-family:sans-serif;margin:.2em 0}
.fx-sum td{padding:.2em .6em;font-family:sans-serif;font-size:.85em;border:1px solid #ddd}
.fx-legend{font-family:sans-serif;font-size:.8em;color:#333}
.fx-s{border-radius:3px;padding:1px 0}
.fx-pos{border-bottom:3px solid #0072B2;font-weight:bold}
.fx-neg{border-bottom:3px solid #D55E00;font-weight:bold}
.fx-loaded{background:#F0E442;color:#000}
.fx-frame,.fx-policy_frame{text-decoration:underline dotted #009E73 2px}
.fx-sourcing{font-style:italic;color:#555}
.fx-actor{outline:1px solid #CC79A7;border-radius:2px}
</style>"""
