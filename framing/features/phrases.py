"""From counts back to text: every lexicon match of a document (``find_phrases``) and keyword-in-context
lines across a corpus (``kwic``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from framing.errors import InputError
from framing.features.frames import structural_cues
from framing.schema import SHIPPED_LEXICONS
from framing.text.lexicons import Entry, Lexicon, load_lexicon
from framing.text.matcher import PhraseMatcher, is_negated
from framing.text.segment import Segments, segment

__all__ = ["DEFAULT_LEXICONS", "find_phrases", "kwic"]

#: The lexicons ``analyze`` matches by default.
DEFAULT_LEXICONS = SHIPPED_LEXICONS  # the name callers know
PHRASE_COLUMNS = ["start", "end", "phrase", "category", "quoted", "negated", "entry", "lexicon", "sentence"]


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
    sentence_starts = [first for first, _end in seg.sentence_tokens]
    rows = []
    sentence = 0
    for match in matcher.match(seg):
        while sentence + 1 < len(sentence_starts) and sentence_starts[sentence + 1] <= match.first_token:
            sentence += 1
        start, end = seg.token_starts[match.first_token], seg.token_ends[match.end_token - 1]
        rows.append((start, end, seg.text[start:end], match.entry.category, seg.token_quoted[match.first_token],
                     is_negated(seg, match.first_token, sentence_first_token=sentence_starts[sentence]),
                     match.entry.phrase, matcher.lexicons[match.lexicon].name, sentence))
    if with_cues:
        for cue in structural_cues(seg):
            sentence = next((i for i, (a, b) in enumerate(seg.sentences) if a <= cue.start < b), -1)
            quoted = any(a <= cue.start < b for a, b in seg.quotes)
            rows.append((cue.start, cue.end, seg.text[cue.start:cue.end], cue.frame, quoted, False, cue.label,
                         "frames", sentence))
    frame = pd.DataFrame(rows, columns=PHRASE_COLUMNS)
    return frame.sort_values(["start", "lexicon"], kind="stable").reset_index(drop=True)


def find_phrases(text: str, lexicon: str | Path | Lexicon | Sequence | None = None) -> pd.DataFrame:
    """Every lexicon match in a text, with offsets into the normalised text.

    Parameters
    ----------
    text : str
        Raw document text (normalised as :func:`framing.text.segment` does; offsets refer to that form).
    lexicon : name, path, Lexicon or a sequence of them, optional
        Default: the lexicons ``analyze`` uses (loaded, frames, policy_frames, sourcing). The frames lexicon
        also brings the structural cues (people introduced with their age).

    Returns
    -------
    DataFrame
        ``start``, ``end``, ``phrase`` (as written), ``category``, ``quoted`` (inside a direct quotation),
        ``negated`` (a negation within three words before), ``entry`` (the lexicon entry that matched),
        ``lexicon``, ``sentence`` (index).

    Examples
    --------
    >>> find_phrases("Critics slammed the so-called reform.", "loaded")[["phrase", "category", "quoted"]]
            phrase       category  quoted
    0      slammed  loaded_saying   False
    1    so-called          doubt   False
    """
    lexicons = _resolve(lexicon)
    matcher = PhraseMatcher(lexicons) if any(lex.path is None for lex in lexicons) else _matcher(
        tuple(str(lex.path) for lex in lexicons))
    return _matches_frame(segment(text), matcher, with_cues=any(lex.name == "frames" for lex in lexicons))


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


def kwic(corpus: pd.DataFrame, query: str, *, window: int = 8, lexicon=None, limit: int | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for a phrase, a lexicon entry or a whole lexicon category.

    Parameters
    ----------
    corpus : DataFrame
        A corpus from :func:`framing.load_corpus` (``text`` column; ``outlet`` used when present).
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
        ``doc_id``, ``outlet``, ``left``, ``match``, ``right``, ``category``, ``quoted``, ``start``, ``end``.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"outlet": ["A"], "text": ["Yesterday the minister slammed the plan again."]},
    ...                       index=pd.Index(["d1"], name="doc_id"))
    >>> kwic(corpus, "slam*", window=2)[["left", "match", "right"]].to_dict("records")
    [{'left': 'the minister', 'match': 'slammed', 'right': 'the plan'}]
    """
    if window < 0:
        raise InputError(f"window must be 0 or more words, got {window}")
    matcher, category = _query_matcher(query, lexicon)
    outlets = corpus["outlet"] if "outlet" in corpus.columns else pd.Series("", index=corpus.index)
    rows = []
    for doc_id, text, outlet in zip(corpus.index, corpus["text"], outlets):
        seg = segment(text)
        for match in matcher.match(seg):
            if category is not None and match.entry.category != category:
                continue
            first, end = match.first_token, match.end_token
            start, stop = seg.token_starts[first], seg.token_ends[end - 1]
            left_from = seg.token_starts[max(0, first - window)] if first and window else start
            right_to = seg.token_ends[min(len(seg.tokens), end + window) - 1] if window else stop
            rows.append((doc_id, outlet, " ".join(seg.text[left_from:start].split()), seg.text[start:stop],
                         " ".join(seg.text[stop:right_to].split()), match.entry.category,
                         seg.token_quoted[first], start, stop))
            if limit is not None and len(rows) >= limit:
                break
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "left", "match", "right", "category", "quoted",
                                       "start", "end"])
