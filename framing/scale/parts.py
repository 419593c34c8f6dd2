"""Parquet parts into one Parquet file: reconcile their schemas as ``pandas.concat`` would, copy row groups.

Chunks of a corpus analysed apart need not have the same metadata columns: a field may be missing from all
of one chunk's documents (pandas gives it a float NaN column there, or no column at all), an integer field
may have missing values in a later chunk (pandas makes it float there). :func:`assemble_parts` gives every
column the type ``pandas.concat`` of the chunks would give it, writes one row group per part, and never
holds more than one part in memory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from framing.corpus.output import atomic_path

__all__ = ["assemble_parts"]


def assemble_parts(parts: Sequence[tuple[Path, Iterable[str]]], output: str | os.PathLike, *,
                   feature_columns: Sequence[str], force: bool = False) -> tuple[int, int]:
    """Copy Parquet parts, row group by row group, into one Parquet file, atomically.

    Parameters
    ----------
    parts : sequence of (path, all-null columns)
        The parts in order, each with the names of its columns that hold no value at all (their type says
        nothing about the column's type in the other parts).
    output : path
        The file to write (through a temporary file beside it, renamed into place).
    feature_columns : sequence of str
        Columns that go after the metadata columns, in this order.
    force : bool
        Replace an existing output.

    Returns
    -------
    (rows, columns)
        Columns not counting the index.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> index = pd.Index(["a", "b"], name="doc_id")
    >>> pd.DataFrame({"rank": [1, 2], "n": [3, 4]}, index=index).to_parquet(folder / "1.parquet")
    >>> pd.DataFrame({"n": [5]}, index=pd.Index(["c"], name="doc_id")).to_parquet(folder / "2.parquet")
    >>> assemble_parts([(folder / "1.parquet", []), (folder / "2.parquet", [])], folder / "all.parquet",
    ...                feature_columns=["n"])
    (3, 2)
    >>> pd.read_parquet(folder / "all.parquet")
            rank  n
    doc_id
    a        1.0  3
    b        2.0  4
    c        NaN  5
    """
    import pyarrow.parquet as pq

    parts = [(Path(path), set(all_null)) for path, all_null in parts]
    schemas = [pq.read_schema(path) for path, _ in parts]
    schema = _unified_schema(schemas, [all_null for _, all_null in parts], feature_columns)
    rows = 0
    with atomic_path(output, force=force) as tmp:
        with pq.ParquetWriter(tmp, schema) as writer:
            for path, _ in parts:
                source = pq.ParquetFile(path)
                for group in range(source.num_row_groups):
                    table = _conform(source.read_row_group(group), schema)
                    writer.write_table(table)
                    rows += len(table)
    index_columns = json.loads(schema.metadata[b"pandas"])["index_columns"]
    return rows, len(schema.names) - len(index_columns)


def _unified_schema(schemas: list, all_null: list[set[str]], feature_columns: Sequence[str]):
    """One schema for every part: types promoted as pandas.concat would; pandas metadata to match."""
    import pyarrow as pa

    pandas_meta = [json.loads(schema.metadata[b"pandas"]) for schema in schemas]
    index_columns = [name for name in pandas_meta[0]["index_columns"] if isinstance(name, str)]
    entries: dict[str, list[tuple[Any, dict | None]]] = {}  # column -> (type, pandas entry) per part having it
    for schema, meta, nulls in zip(schemas, pandas_meta, all_null):
        described = {entry["field_name"]: entry for entry in meta["columns"]}
        for name in schema.names:
            entries.setdefault(name, []).append((schema.field(name).type, described.get(name), name in nulls))
    features = [name for name in feature_columns if name in entries]
    metadata_columns = [name for name in entries if name not in set(features) | set(index_columns)]
    fields, described = [], []
    for name in metadata_columns + features + index_columns:
        seen = entries[name]
        with_values = [(kind, entry) for kind, entry, empty in seen if not empty] or [seen[0][:2]]
        kind = with_values[0][0]
        for other, _ in with_values[1:]:
            kind = _promote(kind, other)
        if pa.types.is_integer(kind) and (len(seen) < len(schemas) or any(empty for _, _, empty in seen)):
            kind = pa.float64()  # missing in some chunks: pandas holds integers with missing values as floats
        fields.append(pa.field(name, kind))
        entry = next((entry for other, entry in with_values if other == kind and entry), None)
        described.append(entry or _pandas_entry(name, kind))
    meta = dict(pandas_meta[0], columns=described)
    return pa.schema(fields, metadata={b"pandas": json.dumps(meta).encode()})


def _promote(kind, other):
    import pyarrow as pa

    if kind == other:
        return kind
    try:
        unified = pa.unify_schemas([pa.schema([("x", kind)]), pa.schema([("x", other)])],
                                   promote_options="permissive")
        return unified.field("x").type
    except (pa.ArrowInvalid, pa.ArrowTypeError, NotImplementedError):
        return pa.large_string()  # numbers in one chunk, text in another: keep both, as text


def _pandas_entry(name: str, kind) -> dict:
    import pyarrow as pa

    # The entry pandas itself would write for a column of this type.
    frame = pa.table({name: pa.nulls(0, kind)}).to_pandas()
    return json.loads(pa.Schema.from_pandas(frame, preserve_index=False).metadata[b"pandas"])["columns"][0]


def _conform(table, schema):
    import pyarrow as pa

    columns = []
    for target in schema:
        if target.name in table.column_names:
            column = table[target.name]
            if column.type != target.type:
                column = column.cast(target.type)
        else:
            column = pa.nulls(len(table), target.type)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)
