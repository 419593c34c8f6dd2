"""Load a corpus: one DataFrame, one row per document, from files, folders or a DataFrame.

The corpus has the index ``doc_id`` (str, unique) and the columns ``outlet`` (str), ``date``
(datetime64[ns], NaT when missing), ``title`` (str, "" when missing) and ``text`` (str), followed by any
other metadata the source carries. :func:`load_corpus` reads it whole; :func:`iter_corpus` streams it in
chunks through the same readers and checks, so that ``pd.concat(iter_corpus(x))`` equals
``load_corpus(x)``.

Decisions worth knowing (the tests pin each one):

- A folder is walked recursively in sorted order of relative path; every .txt, .csv, .tsv, .json, .jsonl
  and .parquet file is read. Hidden files and folders (names starting with "."), editor backups ("~"),
  ``Thumbs.db``/``desktop.ini``, documentation (.md, .markdown, .rst, LICENSE, README) and settings (.yml,
  .yaml, e.g. an actors file beside the documents) are ignored.
  Any other file is an error naming it (``errors="skip"`` skips and records it instead).
- A file's doc_id is its path relative to the folder, without extension, with "/" (a single file: its
  stem). Rows of a table without a doc_id column are numbered from 1 in file order: ``row-1``, ``row-2``
  ... (inside a folder ``<file id>/row-1``); for a DataFrame, by position. A DataFrame's named index (or
  a non-default one) becomes a column first, so a corpus DataFrame loads back unchanged.
- outlet comes from the document (a header ``outlet:`` line or an outlet column); when that is missing
  or empty, from the first sub-folder under the root; files directly in the root get outlet "".
- Dates are parsed as ISO 8601 first, then leniently (month first in "03/04/2020"); time-zone aware
  values are converted to naive UTC; missing values ("", "NaN", "null", "n/a" ...) become NaT silently,
  unparseable or out-of-range ones become NaT with one warning.
- CSV/TSV values stay text (no type guessing), so a column's type never depends on the chunk.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import readers
from framing.corpus.ledger import Ledger
from framing.corpus.outlets import apply_outlet_map, outlet_variants, variants_message
from framing.corpus.readers import FrameBatch, Problem, Record, Where
from framing.errors import CorpusError, InputError
from framing.schema import CORPUS_COLUMNS, empty_corpus

__all__ = ["CorpusWarning", "corpus_summary", "iter_corpus", "load_corpus"]

_LOAD_CHUNKSIZE = 20_000
_MISSING_DATES = {"", "nat", "nan", "none", "null", "n/a", "na"}
_EXAMPLES = 3


class CorpusWarning(UserWarning):
    """Something in the corpus worth knowing that did not stop loading (bad dates, empty texts ...)."""


# ------------------------------------------------------------------------------------------- public API


def load_corpus(
    source: str | os.PathLike | pd.DataFrame,
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    dedupe: bool = False,
    errors: str = "raise",
    outlet_map: Mapping[str, str] | str | None = None,
) -> pd.DataFrame:
    """Read a corpus from a folder, a file or a DataFrame into the corpus DataFrame.

    Parameters
    ----------
    source
        A folder of documents (.txt, .csv, .tsv, .json, .jsonl, .parquet files, in sub-folders per outlet
        or not), one such file, or a DataFrame (never modified).
    format
        Read every file as this format ("txt", "csv", "tsv", "json", "jsonl" or "parquet") instead of
        going by the file extension.
    columns
        Renames source fields to the corpus's names, e.g. ``{"source": "outlet", "content": "text",
        "ID": "doc_id"}``. Applies to header keys of .txt files too (keys are lowercased there).
    encoding
        Decode text files with this encoding. By default UTF-8 (with or without BOM) and, for files that
        are not valid UTF-8, cp1252 with a warning naming the files.
    dedupe
        Drop documents whose text repeats an earlier document's text exactly (the first is kept).
    errors
        "raise" stops at the first bad file or row with a :class:`~framing.errors.CorpusError` naming
        the file and line; "skip" skips them, warns once, and lists each as ``{"path", "line",
        "reason"}`` in ``corpus.attrs["skipped"]``.
    outlet_map
        Renames outlets: ``{"FOX": "Fox", "fox": "Fox"}``, or ``"merge-case"`` to merge the names that
        differ only in case or surrounding spaces into their most frequent spelling. Without it such
        names stay separate outlets and a warning names them (:mod:`framing.corpus.outlets`).

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; columns ``outlet``, ``date``, ``title``, ``text``, then other metadata.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"source": ["Herald", "Ledger"], "content": ["Rain.", "Sun."],
    ...                       "published": ["2024-03-01", "2024-03-02"]})
    >>> corpus = load_corpus(frame, columns={"source": "outlet", "content": "text", "published": "date"})
    >>> corpus[["outlet", "text"]]
           outlet   text
    doc_id
    row-1  Herald  Rain.
    row-2  Ledger   Sun.
    >>> str(corpus["date"].iloc[1].date())
    '2024-03-02'
    """
    run = _Run(errors=errors, dedupe=dedupe, streaming=False)
    items = _open(source, format=format, columns=columns, encoding=encoding, chunksize=_LOAD_CHUNKSIZE, run=run)
    chunks = list(_chunks(items, run=run, chunksize=_LOAD_CHUNKSIZE, final_empty=False))
    run.raise_duplicate_ids()
    if not chunks:
        corpus = empty_corpus()
    elif len(chunks) == 1:
        corpus = chunks[0]
    else:
        corpus = pd.concat(chunks)
    corpus = apply_outlet_map(corpus, outlet_map)
    corpus.attrs = {"skipped": list(run.ledger.items)}
    run.warn_summary(source, stacklevel=2)
    variants = outlet_variants(corpus["outlet"])
    if variants:
        warnings.warn(variants_message(variants), CorpusWarning, stacklevel=2)
    return corpus


def iter_corpus(
    source: str | os.PathLike | pd.DataFrame,
    *,
    chunksize: int = 1000,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    errors: str = "raise",
    dedupe: bool = False,
    outlet_map: Mapping[str, str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Stream a corpus in chunks of at most ``chunksize`` documents, reading files lazily.

    The options are those of :func:`load_corpus` (``outlet_map`` only as a mapping), and the chunks
    concatenate to what it returns. A folder
    is walked in sorted order one file at a time; CSV, TSV and JSONL files are read row by row; Parquet
    by row batches. Checks across the corpus still hold: a repeated doc_id raises as soon as it is seen
    (with ``errors="skip"`` it is skipped), and ``dedupe`` remembers a 16-byte digest per text. Each
    chunk's ``attrs["skipped"]`` lists the items skipped while it was read; when items were skipped
    after the last document, a final empty chunk carries them. Warnings are given once, at the end.

    The source is checked when this is called (a missing path or an empty folder raises at once);
    documents are read as the chunks are consumed.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"text": ["one", "two", "three"]})
    >>> [list(chunk.index) for chunk in iter_corpus(frame, chunksize=2)]
    [['row-1', 'row-2'], ['row-3']]
    """
    if not isinstance(chunksize, (int, np.integer)) or isinstance(chunksize, bool) or chunksize < 1:
        raise InputError(f"chunksize must be a whole number of at least 1; got {chunksize!r}")
    if isinstance(outlet_map, str):
        raise InputError(f"iter_corpus renames outlets chunk by chunk: give outlet_map as a mapping "
                         f"{{'old name': 'new name'}}; {outlet_map!r} needs the whole corpus (load_corpus)")
    run = _Run(errors=errors, dedupe=dedupe, streaming=True)
    items = _open(source, format=format, columns=columns, encoding=encoding, chunksize=int(chunksize), run=run)
    chunks = _stream(items, run=run, chunksize=int(chunksize), source=source)
    return chunks if not outlet_map else (_renamed(chunk, outlet_map) for chunk in chunks)


def _renamed(chunk: pd.DataFrame, outlet_map: Mapping[str, str]) -> pd.DataFrame:
    attrs = chunk.attrs
    chunk = apply_outlet_map(chunk, outlet_map)
    chunk.attrs = attrs
    return chunk


def corpus_summary(corpus: pd.DataFrame) -> dict[str, Any]:
    """Counts that describe a corpus, for ``framing corpus info`` and quick checks.

    Returns
    -------
    dict
        ``documents``, ``words`` (whitespace-separated), ``outlets`` (outlet -> documents, most first),
        ``date_min`` and ``date_max`` (Timestamps, None when no date is known), ``missing_dates``,
        ``empty_texts`` and ``skipped`` (items in ``corpus.attrs["skipped"]``).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = load_corpus(pd.DataFrame({"outlet": ["A", "B", "A"], "text": ["a b", "c", "d e f"],
    ...                                    "date": ["2024-01-02", None, "2024-03-04"]}))
    >>> summary = corpus_summary(corpus)
    >>> summary["documents"], summary["words"], summary["outlets"], summary["missing_dates"]
    (3, 6, {'A': 2, 'B': 1}, 1)
    >>> str(summary["date_min"].date()), str(summary["date_max"].date()), summary["empty_texts"]
    ('2024-01-02', '2024-03-04', 0)
    """
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns:
        raise InputError("corpus_summary expects a corpus DataFrame (from load_corpus) with a 'text' column")
    texts = corpus["text"].tolist()
    outlets = corpus["outlet"].value_counts() if "outlet" in corpus.columns else pd.Series(dtype=int)
    ordered = sorted(outlets.items(), key=lambda pair: (-pair[1], str(pair[0])))
    dates = corpus["date"] if "date" in corpus.columns else pd.Series(pd.NaT, index=corpus.index)
    first, last = dates.min(), dates.max()
    return {
        "documents": len(corpus),
        "words": sum(len(text.split()) for text in texts if isinstance(text, str)),
        "outlets": {str(outlet): int(count) for outlet, count in ordered},
        "date_min": None if pd.isna(first) else first,
        "date_max": None if pd.isna(last) else last,
        "missing_dates": int(dates.isna().sum()),
        "empty_texts": sum(1 for text in texts if not isinstance(text, str) or not text or text.isspace()),
        "skipped": len(corpus.attrs.get("skipped", [])),
    }


# ---------------------------------------------------------------------------------- opening a source


def _check_options(format: str | None, columns: Mapping[str, str] | None, encoding: str | None) -> dict[str, str]:
    if format is not None and format not in readers.FORMATS:
        raise InputError(f"format must be one of {', '.join(readers.FORMATS)}; got {format!r}")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            raise InputError(f"unknown encoding {encoding!r}; "
                             "use a Python codec name such as 'utf-8' or 'cp1252'") from None
    if columns is None:
        return {}
    if not isinstance(columns, Mapping) or not all(isinstance(k, str) and isinstance(v, str)
                                                   for k, v in columns.items()):
        raise InputError("columns= must map source field names to corpus names, e.g. {'content': 'text'}")
    targets: dict[str, str] = {}
    for source_name, target in columns.items():
        if target in targets and source_name != target:
            raise InputError(f"columns= maps both {targets[target]!r} and {source_name!r} to {target!r}; map only one")
        targets[target] = source_name
    return dict(columns)


def _open(source: Any, *, format: str | None, columns: Mapping[str, str] | None, encoding: str | None,
          chunksize: int, run: _Run) -> Iterator[Record | FrameBatch | Problem]:
    """Check the options and the source now; return the lazy stream of its records."""
    mapping = _check_options(format, columns, encoding)
    run.mapping = mapping
    if isinstance(source, pd.DataFrame):
        try:
            return readers.frame_batches(source, mapping=mapping, chunksize=chunksize)
        except readers.BadInput as error:
            raise CorpusError(error.reason) from None
    if not isinstance(source, (str, os.PathLike)):
        raise InputError("source must be a path to a folder or file, or a pandas DataFrame; "
                         f"got {type(source).__name__}")
    path = Path(source).expanduser()
    display = str(path)
    if not path.exists():
        raise CorpusError("no such file or folder; check the path", path=display)
    if path.is_dir():
        return _folder_items(path, format=format, mapping=mapping, encoding=encoding, chunksize=chunksize, run=run)
    kind = format or readers.SUFFIX_FORMATS.get(path.suffix.lower())
    if kind is None:
        what = f"file type {path.suffix!r}" if path.suffix else "file without an extension"
        raise CorpusError(f"unsupported {what}; supported: {readers.SUPPORTED_SUFFIXES} "
                          f"(or pass format= one of {', '.join(readers.FORMATS)})", path=display)
    spec = readers.FileSpec(path, display, kind, path.stem, "", "")
    return readers.read_file(spec, mapping=mapping, encoding=encoding, log=run.log, chunksize=chunksize)


def _folder_items(root: Path, *, format: str | None, mapping: dict[str, str], encoding: str | None,
                  chunksize: int, run: _Run) -> Iterator[Record | FrameBatch | Problem]:
    # A first pass over the names only (no contents) so that an empty folder or a stray file fails before
    # any work is done, while memory stays independent of the number of files.
    loops: list[str] = []
    supported, unsupported, n_unsupported = 0, [], 0
    try:
        for parts, kind in readers.walk_folder(root, format=format, loops=loops):
            if kind:
                supported += 1
            else:
                n_unsupported += 1
                if len(unsupported) < 5:
                    unsupported.append("/".join(parts))
    except OSError as error:
        raise CorpusError(f"cannot read the folder ({error.strerror or error})",
                          path=error.filename or root) from None
    for link in loops:
        warnings.warn(f"{os.path.join(root, link)}: not followed: a symlink to a folder that is already read",
                      CorpusWarning, stacklevel=4)
    listed = ", ".join(unsupported) + (f" and {n_unsupported - len(unsupported)} more" if n_unsupported > 5 else "")
    if supported == 0:
        found = f", only unsupported ones: {listed}" if n_unsupported else ""
        raise CorpusError(f"no corpus files in this folder{found}; expected {readers.SUPPORTED_SUFFIXES} files "
                          f"({readers.IGNORED_NOTE})", path=root)
    if n_unsupported and run.errors == "raise":
        raise CorpusError(f"unsupported file type(s): {listed}; supported: {readers.SUPPORTED_SUFFIXES} "
                          f"({readers.IGNORED_NOTE}); move them out of the folder or pass errors='skip'",
                          path=root)
    return _walk_items(root, format=format, mapping=mapping, encoding=encoding, chunksize=chunksize, run=run)


def _walk_items(root: Path, *, format: str | None, mapping: dict[str, str], encoding: str | None,
                chunksize: int, run: _Run) -> Iterator[Record | FrameBatch | Problem]:
    try:
        for parts, kind in readers.walk_folder(root, format=format):
            display = os.path.join(root, *parts)
            if kind is None:
                suffix = os.path.splitext(parts[-1])[1]
                reason = f"unsupported file type {suffix!r}; supported: {readers.SUPPORTED_SUFFIXES}"
                yield Problem(display, None, reason)
                continue
            doc_id = readers.file_id(parts)
            outlet = parts[0] if len(parts) > 1 else ""
            spec = readers.FileSpec(Path(display), display, kind, doc_id, f"{doc_id}/", outlet)
            yield from readers.read_file(spec, mapping=mapping, encoding=encoding, log=run.log, chunksize=chunksize)
    except OSError as error:
        raise CorpusError(f"cannot read the folder ({error.strerror or error})",
                          path=error.filename or root) from None


# ------------------------------------------------------------------------------------ building chunks


def _stream(items: Iterator, *, run: _Run, chunksize: int, source: Any) -> Iterator[pd.DataFrame]:
    yield from _chunks(items, run=run, chunksize=chunksize, final_empty=True)
    run.warn_summary(source, stacklevel=1)


def _chunks(items: Iterable, *, run: _Run, chunksize: int, final_empty: bool) -> Iterator[pd.DataFrame]:
    records: list[Record] = []
    for item in items:
        if type(item) is Record:
            # ids are checked as records arrive, so that skipped items are listed in file order
            if run.accept_record(item):
                records.append(item)
            if len(records) >= chunksize:
                yield from run.records_chunk(records)
                records = []
        elif type(item) is Problem:
            run.ledger.problem(item.path, item.line, item.reason)
        else:
            if records:
                yield from run.records_chunk(records)
                records = []
            yield from run.frame_chunk(item)
    if records:
        yield from run.records_chunk(records)
    if final_empty and run.ledger.has_unreported():
        chunk = empty_corpus()
        chunk.attrs = {"skipped": run.ledger.take()}
        yield chunk


def _records_frame(records: list[Record]) -> pd.DataFrame:
    """Columns from records whose fields may differ; absent fields are NaN."""
    columns: dict[str, list] = {}
    missing = float("nan")  # what pd.concat puts in a column absent from a chunk, so chunking changes nothing
    for number, record in enumerate(records):
        for name, value in record.fields.items():
            column = columns.get(name)
            if column is None:
                column = columns[name] = [missing] * number
            column.append(value)
        for column in columns.values():
            if len(column) <= number:
                column.append(missing)
    columns.pop("doc_id", None)
    return pd.DataFrame(columns)


def _strings(column: pd.Series | None, size: int) -> list[str]:
    """A column as a list of str, "" for missing values, line endings normalised."""
    if column is None:
        return [""] * size
    missing = column.isna().to_numpy()
    values = column.tolist()
    return [
        "" if gone else readers._normalise_newlines(value if type(value) is str else str(value))
        for value, gone in zip(values, missing)
    ]


def _id_text(value: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # ids read as floats because the column also holds a missing value
    return str(value)


def _parse_dates(column: pd.Series | None, size: int) -> tuple[np.ndarray, np.ndarray, list]:
    """Parse dates to datetime64[ns] naive UTC; returns (dates, positions that failed, their raw text)."""
    if column is None:
        return np.full(size, np.datetime64("NaT"), dtype="datetime64[ns]"), np.array([], dtype=int), []
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        parsed = pd.Series(column.to_numpy(), dtype=column.dtype)
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_convert(None)
        missing = parsed.isna().to_numpy()
        texts = [str(value) for value in parsed.tolist()]
    else:
        absent = column.isna().to_numpy()
        texts = [None if gone else (value.strip() if type(value) is str else str(value))
                 for value, gone in zip(column.tolist(), absent)]
        missing = np.array([text is None or text.lower() in _MISSING_DATES for text in texts], dtype=bool)
        candidates = pd.Series([None if gone else text for text, gone in zip(texts, missing)], dtype=object)
        parsed = pd.to_datetime(candidates, errors="coerce", format="ISO8601", utc=True)
        retry = parsed.isna().to_numpy() & ~missing
        if retry.any():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                lenient = pd.to_datetime(candidates[retry], errors="coerce", format="mixed", utc=True)
            parsed[retry] = lenient
        parsed = parsed.dt.tz_convert(None)
    out_of_range = (parsed.notna() & ((parsed < pd.Timestamp.min) | (parsed > pd.Timestamp.max))).to_numpy()
    if out_of_range.any():
        parsed[out_of_range] = pd.NaT
    failed = np.flatnonzero(parsed.isna().to_numpy() & ~missing)
    return parsed.astype("datetime64[ns]").to_numpy(), failed, [texts[i] for i in failed]


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def _more(shown: int, total: int) -> str:
    return f" and {total - shown} more" if total > shown else ""


class _Run:
    """The state of one load: options, the ledger of skipped inputs, what was seen (ids, texts), and what to
    warn about at the end."""

    def __init__(self, *, errors: str, dedupe: bool, streaming: bool):
        self.ledger = Ledger(errors=errors)
        self.errors = errors
        self.dedupe = bool(dedupe)
        self.streaming = streaming
        self.mapping: dict[str, str] = {}
        self.log = readers.ReadLog()
        self.seen_ids: dict[str, Where] = {}
        self.duplicate_ids: list[tuple[str, Where, Where]] = []
        self.seen_texts: dict[bytes, str] = {}
        self.repeated_texts: list[tuple[str, str]] = []
        self.n_repeated_texts = 0
        self.bad_dates: list[tuple[str, str]] = []
        self.n_bad_dates = 0
        self.empty_texts: list[str] = []
        self.n_empty_texts = 0
        self.documents = 0

    # problems -------------------------------------------------------------------------------------
    def raise_duplicate_ids(self) -> None:
        if not self.duplicate_ids:
            return
        doc_id, first, repeat = self.duplicate_ids[0]
        message = f"duplicate doc_id {doc_id!r}, first seen at {first.relative_to(repeat)}"
        examples: dict[str, str] = {}
        for other_id, other_first, other_repeat in self.duplicate_ids[1:]:
            if other_id != doc_id and other_id not in examples and len(examples) < _EXAMPLES - 1:
                examples[other_id] = (f"{other_id!r} ({other_repeat.relative_to(repeat)}, "
                                      f"first seen at {other_first.relative_to(repeat)})")
        if examples:
            message += "; also " + ", ".join(examples.values())
        if len(self.duplicate_ids) > len(examples) + 1:
            message += f"; {len(self.duplicate_ids)} repeats in all"
        item = repeat.problem(message + "; doc_ids must be unique")
        raise CorpusError(item.reason, path=item.path, line=item.line)

    # chunks ---------------------------------------------------------------------------------------
    def _check_id(self, value: Any, where: Where) -> str | None:
        """The doc_id to use, or None when the row is skipped (empty or repeated id)."""
        absent = value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
        doc_id = "" if absent else _id_text(value).strip()
        if not doc_id:
            source_name = next((k for k, v in self.mapping.items() if v == "doc_id"), "doc_id")
            self.ledger.problem_at(where, f"empty doc_id (column {source_name!r})")
            return None
        first = self.seen_ids.get(doc_id)
        if first is None:
            self.seen_ids[doc_id] = where
            return doc_id
        if self.errors == "skip":
            self.ledger.problem_at(where, f"duplicate doc_id {doc_id!r}, first seen at {first.relative_to(where)}")
            return None
        self.duplicate_ids.append((doc_id, first, where))
        if self.streaming:
            self.raise_duplicate_ids()
        return doc_id

    def accept_record(self, record: Record) -> bool:
        fields = record.fields
        given = "doc_id" in fields
        doc_id = self._check_id(fields["doc_id"] if given else record.default_id, record.where)
        record.doc_id = doc_id or ""
        return doc_id is not None

    def records_chunk(self, records: list[Record]) -> Iterator[pd.DataFrame]:
        frame = _records_frame(records)
        return self._chunk(frame, [r.doc_id for r in records], [r.default_outlet for r in records])

    def frame_chunk(self, batch: FrameBatch) -> Iterator[pd.DataFrame]:
        rows = range(batch.first_row, batch.first_row + len(batch.frame))
        if "doc_id" in batch.frame.columns:
            values = batch.frame["doc_id"].tolist()
        else:
            values = [f"{batch.id_prefix}row-{row}" for row in rows]
        ids = [self._check_id(value, Where(batch.path, None, row)) for value, row in zip(values, rows)]
        frame = batch.frame.drop(columns="doc_id") if "doc_id" in batch.frame.columns else batch.frame
        if any(doc_id is None for doc_id in ids):
            kept = [position for position, doc_id in enumerate(ids) if doc_id is not None]
            frame, ids = frame.iloc[kept], [ids[position] for position in kept]
        return self._chunk(frame, ids, [batch.default_outlet] * len(ids))

    def _chunk(self, frame: pd.DataFrame, ids: list[str], default_outlets: list[str]) -> Iterator[pd.DataFrame]:
        """The corpus chunk of rows whose ids were checked: texts, outlets, dates, and the checks on texts."""
        size = len(frame)
        keep = np.ones(size, dtype=bool)
        texts = _strings(frame.get("text"), size)
        for position, text in enumerate(texts):
            if not text or text.isspace():
                self.n_empty_texts += 1
                if len(self.empty_texts) < _EXAMPLES:
                    self.empty_texts.append(ids[position])
                continue
            digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            original = self.seen_texts.get(digest)
            if original is None:
                self.seen_texts[digest] = ids[position]
                continue
            self.n_repeated_texts += 1
            if len(self.repeated_texts) < _EXAMPLES:
                self.repeated_texts.append((ids[position], original))
            if self.dedupe:
                keep[position] = False
        kept = np.flatnonzero(keep)
        if len(kept) < size:
            frame = frame.iloc[kept]
            ids = [ids[i] for i in kept]
            texts = [texts[i] for i in kept]
            default_outlets = [default_outlets[i] for i in kept]
        if len(kept) == 0:
            return
        outlets = [outlet or default for outlet, default in zip(_strings(frame.get("outlet"), len(kept)),
                                                                default_outlets)]
        dates, failed, failed_texts = _parse_dates(frame.get("date"), len(kept))
        self.n_bad_dates += len(failed)
        for position, text in zip(failed[:_EXAMPLES - len(self.bad_dates)], failed_texts):
            self.bad_dates.append((text, ids[position]))
        positional = pd.RangeIndex(len(kept))
        core = pd.DataFrame(
            {"outlet": pd.Series(outlets, index=positional, dtype=str),
             "date": pd.Series(dates, index=positional),
             "title": pd.Series(_strings(frame.get("title"), len(kept)), index=positional, dtype=str),
             "text": pd.Series(texts, index=positional, dtype=str)},
            index=positional,
        )
        metadata = frame.drop(columns=[c for c in CORPUS_COLUMNS if c in frame.columns])
        if len(metadata.columns):
            core = pd.concat([core, metadata.set_axis(positional, axis=0)], axis=1)
        core.index = pd.Index(ids, dtype=str, name="doc_id")
        core.attrs = {"skipped": self.ledger.take()}
        self.documents += len(core)
        yield core

    # warnings -------------------------------------------------------------------------------------
    def warn_summary(self, source: Any, *, stacklevel: int) -> None:
        def warn(message: str) -> None:
            warnings.warn(message, CorpusWarning, stacklevel=stacklevel + 2)

        decoded = self.log.cp1252_files
        if len(decoded) == 1:
            warn(f"{decoded[0]}: not valid UTF-8; decoded as cp1252 (pass encoding= if that is wrong)")
        elif decoded:
            warn(f"{len(decoded)} files are not valid UTF-8 and were decoded as cp1252 (pass encoding= if that is "
                 f"wrong): {', '.join(decoded[:_EXAMPLES])}{_more(_EXAMPLES, len(decoded))}")
        skipped = self.ledger.summary(examples=_EXAMPLES)
        if skipped:
            warn(skipped)
        if self.n_bad_dates:
            shown = ", ".join(f"{text!r} (doc_id {doc_id!r})" for text, doc_id in self.bad_dates)
            verb = "is" if self.n_bad_dates == 1 else "are"
            warn(f"{_plural(self.n_bad_dates, 'date')} could not be parsed and {verb} NaT: "
                 f"{shown}{_more(len(self.bad_dates), self.n_bad_dates)}")
        if self.n_empty_texts:
            shown = ", ".join(repr(doc_id) for doc_id in self.empty_texts)
            warn(f"{_plural(self.n_empty_texts, 'document')} with empty or whitespace-only text (kept): "
                 f"{shown}{_more(len(self.empty_texts), self.n_empty_texts)}")
        if self.n_repeated_texts:
            shown = ", ".join(f"{doc_id!r} (same as {original!r})" for doc_id, original in self.repeated_texts)
            more = _more(len(self.repeated_texts), self.n_repeated_texts)
            if self.dedupe:
                warn(f"dropped {_plural(self.n_repeated_texts, 'document')} whose text repeats an earlier "
                     f"document's (dedupe=True): {shown}{more}")
            else:
                one = self.n_repeated_texts == 1
                warn(f"{_plural(self.n_repeated_texts, 'document')} repeat{'s' if one else ''} the exact text of an "
                     f"earlier document: {shown}{more}; pass dedupe=True to drop {'it' if one else 'them'}")
        if self.documents == 0:
            where = "the DataFrame" if isinstance(source, pd.DataFrame) else str(source)
            warn(f"no documents were read from {where}")
