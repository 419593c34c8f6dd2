"""The fast VADER scorer: vaderSentiment 3.3.2's word rules over tokens lowercased once, sentence
compounds of a whole document from one tokenisation, and per-word valences for explanations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.errors import InputError
from framing.features.vader_data import (
    _MULTI_CAPITALS,
    _PUNCTUATION,
    _caps_differential,
    _replace_emoji,
    _vader_data,
    _vader_tokens,
)
from framing.features.vader_overrides import _apply_overrides
from framing.features.vader_rules import (
    _NEVER_SO_BOOST,
    _SECOND_WORD_DAMPING,
    _THIRD_WORD_DAMPING,
    _apply_but_rule,
    _compounds_one_by_one,
    _final_compound,
    _final_scores,
)
from framing.text.tokens import whitespace_token_counts

__all__ = ["VaderScorer"]


_SO_THIS = ("so", "this")


_OR_NOR = ("or", "nor")


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
