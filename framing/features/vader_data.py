"""VADER's data read from the installed vaderSentiment package (lexicon, emoji, rule words), and VADER's tokens of a text."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

_PUNCTUATION = string.punctuation


_MULTI_CAPITALS = re.compile(r"[A-Z][^a-z\s]*[A-Z]")  # two capitals in one ASCII token


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
