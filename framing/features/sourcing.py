"""Sourcing and epistemic features: quotation, attribution, anonymous sources, hedges, certainty,
thematic versus episodic cues."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from framing.features.loaded import per_thousand
from framing.text.matcher import Match
from framing.text.segment import Segments, segment

__all__ = ["SOURCING_COLUMNS", "count_numbers", "sourcing_features"]

SOURCING_COLUMNS = [
    "src_quote_share", "src_quotes", "src_attributions", "src_attributions_per1k", "src_anonymous",
    "src_anonymous_per1k", "hedge_per1k", "certainty_per1k", "thematic_per1k", "episodic_per1k",
    "numbers_per1k",
]

def count_numbers(text: str) -> int:
    """Number of figures in a text: tokens that begin with a digit (integers, decimals, thousands,
    percentages, "1990s"; not "A4" or "B-52"). Figures are the plainest thematic cue (Iyengar 1991).

    Examples
    --------
    >>> count_numbers("Prices rose 6.8% in 2025, to 1,200 crowns; the A4 road")
    3
    """
    return segment(text).n_numbers


def sourcing_features(seg: Segments, matches: Sequence[Match], *, age_mentions: int = 0) -> dict[str, float]:
    """Sourcing and epistemic features of one document.

    Parameters
    ----------
    seg : Segments
        The document's segmentation.
    matches : sequence of Match
        Matches of the ``sourcing`` lexicon (categories attribution, anonymous, hedge, certainty,
        thematic, episodic).
    age_mentions : int
        Named individuals given with an age ("Anya Petrik, 34,"), counted as episodic cues.

    Returns
    -------
    dict
        ``src_quote_share`` (share of words inside direct quotations), ``src_quotes`` (number of
        quotations), ``src_attributions`` (sentences attributed to a source, named or anonymous, by at
        least one marker: said, told, according to ...) and ``src_anonymous`` (those attributed to an
        unnamed source), with their rates, ``hedge_per1k``,
        ``certainty_per1k``, ``thematic_per1k`` (aggregate and statistical words plus figures),
        ``episodic_per1k`` (individual-story cues plus ages) and ``numbers_per1k``.

    Examples
    --------
    >>> from framing.text.matcher import PhraseMatcher
    >>> from framing.text.segment import segment
    >>> seg = segment('"We may win," she said. Officials said prices rose 5%.')
    >>> features = sourcing_features(seg, PhraseMatcher(["sourcing"]).match(seg))
    >>> features["src_quote_share"], features["src_attributions"], features["numbers_per1k"]
    (0.3, 2, 100.0)
    """
    counts = dict.fromkeys(("hedge", "certainty", "thematic", "episodic"), 0)
    # A statement is attributed once however many markers it has ("a senior official, speaking on
    # condition of anonymity, said"): count sentences, not markers.
    attributed: set[int] = set()
    anonymous: set[int] = set()
    sentence_starts = [first for first, _end in seg.sentence_tokens]
    for match in matches:
        category = match.entry.category
        if category in counts:
            counts[category] += 1
        elif category in ("attribution", "anonymous"):
            sentence = bisect_right(sentence_starts, match.first_token) - 1
            attributed.add(sentence)
            if category == "anonymous":
                anonymous.add(sentence)
    n_words = seg.n_words
    numbers = seg.n_numbers
    attributions = len(attributed)
    return {
        "src_quote_share": seg.n_quoted / n_words if n_words else 0.0,
        "src_quotes": len(seg.quotes),
        "src_attributions": attributions,
        "src_attributions_per1k": per_thousand(attributions, n_words),
        "src_anonymous": len(anonymous),
        "src_anonymous_per1k": per_thousand(len(anonymous), n_words),
        "hedge_per1k": per_thousand(counts["hedge"], n_words),
        "certainty_per1k": per_thousand(counts["certainty"], n_words),
        "thematic_per1k": per_thousand(counts["thematic"] + numbers, n_words),
        "episodic_per1k": per_thousand(counts["episodic"] + age_mentions, n_words),
        "numbers_per1k": per_thousand(numbers, n_words),
    }
