"""Find the phrases of several lexicons in a document with one Aho-Corasick scan.

Rules, the same for every lexicon:

- phrases match whole tokens, case-insensitively (unless the entry is case-sensitive);
- the words of a phrase must follow one another with a single space (or line break) between them: a
  phrase never spans punctuation, a quotation mark or a paragraph break ("critics, say" is not
  "critics say");
- ``*`` at the end of a word is a suffix wildcard; a possessive ``'s`` after any word is ignored;
- the longest match wins, and matches of one lexicon never overlap; matches of different lexicons may
  (a word can be loaded language and a frame cue at once);
- an ``exclude`` phrase takes its words out of matching: it wins over an entry of the same length.

Every phrase is compiled into the strings its first words can take in the document's *match string* (the
lower-cased text with every non-token character replaced by a space,
:attr:`framing.text.segment.Segments.match_string`): ``" so-called "``, ``" critics say "``,
``" critics say's "`` ..., and a wildcard word ends its string (``" scandal"``). pyahocorasick finds all of them in one pass in
C, so the cost grows with the text and the number of matches, not with the number of entries; Python only
looks at the (few) places where a phrase was found.

Compiling is linear in an entry's length: each word may carry a possessive, so the strings of all its
words would number 2^n (a 20-word actor alias took seconds and a gigabyte). Only the first
:data:`HEAD_WORDS` words are compiled (at most 2^4 strings); the words after them (and after a wildcard)
are checked where the head was found.

An actor alias written with punctuation between its words ("Mr. Trump", "Donald J. Trump") keeps it: its
compiled string has as many spaces as the alias has characters between the words, and a match is kept only
where the text has those same characters there (:func:`_separators_agree`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import product
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np

from framing.text.lexicons import Entry, Lexicon, load_lexicon
from framing.text.segment import Segments

__all__ = ["Match", "PhraseMatcher", "is_negated"]

_NEGATION_WINDOW = 3
_WORDS = Entry._fields.index("words")  # entry[_WORDS] skips the attribute lookup in the hot loop
_POSSESSIVE = "'s"
#: Words of an entry compiled into the automaton (with their possessive forms: at most 2^4 strings); the
#: rest are checked where these were found.
HEAD_WORDS = 4


class Match(NamedTuple):
    """A phrase found in a document: token range, lexicon index, and the entry that matched."""

    first_token: int
    end_token: int
    lexicon: int
    entry: Entry


class _Target(NamedTuple):
    """What one compiled string stands for: an entry of a lexicon, its rank among candidates that start
    and end at the same place (exclude phrases first, then exact words before wildcards, then lexicon
    order), the words left to check after the compiled head (after its wildcard, or after
    :data:`HEAD_WORDS` words) with the number of spaces before each, and the checks the entry needs."""

    lexicon: int
    rank: int
    entry: Entry
    tail: tuple[str, ...]
    tail_gaps: tuple[int, ...]
    case_sensitive: bool
    separators: tuple[str, ...] | None


def _compiled_strings(words: Sequence[str], gaps: Sequence[int] | None = None
                      ) -> tuple[list[str], tuple[str, ...], tuple[int, ...]]:
    """The strings an entry's first words take in a match string, and the words left to check after them
    with the spaces before each.

    ``gaps[i]`` is the number of characters between word ``i`` and word ``i + 1`` (1 unless an alias has
    punctuation there). The head is the words before the first wildcard (which ends the string) or the
    first :data:`HEAD_WORDS` words, whichever comes first: at most 2^HEAD_WORDS strings, whatever the
    entry's length.

    Examples
    --------
    >>> _compiled_strings(["critics", "say"])
    ([' critics say ', " critics say's ", " critics's say ", " critics's say's "], (), ())
    >>> _compiled_strings(["mr", "trump"], [2])[0][:1]
    [' mr  trump ']
    >>> strings, tail, gaps = _compiled_strings(["a", "b", "c", "d", "e", "f*"])
    >>> len(strings), strings[0], tail, gaps
    (16, ' a b c d ', ('e', 'f*'), (1, 1))
    """
    lowered = [word.lower() for word in words]
    gaps = list(gaps) if gaps is not None else [1] * (len(lowered) - 1)
    wildcard = next((i for i, word in enumerate(lowered) if word.endswith("*")), None)
    if wildcard is not None and wildcard <= HEAD_WORDS:
        head, stem, rest = lowered[:wildcard], lowered[wildcard][:-1], wildcard + 1
    else:
        head, stem, rest = lowered[:HEAD_WORDS], None, min(HEAD_WORDS, len(lowered))
    variants = product(*[(word, word + _POSSESSIVE) for word in head])
    tail, tail_gaps = tuple(lowered[rest:]), tuple(gaps[rest - 1:]) if rest else ()
    strings = []
    for variant in variants:
        parts = [*variant, stem] if stem is not None else list(variant)
        string = " " + "".join(part + " " * gap for part, gap in zip(parts[:-1], gaps)) + parts[-1]
        strings.append(string if stem is not None else string + " ")
    return strings, tail, tail_gaps


class PhraseMatcher:
    """Matches the phrases of several lexicons in one pass over a document.

    Parameters
    ----------
    lexicons : sequence of Lexicon or str
        Lexicons (or names/paths for :func:`framing.load_lexicon`). Matches of one lexicon never
        overlap; matches of different lexicons may.

    Examples
    --------
    >>> from framing.text.segment import segment
    >>> matcher = PhraseMatcher(["loaded"])
    >>> seg = segment("The so-called reform was a catastrophic failure.")
    >>> [(seg.text[seg.token_starts[m.first_token]:seg.token_ends[m.end_token - 1]], m.entry.category)
    ...  for m in matcher.match(seg)]
    [('so-called', 'doubt'), ('catastrophic', 'hyperbole')]
    """

    def __init__(self, lexicons: Iterable[Lexicon | str | Path]):
        self.lexicons = [load_lexicon(lexicon) for lexicon in lexicons]
        self._automaton = _automaton(self.lexicons)
        self._empty = len(self._automaton) == 0

    def match(self, seg: Segments) -> list[Match]:
        """All matches in a segmented document, in text order (excluded senses removed); matches that
        start at the same token are in lexicon order."""
        return self._matches(seg, grouped=False)

    def match_by_lexicon(self, seg: Segments) -> list[list[Match]]:
        """The matches of each lexicon (in the order of :attr:`lexicons`), each in text order."""
        return self._matches(seg, grouped=True)

    def _matches(self, seg: Segments, *, grouped: bool):
        text = seg.match_string  # the text's offsets plus one
        candidates = []
        add = candidates.append
        for last, (length, wildcard, plain, checked) in ([] if self._empty else self._automaton.iter(text)):
            start = last - length  # offsets into the text: the first word's first character ...
            end = text.find(" ", last) - 1 if wildcard else last - 1  # ... and one past the last word
            for lexicon, rank, entry in plain:
                add((start, lexicon, -end, rank, entry))
            for lexicon, rank, entry, tail, tail_gaps, case_sensitive, separators in checked:
                stop = end if not tail else _follow(text, end + 1, tail, tail_gaps) - 1
                if (stop >= 0 and not (case_sensitive and not _same_case(seg, start + 1, stop + 1, entry))
                        and (separators is None or _separators_agree(seg, start, stop, separators))):
                    add((start, lexicon, -stop, rank, entry))
        # In text order; at one start, the longest candidate of a lexicon first, then by rank.
        candidates.sort()
        free_from = [0] * len(self.lexicons)
        starts: list[int] = []
        kept: list[tuple[int, Entry]] = []
        for start, lexicon, negative_end, _rank, entry in candidates:
            if start < free_from[lexicon]:
                continue  # inside a longer (or earlier) match of the same lexicon
            free_from[lexicon] = -negative_end
            if not entry.exclude:
                starts.append(start)
                kept.append((lexicon, entry))
        firsts = np.searchsorted(seg.bounds.starts, starts).tolist() if starts else []
        new = tuple.__new__  # Match(...) runs Python code per match; tuple.__new__ does not
        if not grouped:
            return [new(Match, (first, first + len(entry[_WORDS]), lexicon, entry))
                    for first, (lexicon, entry) in zip(firsts, kept)]
        groups: list[list[Match]] = [[] for _ in self.lexicons]
        for first, (lexicon, entry) in zip(firsts, kept):
            groups[lexicon].append(new(Match, (first, first + len(entry[_WORDS]), lexicon, entry)))
        return groups


# Compiled automata by the content of their lexicons: every analyze() call builds a DocumentAnalyzer,
# and compiling the shipped lexicons takes about 0.1 s, which is most of a small batch's fixed cost.
_COMPILED: dict[tuple, ahocorasick.Automaton] = {}
_COMPILED_KEPT = 8


def _automaton(lexicons: Sequence[Lexicon]) -> ahocorasick.Automaton:
    key = tuple(tuple(lexicon.entries) for lexicon in lexicons)
    automaton = _COMPILED.get(key)
    if automaton is None:
        automaton = _compile(lexicons)
        if len(_COMPILED) >= _COMPILED_KEPT:
            del _COMPILED[next(iter(_COMPILED))]
        _COMPILED[key] = automaton
    return automaton


def _compile(lexicons: Sequence[Lexicon]) -> ahocorasick.Automaton:
    """One automaton of every string that the lexicons' entries can take in a match string."""
    targets: dict[str, list[_Target]] = {}
    for index, lexicon in enumerate(lexicons):
        ranked = sorted(range(len(lexicon.entries)), key=lambda i: _tie_order(lexicon.entries[i], i))
        rank_of = {position: rank for rank, position in enumerate(ranked)}
        for order, entry in enumerate(lexicon.entries):
            if not entry.words:  # an alias of nothing but markup or punctuation matches nothing
                continue
            separators = entry.separators
            gaps = [len(separator) for separator in separators] if separators is not None else None
            strings, tail, tail_gaps = _compiled_strings(entry.words, gaps)
            target = _Target(index, rank_of[order], entry, tail, tail_gaps, entry.case_sensitive, separators)
            for string in strings:
                targets.setdefault(string, []).append(target)
    automaton = ahocorasick.Automaton()
    for string, found in targets.items():
        # Most strings stand for entries that need no check beyond the scan: keep those apart.
        plain = tuple((t.lexicon, t.rank, t.entry) for t in found if not _needs_check(t))
        checked = tuple(t for t in found if _needs_check(t))
        # (offset of the first word's first character from the string's last character, wildcard?, ...)
        automaton.add_word(string, (len(string) - 1, string[-1] != " ", plain, checked))
    if targets:
        automaton.make_automaton()
    return automaton


def _needs_check(target: _Target) -> bool:
    return bool(target.tail or target.case_sensitive or target.separators is not None)


def _tie_order(entry: Entry, order: int) -> tuple[bool, bool, int]:
    return not entry.exclude, any(word.endswith("*") for word in entry.words), order


def _follow(text: str, stop: int, words: Sequence[str], gaps: Sequence[int]) -> int:
    """Where the ``words`` after a compiled head end, if they follow ``stop`` in the match string, each after
    its number of spaces (``gaps``); else -1."""
    for word, gap in zip(words, gaps):
        if text[stop:stop + gap] != " " * gap or text[stop + gap:stop + gap + 1] == " ":
            return -1
        stop += gap - 1  # the space before the word
        if word.endswith("*"):
            if not text.startswith(word[:-1], stop + 1):
                return -1
            stop = text.find(" ", stop + 1)
            continue
        for form in (word, word + _POSSESSIVE):
            if text.startswith(form, stop + 1) and text[stop + 1 + len(form):stop + 2 + len(form)] == " ":
                stop = stop + 1 + len(form)
                break
        else:
            return -1
    return stop


def _same_case(seg: Segments, start: int, end: int, entry: Entry) -> bool:
    """Whether the words between ``start`` and ``end`` of the match string have, in the text, the case of
    a case-sensitive entry's words."""
    text, match_string = seg.text, seg.match_string
    for word in entry.words:
        stop = match_string.find(" ", start, end + 1)
        surface = text[start - 1:stop - 1]  # the match string is the text shifted by its padding space
        if word.endswith("*"):
            if not surface.startswith(word[:-1]):
                return False
        elif surface != word and surface != word + _POSSESSIVE:
            return False
        start = stop + 1
        while match_string[start:start + 1] == " " and start < end:  # an alias's punctuation ("U.S.")
            start += 1
    return True


def _separators_agree(seg: Segments, start: int, stop: int, separators: Sequence[str]) -> bool:
    """Whether the characters between the words of a match (text offsets ``start`` to ``stop``) are an
    alias's ``separators`` ("Mr. Trump" needs ". " there, not ", "); a line break counts as a space."""
    found = [seg.text[a - 1:b - 1].replace("\n", " ")
             for a, b in (m.span() for m in _SPACE_RUN_RE.finditer(seg.match_string, start + 1, stop + 1))]
    return found == list(separators)


_SPACE_RUN_RE = re.compile(" +")


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    data = resources.files("framing").joinpath("data/negations.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#"))


def is_negated(seg: Segments, first_token: int, *, sentence_first_token: int = 0) -> bool:
    """Whether a negation ("not", "never", "no", a n't word) precedes a token within three words.

    Examples
    --------
    >>> from framing.text.segment import segment
    >>> seg = segment("This is not a crisis.")
    >>> is_negated(seg, 4)
    True
    """
    negations = _negations()
    for token in seg.tokens[max(sentence_first_token, first_token - _NEGATION_WINDOW):first_token]:
        if token in negations or token.endswith("n't"):
            return True
    return False
