"""VADER sentence scores, identical to vaderSentiment 3.3.2 and several times faster.

:class:`VaderScorer` re-implements ``SentimentIntensityAnalyzer.polarity_scores`` of vaderSentiment 3.3.2
(Hutto & Gilbert, ICWSM 2014). It returns the same four numbers, to the last bit, for every string, and
keeps every quirk of that release (the "but" rule scales the first *equal* valence found by ``list.index``;
idioms are only looked for when the word has three words before it; "never so/this" intensifies; "least"
before a word negates it unless "at least"/"very least"; "no" before a lexicon word is a negator, not a
sentiment word; "kind of" is a dampener, not the positive "kind"; ALL-CAPS words count
only when some but not all words are capitalised; emoji are replaced by their description without a
space after them; "!" and "?" add emphasis ...). Parity is tested live against vaderSentiment.

Where the speed comes from: the token list is lowercased once (VADER rebuilds a lowercased copy of the
whole sentence up to four times for every sentiment word, and once more for the "but" rule, which makes a
long text cost O(n²)); ASCII text skips the character-by-character emoji loop; idioms are looked up as
word tuples instead of formatted strings; only lexicon words do any work; the "but" rule is simulated in
O(k log k) for k sentiment words. A whole article is therefore scored in linear time.

Nothing of VADER is copied: the lexicon and emoji files are read from the installed ``vaderSentiment``
package, and the rule words (boosters, negations, special-case idioms) and their weights are read from its
module, so vaderSentiment remains the single reference and a dependency.

The engine is split by job: ``vader_data`` reads VADER's files and tokenises, ``vader_rules`` holds
the sentence-level rules and final scores, ``vader_scorer`` the scorer, ``vader_overrides`` the valence
overrides; this module chooses the engine (:func:`get_scorer`).

Domain adaptation: ``VaderScorer(overrides={"word": valence, "other": None})`` changes or removes lexicon
valences (see :func:`load_valence_overrides` for the file format). Booster, negation and idiom words are
rules, not valences: overrides do not change them. The default is pure VADER.

Examples
--------
>>> scorer = get_scorer()
>>> scorer.polarity_scores("The book was good.")
{'neg': 0.0, 'neu': 0.508, 'pos': 0.492, 'compound': 0.4404}
>>> scorer.scores("The plot was not good, but the acting was great!")
(0.109, 0.511, 0.38, 0.7383)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

from framing.errors import InputError
from framing.features.vader_data import _upstream_module
from framing.features.vader_overrides import _apply_overrides, load_valence_overrides
from framing.features.vader_rules import _compounds_one_by_one
from framing.features.vader_scorer import VaderScorer

__all__ = ["ENGINES", "Scorer", "VaderScorer", "get_scorer", "load_valence_overrides"]


ENGINES = ("fast", "vader")


"""Engines accepted by :func:`get_scorer`: ``"fast"`` (ours) and ``"vader"`` (upstream, the reference)."""


"""VADER's valence scale runs from -4 to +4; overrides must stay on it."""


class Scorer(Protocol):
    """What every engine returned by :func:`get_scorer` offers."""

    def polarity_scores(self, text: str) -> dict[str, float]: ...

    def scores(self, text: str) -> tuple[float, float, float, float]: ...

    def compounds(self, text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[float], float]: ...

    def word_valences(self, text: str) -> list[dict[str, Any]]: ...


class _UpstreamScorer:
    """vaderSentiment's own ``SentimentIntensityAnalyzer`` behind the :class:`VaderScorer` interface."""

    def __init__(self, *, overrides: Mapping[str, float | None] | None = None):
        self._analyzer = _upstream_module().SentimentIntensityAnalyzer()
        if overrides:
            # Its rules consult self.lexicon, so replacing that dict applies the overrides everywhere.
            self._analyzer.lexicon = _apply_overrides(self._analyzer.lexicon, overrides)
        self.lexicon = self._analyzer.lexicon

    def __repr__(self) -> str:
        return "VaderScorer(engine='vader')"

    def polarity_scores(self, text: str) -> dict[str, float]:
        if not isinstance(text, str):
            raise InputError(f"text must be a str, got {type(text).__name__}; convert it with str() first")
        return self._analyzer.polarity_scores(text)

    def scores(self, text: str) -> tuple[float, float, float, float]:
        result = self.polarity_scores(text)
        return result["neg"], result["neu"], result["pos"], result["compound"]

    def compounds(self, text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[float], float]:
        return _compounds_one_by_one(self, text, spans)

    def word_valences(self, text: str) -> list[dict[str, Any]]:
        raise NotImplementedError("word_valences needs engine='fast' (vaderSentiment does not expose them)")


def _freeze_overrides(overrides: Any) -> tuple[tuple[str, float | None], ...]:
    if overrides is None:
        return ()
    if isinstance(overrides, (str, os.PathLike)):
        overrides = load_valence_overrides(overrides)
    if not isinstance(overrides, Mapping):
        raise InputError(f"overrides must be a mapping of word to valence or a file path, got "
                         f"{type(overrides).__name__}")
    return tuple(overrides.items())


@lru_cache(maxsize=16)
def _cached_scorer(engine: str, frozen: tuple[tuple[str, float | None], ...]) -> Scorer:
    overrides = dict(frozen) or None
    return VaderScorer(overrides=overrides) if engine == "fast" else _UpstreamScorer(overrides=overrides)


def get_scorer(*, engine: str = "fast", overrides: Mapping[str, float | None] | str | os.PathLike | None = None
               ) -> Scorer:
    """The VADER scorer for `engine`, built once and reused.

    Parameters
    ----------
    engine : {"fast", "vader"}
        ``"fast"``: :class:`VaderScorer` (same numbers, several times faster, explains word valences).
        ``"vader"``: vaderSentiment's ``SentimentIntensityAnalyzer`` itself, for reference;
        its ``word_valences`` raises NotImplementedError.
    overrides : mapping, path or None
        Valence overrides (see :class:`VaderScorer`), or a YAML/CSV file read by
        :func:`load_valence_overrides`.

    Examples
    --------
    >>> get_scorer() is get_scorer()
    True
    >>> get_scorer(engine="vader").scores("The book was good.") == get_scorer().scores("The book was good.")
    True
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(map(repr, ENGINES))}")
    frozen = _freeze_overrides(overrides)
    try:
        return _cached_scorer(engine, frozen)
    except TypeError:  # unhashable values (validated, and reported, by the scorer itself)
        return _cached_scorer.__wrapped__(engine, frozen)
