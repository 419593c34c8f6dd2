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

import csv
import heapq
import math
import os
import re
import string
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from numbers import Real
from pathlib import Path
from typing import Any, Protocol

from framing.errors import InputError, LexiconError
from framing.text.tokens import whitespace_token_counts

__all__ = [
    "ENGINES",
    "Scorer",
    "VaderScorer",
    "get_scorer",
    "load_valence_overrides",
]

ENGINES = ("fast", "vader")
"""Engines accepted by :func:`get_scorer`: ``"fast"`` (ours) and ``"vader"`` (upstream, the reference)."""

MAX_VALENCE = 4.0
"""VADER's valence scale runs from -4 to +4; overrides must stay on it."""

# Weights that VADER writes inline in its methods (not as module constants, so not importable).
_SECOND_WORD_DAMPING = 0.95  # a booster two words before the sentiment word counts 95 %
_THIRD_WORD_DAMPING = 0.9  # ... three words before: 90 %
_NEVER_SO_BOOST = 1.25  # "never so good", "never this good"
_BEFORE_BUT = 0.5  # sentiment before "but" counts half ...
_AFTER_BUT = 1.5  # ... and after it one and a half
_EXCLAMATION_WEIGHT = 0.292  # per "!", at most four
_MAX_EXCLAMATIONS = 4
_QUESTION_WEIGHT = 0.18  # per "?" when there are two or three
_MANY_QUESTIONS = 0.96  # four or more "?"
_NORMALIZE_ALPHA = 15  # compound = s / sqrt(s² + alpha)
_PUNCTUATION = string.punctuation
_SO_THIS = ("so", "this")
_MULTI_CAPITALS = re.compile(r"[A-Z][^a-z\s]*[A-Z]")  # two capitals in one ASCII token
_OR_NOR = ("or", "nor")


class Scorer(Protocol):
    """What every engine returned by :func:`get_scorer` offers."""

    def polarity_scores(self, text: str) -> dict[str, float]: ...

    def scores(self, text: str) -> tuple[float, float, float, float]: ...

    def compounds(self, text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[float], float]: ...

    def word_valences(self, text: str) -> list[dict[str, Any]]: ...


# ---------------------------------------------------------------------------------------------------------
# Reading VADER's data from the installed package
# ---------------------------------------------------------------------------------------------------------


def _upstream_module():
    """The one place that imports vaderSentiment (the reference implementation and the data source)."""
    from vaderSentiment import vaderSentiment

    return vaderSentiment


def _package_text(filename: str) -> str:
    # VADER opens its files with codecs.open, which does not translate newlines: decode the raw bytes too.
    return resources.files("vaderSentiment").joinpath(filename).read_bytes().decode("utf-8")


def _parse_lexicon(text: str) -> dict[str, float]:
    """``word<TAB>mean<TAB>sd<TAB>ratings`` lines -> {word: mean}, parsed exactly as VADER parses them."""
    lexicon = {}
    for line in text.rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


def _parse_emoji(text: str) -> dict[str, str]:
    """``emoji<TAB>description`` lines -> {emoji: description}, keeping only single characters.

    VADER walks the text one character at a time, so multi-character emoji sequences never match.
    """
    emoji = {}
    for line in text.rstrip("\n").split("\n"):
        char, description = line.strip().split("\t")[0:2]
        emoji[char] = description
    return {char: description for char, description in emoji.items() if len(char) == 1}


def _word_tuples(phrases: Mapping[str, float]) -> dict[tuple[str, ...], float]:
    # VADER joins lowercased tokens with one space and looks the string up; tokens never contain
    # whitespace, so comparing word tuples is the same test without building strings.
    return {tuple(phrase.split(" ")): value for phrase, value in phrases.items()}


@lru_cache(maxsize=1)
def _vader_data() -> dict[str, Any]:
    """Lexicon, emoji and rule tables of the installed vaderSentiment, read once."""
    upstream = _upstream_module()
    boosters = dict(upstream.BOOSTER_DICT)
    return {
        "lexicon": _parse_lexicon(_package_text("vader_lexicon.txt")),
        "emoji": _parse_emoji(_package_text("emoji_utf8_lexicon.txt")),
        "boosters": {word: value for word, value in boosters.items() if " " not in word},
        "booster_phrases": _word_tuples({p: v for p, v in boosters.items() if " " in p}),
        "negations": frozenset(upstream.NEGATE),
        "special_cases": _word_tuples(upstream.SPECIAL_CASES),
        "caps_increment": upstream.C_INCR,
        "negation_scalar": upstream.N_SCALAR,
    }


# ---------------------------------------------------------------------------------------------------------
# Text -> VADER tokens
# ---------------------------------------------------------------------------------------------------------


def _replace_emoji(text: str, emoji: Mapping[str, str]) -> str:
    """Replace each emoji character by its description, exactly like VADER's character loop.

    A space goes before a description unless the previous output character is a space (or nothing has
    been written yet); no space goes after it, so "🙂ok" becomes "slightly smiling faceok".
    """
    parts: list[str] = []
    previous_is_space = True
    run_start = 0
    for position, char in enumerate(text):
        description = emoji.get(char)
        if description is None:
            continue
        if position > run_start:
            parts.append(text[run_start:position])
            previous_is_space = text[position - 1] == " "
        if not previous_is_space:
            parts.append(" ")
        parts.append(description)
        previous_is_space = False
        run_start = position + 1
    parts.append(text[run_start:])
    return "".join(parts)


def _vader_tokens(text: str) -> list[str]:
    """Whitespace tokens with surrounding punctuation removed, unless that leaves two characters or less
    (so emoticons such as ":)" survive)."""
    punctuation = _PUNCTUATION
    return [word if len(stripped := word.strip(punctuation)) <= 2 else stripped for word in text.split()]


def _caps_differential(words: list[str]) -> bool:
    """True when some, but not all, tokens are ALL CAPS (only then does capitalisation add emphasis)."""
    return any(map(str.isupper, words)) and not all(map(str.isupper, words))


# ---------------------------------------------------------------------------------------------------------
# The "but" rule and the final scores
# ---------------------------------------------------------------------------------------------------------


def _apply_but_rule(positions: list[int], values: list[float], but_position: int) -> list[bool]:
    """Scale valences before "but" by 0.5 and after it by 1.5, in place, with VADER's quirk.

    VADER walks its list of valences and, for each value, rescales the *first* element equal to it
    (``list.index``), which need not be the element at hand. Elements never change before their own turn
    comes (``list.index`` only looks back), so it is enough to remember, per value, which earlier
    positions hold it; zeros can be skipped since a scaled zero is still zero. Returns, per value, whether
    it was rescaled.
    """
    holders: dict[float, list[int]] = {}  # value -> heap of indices (into `values`) already visited
    scaled = [False] * len(values)
    for k, value in enumerate(values):
        if value == 0:
            continue
        heap = holders.get(value)
        target = heap[0] if heap else k
        where = positions[target]
        if where == but_position:
            new_value = None
        else:
            new_value = value * (_BEFORE_BUT if where < but_position else _AFTER_BUT)
        if new_value is not None:
            if target != k:
                heapq.heappop(heap)
            values[target] = new_value
            scaled[target] = True
            heapq.heappush(holders.setdefault(new_value, []), target)
        if target != k or new_value is None:
            heapq.heappush(holders.setdefault(value, []), k)
    return scaled


def _punctuation_emphasis(text: str) -> float:
    """Emphasis from "!" (0.292 each, at most four) and "?" (0.18 each for two or three, 0.96 for more)."""
    exclamations = text.count("!")
    if exclamations > _MAX_EXCLAMATIONS:
        exclamations = _MAX_EXCLAMATIONS
    questions = text.count("?")
    question_emphasis = 0
    if questions > 1:
        question_emphasis = questions * _QUESTION_WEIGHT if questions <= 3 else _MANY_QUESTIONS
    return exclamations * _EXCLAMATION_WEIGHT + question_emphasis


def _compounds_one_by_one(scorer: Scorer, text: str, spans: Sequence[tuple[int, int]]
                          ) -> tuple[list[float], float]:
    """The compounds of :meth:`VaderScorer.compounds`, each span and the whole text scored on its own."""
    return [scorer.scores(text[a:b])[3] for a, b in spans], scorer.scores(text)[3]


def _final_compound(values: list[float], text: str) -> float:
    """The compound alone, computed as in :func:`_final_scores` (tone needs only it, sentence by sentence)."""
    total = float(sum(values))
    if total == 0:
        return 0.0
    emphasis = _punctuation_emphasis(text) if "!" in text or "?" in text else 0.0
    total = total + emphasis if total > 0 else total - emphasis
    compound = total / math.sqrt((total * total) + _NORMALIZE_ALPHA)
    return round(min(1.0, max(-1.0, compound)), 4)


def _final_scores(values: list[float], n_tokens: int, text: str) -> tuple[float, float, float, float]:
    """(neg, neu, pos, compound) from the valences of the sentiment words, as VADER's ``score_valence``.

    ``values`` are the sentiment words' valences in token order; all other tokens count as neutral zeros
    (adding zeros changes neither VADER's sum nor its positive and negative sums).
    """
    pos_sum = 0.0
    neg_sum = 0.0
    n_polar = 0
    for value in values:
        # VADER adds float(value) + 1; value + 1 is the same number (values are floats or small ints).
        if value > 0:
            pos_sum += value + 1  # +1 compensates for the neutral words counted as 1
            n_polar += 1
        elif value < 0:
            neg_sum += value - 1
            n_polar += 1
    if not n_polar:
        return 0.0, 1.0, 0.0, 0.0
    total = float(sum(values))
    emphasis = _punctuation_emphasis(text) if "!" in text or "?" in text else 0.0
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    compound = total / math.sqrt((total * total) + _NORMALIZE_ALPHA)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0
    neutral = n_tokens - n_polar
    negative = 0.0 - neg_sum  # |neg_sum| (neg_sum <= 0), never -0.0
    if pos_sum > negative:
        pos_sum += emphasis
    elif pos_sum < negative:
        neg_sum -= emphasis
        negative = 0.0 - neg_sum
    denominator = pos_sum + negative + neutral
    return (
        round(negative / denominator, 3),
        round(neutral / denominator, 3),
        round(pos_sum / denominator, 3),
        round(compound, 4),
    )


# ---------------------------------------------------------------------------------------------------------
# The scorer
# ---------------------------------------------------------------------------------------------------------


class VaderScorer:
    """VADER's sentence scorer (vaderSentiment 3.3.2), re-implemented for speed; same numbers.

    Parameters
    ----------
    overrides : mapping of str to float or None, optional
        Valence changes for domain adaptation: ``{word: new_valence}`` (on VADER's -4..4 scale) or
        ``{word: None}`` to remove a word from the lexicon. Words are lowercased (VADER looks tokens up
        in lowercase). Booster, negation and idiom words are rules, not valences, and are unaffected.
        Use :func:`load_valence_overrides` to read them from a YAML or CSV file.

    Attributes
    ----------
    lexicon : dict of str to float
        The valence lexicon in use (VADER's, with the overrides applied). Treat as read-only.

    Examples
    --------
    >>> scorer = VaderScorer()
    >>> scorer.polarity_scores("VADER is VERY SMART, handsome, and FUNNY!!!")
    {'neg': 0.0, 'neu': 0.233, 'pos': 0.767, 'compound': 0.9342}
    >>> VaderScorer(overrides={"smart": None}).scores("VADER is smart.")
    (0.0, 1.0, 0.0, 0.0)
    """

    def __init__(self, *, overrides: Mapping[str, float | None] | None = None):
        data = _vader_data()
        self.lexicon = _apply_overrides(data["lexicon"], overrides or {})
        self._emoji = data["emoji"]
        self._emoji_chars = frozenset(self._emoji)
        self._boosters = data["boosters"]
        self._booster_phrases = data["booster_phrases"]
        self._negations = data["negations"]
        self._special_cases = data["special_cases"]
        self._caps_increment = data["caps_increment"]
        self._negation_scalar = data["negation_scalar"]
        # Boosters are checked before the lexicon, so a booster never carries a valence of its own.
        self._scorable = frozenset(self.lexicon).difference(self._boosters)
        # What lets a sentiment word skip the rules (see `scores`): words that trigger a rule from the
        # three tokens before it; the first two words of the idioms and two-word boosters (a phrase can
        # only match where its first two words stand side by side); and the words that trigger a rule
        # themselves (idioms starting at the word, "no" before a lexicon word).
        phrases = [phrase for phrase in (*self._special_cases, *self._booster_phrases) if len(phrase) > 1]
        self._context_rule_words = frozenset(
            {*self._boosters, *self._negations, "no", "never", "without", "so", "this", "least"}
        )
        self._phrase_starts = frozenset(phrase[:2] for phrase in phrases)
        self._phrase_first_words = frozenset(phrase[0] for phrase in phrases)
        self._own_rule_words = frozenset({*self._phrase_first_words, "no"})
        self._one_letter_words = frozenset(
            word for word in (*self._scorable, *self._boosters) if sum(char.isalpha() for char in word) == 1
        )

    def __repr__(self) -> str:
        return f"VaderScorer(lexicon={len(self.lexicon)} words)"

    # -- public ---------------------------------------------------------------------------------------

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's four scores of `text`, as the dict ``SentimentIntensityAnalyzer.polarity_scores`` returns.

        Examples
        --------
        >>> VaderScorer().polarity_scores("Not bad at all")
        {'neg': 0.0, 'neu': 0.513, 'pos': 0.487, 'compound': 0.431}
        """
        neg, neu, pos, compound = self.scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """``(neg, neu, pos, compound)`` of `text`: the fast path of :meth:`polarity_scores`.

        Examples
        --------
        >>> VaderScorer().scores("Today SUX!")
        (0.779, 0.221, 0.0, -0.5461)
        """
        is_ascii = text.__class__ is str and text.isascii()
        if is_ascii:
            # ASCII lowercasing keeps every character (and its length): tokenize the lowered text once.
            lowered = text.lower()
            lower = _vader_tokens(lowered)
            maybe_nt = "n't" in lowered
        else:
            text, lower, maybe_nt = self._lower_tokens(text)
        if not lower:
            return 0.0, 0.0, 0.0, 0.0
        scorable = self._scorable
        return self._scored(text, lower, [i for i, word in enumerate(lower) if word in scorable], is_ascii, maybe_nt)

    def compounds(self, text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[float], float]:
        """The compound of each span of `text` (its sentences) and of the whole text, tokenising it once.

        The same numbers as ``[scores(text[a:b])[3] for a, b in spans]`` and ``scores(text)[3]``: VADER's
        tokens are runs of non-whitespace, so when only whitespace lies between the spans (as between
        sentences) the text's tokens are the spans' tokens one after the other.

        Examples
        --------
        >>> text = "The book was good. The plot was bad."
        >>> VaderScorer().compounds(text, [(0, 18), (19, 36)])
        ([0.4404, -0.5423], -0.1531)
        """
        is_ascii = text.__class__ is str and text.isascii()
        if is_ascii:
            lowered = text.lower()
            lower = _vader_tokens(lowered)
        elif isinstance(text, str) and self._emoji_chars.isdisjoint(text):
            lowered = text.lower()
            if len(lowered) != len(text):  # a few characters lower-case to two ("İ"): no offsets into it
                lowered = None
            lower = list(map(str.lower, _vader_tokens(text)))
        else:  # emoji become words: the spans' tokens are no longer slices of the text's
            return _compounds_one_by_one(self, text, spans)
        # The spans' tokens are the text's, one span after the other, when the spans are in order, start
        # and end at whitespace, and hold every token between them.
        counts = whitespace_token_counts(text, spans)
        if (counts is None or sum(counts) != len(lower)
                or any(end > start for (_, end), (start, _) in zip(spans, spans[1:]))):
            return _compounds_one_by_one(self, text, spans)
        scorable = self._scorable
        hits = [i for i, word in enumerate(lower) if word in scorable]
        compounds = []
        sentences = []  # (first token, tokens, sentiment words kept, their valences, capitals rule)
        first = 0
        hit = 0
        for (a, b), n in zip(spans, counts):
            end = first + n
            own_hits = []
            while hit < len(hits) and hits[hit] < end:
                own_hits.append(hits[hit] - first)
                hit += 1
            first, sentence_first = end, first
            if not own_hits:
                compounds.append(0.0)
                continue
            sentence_lower = lower[sentence_first:end]
            maybe_nt = (lowered.find("n't", a, b) >= 0 if lowered is not None
                        else any("n't" in word for word in sentence_lower))
            sentence = text[a:b]
            kept, values, caps = self._valences(sentence, sentence_lower, own_hits, sentence.isascii(), maybe_nt)
            sentences.append((sentence_first, n, kept, list(values), caps))
            compounds.append(self._finished(sentence, sentence_lower, kept, values, compound_only=True))
        whole = self._whole_text_compound(text, lower, hits, is_ascii, lowered, sentences) if hits else 0.0
        return compounds, whole

    def _whole_text_compound(self, text: str, lower: list[str], hits: list[int], is_ascii: bool,
                             lowered: str | None, sentences: list[tuple]) -> float:
        """The compound of the whole text, taking each word's valence from its sentence where the whole
        text gives the same: VADER's rules read three tokens back and two ahead, so away from a sentence's
        edges, and where capitals count alike, a word's valence does not depend on the other sentences."""
        maybe_nt = "n't" in lowered if lowered is not None else any("n't" in word for word in lower)
        caps, raw = self._capitals(text, lower, is_ascii)
        dropped = set(hits).difference(self._drop_kind_of(hits, lower)) if "kind" in lower else ()
        kept, values = [], []
        for first, n, sentence_kept, sentence_values, sentence_caps in sentences:
            alike = sentence_caps is None or caps is None or sentence_caps == caps
            for j, value in zip(sentence_kept, sentence_values):
                i = first + j
                if i in dropped:
                    continue
                kept.append(i)
                values.append(value if alike and 3 <= j < n - 2 else
                              self._hit_valences([i], lower, raw, bool(caps), maybe_nt)[0])
        # "kind" that ends a sentence is dropped by the whole text only: every other kept word is here.
        return self._finished(text, lower, kept, values, compound_only=True)

    def _scored(self, text: str, lower: list[str], hits: list[int], is_ascii: bool, maybe_nt: bool
                ) -> tuple[float, float, float, float]:
        """The scores of a text from its lowercased VADER tokens and the indices of its sentiment words."""
        if not hits:
            return 0.0, 1.0, 0.0, 0.0
        hits, values, _caps = self._valences(text, lower, hits, is_ascii, maybe_nt)
        return self._finished(text, lower, hits, values)

    def _valences(self, text: str, lower: list[str], hits: list[int], is_ascii: bool, maybe_nt: bool
                  ) -> tuple[list[int], list[float], bool | None]:
        """The sentiment words (without the "kind" of "kind of"), their valences before the "but" rule,
        and whether capitals add emphasis (None when no token can be a capitalised sentiment word)."""
        if "kind" in lower:
            hits = self._drop_kind_of(hits, lower)
        caps, raw = self._capitals(text, lower, is_ascii)
        return hits, self._hit_valences(hits, lower, raw, bool(caps), maybe_nt), caps

    def _capitals(self, text: str, lower: list[str], is_ascii: bool) -> tuple[bool | None, list[str] | None]:
        """Whether ALL-CAPS words add emphasis (None: no token can be a capitalised sentiment word or
        booster), and the raw tokens when they may."""
        # In ASCII text without two capitals in one token, only one-letter words (":D") can be
        # capitalised: skip the token scan.
        if text.islower() or (
            is_ascii and _MULTI_CAPITALS.search(text) is None and self._one_letter_words.isdisjoint(lower)
        ):
            return None, None
        # Stripping punctuation never changes str.isupper, so the raw tokens tell which are capitals.
        raw = text.split()
        return _caps_differential(raw), raw

    def _hit_valences(self, hits: list[int], lower: list[str], raw: list[str] | None, caps: bool,
                      maybe_nt: bool) -> list[float]:
        """Valences of the sentiment words at `hits` after every rule but "but"."""
        lexicon = self.lexicon
        context_words = self._context_rule_words
        own_words = self._own_rule_words
        phrase_first_words = self._phrase_first_words
        valence_at = self._valence_at
        values = []
        for i in hits:
            word = lower[i]
            before = lower[i - 3 if i > 3 else 0:i]
            # Most sentiment words have no rule word in the three tokens before them: their valence is
            # the lexicon's (VADER would add 0.0 three times, which changes no value). A "n't" word only
            # matters among those three.
            if (
                (maybe_nt and "n't" in " ".join(before))
                or word in own_words
                or (caps and raw[i].isupper())
                or not context_words.isdisjoint(before)
                or (not phrase_first_words.isdisjoint(before) and self._phrase_before(lower, i))
            ):
                values.append(valence_at(i, raw, lower, caps, None))
            else:
                values.append(lexicon[word])
        return values

    @staticmethod
    def _finished(text: str, lower: list[str], hits: list[int], values: list[float], *,
                  compound_only: bool = False) -> tuple[float, float, float, float] | float:
        """The scores from the valences before the "but" rule (which changes `values` in place)."""
        if "but" in lower:
            _apply_but_rule(hits, values, lower.index("but"))
        return _final_compound(values, text) if compound_only else _final_scores(values, len(lower), text)

    def word_valences(self, text: str) -> list[dict[str, Any]]:
        """Per VADER token: its lexicon valence, its final contribution and the rules that changed it.

        Returns one dict per token (VADER's tokens: whitespace-separated, surrounding punctuation
        removed, emoji replaced by their description) with keys ``token``, ``index``, ``start`` and
        ``end`` (character span in `text`; every word of an emoji's description spans the emoji),
        ``lexicon_valence`` (None when the word is not scored), ``valence`` (its final contribution to
        the sum behind ``compound``) and the flags ``booster`` (a booster/dampener before it applied),
        ``negated`` (a negation, "no" or "least" flipped it), ``intensified`` ("never so/this"),
        ``all_caps`` (ALL-CAPS emphasis), ``idiom`` (a special-case idiom or "kind of"/"sort of" set or
        changed it) and ``but_scaled`` (the "but" rule rescaled this entry; VADER's quirk may rescale an
        earlier equal valence instead of the word after "but").

        Examples
        --------
        >>> rows = VaderScorer().word_valences("It is not good")
        >>> [(r["token"], r["lexicon_valence"], r["valence"], r["negated"]) for r in rows[2:]]
        [('not', None, 0, False), ('good', 1.9, -1.406, True)]
        """
        converted = self._without_emoji(text)
        words = _vader_tokens(converted)
        lower = [word.lower() for word in words]
        spans = _token_spans(text, converted, self._emoji)
        rows = []
        for index, (token, (start, end)) in enumerate(zip(words, spans)):
            rows.append({
                "token": token, "index": index, "start": start, "end": end,
                "lexicon_valence": None, "valence": 0,
                "booster": False, "negated": False, "intensified": False,
                "all_caps": False, "idiom": False, "but_scaled": False,
            })
        hits = [i for i, word in enumerate(lower) if word in self._scorable]
        hits = self._drop_kind_of(hits, lower)
        caps = bool(words) and _caps_differential(words)
        values = []
        for i in hits:
            rows[i]["lexicon_valence"] = self.lexicon[lower[i]]
            values.append(self._valence_at(i, words, lower, caps, rows[i]))
        if "but" in lower:
            scaled = _apply_but_rule(hits, values, lower.index("but"))
            for i, was_scaled in zip(hits, scaled):
                rows[i]["but_scaled"] = was_scaled
        for i, value in zip(hits, values):
            rows[i]["valence"] = value
        return rows

    # -- internals ------------------------------------------------------------------------------------

    def _without_emoji(self, text: str) -> str:
        if not isinstance(text, str):
            raise InputError(f"text must be a str, got {type(text).__name__}; convert it with str() first")
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            return _replace_emoji(text, self._emoji)
        return text

    def _lower_tokens(self, text: str) -> tuple[str, list[str], bool]:
        """(emoji-free text, its lowercased VADER tokens, whether a token may contain "n't")."""
        text = self._without_emoji(text)
        if text.isascii():
            # ASCII lowercasing keeps every character (and its length): tokenize the lowered text once.
            lowered = text.lower()
            return text, _vader_tokens(lowered), "n't" in lowered
        lower = list(map(str.lower, _vader_tokens(text)))
        return text, lower, any("n't" in word for word in lower)

    def _phrase_before(self, lower: list[str], i: int) -> bool:
        """Whether an idiom or two-word booster may start in the three tokens before token `i`."""
        starts = self._phrase_starts
        return any(tuple(lower[k:k + 2]) in starts for k in range(max(0, i - 3), i))

    @staticmethod
    def _drop_kind_of(hits: list[int], lower: list[str]) -> list[int]:
        # "kind" followed by "of" is the dampener "kind of", not the positive word "kind".
        last = len(lower) - 1
        return [i for i in hits if not (lower[i] == "kind" and i < last and lower[i + 1] == "of")]

    def _valence_at(self, i: int, words: list[str] | None, lower: list[str], caps: bool, trace: dict | None
                    ) -> float:
        """Valence of the sentiment word at token `i` after VADER's rules (all but the "but" rule).

        `words` are the tokens in their original case (only read when `caps`), `lower` the same lowercased.
        """
        lexicon = self.lexicon
        negation = self._negation_scalar
        word = lower[i]
        valence = lexicon[word]
        # "no" right before a lexicon word negates it instead of scoring itself.
        if word == "no" and i != len(lower) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in _OR_NOR)
        ):
            valence = lexicon[word] * negation
            if trace is not None:
                trace["negated"] = True
        if caps and words[i].isupper():
            valence = valence + self._caps_increment if valence > 0 else valence - self._caps_increment
            if trace is not None:
                trace["all_caps"] = True
        for distance in (1, 2, 3):
            if i < distance or lower[i - distance] in lexicon:
                continue
            valence = valence + self._booster_shift(words, lower, i - distance, valence, caps, distance, trace)
            valence = self._negation_rules(valence, lower, i, distance, trace)
            if distance == 3:
                valence = self._idiom_rules(valence, lower, i, trace)
        # "least good" is negated; "at least good" and "very least good" are not.
        if i > 0 and lower[i - 1] == "least" and "least" not in lexicon:
            if i == 1 or (lower[i - 2] != "at" and lower[i - 2] != "very"):
                valence = valence * negation
                if trace is not None:
                    trace["negated"] = True
        return valence

    def _booster_shift(self, words: list[str] | None, lower: list[str], at: int, valence: float, caps: bool,
                       distance: int, trace: dict | None) -> float:
        """Change of valence due to a booster/dampener at token `at`, `distance` tokens before the word."""
        shift = self._boosters.get(lower[at])
        if shift is None:
            return 0.0
        if valence < 0:
            shift *= -1
        if caps and words[at].isupper():
            shift = shift + self._caps_increment if valence > 0 else shift - self._caps_increment
        if distance == 2 and shift != 0:
            shift = shift * _SECOND_WORD_DAMPING
        elif distance == 3 and shift != 0:
            shift = shift * _THIRD_WORD_DAMPING
        if trace is not None and shift != 0:
            trace["booster"] = True
        return shift

    def _is_negation(self, word_lower: str) -> bool:
        return word_lower in self._negations or "n't" in word_lower

    def _negation_rules(self, valence: float, lower: list[str], i: int, distance: int, trace: dict | None) -> float:
        """Negation by the word `distance` tokens back, with VADER's "never so/this" and "without doubt"."""
        flip = False
        if distance == 1:
            flip = self._is_negation(lower[i - 1])
        elif distance == 2:
            if lower[i - 2] == "never" and lower[i - 1] in _SO_THIS:
                return self._intensify(valence, trace)
            if lower[i - 2] == "without" and lower[i - 1] == "doubt":
                return valence
            flip = self._is_negation(lower[i - 2])
        else:
            # VADER's precedence: (never and so/this two back) or (so/this right before the word).
            if (lower[i - 3] == "never" and lower[i - 2] in _SO_THIS) or lower[i - 1] in _SO_THIS:
                return self._intensify(valence, trace)
            if lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                return valence
            flip = self._is_negation(lower[i - 3])
        if flip:
            if trace is not None:
                trace["negated"] = True
            return valence * self._negation_scalar
        return valence

    @staticmethod
    def _intensify(valence: float, trace: dict | None) -> float:
        if trace is not None:
            trace["intensified"] = True
        return valence * _NEVER_SO_BOOST

    def _idiom_rules(self, valence: float, lower: list[str], i: int, trace: dict | None) -> float:
        """Special-case idioms around the word and two-word boosters ("kind of") before it."""
        special = self._special_cases
        w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
        original = valence
        for phrase in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
            if phrase in special:
                valence = special[phrase]
                break
        last = len(lower) - 1
        if last > i and (w0, lower[i + 1]) in special:
            valence = special[(w0, lower[i + 1])]
        if last > i + 1 and (w0, lower[i + 1], lower[i + 2]) in special:
            valence = special[(w0, lower[i + 1], lower[i + 2])]
        phrases = self._booster_phrases
        for phrase in ((w3, w2, w1), (w3, w2), (w2, w1)):
            if phrase in phrases:
                valence = valence + phrases[phrase]
        if trace is not None and valence is not original:
            trace["idiom"] = True
        return valence


def _token_spans(text: str, converted: str, emoji: Mapping[str, str]) -> list[tuple[int, int]]:
    """Character spans in `text` of the VADER tokens of `converted` (`text` with emoji replaced)."""
    if converted is text or converted == text:
        origin = None
    else:
        origin = _converted_origins(text, emoji)
    spans = []
    position = 0
    for raw in converted.split():
        start = converted.find(raw, position)
        position = start + len(raw)
        stripped = raw.strip(_PUNCTUATION)
        end = position
        if len(stripped) > 2:
            start += len(raw) - len(raw.lstrip(_PUNCTUATION))
            end = start + len(stripped)
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        spans.append((start, end))
    return spans


def _converted_origins(text: str, emoji: Mapping[str, str]) -> list[int]:
    """For each character of the emoji-replaced text, the index of the character of `text` it comes from."""
    origin: list[int] = []
    previous_is_space = True
    for position, char in enumerate(text):
        description = emoji.get(char)
        if description is None:
            origin.append(position)
            previous_is_space = char == " "
            continue
        origin.extend([position] * (len(description) + (not previous_is_space)))
        previous_is_space = False
    return origin


# ---------------------------------------------------------------------------------------------------------
# Valence overrides
# ---------------------------------------------------------------------------------------------------------


def _check_override(word: Any, valence: Any) -> tuple[str, float | None]:
    """Validated ``(lowercased word, valence)``; raises ValueError with a message saying what to fix."""
    if not isinstance(word, str) or not word.strip():
        raise ValueError(f"empty or non-text word {word!r}; give the word to change")
    if any(char.isspace() for char in word.strip()):
        raise ValueError(f"{word!r} contains whitespace; VADER scores single tokens, give one word")
    if valence is None:
        return word.strip().lower(), None
    if isinstance(valence, bool) or not isinstance(valence, Real):
        raise ValueError(f"valence of {word!r} is {valence!r}; give a number between -4 and 4, or null to remove")
    valence = float(valence)
    if not -MAX_VALENCE <= valence <= MAX_VALENCE:
        raise ValueError(f"valence of {word!r} is {valence}; VADER's scale runs from -4 to 4")
    return word.strip().lower(), valence


def _apply_overrides(lexicon: Mapping[str, float], overrides: Mapping[str, float | None]) -> dict[str, float]:
    if not isinstance(overrides, Mapping):
        raise InputError(
            f"overrides must be a mapping of word to valence, got {type(overrides).__name__}; "
            "read a file with load_valence_overrides(path)"
        )
    result = dict(lexicon)
    for word, valence in overrides.items():
        try:
            word, valence = _check_override(word, valence)
        except ValueError as error:
            raise InputError(str(error)) from None
        if valence is None:
            result.pop(word, None)
        else:
            result[word] = valence
    return result


_OVERRIDE_METADATA = {"name", "version", "description", "sources"}


def load_valence_overrides(path: str | os.PathLike) -> dict[str, float | None]:
    """Read valence overrides for domain adaptation from a YAML or CSV file.

    YAML: a top-level ``valences:`` mapping of word to valence (``null`` removes the word); the optional
    keys ``name``, ``version``, ``description`` and ``sources`` document the file. CSV: rows
    ``word,valence`` (an optional ``word,valence`` header; an empty valence removes the word). Valences are
    on VADER's -4..4 scale; words are single tokens, compared in lowercase.

    Raises
    ------
    LexiconError
        With the file and line, for an unknown top-level key, an empty word, a word with whitespace, a
        duplicate word, a non-numeric valence or one outside [-4, 4].

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "finance.yml").write_text("valences:\\n  bull: 1.5\\n  crude: null\\n")
    >>> load_valence_overrides(folder / "finance.yml")
    {'bull': 1.5, 'crude': None}
    >>> VaderScorer(overrides=load_valence_overrides(folder / "finance.yml")).scores("A bull market.")
    (0.0, 0.444, 0.556, 0.3612)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".yml", ".yaml", ".csv"}:
        raise LexiconError("valence overrides must be a .yml/.yaml or .csv file", path=path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError("file not found; check the path", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"cannot read the file ({error})", path=path) from None
    entries = _yaml_entries(content, path) if suffix != ".csv" else _csv_entries(content, path)
    overrides: dict[str, float | None] = {}
    first_line: dict[str, int] = {}
    for word, valence, line in entries:
        try:
            word, valence = _check_override(word, valence)
        except ValueError as error:
            raise LexiconError(str(error), path=path, line=line) from None
        if word in overrides:
            raise LexiconError(f"duplicate word {word!r} (first on line {first_line[word]}); keep one", path=path,
                               line=line)
        overrides[word] = valence
        first_line[word] = line
    return overrides


def _yaml_entries(content: str, path: Path) -> list[tuple[Any, Any, int]]:
    import yaml

    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)
        yaml.safe_load(content)  # refuses tags such as !!python/object anywhere, metadata included (runs none)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LexiconError(f"invalid YAML: {getattr(error, 'problem', error)}", path=path,
                           line=None if mark is None else mark.line + 1) from None
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError("expected a mapping with a 'valences:' key", path=path, line=1)
    valences = None
    for key_node, value_node in root.value:
        key = key_node.value
        if key == "valences":
            valences = value_node
        elif key not in _OVERRIDE_METADATA:
            allowed = ", ".join(sorted(_OVERRIDE_METADATA | {"valences"}))
            raise LexiconError(f"unknown key {key!r}; allowed keys: {allowed}", path=path,
                               line=key_node.start_mark.line + 1)
    if valences is None:
        raise LexiconError("missing the 'valences:' mapping of word to valence", path=path, line=1)
    if not isinstance(valences, yaml.MappingNode):
        raise LexiconError("'valences' must be a mapping of word to valence", path=path,
                           line=valences.start_mark.line + 1)
    loader = yaml.SafeLoader("")
    entries = []
    for key_node, value_node in valences.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or not isinstance(value_node, yaml.ScalarNode):
            raise LexiconError("each entry must be 'word: valence'", path=path, line=line)
        word = loader.construct_object(key_node)
        valence = loader.construct_object(value_node)
        entries.append((word if isinstance(word, str) else str(word), valence, line))
    return entries


def _csv_entries(content: str, path: Path) -> list[tuple[Any, Any, int]]:
    entries = []
    reader = csv.reader(content.splitlines())
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise LexiconError(f"expected 2 columns 'word,valence', found {len(row)}", path=path, line=line)
        word, valence = (cell.strip() for cell in row)
        if line == 1 and word.lower() == "word" and valence.lower() == "valence":
            continue
        if valence == "":
            entries.append((word, None, line))
            continue
        try:
            number = float(valence)
        except ValueError:
            raise LexiconError(f"valence of {word!r} is {valence!r}; give a number between -4 and 4, "
                               "or leave it empty to remove the word", path=path, line=line) from None
        entries.append((word, number, line))
    return entries


# ---------------------------------------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------------------------------------


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
