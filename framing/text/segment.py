"""The shared segmentation: normalised text, paragraphs, sentences, tokens and quotations.

A document is segmented once by :func:`segment`; every feature family reads the same :class:`Segments`.
All offsets are character offsets into ``Segments.text``, the normalised text (so a span can always be
shown to the user exactly as it was scored).

Sentence boundaries follow newsroom text: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed
by closing quotes or brackets) when whitespace and an upper-case letter, a digit or an opening quote
follow, unless the word before the full stop is a known abbreviation (Mr., Sen., U.S., Jan., e.g. ...) or
an initial. Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

from framing.text.offsets import UNTRACKED, OffsetMap, OffsetTracker, _Untracked
from framing.text.tokens import TokenBounds, token_bounds

__all__ = [
    "Segments", "TOKEN_PATTERN", "lead_sentences", "normalize", "normalize_with_offsets", "segment", "sentence_spans",
    "split_sentences",
    "tokenize",
]

#: Word tokens: letters and digits, with internal apostrophes or hyphens ("don't", "so-called") and
#: decimal points or thousands separators inside numbers ("6.8", "1,200").
TOKEN_PATTERN = r"[^\W_]+(?:(?:['\-]|(?<=\d)[.,](?=\d))[^\W_]+)*"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
# The same tokens on lower-cased ASCII text; the narrow class is much faster than Unicode classes.
_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]+(?:(?:['\-]|(?<=\d)[.,](?=\d))[a-z0-9]+)*")
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")

_PUNCTUATION_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        # Dashes between words mark a break, not a compound: keep them apart from hyphens.
        "\u2013": " - ", "\u2014": " - ", "\u2015": " - ", "\u2012": "-", "\u2010": "-", "\u2011": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
        "\u2026": "...", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\t": " ",
        "\x0b": "\n", "\x0c": "\n",
    }
)
# Other C0/C1 control characters (NUL included) and zero-width characters carry no text. They go first:
# removed later, they would join what an earlier step looks for ("'\x00'" -> "''", "<\x00b>" -> "<b>", a letter
# and its combining accent that NFC did not compose), and normalising twice would change the text again.
_INVISIBLE_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Invisible characters removed and punctuation mapped in one regex pass: str.translate with a table of
# strings walks every character in Python-level lookups, while the regex skips, in C, the (usually few)
# characters it must replace.
_SPECIAL_MAP = {chr(code): value or "" for code, value in _PUNCTUATION_TABLE.items()}
_SPECIAL_MAP |= {char: "" for char in map(chr, [*range(0x09), *range(0x0e, 0x20), *range(0x7f, 0x85),
                                                 *range(0x86, 0xa0)])}
_SPECIAL_RE = re.compile("[" + "".join(re.escape(char) for char in _SPECIAL_MAP) + "]")
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article)\b[^<>]*>",
                           re.IGNORECASE)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
# Literal prefixes ("  ", "\n\n\n") let the regex engine skip ahead in C instead of trying every space.
_SPACES_RE = re.compile(r"  +")
_LINE_EDGE_RE = re.compile(r" *\n *")
_CRLF_RE = re.compile("\r\n")
_TYPEWRITER_QUOTES_RE = re.compile("``|''")
# Character references as html.unescape finds them (its own pattern, Python 3.11 Lib/html/__init__.py).
_ENTITY_RE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_BLANK_LINES_RE = re.compile(r"\n\n\n+")
_SCARE_QUOTE_WORDS = 2
_SPEECH_PUNCTUATION = re.compile(r"[,.!?;:]")
_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE_RE = re.compile(r"[^\n]+")

# A candidate sentence end: terminal punctuation and closing quotes/brackets (group 1), then whitespace
# before a word that does not start in lower case, or the end of the region.
# (A lookahead rather than a consumed group: the engine then skips, in C, to the next [.!?].)
_BOUNDARY_RE = re.compile(r"[.!?][.!?]*[\"')\]]*(?=\s+[\"'(\[]*[^\W_a-z]|\s*$)")
_WORD_EDGE_PUNCTUATION = "\"'([{"


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviations a full stop does not end: (always, only before a digit), lower-cased without dots."""
    data = resources.files("framing").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    always, before_digit = set(), set()
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, condition = line.strip().lower().partition(" ")
            (before_digit if condition == "+digit" else always).add(word.rstrip("."))
    return frozenset(always), frozenset(before_digit)


@lru_cache(maxsize=1)
def _sentence_starters() -> frozenset[str]:
    data = resources.files("framing").joinpath("data/sentence_starters.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#"))


def normalize(text: str) -> str:
    """Return the normalised form of a raw document that scoring reads.

    Decodes HTML entities and drops tags (script and style blocks with their content), applies Unicode
    NFC, maps curly quotes to ``'`` and ``"``, en and em dashes to a spaced `` - ``, removes control and
    zero-width characters, and collapses spaces. Paragraph breaks (blank lines) are kept as ``\\n\\n``.
    :func:`normalize_with_offsets` runs the same steps and also maps every character back to the raw text.

    Parameters
    ----------
    text : str
        The raw document text.

    Returns
    -------
    str

    Examples
    --------
    >>> normalize("“Fair” deal\u2014at last &amp; <b>done</b>")
    '"Fair" deal - at last & done'
    """
    return _normalize(text, UNTRACKED)


def normalize_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """The normalised text and, for each of its characters, the stretch of ``text`` it came from.

    Parameters
    ----------
    text : str
        The raw document text.

    Returns
    -------
    (str, OffsetMap)
        ``normalize(text)`` and its map (see :mod:`framing.text.offsets`).

    Examples
    --------
    >>> raw = " Critics\\r\\n\\r\\n\\r\\nslammed&nbsp;it\\u2026"
    >>> norm, offsets = normalize_with_offsets(raw)
    >>> norm
    'Critics\\n\\nslammed it...'
    >>> (a,), (b,) = offsets.to_raw([9], [22])
    >>> raw[a:b]
    'slammed&nbsp;it…'
    """
    tracker = OffsetTracker(text) if isinstance(text, str) else None
    normalized = _normalize(text, tracker)
    return normalized, tracker.offset_map()


def _normalize(text: str, steps: OffsetTracker | _Untracked) -> str:
    """The steps of normalisation, each run through ``steps``: the plain tracker transforms the text only,
    an :class:`OffsetTracker` also moves the offset map along (one definition of the steps for both)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}; load documents with load_corpus first")
    if "<" in text or "&" in text:
        # Invisible characters go before tags and entities are read: "<\x00b>" is no tag, "&\x00amp;" no entity.
        text = steps.sub(_INVISIBLE_RE, "", text)
        if "<" in text:
            text = steps.sub(_SCRIPT_RE, " ", text)
            text = steps.sub(_BLOCK_TAG_RE, "\n\n", text)
            text = steps.sub(_TAG_RE, "", text)
        if "&" in text:
            # html.unescape substitutes _ENTITY_RE match by match: the tracker does the same, one at a time.
            text = html.unescape(text) if steps is UNTRACKED else steps.sub(_ENTITY_RE, _unescape, text)
    # Printable ASCII (most short texts) has no line break, control character or character that
    # _SPECIAL_RE replaces, and is NFC: only the typewriter quotes, spaces and the ends can change.
    one_line_ascii = text.isascii() and text.isprintable()
    if not one_line_ascii:
        if "\r" in text:
            text = steps.sub(_CRLF_RE, "\n", text)
        text = steps.sub(_SPECIAL_RE, _substitute, text)
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            # Composing can yield a character that is mapped ("\u1ffd" -> "\u00b4"): map again.
            text = steps.sub(_SPECIAL_RE, _substitute, steps.nfc(text))
    if "''" in text or "``" in text:  # typewriter quotation marks of newswire archives
        text = steps.sub(_TYPEWRITER_QUOTES_RE, '"', text)
    if "  " in text:
        text = steps.sub(_SPACES_RE, " ", text)
    if not one_line_ascii:
        if " \n" in text or "\n " in text:
            text = steps.sub(_LINE_EDGE_RE, "\n", text)
        if "\n\n\n" in text:
            text = steps.sub(_BLANK_LINES_RE, "\n\n", text)
    return steps.strip(text)


def _unescape(match: re.Match) -> str:
    # html.unescape on the one reference gives what it gives on the whole text: it substitutes the same
    # pattern (_ENTITY_RE) match by match.
    return html.unescape(match.group())


def _substitute(match: re.Match) -> str:
    return _SPECIAL_MAP[match.group()]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    if "\n" not in text:  # one paragraph (normalised text has no edge whitespace): no regex scan
        return [(0, len(text))] if text else []
    # Texts without blank lines (many scraped dumps) use one line per paragraph.
    pattern = _PARAGRAPH_RE if "\n\n" in text else _LINE_RE
    return [m.span() for m in pattern.finditer(text)]


def _is_abbreviation(text: str, stop: int, start: int) -> bool:
    """Whether the full stop at ``text[stop]`` closes an abbreviation or an initial, not a sentence."""
    # The word before the stop starts after the last space or line break, or at the sentence's start
    # ("He left. Mr. Brandt ..."): never before it, which would misread "Mr" and scan the text again.
    word = text[max(text.rfind(" ", start, stop), text.rfind("\n", start, stop), start - 1) + 1:stop]
    word = word.lstrip(_WORD_EDGE_PUNCTUATION)
    if not word or not word[0].isalpha():
        return False
    if len(word) == 1:
        return word.isupper()  # an initial: "J. Smith"
    always, before_digit = _abbreviations()
    lowered = word.lower()
    if lowered in always:
        return True
    if "." in word and len(word.replace(".", "")) <= 4:  # "U.S.", "Ph.D.", unless "... the F.B.I. Their"
        following = text[stop + 2:stop + 14].split(" ", 1)[0].lower()
        return following not in _sentence_starters()
    if lowered in before_digit:
        return text[stop + 1:stop + 3].lstrip()[:1].isdigit()
    return False


def split_sentences(text: str, *, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (one paragraph or a whole normalised text).

    Parameters
    ----------
    text : str
        Normalised text (see :func:`normalize`).
    start, end : int
        The region to split; spans are offsets into ``text``.

    Returns
    -------
    list of (start, end)
        Spans without surrounding whitespace.

    Examples
    --------
    >>> t = 'Mr. Brandt arrived at 9.30 a.m. on Jan. 5. "We agreed." Then he left!'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Brandt arrived at 9.30 a.m. on Jan. 5.', '"We agreed."', 'Then he left!']
    """
    return _sentence_spans(text, [(start, len(text) if end is None else end)])[0]


def _sentence_spans(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence spans of every paragraph, and the paragraph of each sentence.

    One scan of the text for candidate boundaries serves all paragraphs; a paragraph's end always ends
    its last sentence.
    """
    spans: list[tuple[int, int]] = []
    owners: list[int] = []
    if not paragraphs:
        return spans, owners
    boundaries = _BOUNDARY_RE.finditer(text, paragraphs[0][0], paragraphs[-1][1])
    match = next(boundaries, None)
    if len(paragraphs) == 1 and (match is None or match.end() == paragraphs[0][1]):
        return [paragraphs[0]], [0]  # one sentence (most short texts): no loop
    for index, (p_start, p_end) in enumerate(paragraphs):
        sentence_start = p_start
        while match is not None and match.start() < p_end:
            stop, sentence_end = match.span()
            if not (sentence_end - stop == 1 and text[stop] == "." and _is_abbreviation(text, stop, sentence_start)):
                spans.append((sentence_start, sentence_end))
                owners.append(index)
                sentence_start = sentence_end
                while sentence_start < p_end and text[sentence_start].isspace():
                    sentence_start += 1
            match = next(boundaries, None)
        if sentence_start < p_end:
            spans.append((sentence_start, p_end))
            owners.append(index)
    return spans, owners


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalised text: ``segment(text).sentences`` without building the segments
    (what scoring many short texts needs).

    Examples
    --------
    >>> sentence_spans("One. Two.\\n\\nThree")
    [(0, 4), (5, 9), (11, 16)]
    """
    if text and "\n" not in text:  # one paragraph
        # A sentence ends before whitespace (or the end): terminal punctuation only in the closing run of
        # punctuation and quotes can end nothing but the whole text, so no regex scan is needed.
        body = text.rstrip(_CLOSING)
        if "." not in body and "!" not in body and "?" not in body:
            return [(0, len(text))]
        match = _BOUNDARY_RE.search(text)
        if match is None or match.end() == len(text):
            return [(0, len(text))]
    return _sentence_spans(text, _paragraph_spans(text))[0]


_CLOSING = ".!?\"')]"


def _quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of direct quotations in double quotes, marks included.

    A quotation left open at the end of a paragraph ends there: news style opens, but does not close,
    a quotation that continues into the next paragraph.
    """
    spans: list[tuple[int, int]] = []
    if '"' not in text:
        return spans
    for p_start, p_end in paragraphs:
        opening = -1
        position = text.find('"', p_start, p_end)
        while position != -1:
            if opening < 0:
                opening = position
            else:
                spans.append((opening, position + 1))
                opening = -1
            position = text.find('"', position + 1, p_end)
        if opening >= 0 and p_end - opening > 1:
            spans.append((opening, p_end))
    return spans


class Segments:
    """One document, segmented once; every feature family reads it.

    Only the normalised text is computed up front; each part below is computed on first use and then
    kept, so a pass that needs only tokens (counting phrases) does not pay for sentences or quotations.

    Attributes
    ----------
    text : str
        The normalised text; all offsets point into it.
    paragraphs, sentences, quotes : list of (start, end)
        Character spans. ``quotes`` are direct quotations, quote marks included; scare quotes (at most
        two words without punctuation inside, as in 'the "experts"') are not quotations.
    tokens : list of str
        Lower-cased word tokens (:data:`TOKEN_PATTERN`).
    match_string : str
        The lower-cased text with every character outside a token replaced by a space, padded with a
        space at each end (offsets are the text's plus one): what :class:`framing.text.matcher.PhraseMatcher`
        scans.
    token_starts, token_ends : list of int
        Character offsets of each token.
    sentence_tokens : list of (first, end)
        Token index range of each sentence.
    sentence_paragraph : list of int
        Index of the paragraph each sentence belongs to.
    token_quoted : list of bool
        Whether each token lies inside a direct quotation.
    raw : str
        The text the caller passed (``text`` itself when the segments were built from normalised text).
    offsets : OffsetMap
        Where each character of ``text`` came from in ``raw`` (built on first use; see
        :func:`framing.text.offsets.to_raw_spans`, which public results go through).
    """

    def __init__(self, text: str, *, raw: str | None = None):
        self.text = text
        self.raw = text if raw is None else raw

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"Segments({preview!r}, n_words={self.n_words})"

    @cached_property
    def bounds(self) -> TokenBounds:
        """Token offsets as arrays, and the match string (see :mod:`framing.text.tokens`)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return token_bounds(lowered)
        # A few characters lower-case to two code points ("İ"): find the tokens on the original text.
        # The match string then keeps the original case of those tokens' characters.
        matches = list(_TOKEN_RE.finditer(self.text))
        starts = np.array([m.start() for m in matches], dtype=np.int64)
        ends = np.array([m.end() for m in matches], dtype=np.int64)
        characters = [" "] * (len(self.text) + 2)
        for m in matches:
            token = m.group().lower()
            characters[m.start() + 1:m.end() + 1] = token if len(token) == len(m.group()) else m.group()
        return TokenBounds(starts, ends, "".join(characters), sum(m.group()[0].isdecimal() for m in matches))

    @cached_property
    def offsets(self) -> OffsetMap:
        """The map from ``text`` to ``raw`` (computed when first asked: analysing never needs it)."""
        if self.raw is self.text or self.raw == self.text:
            return OffsetMap(self.raw, list(range(len(self.text))), list(range(1, len(self.text) + 1)))
        normalized, offsets = normalize_with_offsets(self.raw)
        if normalized != self.text:
            raise ValueError("Segments.raw does not normalise to Segments.text; build segments with segment(raw)")
        return offsets

    @cached_property
    def n_words(self) -> int:
        """Number of word tokens."""
        return len(self.bounds.starts)

    @property
    def n_numbers(self) -> int:
        """Number of tokens that begin with a digit (figures: "12", "3.5", "1,200", "1990s")."""
        return self.bounds.n_numbers

    @cached_property
    def match_string(self) -> str:
        return self.bounds.match_string

    @cached_property
    def tokens(self) -> list[str]:
        if len(self.text.lower()) != len(self.text):
            return [token.lower() for token in _TOKEN_RE.findall(self.text)]
        return self.match_string.split()

    @cached_property
    def token_starts(self) -> list[int]:
        return self.bounds.starts.tolist()

    @cached_property
    def token_ends(self) -> list[int]:
        return self.bounds.ends.tolist()

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return _paragraph_spans(self.text)

    @cached_property
    def _sentence_layout(self) -> tuple[list[tuple[int, int]], list[int]]:
        return _sentence_spans(self.text, self.paragraphs)

    @property
    def sentences(self) -> list[tuple[int, int]]:
        return self._sentence_layout[0]

    @property
    def sentence_paragraph(self) -> list[int]:
        return self._sentence_layout[1]

    @cached_property
    def sentence_tokens(self) -> list[tuple[int, int]]:
        if not self.sentences:
            return []
        # Only whitespace lies between sentences: a sentence's tokens end where the next one's begin.
        firsts = np.searchsorted(self.bounds.starts, [start for start, _ in self.sentences]).tolist()
        return list(zip(firsts, firsts[1:] + [self.n_words]))

    @cached_property
    def _quotations(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Direct quotations (character spans) and the token range of each."""
        spans = _quote_spans(self.text, self.paragraphs)
        if not spans:
            return [], []
        ranges = np.searchsorted(self.bounds.starts, spans).tolist()
        quotes, token_ranges = [], []
        for (a, b), (first, end) in zip(spans, ranges):
            if end - first <= _SCARE_QUOTE_WORDS and not _SPEECH_PUNCTUATION.search(self.text, a, b):
                continue  # scare quotes ('the "experts"') are the writer's own voice, not a source's
            quotes.append((a, b))
            token_ranges.append((first, end))
        return quotes, token_ranges

    @property
    def quotes(self) -> list[tuple[int, int]]:
        return self._quotations[0]

    @property
    def quote_tokens(self) -> list[tuple[int, int]]:
        """Token index range (first, end) of each quotation."""
        return self._quotations[1]

    @property
    def n_quoted(self) -> int:
        """Number of tokens inside direct quotations."""
        return sum(end - first for first, end in self.quote_tokens)

    @cached_property
    def token_quoted(self) -> list[bool]:
        quoted = [False] * self.n_words
        for first, end in self.quote_tokens:
            quoted[first:end] = [True] * (end - first)
        return quoted

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index``."""
        start, end = self.sentences[index]
        return self.text[start:end]


def segment(text: str) -> Segments:
    """Normalise and segment one document.

    Parameters
    ----------
    text : str
        Raw document text.

    Returns
    -------
    Segments

    Examples
    --------
    >>> seg = segment('Sen. Vess said: "It is a disgrace." Nobody replied.')
    >>> [seg.sentence_text(i) for i in range(len(seg.sentences))]
    ['Sen. Vess said: "It is a disgrace."', 'Nobody replied.']
    >>> [t for t, q in zip(seg.tokens, seg.token_quoted) if q]
    ['it', 'is', 'a', 'disgrace']
    """
    return Segments(normalize(text), raw=text)


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens of a raw text, exactly as :func:`segment` produces them.

    Examples
    --------
    >>> tokenize("The so-called “reform” isn't new.")
    ['the', 'so-called', 'reform', "isn't", 'new']
    """
    text = normalize(text)
    if text.isascii():
        return _ASCII_TOKEN_RE.findall(text.lower())
    return [token.lower() for token in _TOKEN_RE.findall(text)]


def lead_sentences(seg: Segments, *, max_sentences: int = 3) -> range:
    """Indices of the lead's sentences: the first paragraph, or the first three sentences of a text that
    has only one paragraph.

    Examples
    --------
    >>> lead_sentences(segment("Lede one. Still lede.\\n\\nBody."))
    range(0, 2)
    >>> lead_sentences(segment("One. Two. Three. Four."))
    range(0, 3)
    """
    if len(seg.paragraphs) > 1:
        return range(sum(1 for p in seg.sentence_paragraph if p == 0))
    return range(min(max_sentences, len(seg.sentences)))
