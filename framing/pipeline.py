"""``analyze``: a whole corpus through the document analyzer, on one process, several, or a Dask cluster.

This is the top of the analysis path: it loads a corpus given as a path, builds one
:class:`~framing.features.analyze.DocumentAnalyzer`, hands the documents to worker processes
(:mod:`framing.scale.workers`) or to Dask (:mod:`framing.scale.dask_runner`), and assembles the features table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from framing.corpus.batch import documents
from framing.corpus.load import load_corpus
from framing.errors import InputError
from framing.features.analyze import DocumentAnalyzer, assemble_features, check_corpus, texts_and_titles
from framing.scale.dask_runner import analyze as analyze_dask
from framing.scale.workers import batch_rows
from framing.text.lexicons import Lexicon

__all__ = ["analyze"]


def analyze(corpus, *, features: Sequence[str] | None = None,
            actors: Mapping[str, Sequence[str]] | str | Path | None = None,
            lexicons: Sequence[str | Path | Lexicon] | None = None, n_jobs: int = 1,
            progress: bool | None = None, engine: str = "fast",
            overrides: Mapping[str, float | None] | str | Path | None = None):
    """Compute the features of every document: one row per document, features as columns.

    Parameters
    ----------
    corpus : DataFrame, path, list or Series
        A corpus from :func:`framing.load_corpus` (index ``doc_id``, a ``text`` column, optional ``title``
        and metadata), or anything ``load_corpus`` reads; or texts: a list (``doc_id`` = position) or a
        Series of strings (``doc_id`` = its index). A Dask DataFrame gives a lazy Dask DataFrame
        (:func:`framing.scale.dask_runner.analyze`; ``n_jobs`` and ``progress`` do not apply). For corpora larger than
        memory see :func:`framing.scale.stream.analyze_to_parquet`.
    features : sequence of str, optional
        Feature families (:data:`FAMILIES`); default all (``actors`` only when ``actors`` is given).
    actors : mapping or path, optional
        Actors to measure tone toward: ``{"Marov": ["Marov", "President Marov"]}`` or a YAML file.
    lexicons : sequence, optional
        Loaded-language lexicons (names, paths or :class:`framing.Lexicon`); default ``["loaded"]``.
    n_jobs : int
        Worker processes (``1``: this process alone); ``-1`` uses every core. Results are identical to
        ``n_jobs=1``, in the same order (see :mod:`framing.scale.workers`).
    progress : bool, optional
        Show a progress bar; by default shown for 500 documents or more.
    engine : {"fast", "vader"}
        Tone engine (identical scores; ``"vader"`` calls the upstream package).
    overrides : mapping or path, optional
        Valence overrides for domain adaptation (default: pure VADER).

    Returns
    -------
    DataFrame
        Same index and row order as the corpus; its metadata columns (all but ``text``) first, then the
        features (``n_words``, ``tone_*``, ``actor_*``, ``loaded_*``, ``frame_*``, ``src_*`` ...).

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"outlet": ["A", "B"], "text": ["A calm, useful meeting.", "An utter disaster!"]},
    ...                       index=pd.Index(["d1", "d2"], name="doc_id"))
    >>> features = analyze(corpus, features=["size", "tone"])
    >>> features[["outlet", "n_words", "tone_mean"]]
           outlet  n_words  tone_mean
    doc_id
    d1          A        4     0.6369
    d2          B        3    -0.6893
    >>> analyze(["A calm, useful meeting.", "An utter disaster!"], features=["tone"])["tone_mean"].tolist()
    [0.6369, -0.6893]
    """
    if _is_dask(corpus):
        return analyze_dask(corpus, features=features, actors=actors, lexicons=lexicons, engine=engine,
                            overrides=overrides)
    corpus = _as_corpus(corpus)
    analyzer = DocumentAnalyzer(features=features, actors=actors, lexicons=lexicons, engine=engine,
                                overrides=overrides)
    check_corpus(corpus, analyzer=analyzer)
    texts, titles = texts_and_titles(corpus)
    rows = _progress(batch_rows(analyzer, texts, titles, n_jobs=n_jobs),
                     total=len(texts), enabled=progress)
    return assemble_features(corpus, list(rows), analyzer=analyzer)


def _is_dask(corpus: object) -> bool:
    # Checked by name so that dask is imported only when the corpus already is a Dask collection.
    return type(corpus).__module__.split(".")[0] in {"dask", "dask_expr"}


def _progress(rows: Iterable[tuple], *, total: int, enabled: bool | None) -> Iterable[tuple]:
    if enabled is None:
        enabled = total >= 500
    if not enabled:
        return rows
    from tqdm.auto import tqdm  # only when a bar is shown: tqdm.auto probes for Jupyter

    return tqdm(rows, total=total, unit="doc", desc="analyze")


def _as_corpus(corpus):
    if isinstance(corpus, (str, Path)):
        return load_corpus(corpus)
    if isinstance(corpus, pd.Series):
        frame = corpus.rename("text").to_frame()
        return frame if frame.index.name else frame.rename_axis("doc_id")
    if isinstance(corpus, (list, tuple)):
        docs = documents(corpus, function="analyze")  # checks that every item is a str
        return pd.DataFrame({"text": docs.texts}, index=pd.Index(docs.ids, name="doc_id"))
    if not isinstance(corpus, pd.DataFrame):
        raise InputError(f"analyze expects a corpus DataFrame from load_corpus (or a path to one), or a list or "
                         f"Series of texts, got {type(corpus).__name__}")
    if "text" not in corpus.columns:
        raise InputError(f"the corpus has no 'text' column (columns: {list(corpus.columns)[:8]}); load it with "
                         "load_corpus(..., columns={'<your text column>': 'text'})")
    return corpus
