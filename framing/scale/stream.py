"""Out-of-core analysis: stream a corpus into a Parquet features file, chunk by chunk, resumably.

:func:`analyze_to_parquet` reads the corpus lazily with :func:`framing.corpus.load.iter_corpus`, analyses
one chunk at a time, and writes each chunk's features as a Parquet part into a work folder beside the
output::

    features.parquet.partial/
        manifest.json          source, options, and every finished part (rows, first and last doc_id)
        part-000001.parquet
        part-000002.parquet ...

When every chunk is done, the parts are copied row group by row group into a temporary file that then
replaces the output in one rename, and the work folder is removed. Memory therefore depends on the
chunk size, never on the corpus size.

An interrupted run (Ctrl-C, a crash, a killed job) leaves any previous output untouched and the work
folder in place. Running the same command again resumes: the finished chunks are read again (to check
that the corpus did not change) but not analysed again. A work folder left by a run with another source
or other options is never mixed in: the run stops and says so (``resume=False`` / ``--restart``
discards it; ``force=True`` / ``--force`` too).

The output equals ``analyze(load_corpus(source))`` written to Parquet: same rows, order, values and
dtypes. Chunks may differ in their metadata columns (a field all missing in one chunk, absent from
another, integer in one and with missing values in the next); the parts are reconciled when they are
assembled, as ``pandas.concat`` would.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing import __version__
from framing.corpus.load import iter_corpus
from framing.corpus.output import atomic_path, check_writable
from framing.errors import FramingError, InputError
from framing.features.analyze import (
    DocumentAnalyzer,
    analyzer_digest,
    assemble_features,
    check_corpus,
    texts_and_titles,
)
from framing.scale.dask_runner import ClusterRunner
from framing.scale.parts import assemble_parts
from framing.scale.workers import DocumentPool, n_processes
from framing.schema import empty_corpus

__all__ = ["DEFAULT_CHUNKSIZE", "StreamResult", "analyze_to_parquet", "work_folder"]

#: Documents per chunk: about 6 MB of news text, 5-20 s of work on one core, a few MB of features.
DEFAULT_CHUNKSIZE = 1000
MANIFEST = "manifest.json"
_MANIFEST_VERSION = 1
_IDENTITY = ("source", "options", "analyzer")
_IDENTITY_NAMES = {"source": "source", "options": "options", "analyzer": "lexicons, actors or valences"}


@dataclass
class StreamResult:
    """What :func:`analyze_to_parquet` did."""

    output: Path
    documents: int
    columns: int
    chunks: int
    resumed_chunks: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)


def work_folder(output: str | os.PathLike) -> Path:
    """The work folder of an output: ``<output>.partial`` beside it.

    Examples
    --------
    >>> work_folder("out/features.parquet").as_posix()
    'out/features.parquet.partial'
    """
    output = Path(output)
    return output.with_name(output.name + ".partial")


def analyze_to_parquet(source, output: str | os.PathLike, *, chunksize: int = DEFAULT_CHUNKSIZE,
                       resume: bool = True, force: bool = False, n_jobs: int = 1, progress: bool | None = None,
                       errors: str = "skip", format: str | None = None, columns: Mapping[str, str] | None = None,
                       encoding: str | None = None, dedupe: bool = False, outlet_map: Mapping[str, str] | None = None,
                       features: Sequence[str] | None = None,
                       actors=None, lexicons=None, engine: str = "fast", overrides=None,
                       scheduler=None) -> StreamResult:
    """Analyse a corpus of any size into a Parquet features file, in bounded memory, resumably.

    Parameters
    ----------
    source : path or DataFrame
        Anything :func:`framing.iter_corpus` reads: a folder, a .txt/.csv/.tsv/.json/.jsonl/.parquet file.
    output : path
        The ``.parquet`` features file to write.
    chunksize : int
        Documents per chunk (and per Parquet row group); memory grows with it, the work lost by an
        interruption too.
    resume : bool
        Resume a matching interrupted run from its work folder (``<output>.partial``); ``False`` discards it.
    force : bool
        Replace an existing output; also discard a work folder left with other options.
    n_jobs : int
        Processes on this machine (``-1``: every core); ignored when ``scheduler`` is given.
    progress : bool, optional
        Show a progress bar (default: when the output is a terminal).
    errors : {"skip", "raise"}
        Skip unreadable files and rows (listed in ``result.skipped``) or stop at the first one.
    format, columns, encoding, dedupe, outlet_map
        Reading options of :func:`framing.load_corpus` (``outlet_map`` as a mapping).
    features, actors, lexicons, engine, overrides
        Analysis options of :func:`framing.analyze`.
    scheduler : str or distributed.Client, optional
        Analyse the chunks on a Dask cluster (``"tcp://host:8786"``) instead of local processes.

    Returns
    -------
    StreamResult
        The output path, documents, columns, chunks (and how many came from an earlier run), skipped items.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> corpus = pd.DataFrame({"text": ["Good news.", "Bad news.", "No news."]})
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "features.parquet"
    >>> result = analyze_to_parquet(corpus, out, chunksize=2, features=["size"], progress=False)
    >>> result.documents, result.chunks, out.exists(), work_folder(out).exists()
    (3, 2, True, False)
    >>> pd.read_parquet(out)["n_words"].tolist()
    [2, 2, 2]
    """

    output = _check_output(output, force=force)
    if scheduler is None:
        n_processes(n_jobs)  # refuse a bad n_jobs before any work
    chunks = iter_corpus(source, chunksize=chunksize, format=format, columns=columns, encoding=encoding,
                         errors=errors, dedupe=dedupe, outlet_map=outlet_map)  # checks before any work
    analyzer = DocumentAnalyzer(features=features, actors=actors, lexicons=lexicons, engine=engine,
                                overrides=overrides)
    manifest = {
        "version": _MANIFEST_VERSION,
        "framing": __version__,
        "source": _describe_source(source),
        "options": {"chunksize": chunksize, "errors": errors, "format": format, "columns": columns,
                    "encoding": encoding, "dedupe": dedupe, "outlet_map": dict(outlet_map or {}),
                    "features": list(analyzer.features),
                    "actors": _describe(actors), "lexicons": _describe(lexicons), "engine": engine,
                    "overrides": _describe(overrides)},
        "analyzer": analyzer_digest(analyzer),
        "feature_columns": list(analyzer.columns),
        "completed": 0,
        "parts": [],
    }
    work = work_folder(output)
    done = _open_work_folder(work, manifest, resume=resume, force=force)
    manifest["parts"], manifest["completed"] = list(done), len(done)
    skipped: list[dict[str, Any]] = []
    bar = _progress_bar(progress, initial=sum(part["rows"] for part in done))
    pending = _pending_chunks(chunks, done, skipped=skipped, source=source, work=work, analyzer=analyzer)
    try:
        with _runner(analyzer, n_jobs=n_jobs, scheduler=scheduler, bar=bar) as runner:
            for number, frame in runner.map(pending):
                manifest["parts"].append(_write_part(work, number, frame))
                manifest["completed"] = len(manifest["parts"])
                _write_json(work / MANIFEST, manifest)
    except BaseException:
        if not manifest["parts"]:
            _discard(work)  # nothing finished: leave nothing behind
        raise
    finally:
        bar.close()
    if not manifest["parts"]:
        manifest["parts"].append(_write_part(work, 1, _empty_features(analyzer)))
    parts = [(work / part["part"], part.get("all_null", [])) for part in manifest["parts"]]
    n_documents, n_columns = assemble_parts(parts, output, feature_columns=manifest["feature_columns"], force=force)
    shutil.rmtree(work)
    return StreamResult(output, n_documents, n_columns, len(manifest["parts"]), len(done), skipped)


# --------------------------------------------------------------------------------- the work folder


def _check_output(output: str | os.PathLike, *, force: bool) -> Path:

    output = Path(output)
    if output.suffix.lower() != ".parquet":
        raise InputError(f"{output}: streaming writes Parquet; name the output *.parquet")
    return check_writable(output, force=force)


def _open_work_folder(work: Path, manifest: dict, *, resume: bool, force: bool) -> list[dict]:
    """The parts finished by an earlier run of the same job; a fresh work folder otherwise."""
    if work.exists():
        previous = _read_manifest(work)
        if resume and previous is not None:
            current = json.loads(json.dumps(manifest, default=str))  # compare as stored
            changed = [key for key in _IDENTITY if previous.get(key) != current[key]]
            if not changed:
                return _check_parts(work, previous["parts"])
            if not force:
                what = " and ".join(_IDENTITY_NAMES[key] for key in changed)
                raise FramingError(
                    f"{work}: holds an interrupted run with other {what} ({_difference(previous, current, changed[0])}"
                    "); pass --restart to discard it and start over, or use the same source and options to resume it")
        _discard(work)
    work.mkdir(parents=True)
    _write_json(work / MANIFEST, manifest)
    return []


def _read_manifest(work: Path) -> dict | None:
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None  # interrupted before its first part: nothing to resume
    except (OSError, ValueError):
        raise FramingError(f"{work / MANIFEST}: unreadable; pass --restart to discard the partial run") from None
    if not isinstance(manifest, dict) or manifest.get("version") != _MANIFEST_VERSION:
        raise FramingError(f"{work / MANIFEST}: written by another version of framing; pass --restart to "
                           "discard the partial run")
    return manifest


def _check_parts(work: Path, parts: list[dict]) -> list[dict]:
    import pyarrow.parquet as pq

    for part in parts:
        path = work / part["part"]
        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except (OSError, ValueError) as error:
            raise FramingError(f"{path}: unreadable ({error}); pass --restart to discard the partial run") from None
        if rows != part["rows"]:
            raise FramingError(f"{path}: has {rows} rows, the manifest says {part['rows']}; pass --restart")
    return parts


def _difference(previous: dict, current: dict, key: str) -> str:
    old, new = previous.get(key), current[key]
    if isinstance(old, dict) and isinstance(new, dict):
        for name in [*new, *(k for k in old if k not in new)]:
            if old.get(name) != new.get(name):
                return f"{name} was {old.get(name)!r}, now {new.get(name)!r}"
    if key == "analyzer":
        return "their contents changed"
    return f"was {old!r}, now {new!r}"


def _discard(work: Path) -> None:
    # Only ever delete what this module writes: a folder with anything else in it is the user's.
    foreign = [item.name for item in work.iterdir()
               if not (item.name == MANIFEST or item.name.startswith(("part-", ".part-", f".{MANIFEST}"))
                       or item.name.endswith(".tmp"))]
    if foreign or not work.is_dir():
        raise FramingError(f"{work}: is not a framing work folder (it holds {foreign[:3]}); move it away")
    shutil.rmtree(work)


def _write_durably(path: Path, write: Callable[[Any], None]) -> None:
    """Write a file of the work folder atomically and flushed to disk: a manifest must never name a part
    that a crash could still lose. ``write`` gets the open binary file."""

    with atomic_path(path, force=True) as tmp, open(tmp, "wb") as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def _write_json(path: Path, data: dict) -> None:
    _write_durably(path, lambda handle: handle.write(json.dumps(data, indent=1, default=str).encode("utf-8")))


def _write_part(work: Path, number: int, frame) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=True)
    name = f"part-{number:06d}.parquet"
    _write_durably(work / name, lambda handle: pq.write_table(table, handle))
    ids = frame.index
    return {"part": name, "rows": len(frame), "first_doc_id": ids[0] if len(ids) else None,
            "last_doc_id": ids[-1] if len(ids) else None,
            "all_null": [column for column in table.column_names if table[column].null_count == len(table) > 0]}


# ------------------------------------------------------------------------------------------ chunks


def _pending_chunks(chunks: Iterable, done: list[dict], *, skipped: list, source, work: Path,
                    analyzer) -> Iterator[tuple[int, Any]]:
    """(number, chunk) of the chunks still to analyse; the finished ones are checked against the manifest."""

    number = 0
    for chunk in chunks:
        skipped.extend(chunk.attrs.get("skipped", []))
        if len(chunk) == 0:
            continue  # the last chunk may only carry skipped items
        number += 1
        if number == 1:
            check_corpus(chunk, analyzer=analyzer)
        if number <= len(done):
            part = done[number - 1]
            found = (len(chunk), chunk.index[0], chunk.index[-1])
            if found != (part["rows"], part["first_doc_id"], part["last_doc_id"]):
                raise FramingError(
                    f"{_source_name(source)}: the corpus changed since the interrupted run in {work}: chunk "
                    f"{number} was {part['rows']} documents {part['first_doc_id']!r}..{part['last_doc_id']!r}, "
                    f"now {found[0]} documents {found[1]!r}..{found[2]!r}; pass --restart to start over")
            continue
        yield number, chunk


class _LocalRunner:
    """Analyses chunks one after the other with a pool of local processes kept for the whole stream."""

    def __init__(self, analyzer, *, n_jobs: int, bar):

        self.analyzer = analyzer
        self.pool = DocumentPool(analyzer, n_jobs=n_jobs)
        self.bar = bar

    def __enter__(self) -> _LocalRunner:
        self.pool.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.pool.close()

    def map(self, chunks: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:

        for number, chunk in chunks:
            texts, titles = texts_and_titles(chunk)
            rows = []
            for row in self.pool.rows(texts, titles):
                rows.append(row)
                self.bar.update(1)
            yield number, assemble_features(chunk, rows, analyzer=self.analyzer)


def _runner(analyzer, *, n_jobs: int, scheduler, bar):
    if scheduler is None:
        return _LocalRunner(analyzer, n_jobs=n_jobs, bar=bar)

    return ClusterRunner(analyzer, scheduler=scheduler, bar=bar)


def _empty_features(analyzer):
    return assemble_features(empty_corpus(), [], analyzer=analyzer)


def _describe_source(source) -> dict:
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        return {"kind": "DataFrame", "rows": len(source), "columns": [str(c) for c in source.columns]}
    path = Path(source).expanduser().resolve()
    if path.is_dir():
        return {"kind": "folder", "path": str(path)}
    stat = path.stat()
    return {"kind": "file", "path": str(path), "bytes": stat.st_size, "modified_ns": stat.st_mtime_ns}


def _describe(option) -> Any:
    """A JSON-able description of an analysis option (paths resolved; lexicon objects by name)."""
    if option is None or isinstance(option, (bool, int, float)):
        return option
    if isinstance(option, (str, os.PathLike)):
        path = Path(option)
        return str(path.resolve()) if path.exists() else str(option)
    if isinstance(option, Mapping):
        return {str(key): _describe(value) for key, value in option.items()}
    if isinstance(option, Sequence):
        return [_describe(item) for item in option]
    return f"{type(option).__name__} {getattr(option, 'name', '')}".strip()


def _source_name(source) -> str:
    return "the DataFrame" if not isinstance(source, (str, os.PathLike)) else str(source)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(progress: bool | None, *, initial: int):
    import sys

    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(initial=initial, unit="doc", desc="analyze")
