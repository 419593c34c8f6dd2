"""Loaded-language features: counts and rates per category, own voice versus quotations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from framing.text.matcher import Match
from framing.text.segment import Segments

__all__ = ["loaded_columns", "loaded_features", "per_thousand"]


def per_thousand(count: float, n_words: int) -> float:
    """A rate per 1,000 words; 0.0 for a document without words (so rates stay finite).

    Examples
    --------
    >>> per_thousand(3, 600)
    5.0
    >>> per_thousand(2, 0)
    0.0
    """
    return 1000.0 * count / n_words if n_words else 0.0


def loaded_columns(categories: Iterable[str]) -> list[str]:
    """Column names of the loaded-language family, in order."""
    columns = []
    for category in categories:
        columns += [f"loaded_{category}", f"loaded_{category}_per1k"]
    return columns + ["loaded_total", "loaded_total_per1k", "loaded_quoted", "loaded_quoted_per1k"]


def loaded_features(seg: Segments, matches: Sequence[Match], *, categories: Sequence[str]) -> dict[str, float]:
    """Counts and rates of loaded language in one document.

    ``loaded_<category>`` counts matches in the outlet's own voice (outside direct quotations);
    ``loaded_quoted`` counts those inside quotations, which report what sources said. All rates are per
    1,000 words of the whole document, so own-voice and quoted rates add up to the total rate.

    Parameters
    ----------
    seg : Segments
        The document's segmentation.
    matches : sequence of Match
        Matches of the loaded-language lexicons (from one :class:`framing.text.lexicons.PhraseMatcher` pass).
    categories : sequence of str
        Every category of those lexicons, so that absent categories give 0.

    Examples
    --------
    >>> from framing.text.matcher import PhraseMatcher
    >>> from framing.text.segment import segment
    >>> seg = segment('A so-called plan. "It is a catastrophic plan," she said.')
    >>> matcher = PhraseMatcher(["loaded"])
    >>> features = loaded_features(seg, matcher.match(seg), categories=["doubt", "hyperbole"])
    >>> features["loaded_doubt"], features["loaded_quoted"], features["loaded_total_per1k"]
    (1, 1, 100.0)
    """
    own = dict.fromkeys(categories, 0)
    quoted = 0
    token_quoted = seg.token_quoted
    for match in matches:
        if token_quoted[match.first_token]:
            quoted += 1
        else:
            own[match.entry.category] += 1
    n_words = seg.n_words
    features: dict[str, float] = {}
    for category in categories:
        features[f"loaded_{category}"] = own[category]
        features[f"loaded_{category}_per1k"] = per_thousand(own[category], n_words)
    total = sum(own.values())
    features["loaded_total"] = total
    features["loaded_total_per1k"] = per_thousand(total, n_words)
    features["loaded_quoted"] = quoted
    features["loaded_quoted_per1k"] = per_thousand(quoted, n_words)
    return features
