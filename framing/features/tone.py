"""Document tone from sentence-level VADER scores, which do not saturate on long texts.

VADER's compound score is built for one sentence: on a whole article it sums dozens of valences and
saturates near ±1 (see ``docs/validity.md``). Here every sentence of the shared segmentation is scored
exactly as vaderSentiment 3.3.2 scores it (:mod:`framing.features.vader`) and the document's tone is summarised
from those sentence scores:

========================  ===============================================================================
``tone_mean``             mean sentence compound
``tone_sd``               population standard deviation of the sentence compounds (ddof=0: the
                          document's sentences are all its sentences, not a sample; 0.0 for one sentence)
``tone_pos_share``        share of sentences with compound >= 0.05 (VADER's threshold for "positive")
``tone_neg_share``        share of sentences with compound <= -0.05
``tone_neutral_share``    share of the others (the three shares add up to 1)
``tone_min``/``tone_max`` most negative / most positive sentence compound
``tone_headline``         compound of the title (NaN without a title)
``tone_lead``             mean compound of the lead: the first paragraph, or the first three sentences of
                          a text that is a single paragraph (:func:`framing.text.segment.lead_sentences`, the same
                          lead the actors family uses)
``tone_doc_vader``        VADER's compound of the whole text in one call, as vaderSentiment's README
                          suggests. It saturates on long texts and is kept only for comparison; our engine
                          computes it in linear time (vaderSentiment itself takes quadratic time).
========================  ===============================================================================

A text without sentences gives NaN for all features. Sentence offsets point into the normalised text
(:func:`framing.text.segment.normalize`), and the string scored for a sentence is exactly ``text[start:end]``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence

import pandas as pd

from framing.features.vader import Scorer, get_scorer
from framing.text.segment import Segments, lead_sentences, normalize, segment

__all__ = [
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "TONE_COLUMNS",
    "sentence_compounds",
    "sentence_tones",
    "tone",
    "tone_features",
    "tone_from_compounds",
]

#: The tone_* feature columns, in order.
TONE_COLUMNS = [
    "tone_mean", "tone_sd", "tone_pos_share", "tone_neg_share", "tone_neutral_share", "tone_min", "tone_max",
    "tone_headline", "tone_lead", "tone_doc_vader",
]
#: VADER's conventional thresholds: compound >= 0.05 is positive, <= -0.05 negative, otherwise neutral.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05

Overrides = Mapping[str, float | None] | str | os.PathLike | None


def sentence_compounds(seg: Segments, *, scorer: Scorer | None = None) -> list[float]:
    """VADER compound of each sentence of `seg`, in order.

    Examples
    --------
    >>> sentence_compounds(segment("The book was good. The plot was bad."))
    [0.4404, -0.5423]
    """
    return (scorer or get_scorer()).compounds(seg.text, seg.sentences)[0]


def _mean(values: Sequence[float]) -> float:
    return round(math.fsum(values) / len(values), 12) if values else math.nan


def _headline_compound(title: object, scorer: Scorer) -> float:
    # A missing title may arrive as None, "" or a float NaN from a DataFrame.
    if not isinstance(title, str) or not title.strip():
        return math.nan
    return scorer.scores(normalize(title))[3]


def tone_from_compounds(seg: Segments, compounds: Sequence[float], *, title: str | None = None,
                        scorer: Scorer | None = None, whole_compound: float | None = None) -> dict[str, float]:
    """The tone_* features of one document from its sentence compounds (already scored).

    Parameters
    ----------
    seg : Segments
        The document (for its lead and its whole text).
    compounds : sequence of float
        The compound of each sentence of `seg` (see :func:`sentence_compounds`); lets :func:`analyze`
        score the sentences once for the tone and the actors families.
    title : str, optional
        The headline; NaN ``tone_headline`` without one.
    scorer : optional
        A scorer from :func:`framing.features.vader.get_scorer` (default: the fast engine, pure VADER).
    whole_compound : float, optional
        VADER's compound of the whole text, when already scored (``scorer.compounds`` gives it with the
        sentence compounds); scored here otherwise.

    Returns
    -------
    dict of str to float
        The :data:`TONE_COLUMNS`, in order.

    Examples
    --------
    >>> seg = segment("The book was good. The plot was bad.")
    >>> features = tone_from_compounds(seg, [0.4404, -0.5423], title="A good book")
    >>> features["tone_mean"], features["tone_pos_share"], features["tone_headline"]
    (-0.05095, 0.5, 0.4404)
    """
    scorer = scorer or get_scorer()
    n = len(compounds)
    if n == 0:
        features = dict.fromkeys(TONE_COLUMNS, math.nan)
        features["tone_headline"] = _headline_compound(title, scorer)
        return features
    mean = math.fsum(compounds) / n
    positive = sum(1 for c in compounds if c >= POSITIVE_THRESHOLD)
    negative = sum(1 for c in compounds if c <= NEGATIVE_THRESHOLD)
    lead = lead_sentences(seg)
    return {
        "tone_mean": round(mean, 12),
        "tone_sd": round(math.sqrt(math.fsum((c - mean) ** 2 for c in compounds) / n), 12),
        "tone_pos_share": positive / n,
        "tone_neg_share": negative / n,
        "tone_neutral_share": (n - positive - negative) / n,
        "tone_min": min(compounds),
        "tone_max": max(compounds),
        "tone_headline": _headline_compound(title, scorer),
        "tone_lead": _mean([compounds[i] for i in lead]),
        "tone_doc_vader": scorer.scores(seg.text)[3] if whole_compound is None else whole_compound,
    }


def tone_features(seg: Segments, *, title: str | None = None, scorer: Scorer | None = None) -> dict[str, float]:
    """The tone_* features of an already segmented document (plain dict, no pandas).

    Examples
    --------
    >>> features = tone_features(segment("The book was good. The plot was bad."))
    >>> features["tone_min"], features["tone_max"], features["tone_sd"]
    (-0.5423, 0.4404, 0.49135)
    """
    scorer = scorer or get_scorer()
    return tone_from_compounds(seg, sentence_compounds(seg, scorer=scorer), title=title, scorer=scorer)


def tone(text: str, *, title: str | None = None, engine: str = "fast", overrides: Overrides = None
         ) -> dict[str, float]:
    """The tone_* features of one text: sentence-level VADER summarised for the document.

    Parameters
    ----------
    text : str
        The document.
    title : str, optional
        Its headline, scored on its own as ``tone_headline``.
    engine : {"fast", "vader"}
        ``"fast"``: our exact re-implementation of VADER; ``"vader"``: vaderSentiment itself (same numbers,
        slower; quadratic for ``tone_doc_vader``).
    overrides : mapping or path, optional
        Valence overrides for domain adaptation (:func:`framing.features.vader.load_valence_overrides`).

    Returns
    -------
    dict of str to float
        ``tone_mean``, ``tone_sd``, ``tone_pos_share``, ``tone_neg_share``, ``tone_neutral_share``,
        ``tone_min``, ``tone_max``, ``tone_headline``, ``tone_lead``, ``tone_doc_vader`` (see the module
        documentation for their definitions).

    Examples
    --------
    >>> features = tone("The book was good. The plot was bad. It ended.", title="Mixed feelings")
    >>> features["tone_mean"], features["tone_neutral_share"], features["tone_lead"]
    (-0.033966666667, 0.3333333333333333, -0.033966666667)
    >>> tone("")["tone_mean"]
    nan
    """
    scorer = get_scorer(engine=engine, overrides=overrides)
    return tone_features(segment(text), title=title, scorer=scorer)


def sentence_tones(text: str, *, engine: str = "fast", overrides: Overrides = None) -> pd.DataFrame:
    """One row per sentence with its VADER scores.

    Parameters
    ----------
    text : str
        The document; it is normalised and split by :func:`framing.text.segment`.
    engine, overrides
        As in :func:`tone`.

    Returns
    -------
    pandas.DataFrame
        Columns ``sentence``, ``start``, ``end`` (character offsets into the normalised text:
        ``sentence == normalize(text)[start:end]``), ``compound``, ``pos``, ``neu``, ``neg``; each score
        equals vaderSentiment 3.3.2's ``polarity_scores`` of that sentence.

    Examples
    --------
    >>> sentence_tones("The book was good. The plot was bad.")
                 sentence  start  end  compound    pos    neu    neg
    0  The book was good.      0   18    0.4404  0.492  0.508  0.000
    1   The plot was bad.     19   36   -0.5423  0.000  0.462  0.538
    """
    scorer = get_scorer(engine=engine, overrides=overrides)
    seg = segment(text)
    rows = []
    for start, end in seg.sentences:
        sentence = seg.text[start:end]
        neg, neu, pos, compound = scorer.scores(sentence)
        rows.append((sentence, start, end, compound, pos, neu, neg))
    frame = pd.DataFrame(rows, columns=["sentence", "start", "end", "compound", "pos", "neu", "neg"])
    return frame.astype({"sentence": object, "start": "int64", "end": "int64", "compound": "float64",
                         "pos": "float64", "neu": "float64", "neg": "float64"})
