"""From counts back to text: every lexicon match of a document (``find_phrases``) and keyword-in-context
lines across a corpus (``kwic``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from framing.corpus.batch import doc_id_column, documents, is_one_text
from framing.errors import InputError
from framing.features.frames import structural_cues
from framing.schema import SHIPPED_LEXICONS
from framing.text.lexicons import Entry, Lexicon, load_lexicon
from framing.text.matcher import PhraseMatcher, is_negated
from framing.text.offsets import to_raw_spans
from framing.text.segment import Segments, segment

__all__ = ["DEFAULT_LEXICONS", "find_phrases", "kwic"]

#: The lexicons ``analyze`` matches by default.
DEFAULT_LEXICONS = SHIPPED_LEXICONS  # the name callers know
PHRASE_COLUMNS = ["start", "end", "phrase", "category", "quoted", "negated", "entry", "lexicon", "sentence",
                  "normalized"]


@lru_cache(maxsize=16)
def _matcher(names: tuple[str, ...]) -> PhraseMatcher:
    return PhraseMatcher(names)


def _resolve(lexicon) -> list[Lexicon]:
    if lexicon is None:
        lexicon = DEFAULT_LEXICONS
    if isinstance(lexicon, (str, Path, Lexicon)):
        lexicon = [lexicon]
    return [load_lexicon(item) for item in lexicon]


def _matches_frame(seg: Segments, matcher: PhraseMatcher, *, with_cues: bool) -> pd.DataFrame:
    """Every match of ``seg`` as :data:`PHRASE_COLUMNS`, offsets into the caller's text (``seg.raw``)."""
    return _phrase_frame(_match_rows(seg, matcher, with_cues=with_cues))


def _phrase_frame(rows: list[tuple], *, doc_ids: list | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PHRASE_COLUMNS).astype(
        {"start": "int64", "end": "int64", "quoted": bool, "negated": bool, "sentence": "int64"})
    if doc_ids is not None:
        frame.insert(0, "doc_id", doc_ids)
    return frame


def _match_rows(seg: Segments, matcher: PhraseMatcher, *, with_cues: bool) -> list[tuple]:
    """The rows of :func:`_matches_frame` (tuples in :data:`PHRASE_COLUMNS` order), in text order."""
    sentence_starts = [first for first, _end in seg.sentence_tokens]
    rows = []
    sentence = 0
    for match in matcher.match(seg):
        while sentence + 1 < len(sentence_starts) and sentence_starts[sentence + 1] <= match.first_token:
            sentence += 1
        start, end = seg.token_starts[match.first_token], seg.token_ends[match.end_token - 1]
        rows.append((start, end, match.entry.category, seg.token_quoted[match.first_token],
                     is_negated(seg, match.first_token, sentence_first_token=sentence_starts[sentence]),
                     match.entry.phrase, matcher.lexicons[match.lexicon].name, sentence))
    if with_cues:
        for cue in structural_cues(seg):
            sentence = next((i for i, (a, b) in enumerate(seg.sentences) if a <= cue.start < b), -1)
            quoted = any(a <= cue.start < b for a, b in seg.quotes)
            rows.append((cue.start, cue.end, cue.frame, quoted, False, cue.label, "frames", sentence))
    if not rows:
        return rows
    rows.sort(key=_start_and_lexicon)  # stable: matches of one start keep the matcher's order
    starts, ends = [row[0] for row in rows], [row[1] for row in rows]
    raw_starts, raw_ends = to_raw_spans(seg, starts, ends)
    raw, text = seg.raw, seg.text
    return [(a, b, raw[a:b], *row[2:], text[start:end])
            for a, b, start, end, row in zip(raw_starts, raw_ends, starts, ends, rows)]


def _start_and_lexicon(row: tuple) -> tuple[int, str]:
    return row[0], row[6]


def find_phrases(text: str | Iterable[str] | pd.Series | pd.DataFrame,
                 lexicon: str | Path | Lexicon | Sequence | None = None) -> pd.DataFrame:
    """Every lexicon match in a text (or in many texts), with offsets into the text you passed.

    Parameters
    ----------
    text : str, or many texts
        One document; or many: a list of strings, a Series, or a corpus DataFrame (its ``text`` column).
        Matching reads the normalised text (:func:`framing.text.segment.normalize`); offsets are translated back.
    lexicon : name, path, Lexicon or a sequence of them, optional
        Default: the lexicons ``analyze`` uses (loaded, frames, policy_frames, sourcing). The frames lexicon
        also brings the structural cues (people introduced with their age).

    Returns
    -------
    DataFrame
        ``start``, ``end`` (character offsets into the text you passed), ``phrase`` (as written:
        ``text[start:end]``), ``category``, ``quoted`` (inside a direct quotation), ``negated`` (a negation
        within three words before), ``entry`` (the lexicon entry that matched), ``lexicon``, ``sentence``
        (index), ``normalized`` (the phrase as matched, in the normalised text). For many texts one long
        table with a ``doc_id`` column first (the Series index, the corpus ``doc_id`` or the position).

    Examples
    --------
    >>> find_phrases("Critics  slammed the so‑called reform.", "loaded")[["start", "phrase", "normalized"]]
       start     phrase normalized
    0      9    slammed    slammed
    1     21  so‑called  so-called
    >>> find_phrases(["A catastrophic failure.", "Fine."], "loaded")[["doc_id", "phrase", "category"]]
       doc_id        phrase   category
    0       0  catastrophic  hyperbole
    """
    lexicons = _resolve(lexicon)
    matcher = PhraseMatcher(lexicons) if any(lex.path is None for lex in lexicons) else _matcher(
        tuple(str(lex.path) for lex in lexicons))
    with_cues = any(lex.name == "frames" for lex in lexicons)
    if is_one_text(text):
        return _matches_frame(segment(text), matcher, with_cues=with_cues)
    docs = documents(text, function="find_phrases")
    rows, counts = [], []
    for one in docs.texts:
        found = _match_rows(segment(one), matcher, with_cues=with_cues)
        rows += found
        counts.append(len(found))
    return _phrase_frame(rows, doc_ids=doc_id_column(docs.ids, counts))


def _query_matcher(query: str, lexicon) -> tuple[PhraseMatcher, str | None]:
    """The matcher for a kwic query, and the category to keep (None: every match).

    A ``"lexicon:category"`` query matches with the whole lexicon and keeps that category, so that kwic
    agrees with the counts (the longer "historic low" is hyperbole, not the puffery "historic").
    """
    if ":" in query:
        name, _, category = query.partition(":")
        source = load_lexicon(lexicon if lexicon is not None else name)
        if category not in source.categories:
            raise InputError(f"lexicon {source.name!r} has no category {category!r}; categories: "
                             f"{', '.join(source.categories)}")
        return PhraseMatcher([source]), category
    words = tuple(query.lower().split())
    if not words:
        raise InputError("kwic needs a phrase (e.g. 'crisis', 'so-called', 'slam*') or 'lexicon:category'")
    entry = Entry(query, "query", words, False, False, None)
    return PhraseMatcher([Lexicon("query", "", "", [], {"query": {}}, [entry])]), None


def kwic(corpus: pd.DataFrame | pd.Series | Iterable[str] | str, query: str, *, window: int = 8, lexicon=None, limit: int | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for a phrase, a lexicon entry or a whole lexicon category.

    Parameters
    ----------
    corpus : DataFrame, or many texts
        A corpus from :func:`framing.load_corpus` (``text`` column; ``outlet`` used when present), or texts
        as :func:`find_phrases` takes them (a list, a Series, one str).
    query : str
        A phrase matched like a lexicon entry (case-insensitive whole words, ``*`` suffix wildcard:
        ``"crisis"``, ``"so-called"``, ``"slam*"``), or ``"<lexicon>:<category>"`` for every entry of a
        category (``"loaded:fear"``).
    window : int
        Words of context on each side.
    lexicon : name or path, optional
        The lexicon a ``"name:category"`` query refers to when it is not a shipped name.
    limit : int, optional
        Stop after this many lines.

    Returns
    -------
    DataFrame
        ``doc_id``, ``outlet``, ``left``, ``match`` (as written: ``text[start:end]``), ``right``, ``category``,
        ``quoted``, ``start``, ``end`` (offsets into that document's text as you passed it), ``normalized`` (the
        match as read in the normalised text). ``left`` and ``right`` are context from the normalised text,
        whitespace collapsed.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"outlet": ["A"], "text": ["Yesterday the minister  slammed the plan again."]},
    ...                       index=pd.Index(["d1"], name="doc_id"))
    >>> kwic(corpus, "slam*", window=2)[["left", "match", "right", "start"]].to_dict("records")
    [{'left': 'the minister', 'match': 'slammed', 'right': 'the plan', 'start': 24}]
    """
    if window < 0:
        raise InputError(f"window must be 0 or more words, got {window}")
    matcher, category = _query_matcher(query, lexicon)
    docs = documents([corpus] if is_one_text(corpus) else corpus, function="kwic")
    outlets = (corpus["outlet"].tolist() if isinstance(corpus, pd.DataFrame) and "outlet" in corpus.columns
               else [""] * len(docs.texts))
    rows = []
    for doc_id, text, outlet in zip(docs.ids, docs.texts, outlets):
        seg = segment(text)
        found = []
        for match in matcher.match(seg):
            if category is not None and match.entry.category != category:
                continue
            first, end = match.first_token, match.end_token
            start, stop = seg.token_starts[first], seg.token_ends[end - 1]
            left_from = seg.token_starts[max(0, first - window)] if first and window else start
            right_to = seg.token_ends[min(len(seg.tokens), end + window) - 1] if window else stop
            found.append((" ".join(seg.text[left_from:start].split()), " ".join(seg.text[stop:right_to].split()),
                          match.entry.category, seg.token_quoted[first], start, stop))
            if limit is not None and len(rows) + len(found) >= limit:
                break
        raw_starts, raw_ends = to_raw_spans(seg, [row[4] for row in found], [row[5] for row in found])
        rows += [(doc_id, outlet, left, text[a:b], right, found_category, quoted, a, b, seg.text[start:stop])
                 for (left, right, found_category, quoted, start, stop), a, b in zip(found, raw_starts, raw_ends)]
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "left", "match", "right", "category", "quoted",
                                       "start", "end", "normalized"])
