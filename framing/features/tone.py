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

A text without sentences gives NaN for all features. :func:`sentence_tones` gives each sentence's offsets
into the text the caller passed, and the string that was scored (the normalised sentence, see
:func:`framing.text.segment.normalize`) in its ``normalized`` column.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from framing.corpus.batch import Documents, doc_id_column, documents, is_one_text
from framing.errors import InputError
from framing.features.vader import Scorer, get_scorer
from framing.text.offsets import to_raw_spans
from framing.text.segment import Segments, lead_sentences, normalize, segment, sentence_spans

__all__ = [
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "SENTENCE_COLUMNS",
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


def tone(text: str | Iterable[str] | pd.Series | pd.DataFrame, *, title: str | Sequence[str | None] | None = None,
         engine: str = "fast", overrides: Overrides = None) -> dict[str, float] | pd.DataFrame:
    """The tone_* features of a text (sentence-level VADER summarised for the document), or of many texts.

    Parameters
    ----------
    text : str, or many texts
        One document; or many: a list of strings, a Series, or a corpus DataFrame (its ``text`` column, and
        its ``title`` column when it has one).
    title : str or sequence of str, optional
        The headline, scored on its own as ``tone_headline``; for many texts, one title per text.
    engine : {"fast", "vader"}
        ``"fast"``: our exact re-implementation of VADER; ``"vader"``: vaderSentiment itself (same numbers,
        slower; quadratic for ``tone_doc_vader``).
    overrides : mapping or path, optional
        Valence overrides for domain adaptation (:func:`framing.features.vader.load_valence_overrides`).

    Returns
    -------
    dict of str to float, or DataFrame
        For one text: ``tone_mean``, ``tone_sd``, ``tone_pos_share``, ``tone_neg_share``, ``tone_neutral_share``,
        ``tone_min``, ``tone_max``, ``tone_headline``, ``tone_lead``, ``tone_doc_vader`` (see the module
        documentation for their definitions). For many: one row per text, ``doc_id`` (the Series index, the
        corpus ``doc_id``, or the position in the list) and those columns.

    Examples
    --------
    >>> features = tone("The book was good. The plot was bad. It ended.", title="Mixed feelings")
    >>> features["tone_mean"], features["tone_neutral_share"], features["tone_lead"]
    (-0.033966666667, 0.3333333333333333, -0.033966666667)
    >>> tone("")["tone_mean"]
    nan
    >>> tone(["A good book.", "A bad plot."])[["doc_id", "tone_mean", "tone_min"]]
       doc_id  tone_mean  tone_min
    0       0     0.4404    0.4404
    1       1    -0.5423   -0.5423
    """
    scorer = get_scorer(engine=engine, overrides=overrides)
    if is_one_text(text):
        return tone_features(segment(text), title=title, scorer=scorer)
    docs = documents(text, function="tone")
    titles = _many_titles(title, docs)
    rows = [tone_features(segment(one), title=headline, scorer=scorer) for one, headline in zip(docs.texts, titles)]
    frame = pd.DataFrame.from_records(rows, columns=TONE_COLUMNS).astype("float64")
    frame.insert(0, "doc_id", docs.ids)
    return frame


def _many_titles(title: object, docs: Documents) -> list[str | None]:
    if title is None:
        return docs.titles or [None] * len(docs.texts)
    if isinstance(title, str):
        raise InputError("tone of many texts takes one title per text (a list), not one title for all")
    titles = list(title)
    if len(titles) != len(docs.texts):
        raise InputError(f"tone got {len(docs.texts)} texts but {len(titles)} titles; give one title per text")
    return titles


#: The columns of :func:`sentence_tones` (many texts: ``doc_id`` first).
SENTENCE_COLUMNS = ["sentence", "start", "end", "compound", "pos", "neu", "neg", "normalized"]
_SENTENCE_DTYPES = {"sentence": object, "start": "int64", "end": "int64", "compound": "float64", "pos": "float64",
                    "neu": "float64", "neg": "float64", "normalized": object}


def sentence_tones(text: str | Iterable[str] | pd.Series | pd.DataFrame, *, engine: str = "fast",
                   overrides: Overrides = None) -> pd.DataFrame:
    """One row per sentence with its VADER scores, for one text or many.

    Parameters
    ----------
    text : str, or many texts
        One document; or many: a list of strings, a Series, or a corpus DataFrame (its ``text`` column).
        Each is normalised and split by :func:`framing.text.segment.segment`.
    engine, overrides
        As in :func:`tone`.

    Returns
    -------
    pandas.DataFrame
        ``sentence`` (as written: ``text[start:end]``), ``start``, ``end`` (character offsets into the text
        you passed), ``compound``, ``pos``, ``neu``, ``neg``, and ``normalized``: the sentence as it was
        scored (:func:`framing.text.segment.normalize`; equal to ``sentence`` for plain text). Each score equals
        vaderSentiment 3.3.2's ``polarity_scores`` of ``normalized``. For many texts one long table with a
        ``doc_id`` column first (the Series index, the corpus ``doc_id``, or the position in the list);
        offsets refer to each row's own text.

    Examples
    --------
    >>> sentence_tones("The book was good.  The plot was bad.").drop(columns="normalized")
                 sentence  start  end  compound    pos    neu    neg
    0  The book was good.      0   18    0.4404  0.492  0.508  0.000
    1   The plot was bad.     20   37   -0.5423  0.000  0.462  0.538
    >>> sentence_tones(["Good.", "Bad. Fine!"])[["doc_id", "sentence", "compound"]]
       doc_id sentence  compound
    0       0    Good.    0.4404
    1       1     Bad.   -0.5423
    2       1    Fine!    0.2714
    """
    scorer = get_scorer(engine=engine, overrides=overrides)
    if is_one_text(text):
        columns, _counts = _sentence_columns([text], scorer)
        return _sentence_frame(columns)
    docs = documents(text, function="sentence_tones")
    columns, counts = _sentence_columns(docs.texts, scorer)
    return _sentence_frame({"doc_id": doc_id_column(docs.ids, counts), **columns})


def _sentence_frame(columns: dict[str, Sequence]) -> pd.DataFrame:
    # Each column made with its dtype at once (no inference, no second pass to convert); the text columns
    # stay object (as in every version of this table), doc_id keeps the dtype its values give.
    return pd.DataFrame({name: values if name not in _SENTENCE_DTYPES else
                         pd.Series(values, dtype=_SENTENCE_DTYPES[name]) for name, values in columns.items()})


# Without markup or entities, normalisation removes only whitespace, control and zero-width characters; it
# never removes a letter, a digit or closing punctuation. So a text that starts with a letter or digit and
# ends with one of those maps its whole normalised text to the whole text: what to_raw_spans gives, without
# building the map (about one short news text in ten has typewriter quotes '' that normalisation changes).
_KEPT_AT_END = frozenset(".!?\"')]")


def _whole_text_kept(text: str) -> bool:
    return (text[:1].isalnum() and (text[-1].isalnum() or text[-1] in _KEPT_AT_END)
            and "<" not in text and "&" not in text)


def _sentence_columns(texts: Sequence[str], scorer: Scorer) -> tuple[dict[str, Sequence], list[int]]:
    """The columns of :func:`sentence_tones` for many texts, filled in one pass (no table, and no
    :class:`~framing.text.segment.Segments` object unless offsets must be translated, per text)."""
    rows: list[tuple[str, int, int, str]] = []  # (sentence as written, start, end, normalised sentence)
    counts = []
    for text in texts:
        norm = normalize(text)
        spans = sentence_spans(norm)
        n = len(spans)
        counts.append(n)
        if n == 1 and (text == norm or _whole_text_kept(text)):
            # One sentence, the commonest short text: the whole normalised text, which stands for the whole
            # text as given when normalisation kept its first and last characters.
            rows.append((text, 0, len(text), norm))
        elif n:
            sentences = [norm[a:b] for a, b in spans]
            if text == norm:  # plain text: the offsets are the caller's already
                rows += [(sentence, a, b, sentence) for sentence, (a, b) in zip(sentences, spans)]
            else:
                raw_starts, raw_ends = to_raw_spans(Segments(norm, raw=text), *zip(*spans))
                rows += [(text[a:b], a, b, sentence) for sentence, a, b in zip(sentences, raw_starts, raw_ends)]
    raw_sentences, starts, ends, normalized = zip(*rows) if rows else ((), (), (), ())
    # Every sentence scored in one pass over the column (map calls the scorer from C).
    negs, neus, poss, compounds = zip(*map(scorer.scores, normalized)) if rows else ((), (), (), ())
    columns = {"sentence": raw_sentences, "start": starts, "end": ends, "compound": compounds, "pos": poss,
               "neu": neus, "neg": negs, "normalized": normalized}
    return columns, counts
