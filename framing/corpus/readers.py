"""File readers behind :func:`framing.load_corpus`: turn files into raw records, lazily.

Each reader is a generator that yields, in file order,

- :class:`Record`: one document's fields (already renamed by ``columns=``), with where it came from;
- :class:`FrameBatch`: a block of rows from a columnar source (Parquet, a DataFrame);
- :class:`Problem`: a bad file or row (path, line, reason). Readers never raise for bad content: the caller
  decides whether a problem stops the load (``errors="raise"``) or is recorded and skipped.

Building the corpus schema (ids, dates, checks across documents) is :mod:`framing.corpus.load`'s job.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

FORMATS = ("txt", "csv", "tsv", "json", "jsonl", "parquet")
SUFFIX_FORMATS = {
    ".txt": "txt", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet",
}
SUPPORTED_SUFFIXES = ".txt, .csv, .tsv, .json, .jsonl, .parquet"
# Documentation and settings that live beside corpus files (README.md, PROVENANCE.md, LICENSE, an actors.yml)
# are not documents.
DOC_SUFFIXES = {".md", ".markdown", ".rst", ".yml", ".yaml"}
IGNORED_NOTE = "hidden files, .md documentation and .yml settings are ignored"
DOC_NAMES = {"LICENSE", "LICENCE", "COPYING", "NOTICE", "README", "AUTHORS"}
IGNORED_NAMES = {"Thumbs.db", "desktop.ini", "__MACOSX", "__pycache__"}
KNOWN_HEADER_KEYS = {"date", "title", "outlet", "url", "author"}
TEXT_COLUMN_GUESSES = ("content", "body", "article", "full_text", "fulltext", "story", "text_body", "maintext")

_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9_ -]{0,30}:(?:\s|$)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_COMPACT_DATE = re.compile(r"date (\d{4}-\d{2}-\d{2})(?:[ \t]+|\n|$)")
_MAX_HEADER_LINES = 50
_SNIFF_BLOCK = 1 << 20


def _c1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; map them to the C1 code points as browsers do.
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("framing-cp1252", _c1_fallback)


@dataclass(frozen=True)
class Where:
    """Where a document came from: a file (or None for a DataFrame), a line, and/or a row number."""

    path: str | None
    line: int | None = None
    row: int | None = None

    def problem(self, reason: str) -> Problem:
        """A problem at this place; a row number goes into the reason when there is no line number."""
        if self.line is None and self.row is not None:
            reason = f"row {self.row}: {reason}"
        return Problem(self.path, self.line, reason)

    def relative_to(self, other: Where) -> str:
        """This place as seen from ``other``: just "line 3" (or "row 3") within the same file."""
        if self.path == other.path:
            if self.line is not None:
                return f"line {self.line}"
            if self.row is not None:
                return f"row {self.row}"
        return str(self)

    def __str__(self) -> str:
        text = self.path or ""
        if self.line is not None:
            return f"{text}:{self.line}"
        if self.row is not None:
            return f"{text} row {self.row}".strip()
        return text


@dataclass
class Record:
    fields: dict[str, Any]
    where: Where
    default_id: str  # used when the record has no doc_id field
    default_outlet: str  # used when the record's outlet is missing or empty
    doc_id: str = ""  # the checked id, set by the corpus builder


@dataclass
class FrameBatch:
    frame: pd.DataFrame
    path: str | None
    first_row: int  # 1-based number of the batch's first row in its source
    id_prefix: str  # "" for a single file or DataFrame, "<relative path>/" inside a folder
    default_outlet: str


@dataclass
class Problem:
    path: str | None
    line: int | None
    reason: str


@dataclass
class ReadLog:
    """What readers noticed that is worth a warning but does not stop anything."""

    cp1252_files: list[str] = field(default_factory=list)


class BadInput(Exception):
    """A file that cannot be read; turned into a :class:`Problem` for the whole file."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


# ---------------------------------------------------------------------------------------------- folders


def is_ignored(name: str) -> bool:
    """True for hidden files, OS clutter, documentation and settings, which a corpus folder may hold."""
    stem, suffix = os.path.splitext(name)
    return (
        name.startswith(".")
        or name.endswith("~")
        or name in IGNORED_NAMES
        or suffix.lower() in DOC_SUFFIXES
        or (not suffix and stem.upper() in DOC_NAMES)
    )


def walk_folder(
    root: Path, *, format: str | None, loops: list[str] | None = None
) -> Iterator[tuple[tuple[str, ...], str | None]]:
    """Yield ``(relative parts, format or None if unsupported)`` for every file, sorted by relative path.

    Paths are compared folder name by folder name (``a/b.txt`` before ``a-z.txt``, as ``a`` < ``a-z``).
    Symlinked folders are followed unless they lead to a folder already read (a loop, or a second route
    to the same files); those are appended to ``loops``. Unreadable folders raise ``OSError``.
    """
    seen = {os.path.realpath(root)}

    def visit(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str | None]]:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            if is_ignored(entry.name):
                continue
            here = (*parts, entry.name)
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if entry.is_symlink() and real in seen:  # only a symlink can loop or lead somewhere read twice
                    if loops is not None:
                        loops.append("/".join(here))
                    continue
                seen.add(real)
                yield from visit(entry.path, here)
            else:
                yield here, format or SUFFIX_FORMATS.get(os.path.splitext(entry.name)[1].lower())

    yield from visit(str(root), ())


def file_id(parts: tuple[str, ...]) -> str:
    """doc_id of a file: its path relative to the corpus root, without extension, with forward slashes.

    Examples
    --------
    >>> file_id(("Herald", "2024", "storm.txt"))
    'Herald/2024/storm'
    """
    return str(PurePosixPath(*parts).with_suffix(""))


# --------------------------------------------------------------------------------------------- decoding


def _nul_free(encoding: str) -> bool:
    return not encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32"))


def _bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _binary_error() -> BadInput:
    return BadInput("binary file (it contains NUL bytes), not text; convert it to UTF-8 text or remove it")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, display: str, encoding: str | None, log: ReadLog) -> str:
    """Decode a whole file: UTF-8 with or without BOM (or UTF-16 with a BOM), else cp1252 (logged).

    A forced ``encoding`` is used as given. Line endings are normalised to ``\\n``. Raises
    :class:`BadInput` for binary data or bytes the (forced) encoding cannot decode.
    """
    chosen = encoding or ("utf-16" if _bom_encoding(data[:4]) == "utf-16" else "utf-8")
    if _nul_free(chosen) and b"\x00" in data:
        raise _binary_error()
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as error:
        if encoding is not None or chosen != "utf-8":
            raise BadInput(f"cannot decode as {chosen} ({error.reason}); check encoding=",
                           line=_line_of(data, error.start)) from None
        body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        text = body.decode("cp1252", errors="framing-cp1252")
        log.cp1252_files.append(display)
    except LookupError:
        raise BadInput(f"unknown encoding {encoding!r}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return _normalise_newlines(text)


def sniff_encoding(path: Path, display: str, encoding: str | None, log: ReadLog) -> tuple[str, str]:
    """Choose ``(encoding, errors)`` for streaming a text file, checking the whole file once in blocks.

    The rules of :func:`decode`: a BOM, else UTF-8 if the whole file is valid, else cp1252 (logged); a
    forced ``encoding`` must decode the whole file. Raises :class:`BadInput` for binary data.
    """
    with open(path, "rb") as handle:
        chosen = encoding or _bom_encoding(handle.read(4)) or "utf-8"
        handle.seek(0)
        check_nul = _nul_free(chosen)
        try:
            decoder = codecs.getincrementaldecoder(chosen)()
        except LookupError:
            raise BadInput(f"unknown encoding {chosen!r}") from None
        validate, lines_before = True, 0
        while True:
            block = handle.read(_SNIFF_BLOCK)
            if check_nul and b"\x00" in block:
                raise _binary_error()
            if validate:
                try:
                    decoder.decode(block, final=not block)
                except UnicodeDecodeError as error:
                    if encoding is not None or not chosen.startswith("utf-8"):
                        line = lines_before + block.count(b"\n", 0, max(error.start, 0)) + 1
                        reason = f"cannot decode as {chosen} ({error.reason}); check encoding="
                        raise BadInput(reason, line=line) from None
                    validate, chosen = False, "cp1252"
            if not block:
                break
            lines_before += block.count(b"\n")
    if chosen == "cp1252" and encoding is None:
        log.cp1252_files.append(display)
        return chosen, "framing-cp1252"
    return chosen, "strict"


def _normalise_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


# ------------------------------------------------------------------------------------------ .txt files


def _header_key(raw: str) -> str:
    return re.sub(r"[ -]+", "_", raw.strip().lower())


def parse_txt(text: str) -> dict[str, str]:
    """Split a .txt document into its header fields and its ``text``.

    Two header forms are recognised. (1) ``key: value`` lines ended by a blank line, when every line
    before the first blank line looks like ``key: value`` and at least one key is a known one (date,
    title, outlet, url, author), so that an opening paragraph such as "Washington: ..." is not eaten.
    Keys are lowercased (spaces and hyphens become ``_``); a repeated key's values are joined with "; ".
    (2) The compact export form: the first line starts ``date YYYY-MM-DD`` and the text follows.

    Examples
    --------
    >>> parse_txt("Title: Storm\\nDate: 2024-03-01\\n\\nRain fell.\\n")
    {'title': 'Storm', 'date': '2024-03-01', 'text': 'Rain fell.'}
    >>> parse_txt("date 2024-03-01 Rain fell.")
    {'date': '2024-03-01', 'text': 'Rain fell.'}
    >>> parse_txt("Note: no header here.\\n\\nRain fell.")["text"]
    'Note: no header here.\\n\\nRain fell.'
    """
    compact = _COMPACT_DATE.match(text)
    if compact:
        return {"date": compact.group(1), "text": text[compact.end():].strip()}
    blank = _BLANK_LINE.search(text)
    if blank:
        lines = text[:blank.start()].split("\n")
        if len(lines) <= _MAX_HEADER_LINES and all(_HEADER_LINE.match(line) for line in lines):
            header: dict[str, str] = {}
            for line in lines:
                key, _, value = line.partition(":")
                key, value = _header_key(key), value.strip()
                header[key] = f"{header[key]}; {value}" if key in header else value
            if KNOWN_HEADER_KEYS.intersection(header):
                if "text" in header:  # a header line called "text" must not replace the body
                    header["text_header"] = header.pop("text")
                header["text"] = text[blank.end():].strip()
                return header
    return {"text": text.strip()}


def read_bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


# ------------------------------------------------------------------------------------- field mapping


def describe_missing_text(found: list[str]) -> str:
    """The message for a source without a text column, suggesting the likeliest mapping."""
    listed = ", ".join(found) if found else "none"
    lowered = {name.lower(): name for name in found}
    guess = next((lowered[name] for name in TEXT_COLUMN_GUESSES if name in lowered), "<name>")
    return (f"no 'text' column; columns found: {listed}; "
            f"say which one holds the text with columns={{{guess!r}: 'text'}}")


def rename(names: list[str], mapping: Mapping[str, str]) -> tuple[list[str], str | None]:
    """Rename fields with ``columns=``; the second item is an error message for a clash, else None."""
    renamed = [mapping.get(name, name) for name in names]
    if len(set(renamed)) < len(renamed):
        for source, target in mapping.items():
            if source in names and target in names and source != target:
                return renamed, (f"columns= renames {source!r} to {target!r}, but {target!r} exists too; "
                                 "map only one of them")
        repeated = sorted({name for name in renamed if renamed.count(name) > 1})
        return renamed, f"repeated column name(s): {', '.join(repeated)}; give each column a distinct name"
    return renamed, None


def _record(fields: dict[str, Any], mapping: Mapping[str, str], where: Where, default_id: str,
            default_outlet: str) -> Record | Problem:
    if mapping:
        names, clash = rename(list(fields), mapping)
        if clash:
            return where.problem(clash)
        fields = dict(zip(names, fields.values()))
    if "text" not in fields:
        return where.problem(describe_missing_text(list(fields)))
    return Record(fields, where, default_id, default_outlet)


# ------------------------------------------------------------------------------------------- readers


@dataclass
class FileSpec:
    """One file to read, and what the corpus layout says about it."""

    path: Path
    display: str
    format: str
    doc_id: str  # the doc_id of a one-document file
    id_prefix: str  # prefix of row ids for tabular files
    default_outlet: str


def _read_txt(spec: FileSpec, mapping, encoding, log, chunksize) -> Iterator[Record | Problem]:
    fields = parse_txt(decode(read_bytes(spec.path), spec.display, encoding, log))
    yield _record(fields, mapping, Where(spec.display), spec.doc_id, spec.default_outlet)


def _read_delimited(spec: FileSpec, mapping, encoding, log, chunksize) -> Iterator[Record | Problem]:
    chosen, errors = sniff_encoding(spec.path, spec.display, encoding, log)
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)  # articles can be longer than the default 128 KiB per field
    delimiter = "\t" if spec.format == "tsv" else ","
    kind = spec.format.upper()
    with open(spec.path, encoding=chosen, errors=errors, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        header: list[str] | None = None
        row_number = 0
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise BadInput(f"cannot decode as {chosen} ({error.reason}); check encoding=", line=line) from None
            except csv.Error as error:
                if "unexpected end of data" in str(error):
                    yield Problem(spec.display, line, f"malformed {kind}: the quoted field that starts on this "
                                  "line is never closed; add the missing '\"'")
                    return
                if header is None:
                    raise BadInput(f"malformed {kind} header: {error}", line=line) from None
                row_number += 1
                yield Problem(spec.display, line, f"malformed {kind} row: {error}")
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if header is None:
                raw = [name.strip().lstrip("\ufeff") for name in row]
                raw = [name or f"Unnamed: {i}" for i, name in enumerate(raw)]
                header, clash = rename(raw, mapping)
                if clash:
                    raise BadInput(clash, line=line)
                if "text" not in header:
                    raise BadInput(describe_missing_text(raw), line=line)
                width = len(header)
                continue
            row_number += 1
            if len(row) != width:
                separators = "tabs" if spec.format == "tsv" else "commas"
                yield Problem(spec.display, line, f"malformed {kind} row: expected {width} fields as in the header, "
                              f"found {len(row)}; quote fields that contain {separators}")
                continue
            yield Record(dict(zip(header, row)), Where(spec.display, line, row_number),
                         f"{spec.id_prefix}row-{row_number}", spec.default_outlet)


def _json_error(error: json.JSONDecodeError, *, lines: bool) -> str:
    reason = f"malformed JSON: {error.msg} (column {error.colno})"
    if error.msg == "Extra data" and not lines:
        reason += "; if the file holds one JSON object per line, name it .jsonl or pass format='jsonl'"
    return reason


def _kind_of(value: Any) -> str:
    return {str: "a string", list: "a list", bool: "true/false", type(None): "null"}.get(type(value), "a number")


def _read_json(spec: FileSpec, mapping, encoding, log, chunksize) -> Iterator[Record | Problem]:
    data = read_bytes(spec.path)
    if not data.strip():
        raise BadInput("empty file; expected a JSON object or a list of objects")
    try:
        parsed = json.loads(decode(data, spec.display, encoding, log))
    except json.JSONDecodeError as error:
        raise BadInput(_json_error(error, lines=False), line=error.lineno) from None
    if isinstance(parsed, dict):
        yield _record(parsed, mapping, Where(spec.display), spec.doc_id, spec.default_outlet)
    elif isinstance(parsed, list):
        for number, item in enumerate(parsed, start=1):
            where = Where(spec.display, None, number)
            if isinstance(item, dict):
                yield _record(item, mapping, where, f"{spec.id_prefix}row-{number}", spec.default_outlet)
            else:
                yield Problem(spec.display, None, f"row {number}: expected a JSON object, found {_kind_of(item)}")
    else:
        raise BadInput(f"expected a JSON object or a list of objects, found {_kind_of(parsed)}")


def _read_jsonl(spec: FileSpec, mapping, encoding, log, chunksize) -> Iterator[Record | Problem]:
    chosen, errors = sniff_encoding(spec.path, spec.display, encoding, log)
    row_number = 0
    with open(spec.path, encoding=chosen, errors=errors) as handle:
        line = 0
        while True:
            try:
                content = handle.readline()
            except UnicodeDecodeError as error:
                reason = f"cannot decode as {chosen} ({error.reason}); check encoding="
                raise BadInput(reason, line=line + 1) from None
            if not content:
                return
            line += 1
            if not content.strip():
                continue
            row_number += 1
            try:
                item = json.loads(content)
            except json.JSONDecodeError as error:
                yield Problem(spec.display, line, _json_error(error, lines=True))
                continue
            where = Where(spec.display, line, row_number)
            if isinstance(item, dict):
                yield _record(item, mapping, where, f"{spec.id_prefix}row-{row_number}", spec.default_outlet)
            else:
                yield Problem(spec.display, line, f"expected a JSON object, found {_kind_of(item)}")


def frame_columns(frame: pd.DataFrame, mapping: Mapping[str, str]) -> tuple[pd.DataFrame, str | None]:
    """Bring a frame's meaningful index into the columns and rename them; second item: an error or None."""
    if isinstance(frame.columns, pd.MultiIndex):
        return frame, "columns with several levels are not supported; flatten them first"
    if frame.index.name is not None or not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()  # a named or non-default index is data (often the doc_id)
    names, clash = rename([str(name) for name in frame.columns], mapping)
    if clash:
        return frame, clash
    if "text" not in names:
        return frame, describe_missing_text([str(name) for name in frame.columns])
    frame = frame.set_axis(names, axis=1)
    return frame, None


def _read_parquet(spec: FileSpec, mapping, encoding, log, chunksize) -> Iterator[FrameBatch | Problem]:
    import pyarrow
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(spec.path)
        batches = parquet.iter_batches(batch_size=chunksize)
        first_row = 1
        for batch in batches:
            frame, error = frame_columns(batch.to_pandas(), mapping)
            if error:
                raise BadInput(error)
            yield FrameBatch(frame, spec.display, first_row, spec.id_prefix, spec.default_outlet)
            first_row += len(frame)
    except (pyarrow.ArrowException, OSError) as error:
        if isinstance(error, (PermissionError, FileNotFoundError)):
            raise
        raise BadInput(f"not a readable Parquet file ({error})") from None


READERS = {
    "txt": _read_txt, "csv": _read_delimited, "tsv": _read_delimited,
    "json": _read_json, "jsonl": _read_jsonl, "parquet": _read_parquet,
}


def read_file(spec: FileSpec, *, mapping: Mapping[str, str], encoding: str | None, log: ReadLog,
              chunksize: int) -> Iterator[Record | FrameBatch | Problem]:
    """Read one file with the reader for its format; a file that cannot be read becomes one Problem."""
    try:
        yield from READERS[spec.format](spec, mapping, encoding, log, chunksize)
    except BadInput as error:
        yield Problem(spec.display, error.line, error.reason)
    except OSError as error:
        yield Problem(spec.display, None, f"cannot read the file ({error.strerror or error})")


def frame_batches(frame: pd.DataFrame, *, mapping: Mapping[str, str], chunksize: int) -> Iterator[FrameBatch]:
    """Slice a user's DataFrame into batches (views; the frame itself is never modified).

    The columns are checked now (raising :class:`BadInput`); the batches are made lazily.
    """
    frame, error = frame_columns(frame, mapping)
    if error:
        raise BadInput(error)
    return (FrameBatch(frame.iloc[start:start + chunksize], None, start + 1, "", "")
            for start in range(0, len(frame), chunksize))
