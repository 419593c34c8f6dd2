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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate

__all__ = ["Segments", "TOKEN_PATTERN", "lead_sentences", "normalize", "segment", "split_sentences", "tokenize"]

#: Word tokens: letters and digits, with internal apostrophes or hyphens ("don't", "so-called") and
#: decimal points or thousands separators inside numbers ("6.8", "1,200").
TOKEN_PATTERN = r"[^\W_]+(?:['\-][^\W_]+|(?<=\d)[.,]\d+)*"
_TOKEN_RE = re.compile(TOKEN_PATTERN)
# The same tokens on lower-cased ASCII text; the narrow class is much faster than Unicode classes.
_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+|(?<=\d)[.,]\d+)*")
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")
_ASCII_TOKEN_SPLIT_RE = re.compile(f"({_ASCII_TOKEN_RE.pattern})")

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
# The same substitutions as one regex: str.translate with a table of strings walks every character in
# Python-level lookups, while the regex skips the (usually few) characters it must replace in C.
_PUNCTUATION_MAP = {chr(code): value or "" for code, value in _PUNCTUATION_TABLE.items()}
_PUNCTUATION_RE = re.compile("[" + "".join(re.escape(char) for char in _PUNCTUATION_MAP) + "]")
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article)\b[^<>]*>",
                           re.IGNORECASE)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_SPACES_RE = re.compile(r" {2,}")
_LINE_EDGE_RE = re.compile(r" *\n *")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_SCARE_QUOTE_WORDS = 2
_SPEECH_PUNCTUATION = re.compile(r"[,.!?;:]")
_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE_RE = re.compile(r"[^\n]+")

# A candidate sentence end: terminal punctuation and closing quotes/brackets (group 1), then whitespace
# before a word that does not start in lower case, or the end of the region.
_BOUNDARY_RE = re.compile(r"([.!?]+[\"')\]]*)(?:\s+(?=[\"'(\[]*[^\W_a-z])|\s*$)")
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
    """Return the normalised form of a raw document that all offsets refer to.

    Decodes HTML entities and drops tags (script and style blocks with their content), applies Unicode
    NFC, maps curly quotes to ``'`` and ``"``, en and em dashes to a spaced `` - ``, removes control and
    zero-width characters, and collapses spaces. Paragraph breaks (blank lines) are kept as ``\\n\\n``.

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
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}; load documents with load_corpus first")
    text = _INVISIBLE_RE.sub("", text)
    if "<" in text:
        text = _SCRIPT_RE.sub(" ", text)
        text = _BLOCK_TAG_RE.sub("\n\n", text)
        text = _TAG_RE.sub("", text)
    if "&" in text:
        text = _INVISIBLE_RE.sub("", html.unescape(text))  # "&shy;", "&#8203;" decode to invisible characters
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    text = _PUNCTUATION_RE.sub(_substitute, text.replace("\r\n", "\n"))
    if "''" in text or "``" in text:  # typewriter quotation marks of newswire archives
        text = text.replace("``", '"').replace("''", '"')
    if "  " in text:
        text = _SPACES_RE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE_RE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def _substitute(match: re.Match) -> str:
    return _PUNCTUATION_MAP[match.group()]


def _tokens_and_offsets(pattern: re.Pattern, text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens with their offsets from one ``split`` by a pattern with one group: the pieces alternate
    between gaps and tokens, so running sums of their lengths are the offsets (no match object per token)."""
    pieces = pattern.split(text)
    bounds = list(accumulate(map(len, pieces)))
    return pieces[1::2], bounds[0:-1:2], bounds[1::2]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
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
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        stop = match.start()
        sentence_end = match.end(1)
        if sentence_end - stop == 1 and text[stop] == "." and _is_abbreviation(text, stop, sentence_start):
            continue
        spans.append((sentence_start, sentence_end))
        sentence_start = match.end()
    if sentence_start < end:
        spans.append((sentence_start, end))
    return spans


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


@dataclass(slots=True)
class Segments:
    """One document, segmented once; every feature family reads it.

    Attributes
    ----------
    text : str
        The normalised text; all offsets point into it.
    paragraphs, sentences, quotes : list of (start, end)
        Character spans. ``quotes`` are direct quotations, quote marks included; scare quotes (at most
        two words without punctuation inside, as in 'the "experts"') are not quotations.
    tokens : list of str
        Lower-cased word tokens (:data:`TOKEN_PATTERN`).
    token_starts, token_ends : list of int
        Character offsets of each token.
    sentence_tokens : list of (first, end)
        Token index range of each sentence.
    sentence_paragraph : list of int
        Index of the paragraph each sentence belongs to.
    token_quoted : list of bool
        Whether each token lies inside a direct quotation.
    """

    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    sentence_paragraph: list[int]
    tokens: list[str]
    token_starts: list[int]
    token_ends: list[int]
    sentence_tokens: list[tuple[int, int]]
    quotes: list[tuple[int, int]]
    token_quoted: list[bool]

    @property
    def n_words(self) -> int:
        """Number of word tokens."""
        return len(self.tokens)

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
    text = normalize(text)
    paragraphs = _paragraph_spans(text)
    sentences: list[tuple[int, int]] = []
    sentence_paragraph: list[int] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        spans = split_sentences(text, start=p_start, end=p_end)
        sentences.extend(spans)
        sentence_paragraph.extend([index] * len(spans))

    lowered = text.lower()
    if text.isascii():
        tokens, token_starts, token_ends = _tokens_and_offsets(_ASCII_TOKEN_SPLIT_RE, lowered)
    elif len(lowered) == len(text):
        tokens, token_starts, token_ends = _tokens_and_offsets(_TOKEN_SPLIT_RE, lowered)
    else:  # a few characters lower-case to two code points ("İ"): match the original text
        tokens, token_starts, token_ends = _tokens_and_offsets(_TOKEN_SPLIT_RE, text)
        tokens = [token.lower() for token in tokens]

    sentence_tokens = [(bisect_left(token_starts, a), bisect_left(token_starts, b)) for a, b in sentences]
    quotes = []
    token_quoted = [False] * len(tokens)
    for a, b in _quote_spans(text, paragraphs):
        first, end = bisect_left(token_starts, a), bisect_left(token_starts, b)
        if end - first <= _SCARE_QUOTE_WORDS and not _SPEECH_PUNCTUATION.search(text, a, b):
            continue  # scare quotes ('the "experts"') are the writer's own voice, not a source's
        quotes.append((a, b))
        for i in range(first, end):
            token_quoted[i] = True
    return Segments(text, paragraphs, sentences, sentence_paragraph, tokens, token_starts, token_ends,
                    sentence_tokens, quotes, token_quoted)


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
