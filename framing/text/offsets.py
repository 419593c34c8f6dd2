"""Offsets into the text the caller passed: the map that normalisation builds, and the translation helpers.

Scoring reads the normalised text (:func:`framing.text.segment.normalize`: entities decoded, tags dropped, dashes
spaced, spaces collapsed ...); users slice the text they passed. :func:`framing.text.segment.normalize` runs its
steps through a *tracker*: the plain one (:data:`UNTRACKED`) only transforms the text, as fast as before;
an :class:`OffsetTracker` also records, for every character of the normalised text, the stretch of the raw
text it came from. That record is an :class:`OffsetMap`. It is built only where offsets leave the package
(``find_phrases``, ``kwic``, ``sentence_tones``, ``explain``): :class:`framing.text.segment.Segments` computes it on
first use, so the full ``analyze`` pass never pays for it.

The promise, for every span ``(start, end)`` of the normalised text that neither starts nor ends in
whitespace (tokens, phrases, sentences)::

    a, b = to_raw_spans(seg, [start], [end])
    normalize(raw[a:b]) == seg.text[start:end]

A character that replaces several raw characters (``&amp;`` -> ``&``, an em dash -> `` - ``) maps to the
whole stretch it replaced; characters that normalisation removed (tags, zero-width characters, collapsed
spaces) belong to no normalised character, so a span's raw slice includes those inside it and none outside.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Protocol


class Segments(Protocol):
    """What the translation helpers need of :class:`framing.text.segment.Segments` (which imports this
    module, so it is not imported here): its offset map."""

    @property
    def offsets(self) -> OffsetMap: ...

__all__ = ["OffsetMap", "OffsetTracker", "UNTRACKED", "to_normalized_spans", "to_raw_spans"]

Replacement = str | Callable[[re.Match], str]


class OffsetMap:
    """Where each character of a normalised text came from in the raw text.

    Attributes
    ----------
    raw : str
        The text the caller passed.
    starts, ends : list of int
        For normalised character ``i``, the raw stretch ``raw[starts[i]:ends[i]]`` it stands for (both
        non-decreasing). Plain lists: a public result translates a few dozen spans, for which indexing a
        list is several times faster than a numpy call.

    Examples
    --------
    >>> from framing.text.segment import normalize_with_offsets
    >>> text, offsets = normalize_with_offsets("A  deal &amp; more")
    >>> text, offsets.to_raw([7], [8])
    ('A deal & more', ([8], [13]))
    """

    __slots__ = ("raw", "starts", "ends")

    def __init__(self, raw: str, starts: list[int], ends: list[int]):
        self.raw = raw
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.starts)

    def __repr__(self) -> str:
        return f"OffsetMap(raw={len(self.raw)} characters, normalised={len(self)} characters)"

    def to_raw(self, starts: Iterable[int], ends: Iterable[int]) -> tuple[list[int], list[int]]:
        """Raw offsets of normalised spans ``[starts[k], ends[k])``.

        An empty span maps to an empty raw span where its position's character came from (or the end).
        """
        first_of, last_of = self.starts, self.ends
        n = len(first_of)
        # One past the last character maps to one past the last raw character that any character came from.
        end_of_text = last_of[-1] if n else 0
        raw_starts, raw_ends = [], []
        for start, end in zip(starts, ends):
            raw_start = first_of[start] if 0 <= start < n else end_of_text
            raw_starts.append(raw_start)
            raw_ends.append(last_of[end - 1] if end > start and 0 < end <= n else raw_start)
        return raw_starts, raw_ends

    def to_normalized(self, starts: Iterable[int], ends: Iterable[int]) -> tuple[list[int], list[int]]:
        """Normalised offsets of raw spans: the normalised characters that lie wholly inside each raw span.

        The inverse of :meth:`to_raw` for the spans it returns (``to_normalized(*to_raw(s, e)) == (s, e)``).
        """
        firsts, stops = [], []
        for start, end in zip(starts, ends):
            first = bisect_left(self.starts, start)
            firsts.append(first)
            stops.append(max(bisect_right(self.ends, end), first))
        return firsts, stops


def to_raw_spans(segments: Segments, starts: Iterable[int], ends: Iterable[int]) -> tuple[list[int], list[int]]:
    """Offsets into the caller's text of spans of ``segments.text`` (the normalised text).

    This is the one function every public result goes through before it returns offsets.

    Parameters
    ----------
    segments : Segments
        A document from :func:`framing.text.segment.segment` (it keeps the raw text and builds the map on first use).
    starts, ends : sequence of int
        Spans of the normalised text, end exclusive.

    Returns
    -------
    (list of int, list of int)
        Raw starts and ends; ``raw[a:b]`` is the span as the caller wrote it.

    Examples
    --------
    >>> from framing.text.segment import segment
    >>> raw = "<p>Critics  slammed the\u00a0plan&hellip;</p>"
    >>> seg = segment(raw)
    >>> seg.text
    'Critics slammed the plan...'
    >>> starts, ends = to_raw_spans(seg, [8, 20], [15, 27])
    >>> [raw[a:b] for a, b in zip(starts, ends)]
    ['slammed', 'plan&hellip;']
    """
    return segments.offsets.to_raw(starts, ends)


def to_normalized_spans(segments: Segments, starts: Iterable[int], ends: Iterable[int]
                        ) -> tuple[list[int], list[int]]:
    """Spans of ``segments.text`` from spans of the caller's text (the inverse of :func:`to_raw_spans`).

    Examples
    --------
    >>> from framing.text.segment import segment
    >>> seg = segment("Critics  slammed it.")
    >>> to_normalized_spans(seg, [9], [16])
    ([8], [15])
    """
    return segments.offsets.to_normalized(starts, ends)


# ---------------------------------------------------------------------------------------------------------
# Trackers: the steps of normalisation, with or without the map


class _Untracked:
    """Runs normalisation's steps on the text alone (the fast path every document takes)."""

    @staticmethod
    def sub(pattern: re.Pattern, replacement: Replacement, text: str) -> str:
        return pattern.sub(replacement, text)

    @staticmethod
    def nfc(text: str) -> str:
        return unicodedata.normalize("NFC", text)

    @staticmethod
    def strip(text: str) -> str:
        return text.strip()


#: The tracker of :func:`framing.text.segment.normalize`: no map.
UNTRACKED = _Untracked()


class OffsetTracker:
    """Runs normalisation's steps and keeps, for every character of the current text, its raw stretch.

    Parameters
    ----------
    raw : str
        The text before the first step.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self.starts = list(range(len(raw)))
        self.ends = list(range(1, len(raw) + 1))

    def offset_map(self) -> OffsetMap:
        return OffsetMap(self.raw, self.starts, self.ends)

    def sub(self, pattern: re.Pattern, replacement: Replacement, text: str) -> str:
        """``pattern.sub(replacement, text)``, moving the map along."""
        edits = [(match.start(), match.end(), replacement if isinstance(replacement, str) else replacement(match))
                 for match in pattern.finditer(text)]
        return self.edit(text, edits)

    def edit(self, text: str, edits: Sequence[tuple[int, int, str]]) -> str:
        """Replace ``text[a:b]`` by ``new`` for each ``(a, b, new)`` (in order, not overlapping)."""
        if not edits:
            return text
        old_starts, old_ends = self.starts, self.ends
        starts: list[int] = []
        ends: list[int] = []
        pieces: list[str] = []
        previous = 0
        for a, b, new in edits:
            if a > previous:  # characters kept as they are
                starts += old_starts[previous:a]
                ends += old_ends[previous:a]
                pieces.append(text[previous:a])
            if len(new) == 1 and b > a:  # most replacements: one character for a stretch
                starts.append(old_starts[a])
                ends.append(old_ends[b - 1])
            elif new:
                self._place(text[a:b], new, a, b, starts, ends)
            pieces.append(new)
            previous = b
        if previous < len(text):
            starts += old_starts[previous:]
            ends += old_ends[previous:]
            pieces.append(text[previous:])
        self.starts, self.ends = starts, ends
        return "".join(pieces)

    def _place(self, old: str, new: str, a: int, b: int, starts: list[int], ends: list[int]) -> None:
        """Append the map of ``new``, which replaces ``old`` (current characters ``a`` to ``b``)."""
        # Characters the replacement shares with what it replaced, at either end, keep their own stretch
        # (a combining mark that NFC left alone); the rest, at least one character, stands for the replaced
        # stretch between them ("&amp;" -> "&" and "\r\n" -> "\n" stand for the whole). The shared end is
        # taken first: a reference is replaced at its start ("&ampa" -> "&a": the "a" is the last one).
        most = min(len(new), len(old)) - 1
        suffix = 0
        while suffix < most and new[len(new) - 1 - suffix] == old[len(old) - 1 - suffix]:
            suffix += 1
        prefix = 0
        while prefix < most - suffix and new[prefix] == old[prefix]:
            prefix += 1
        if b - suffix > a + prefix:  # what was replaced, without the shared ends
            whole_start, whole_end = self.starts[a + prefix], self.ends[b - suffix - 1]
        else:  # an insertion: at the raw position where the text went on
            whole_start = whole_end = self.ends[a - 1] if a else 0
        middle = len(new) - prefix - suffix
        starts += self.starts[a:a + prefix]
        ends += self.ends[a:a + prefix]
        starts += [whole_start] * middle
        ends += [whole_end] * middle
        starts += self.starts[b - suffix:b]
        ends += self.ends[b - suffix:b]

    def nfc(self, text: str) -> str:
        """Unicode NFC, composed cluster by cluster so that each composed character maps to its cluster."""
        composed = unicodedata.normalize("NFC", text)
        clusters = _cluster_re()
        if clusters.sub(_nfc_of_match, text) == composed:
            return self.sub(clusters, _nfc_of_match, text)
        # Composition across clusters (rare scripts): the differing stretch maps as one block.
        prefix = len(_common_prefix(text, composed))
        suffix = len(_common_prefix(text[prefix:][::-1], composed[prefix:][::-1]))
        return self.edit(text, [(prefix, len(text) - suffix, composed[prefix:len(composed) - suffix])])

    def strip(self, text: str) -> str:
        stripped = text.strip()
        if len(stripped) != len(text):
            first = len(text) - len(text.lstrip())
            self.starts = self.starts[first:first + len(stripped)]
            self.ends = self.ends[first:first + len(stripped)]
        return stripped


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _nfc_of_match(match: re.Match) -> str:
    return unicodedata.normalize("NFC", match.group())


@lru_cache(maxsize=1)
def _cluster_re() -> re.Pattern:
    """A character with what NFC may compose it with: the combining marks that follow it, and the
    characters that are the second of a canonical composition pair (Hangul vowel and final jamo, a few
    vowel signs of Indic scripts). Any non-ASCII character on its own too (NFC may replace it: the Angstrom
    sign by "Å"). Built on first use: only texts that NFC changes need it."""
    marks = set()
    for code in range(0x300, 0x20000):
        character = chr(code)
        if unicodedata.combining(character):
            marks.add(character)
        decomposition = unicodedata.decomposition(character).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            marks.add(chr(int(decomposition[1], 16)))
    marks.update(map(chr, [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]))  # Hangul: composed by rule
    pattern = f"[{re.escape(''.join(sorted(marks)))}]"
    return re.compile(rf"[^\x00-\x7f]{pattern}*|[\x00-\x7f]{pattern}+", re.DOTALL)
