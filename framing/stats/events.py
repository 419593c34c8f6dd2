"""Same-event comparison: find articles about the same story, and compare outlets inside those stories.

Outlets cover different stories, and a story's topic sets much of an article's tone (a disaster is
negative in every outlet). Comparing raw outlet means then mixes "how the outlet writes" with "what the
outlet covers". Comparing outlets inside the same events removes the topic mix.

- :func:`match_events`: event ids from TF-IDF similarity of articles from different outlets within a date
  window (when the corpus has no event column).
- :func:`compare_within`: per outlet, the mean difference from the other outlets' coverage of the same
  events, with a bootstrap over events (``compare(..., within=...)``).
- :func:`pairwise_within`: per pair of outlets, paired differences over the events both covered
  (``pairwise(..., within=...)``).
- :func:`event_agreement`: pairwise precision/recall/F1 and adjusted Rand index against gold groups.

The estimators are described in ``docs/statistics.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse, stats
from scipy.sparse.csgraph import connected_components

from framing.errors import InputError
from framing.stats.groups import (
    check_resampling_options,
    cohens_d,
    feature_matrix,
    group_codes,
    group_pairs,
    grouping_columns,
    pair_table,
    resolve_columns,
    summarise,
    summary_table,
)
from framing.text.segment import tokenize

# Rows of the similarity matrix computed at once (the block is rows x documents in their window).
_SIMILARITY_BLOCK = 512


def match_events(
    corpus: pd.DataFrame,
    *,
    window_days: int = 3,
    min_similarity: float = 0.2,
    by: str = "outlet",
) -> pd.Series:
    """Group articles from different outlets about the same story; one event id per document.

    Parameters
    ----------
    corpus : DataFrame
        One row per document with ``text``, ``date`` and the ``by`` column; ``title`` is used when present.
    window_days : int
        Articles more than this many days apart are never linked directly.
    min_similarity : float
        Cosine similarity of TF-IDF vectors (title + text) from which two articles are linked.
    by : str
        The outlet column: articles of the same outlet are not linked to each other directly (they can
        still share an event through an article of another outlet).

    Returns
    -------
    Series
        Named ``event``, same index as ``corpus``: string ids ``"event-00001"``, ... numbered in date order.
        Strings (not integers) so that the id is never mistaken for a numeric feature. Documents without
        a date or a link get an event of their own. Add it with ``corpus.assign(event=match_events(corpus))``.

    Notes
    -----
    TF-IDF: scikit-learn ``TfidfVectorizer`` over ``framing.text.segment.tokenize`` tokens, English stop words
    removed, sublinear term frequency, l2-normalised, fitted on the dated documents. Documents are sorted by
    day and each is compared only with the documents in its window (``O(n x documents per window)``,
    never the full ``n x n`` matrix). Links between articles of different outlets with similarity
    ``>= min_similarity`` form a graph whose connected components are the events (single linkage, so a
    chain of similar articles forms one event). Agreement with the topic+date groups of AllSides:
    ``benchmarks/validity_events.py`` and ``docs/statistics.md``. :func:`event_links` lists the links.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A", "B", "A", "B"],
    ...     "date": pd.to_datetime(["2024-03-01", "2024-03-02", "2024-03-01", "2024-05-01"]),
    ...     "text": ["Flood waters rise in the river valley town", "River valley town flood waters rise again",
    ...              "Parliament passes the budget bill", "River valley town flood waters rise again"]},
    ...     index=["a1", "b1", "a2", "b2"])
    >>> match_events(corpus).tolist()
    ['event-00001', 'event-00001', 'event-00002', 'event-00003']
    """
    n = len(corpus)
    rows, cols, _, order, dated = _links(corpus, window_days=window_days, min_similarity=min_similarity, by=by)
    if n == 0:
        return pd.Series([], index=corpus.index, name="event", dtype=object)
    graph = sparse.coo_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    # number events by their first document in date order (undated documents last, in corpus order)
    visit = np.concatenate([order, np.flatnonzero(~dated)])
    first_seen = pd.unique(labels[visit])
    number = np.empty(labels.max() + 1, dtype=np.int64)
    number[first_seen] = np.arange(1, first_seen.size + 1)
    width = max(5, len(str(first_seen.size)))
    ids = np.array([f"event-{k:0{width}d}" for k in range(first_seen.size + 1)], dtype=object)
    return pd.Series(ids[number[labels]], index=corpus.index, name="event")


def event_links(
    corpus: pd.DataFrame,
    *,
    window_days: int = 3,
    min_similarity: float = 0.2,
    by: str = "outlet",
) -> pd.DataFrame:
    """The links :func:`match_events` makes: pairs of articles and their TF-IDF cosine similarity.

    Use it to see why articles share an event, or to choose ``min_similarity``.

    Returns
    -------
    DataFrame
        ``doc_a``, ``doc_b`` (index labels; ``doc_a`` is not later than ``doc_b``), ``similarity``; sorted
        by similarity, highest first.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": ["A", "B", "A"], "date": pd.to_datetime(["2024-03-01", "2024-03-02", "2024-03-01"]),
    ...     "text": ["Flood waters rise in the valley town", "Valley town residents flee as flood waters rise",
    ...              "Parliament passes the budget bill"]}, index=["a1", "b1", "a2"])
    >>> links = event_links(corpus)
    >>> links[["doc_a", "doc_b"]].values.tolist(), round(float(links["similarity"].iloc[0]), 2)
    ([['a1', 'b1']], 0.77)
    """
    rows, cols, sims, _, _ = _links(corpus, window_days=window_days, min_similarity=min_similarity, by=by)
    order = np.argsort(-sims, kind="stable")
    return pd.DataFrame({
        "doc_a": corpus.index.to_numpy()[rows[order]],
        "doc_b": corpus.index.to_numpy()[cols[order]],
        "similarity": sims[order].astype(np.float64),
    })


def _links(corpus: pd.DataFrame, *, window_days: int, min_similarity: float, by: str):
    """Positions (a, b) and similarity of linked articles; also the date order and which rows have dates."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not isinstance(corpus, pd.DataFrame):
        raise InputError(f"corpus must be a pandas DataFrame, got {type(corpus).__name__}")
    for column in ("text", "date", by):
        if column not in corpus.columns:
            raise InputError(f"match_events needs a {column!r} column; the corpus has {list(corpus.columns)}")
    if not isinstance(window_days, (int, np.integer)) or window_days < 0:
        raise InputError(f"window_days must be a whole number of days, 0 or more, got {window_days!r}")
    if not 0 <= min_similarity <= 1:
        raise InputError(f"min_similarity must be between 0 and 1, got {min_similarity!r}")
    dates = pd.to_datetime(corpus["date"], errors="coerce")
    dated = dates.notna().to_numpy()
    days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    order = np.flatnonzero(dated)[np.argsort(days[dated], kind="stable")]
    empty = np.empty(0, dtype=np.intp)
    if order.size < 2:
        return empty, empty, np.empty(0, dtype=np.float32), order, dated
    texts = corpus["text"].fillna("").astype(str)
    if "title" in corpus.columns:
        texts = corpus["title"].fillna("").astype(str) + "\n\n" + texts
    vectorizer = TfidfVectorizer(
        tokenizer=tokenize, lowercase=False, token_pattern=None, stop_words=sorted(_stop_words()),
        sublinear_tf=True, dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(texts.to_numpy()[order].tolist())
    except ValueError:  # every document empty or stop words only
        return empty, empty, np.empty(0, dtype=np.float32), order, dated
    # a missing outlet is an outlet of its own (code -1): such articles link to others, not to each other
    outlets = pd.factorize(corpus[by])[0][order]
    sorted_days = days[order]
    rows, cols, sims = [], [], []
    for start in range(0, order.size, _SIMILARITY_BLOCK):
        stop = min(start + _SIMILARITY_BLOCK, order.size)
        end = int(np.searchsorted(sorted_days, sorted_days[stop - 1] + window_days, side="right"))
        block = (matrix[start:stop] @ matrix[start:end].T).tocoo()
        i, j = block.row + start, block.col + start
        keep = (
            (j > i)
            & (block.data >= min_similarity)
            & (block.data > 0)
            & (sorted_days[j] - sorted_days[i] <= window_days)
            & (outlets[i] != outlets[j])
        )
        rows.append(order[i[keep]])
        cols.append(order[j[keep]])
        sims.append(block.data[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims), order, dated


def compare_within(
    features: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    within: str = "event",
    columns: Sequence[str] | None = None,
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Per group: the mean difference from the other groups' coverage of the same events.

    For feature ``x``, event ``e`` and group ``g`` (an outlet):

    1. ``x[g,e]`` = mean of ``g``'s documents in ``e`` (non-missing values);
    2. ``d[g,e] = x[g,e] - mean over the other groups h covering e of x[h,e]`` (each other group weighs
       once, however many articles it wrote); only events covered by at least two groups count;
    3. the estimate is ``mean over e of d[g,e]``; ``n`` is the number of events, ``median`` and ``sd`` are
       over the ``d[g,e]``;
    4. the interval is a percentile bootstrap over events (a cluster bootstrap: an event's documents
       move together), resampling ``g``'s ``d[g,e]`` values.

    A positive value means the group scores higher than the other outlets that covered the same stories;
    in an event covered by two outlets ``d`` is their paired difference. Because every ``d`` is a
    within-event contrast, differences in the mix of events (topics) do not enter.

    Parameters
    ----------
    features : DataFrame
        One row per document with the ``within`` column (e.g. from :func:`match_events`).
    by, columns, ci, n_boot, seed
        As in :func:`framing.compare.compare`.
    within : str
        Column of event ids; documents without one are left out with a warning.

    Returns
    -------
    DataFrame
        :func:`framing.compare.compare`'s columns; groups with no shared event get ``n`` 0 and NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({
    ...     "outlet": ["A", "B", "A", "B"], "event": ["storm", "storm", "win", "win"],
    ...     "tone_mean": [-0.6, -0.8, 0.6, 0.4]})
    >>> compare_within(features, n_boot=100)[["outlet", "n", "mean"]].round(2).to_string(index=False)
    'outlet  n  mean\\n     A  2   0.2\\n     B  2  -0.2'
    """
    by_cols, cols, cube, keys = _prepare(features, by, within, columns, ci, n_boot, seed)
    present = ~np.isnan(cube)
    covering = present.sum(axis=1, keepdims=True)
    total = np.where(present, cube, 0.0).sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        others = (total - cube) / (covering - 1)
    deviations = np.where(covering >= 2, cube - others, np.nan)
    summaries = [
        summarise(deviations[:, g, :], n_boot=n_boot, ci=ci, seed=seed, key=key) for g, key in enumerate(keys)
    ]
    return summary_table(summaries, keys, by_cols, cols)


def pairwise_within(
    features: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    within: str = "event",
    columns: Sequence[str] | None = None,
    reference: Hashable | None = None,
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Per pair of groups: paired differences over the events both covered.

    For groups a, b and feature ``x``: the events both covered (with a value) are ``E_ab``; per event the
    group means ``x[a,e]``, ``x[b,e]`` (as in :func:`compare_within`).

    - ``n_a = n_b = |E_ab|``; ``mean_a``, ``mean_b`` are means of ``x[a,e]``, ``x[b,e]`` over ``E_ab``;
      ``diff`` = their difference = the mean paired difference;
    - ``diff_ci_*``: percentile bootstrap of the mean paired difference, resampling events;
    - ``cohens_d``: ``diff`` over the pooled sd of ``x[a,e]`` and ``x[b,e]`` (same formula as unpaired);
    - ``cliffs_delta``: paired dominance, ``P(x[a,e] > x[b,e]) - P(x[a,e] < x[b,e])`` over ``E_ab``;
    - ``p_value``: two-sided Wilcoxon signed-rank test of the paired differences (``scipy.stats.wilcoxon``,
      zero differences dropped); ``p_adj`` is added by :func:`framing.stats.compare.pairwise`.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({
    ...     "outlet": ["A", "B", "A", "B"], "event": ["storm", "storm", "win", "win"],
    ...     "tone_mean": [-0.6, -0.8, 0.6, 0.4]})
    >>> row = pairwise_within(features, n_boot=100).iloc[0]
    >>> int(row["n_a"]), round(float(row["diff"]), 2), float(row["cliffs_delta"])
    (2, 0.2, 1.0)
    """
    by_cols, cols, cube, keys = _prepare(features, by, within, columns, ci, n_boot, seed)
    p = len(cols)
    blocks = []
    for a, b in group_pairs(keys, reference):
        diff = cube[:, a, :] - cube[:, b, :]
        shared = ~np.isnan(diff)
        xa, xb = np.where(shared, cube[:, a, :], np.nan), np.where(shared, cube[:, b, :], np.nan)
        key = ("pair", *keys[a], "vs", *keys[b])
        s_a = summarise(xa, n_boot=0, ci=ci, seed=seed, key=key)
        s_b = summarise(xb, n_boot=0, ci=ci, seed=seed, key=key)
        s_diff = summarise(diff, n_boot=n_boot, ci=ci, seed=seed, key=key)
        n = s_diff["n"]
        with np.errstate(invalid="ignore", divide="ignore"):
            dominance = np.where(shared, np.sign(diff), 0.0).sum(axis=0) / n
        blocks.append({
            "a": a, "b": b, "n_a": n, "n_b": n, "mean_a": s_a["mean"], "mean_b": s_b["mean"],
            "diff_ci_low": s_diff["ci_low"], "diff_ci_high": s_diff["ci_high"],
            "cohens_d": cohens_d(n, s_a["mean"], s_a["sd"], n, s_b["mean"], s_b["sd"]),
            "cliffs_delta": dominance, "p_value": _signed_rank(diff, p),
        })
    return pair_table(blocks, keys, cols)


def event_agreement(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Agreement of two groupings of the same documents.

    Pairwise: a pair of documents is a positive when both are in the same group. ``precision`` = share of
    predicted same-event pairs that are gold same-group pairs; ``recall`` = share of gold pairs predicted;
    ``f1`` their harmonic mean; ``ari`` the adjusted Rand index (Hubert & Arabie 1985).

    Examples
    --------
    >>> event_agreement(["x", "x", "y", "y"], [1, 1, 1, 2])
    {'precision': 0.5, 'recall': 0.333, 'f1': 0.4, 'ari': 0.0, 'pairs_predicted': 2, 'pairs_gold': 3}
    """
    from sklearn.metrics import adjusted_rand_score

    pred_codes, _ = pd.factorize(pd.Series(list(predicted)))
    gold_codes, _ = pd.factorize(pd.Series(list(gold)))
    if len(pred_codes) != len(gold_codes):
        raise InputError("predicted and gold must label the same documents (equal lengths)")
    table = sparse.coo_matrix((np.ones(len(pred_codes)), (pred_codes, gold_codes))).tocsr()

    def pairs(counts):
        counts = np.asarray(counts, dtype=float).ravel()
        return float((counts * (counts - 1) / 2).sum())

    both, pred, true = pairs(table.data), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    precision = both / pred if pred else np.nan
    recall = both / true if true else np.nan
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "ari": round(float(adjusted_rand_score(gold_codes, pred_codes)), 3),
        "pairs_predicted": int(pred), "pairs_gold": int(true),
    }


# ---------------------------------------------------------------------------------------------------------


def _prepare(features, by, within, columns, ci, n_boot, seed):
    """Validated options and the cube of group means per (event, group, feature)."""
    by_cols = grouping_columns(features, by)
    if within not in features.columns:
        raise InputError(
            f"within={within!r} is not a column; add event ids first, e.g. "
            f"features['event'] = framing.match_events(corpus)"
        )
    if within in by_cols:
        raise InputError(f"{within!r} cannot be both a grouping column and the within (event) column")
    cols = resolve_columns(features, columns, exclude=[*by_cols, within])
    check_resampling_options(ci=ci, n_boot=n_boot, seed=seed)
    codes, keys = group_codes(features, by_cols)
    events, _ = pd.factorize(features[within])
    if (events < 0).any():
        warnings.warn(
            f"{int((events < 0).sum())} documents have no {within!r} and were left out", UserWarning, stacklevel=3
        )
    return by_cols, cols, _event_cube(feature_matrix(features, cols), codes, events, len(keys)), keys


def _event_cube(values: np.ndarray, codes: np.ndarray, events: np.ndarray, n_groups: int) -> np.ndarray:
    """Mean of each feature per (event, group): shape (events covered by 2+ groups, groups, features)."""
    ok = (codes >= 0) & (events >= 0)
    values, codes, events = values[ok], codes[ok], events[ok]
    n_events = int(events.max()) + 1 if events.size else 0
    covered = np.zeros((n_events, n_groups), dtype=bool)
    covered[events, codes] = True
    shared = covered.sum(axis=1) >= 2
    renumber = np.cumsum(shared) - 1
    keep = shared[events]
    cells = renumber[events[keep]] * n_groups + codes[keep]
    n_cells = int(shared.sum()) * n_groups
    present = ~np.isnan(values[keep])
    indicator = sparse.csr_matrix(
        (np.ones(cells.size), (cells, np.arange(cells.size))), shape=(n_cells, cells.size)
    )
    sums = indicator @ np.where(present, values[keep], 0.0)
    counts = indicator @ present.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan)
    return means.reshape(int(shared.sum()), n_groups, values.shape[1])


def _signed_rank(diff: np.ndarray, p: int) -> np.ndarray:
    out = np.full(p, np.nan)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        for j in range(p):
            d = diff[:, j]
            d = d[~np.isnan(d)]
            if d.size:
                out[j] = stats.wilcoxon(d, alternative="two-sided").pvalue
    return out


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS
