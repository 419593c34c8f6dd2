"""Analysis on a Dask cluster: a Dask DataFrame in, a Dask DataFrame of features out.

Two ways in:

- :func:`analyze` takes a Dask DataFrame with the corpus schema (a ``text`` column, optional ``title``
  and metadata, index ``doc_id``) and returns the lazy features DataFrame, one ``map_partitions`` call
  with declared metadata. ``framing.analyze(ddf)`` does the same.
- ``framing analyze CORPUS -o features.parquet --engine dask --scheduler tcp://HOST:8786`` streams the
  corpus as usual (read lazily on this machine, written part by part, resumable) and sends each chunk to
  the cluster (:class:`ClusterRunner`); reading is cheap next to the analysis, so the cluster stays busy.

The compiled analyzer travels to each worker once (a graph node, or a scattered object), never with
every partition. See ``docs/scaling.md``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.features.analyze import (
    DocumentAnalyzer,
    analyzer_digest,
    assemble_features,
    check_corpus,
    texts_and_titles,
)
from framing.scale.workers import batch_rows

__all__ = ["ClusterRunner", "analyze", "features_meta"]

#: How long to keep trying to reach a scheduler before giving up.
CONNECT_TIMEOUT = "30s"


def analyze(ddf, *, features: Sequence[str] | None = None, actors: Mapping[str, Sequence[str]] | str | Path | None = None,
            lexicons: Sequence[Any] | None = None, engine: str = "fast",
            overrides: Mapping[str, float | None] | str | Path | None = None):
    """The features of a Dask DataFrame corpus, as a lazy Dask DataFrame (same rows and partitions).

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The corpus: a ``text`` column (str), optional ``title`` and metadata; index ``doc_id``.
    features, actors, lexicons, engine, overrides
        As for :func:`framing.analyze`.

    Returns
    -------
    dask.dataframe.DataFrame
        The metadata columns (all but ``text``) then the feature columns; call ``.compute()`` or
        ``.to_parquet(...)``.

    Examples
    --------
    >>> import dask, dask.dataframe as dd, pandas as pd
    >>> corpus = pd.DataFrame({"outlet": ["A", "B"], "text": ["Good news.", "Bad news today."]},
    ...                       index=pd.Index(["d1", "d2"], name="doc_id"))
    >>> lazy = analyze(dd.from_pandas(corpus, npartitions=2, sort=False), features=["size"])
    >>> with dask.config.set(scheduler="synchronous"):
    ...     lazy.compute()["n_words"].tolist()
    [2, 3]
    """
    import dask

    if not hasattr(ddf, "map_partitions") or not hasattr(ddf, "_meta"):
        raise InputError(f"framing.scale.dask_runner.analyze expects a Dask DataFrame, got {type(ddf).__name__}; "
                         "for a pandas corpus use framing.analyze")
    if not hasattr(ddf._meta, "columns"):  # a Series of texts
        ddf = ddf.to_frame(name="text")
    corpus_meta = ddf._meta
    if "text" not in corpus_meta.columns:
        raise InputError(f"the corpus has no 'text' column (columns: {list(corpus_meta.columns)[:8]}); rename "
                         "your text column to 'text'")
    analyzer = DocumentAnalyzer(features=features, actors=actors, lexicons=lexicons, engine=engine,
                                overrides=overrides)
    check_corpus(corpus_meta, analyzer=analyzer)

    # One graph node holds the analyzer: each worker receives it once, not once per partition.
    shared = dask.delayed(analyzer, name=f"framing-analyzer-{analyzer_digest(analyzer)[:16]}", pure=True)
    return ddf.map_partitions(_partition_features, shared, meta=features_meta(corpus_meta, analyzer))


def features_meta(corpus_meta, analyzer):
    """The empty features frame (columns and dtypes) that :func:`analyze` declares to Dask."""

    return assemble_features(corpus_meta.iloc[:0], [], analyzer=analyzer)


def _partition_features(partition, analyzer):
    """The features of one partition (a pandas corpus), exactly as :func:`framing.analyze` computes them."""

    texts, titles = texts_and_titles(partition)
    return assemble_features(partition, list(batch_rows(analyzer, texts, titles)), analyzer=analyzer)


class ClusterRunner:
    """Analyses a stream of corpus chunks on a Dask cluster, a few chunks ahead, results in order.

    Parameters
    ----------
    analyzer : DocumentAnalyzer
        Sent to every worker once (``Client.scatter(broadcast=True)``).
    scheduler : str or distributed.Client
        The scheduler address (``"tcp://host:8786"``) or a connected client (left open).
    bar : optional
        A progress bar with ``update(n)``.
    ahead : int, optional
        Chunks in flight (default: twice the cluster's worker threads).
    """

    def __init__(self, analyzer, *, scheduler, bar=None, ahead: int | None = None):
        self.analyzer = analyzer
        self.scheduler = scheduler
        self.bar = bar
        self.ahead = ahead
        self._client = None
        self._own_client = False

    def __enter__(self) -> ClusterRunner:
        try:
            from distributed import Client
        except ImportError:
            raise InputError("the dask engine needs the 'distributed' package: pip install 'dask[distributed]'") \
                from None
        if isinstance(self.scheduler, Client):
            self._client = self.scheduler
        else:
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as error:
                raise InputError(f"cannot reach the Dask scheduler at {self.scheduler} ({error}); start it with "
                                 "'dask scheduler' and pass its address, e.g. tcp://host:8786") from None
            self._own_client = True
        self._shared = self._client.scatter(self.analyzer, broadcast=True, hash=False)
        if self.ahead is None:
            self.ahead = max(2, 2 * sum(self._client.nthreads().values()))
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
        self._client = None

    def map(self, chunks: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
        """(number, features) for each (number, chunk), in order, keeping the cluster busy."""
        in_flight: deque = deque()
        try:
            for number, chunk in chunks:
                data = self._client.scatter(chunk, hash=False)
                in_flight.append((number, len(chunk), self._client.submit(_partition_features, data, self._shared,
                                                                          pure=False)))
                if len(in_flight) >= self.ahead:
                    yield self._result(in_flight.popleft())
            while in_flight:
                yield self._result(in_flight.popleft())
        finally:
            for _, _, future in in_flight:
                future.cancel()

    def _result(self, item: tuple[int, int, Any]) -> tuple[int, Any]:
        number, size, future = item
        frame = future.result()
        if self.bar is not None:
            self.bar.update(size)
        return number, frame
