"""Word tokens with their offsets, found with array operations rather than one regex match per token.

A token is a maximal run of letters and digits (``str.isalnum``), in which an apostrophe or a hyphen
between two letters or digits ("don't", "so-called") and a full stop or comma between two digits
("6.8", "1,200") do not break the run. :data:`framing.text.segment.TOKEN_PATTERN` is the same definition as a
regular expression; tests hold the two equal.

Tokenising is the floor of every text tool's cost. Building one match object per token and its offsets
in Python costs about twice a bare ``re.findall``; classifying every character with numpy and taking the
edges of the runs gives the offsets of all tokens for a fraction of that. The same pass writes the
*match string*: the lower-cased text with every character that is not part of a token replaced by a
space, padded with one space at each end. Its offsets are the text's plus one, every token stands
between spaces, and :class:`framing.text.matcher.PhraseMatcher` finds whole-token phrases in it with one
Aho-Corasick scan in C.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["TokenBounds", "token_bounds", "whitespace_token_counts"]

_SPACE = ord(" ")
# Tables by code point for ASCII; index 128 stands for every other code point (classified apart).
_ALNUM = np.array([chr(code).isalnum() for code in range(128)] + [False])
_DIGIT = np.array([chr(code).isdecimal() for code in range(128)] + [False])
_SPACE_CHARS = np.array([chr(code).isspace() for code in range(128)] + [False])
_WORD_JOINER, _NUMBER_JOINER = 1, 2  # "'" and "-" join letters or digits; "." and "," join digits
_JOINER = np.array([_WORD_JOINER if chr(code) in "'-" else _NUMBER_JOINER if chr(code) in ".," else 0
                    for code in range(129)], dtype=np.uint8)


class TokenBounds:
    """Token offsets of one text and its token string.

    Attributes
    ----------
    starts, ends : numpy.ndarray
        Character offsets of each token (int64).
    match_string : str
        ``" " + lowered + " "`` with every character outside a token replaced by a space.
    n_numbers : int
        Tokens that begin with a digit: figures ("12", "3.5", "1,200", "1990s").
    """

    __slots__ = ("starts", "ends", "match_string", "n_numbers")

    def __init__(self, starts: np.ndarray, ends: np.ndarray, match_string: str, n_numbers: int):
        self.starts = starts
        self.ends = ends
        self.match_string = match_string
        self.n_numbers = n_numbers


def token_bounds(lowered: str) -> TokenBounds:
    """Tokens of a lower-cased text, as offsets and as a match string.

    Parameters
    ----------
    lowered : str
        The lower-cased text (``text.lower()``, of the same length as ``text``).

    Returns
    -------
    TokenBounds

    Examples
    --------
    >>> bounds = token_bounds("the so-called 'reform' cost 6.8m, didn't it?")
    >>> bounds.match_string
    " the so-called  reform  cost 6.8m  didn't it  "
    >>> bounds.starts.tolist()[:3], bounds.ends.tolist()[:3]
    ([0, 4, 15], [3, 13, 21])
    """
    # Pad with a space at both ends: every token then has a character before and after it.
    codes = _code_points(f" {lowered} ")
    alnum, digit, joiner = _classify(codes, (_ALNUM, str.isalnum), (_DIGIT, str.isdecimal), (_JOINER, None))
    inner = joiner[1:-1]
    in_token = alnum  # a fresh array: updated in place
    in_token[1:-1] |= (((inner == _WORD_JOINER) & alnum[:-2] & alnum[2:])
                       | ((inner == _NUMBER_JOINER) & digit[:-2] & digit[2:]))
    # +1 where a run of token characters starts, -1 one past where it ends; the padding shifts offsets in
    # ``padded`` by one, which the difference of neighbours takes back.
    edges = np.diff(in_token.view(np.int8))
    starts = np.flatnonzero(edges == 1)
    # Token characters stay, every other one becomes a space (arithmetic modulo the integer width).
    match_codes = (codes - _SPACE) * in_token + _SPACE
    encoding = "ascii" if codes.dtype == np.uint8 else "utf-32-le"
    return TokenBounds(starts, np.flatnonzero(edges == -1), match_codes.tobytes().decode(encoding, "surrogatepass"),
                       int(np.count_nonzero(digit[starts + 1])))


def _code_points(text: str) -> np.ndarray:
    """The code points of a text: bytes when it is ASCII (most news text), 32-bit integers otherwise."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    # "surrogatepass": a lone surrogate (broken input) is kept as a character like any other.
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _classify(codes: np.ndarray, *kinds: tuple[np.ndarray, Callable[[str], bool] | None]) -> list[np.ndarray]:
    """Per (table, test): the table's value of every code point. The tables cover ASCII, their index 128
    every other code point; ``test`` (a ``str`` predicate) decides those, once per distinct one."""
    if codes.dtype == np.uint8:
        return [table.take(codes) for table, _ in kinds]
    clipped = np.minimum(codes, 128)
    values = [table.take(clipped) for table, _ in kinds]
    others = np.flatnonzero(codes >= 128)
    distinct, position = np.unique(codes[others], return_inverse=True)
    characters = [chr(code) for code in distinct.tolist()]
    for value, (_, test) in zip(values, kinds):
        if test is not None:
            value[others] = np.array([test(character) for character in characters], dtype=bool)[position]
    return values


def whitespace_token_counts(text: str, spans: list[tuple[int, int]]) -> list[int] | None:
    """``len(text[a:b].split())`` for each span, in one vectorised pass; None unless every span starts
    and ends at whitespace or at an end of the text (so that its tokens are whole tokens of the text).

    Examples
    --------
    >>> whitespace_token_counts("One two.  Three!\\nFour five six.", [(0, 8), (10, 16), (17, 31)])
    [2, 1, 3]
    >>> whitespace_token_counts("Goodness", [(0, 4)]) is None
    True
    """
    if not spans:
        return []
    (space,) = _classify(_code_points(f" {text} "), (_SPACE_CHARS, str.isspace))
    bounds = np.array(spans, dtype=np.int64)
    # In ``padded``, text offset a is at a + 1: the character before a span is at a, the one after at b + 1.
    if not (space[bounds[:, 0]].all() and space[bounds[:, 1] + 1].all()):
        return None
    word_starts = np.flatnonzero(space[:-1] & ~space[1:])  # text offsets of the first character of each token
    firsts = np.searchsorted(word_starts, bounds)
    return (firsts[:, 1] - firsts[:, 0]).tolist()
