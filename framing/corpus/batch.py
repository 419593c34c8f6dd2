"""Many texts in one call: what the functions that take one text or many (``sentence_tones``, ``tone``,
``find_phrases``, ``analyze``) accept, and the ``doc_id`` each text gets.

A list (or any iterable) of strings gets its positions as ``doc_id`` (0, 1, 2 ...); a Series its index; a
corpus DataFrame (from :func:`framing.load_corpus`) its index and its ``text`` (and ``title``) columns; a
mapping its keys.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, NamedTuple

import pandas as pd

from framing.errors import InputError

__all__ = ["Documents", "doc_id_column", "documents", "is_one_text"]


class Documents(NamedTuple):
    """Texts with their ids and (for a corpus with a ``title`` column) their titles."""

    ids: list[Hashable]
    texts: list[str]
    titles: list[str | None] | None


def is_one_text(data: Any) -> bool:
    """Whether ``data`` is one text (a str) rather than many."""
    return isinstance(data, str)


def documents(data: Any, *, function: str) -> Documents:
    """The texts of ``data`` (many texts) with their ids, checked.

    Parameters
    ----------
    data : list, Series, DataFrame, mapping or iterable of str
        Many texts (a corpus DataFrame needs a ``text`` column).
    function : str
        The public function's name, for messages.

    Returns
    -------
    Documents

    Examples
    --------
    >>> documents(["One.", "Two."], function="tone").ids
    [0, 1]
    >>> import pandas as pd
    >>> documents(pd.Series(["One."], index=["a1"]), function="tone").ids
    ['a1']
    """
    titles = None
    if isinstance(data, (bytes, bytearray)):
        raise InputError(f"{function} expects text (str) or many texts, got bytes; decode it first, e.g. "
                         "data.decode('utf-8')")
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise InputError(f"{function}: the DataFrame has no 'text' column (columns: {list(data.columns)[:8]}); "
                             "load it with load_corpus(..., columns={'<your text column>': 'text'}) or pass "
                             "frame['<column>']")
        ids, texts = data.index.tolist(), data["text"].tolist()
        if "title" in data.columns:
            titles = [title if isinstance(title, str) and title else None for title in data["title"].tolist()]
    elif isinstance(data, pd.Series):
        ids, texts = data.index.tolist(), data.tolist()
    elif isinstance(data, Mapping):
        ids, texts = list(data.keys()), list(data.values())
    elif isinstance(data, Iterable):
        texts = list(data)
        ids = list(range(len(texts)))
    else:
        raise InputError(f"{function} expects a text (str) or many texts (a list, a Series or a corpus "
                         f"DataFrame), got {type(data).__name__}")
    for doc_id, text in zip(ids, texts):
        if not isinstance(text, str):
            raise InputError(f"{function}: document {doc_id!r} is {type(text).__name__}, not str; fill or drop "
                             "missing texts first (e.g. series.dropna())")
    return Documents(ids, texts, titles)


def doc_id_column(ids: list[Hashable], counts: Iterable[int]) -> list[Hashable]:
    """Each id repeated as many times as its document has rows."""
    return [doc_id for doc_id, count in zip(ids, counts) for _ in range(count)]
