"""Grouping documents and summarising groups: the building blocks of compare, events, keyness and signal.

Groups are labelled by tuples (one value per grouping column) in sorted order; per group, :func:`summarise`
gives n, mean, median, sd and a vectorised percentile bootstrap of the mean. The statistics are described in
``docs/statistics.md``.
"""

from __future__ import annotations

import itertools
import warnings
import zlib
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.schema import FEATURE_PREFIXES

# Resampled indices held in memory at once; bounds memory of the bootstrap at about 50 MB per block.
_BLOCK_CELLS = 2_000_000


def grouping_columns(features: pd.DataFrame, by: str | Sequence[str]) -> list[str]:
    """``by`` as a list of column names, checked against the frame."""
    if not isinstance(features, pd.DataFrame):
        raise InputError(
            f"features must be a pandas DataFrame (one row per document), got {type(features).__name__}"
        )
    by_cols = [by] if isinstance(by, str) else list(by)
    if not by_cols:
        raise InputError("by must name at least one grouping column, e.g. by='outlet'")
    unknown = [c for c in by_cols if c not in features.columns]
    if unknown:
        raise InputError(
            f"grouping column(s) {unknown} not found; available columns: {list(features.columns)}"
        )
    return by_cols


def check_resampling_options(*, ci: float, n_boot: int, seed: int | None) -> None:
    """Raise InputError for an interval level, resample count or seed that cannot be used."""
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1 (e.g. 0.95), got {ci!r}")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise InputError(f"n_boot must be a non-negative integer (e.g. 2000), got {n_boot!r}")
    if not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed!r}")


def resolve_columns(
    features: pd.DataFrame, columns: Sequence[str] | None, *, exclude: Sequence[str] = ()
) -> list[str]:
    """The feature columns to analyse: ``columns`` checked, or the default rule of :func:`framing.compare.compare`."""
    if not isinstance(features, pd.DataFrame):
        raise InputError(
            f"features must be a pandas DataFrame (one row per document), got {type(features).__name__}"
        )
    if columns is not None:
        if isinstance(columns, str):
            columns = [columns]
        unknown = [c for c in columns if c not in features.columns]
        if unknown:
            raise InputError(
                f"columns not in the features frame: {unknown}; available: {list(features.columns)}"
            )
        bad = [c for c in columns if not is_numeric(features[c])]
        if bad:
            raise InputError(f"columns {bad} are not numeric; pass numeric feature columns only")
        return list(columns)
    numeric = [c for c in features.columns if c not in set(exclude) and is_numeric(features[c])]
    toolkit = [c for c in numeric if isinstance(c, str) and c.startswith(FEATURE_PREFIXES)]
    chosen = toolkit or numeric
    if not chosen:
        raise InputError("no numeric feature columns found; pass columns=[...] or run framing.analyze first")
    return chosen


def feature_matrix(features: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """The feature columns as a float array; NaN and +-inf become NaN (missing)."""
    values = features[list(columns)].to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    values[~np.isfinite(values)] = np.nan
    return values


def group_codes(frame: pd.DataFrame, by_cols: Sequence[str]) -> tuple[np.ndarray, list[tuple]]:
    """Group code per row (-1 when a grouping value is missing) and the group labels as sorted tuples."""
    if not by_cols:
        return np.zeros(len(frame), dtype=np.intp), [()]
    per_column = [pd.factorize(frame[c], sort=True) for c in by_cols]
    stacked = np.column_stack([codes for codes, _ in per_column])
    missing = (stacked < 0).any(axis=1)
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} documents have no value for {list(by_cols)} and were left out",
            UserWarning,
            stacklevel=3,
        )
    combos, inverse = np.unique(stacked[~missing], axis=0, return_inverse=True)
    codes = np.full(len(frame), -1, dtype=np.intp)
    codes[~missing] = inverse.ravel()
    keys = [tuple(uniques[i] for (_, uniques), i in zip(per_column, combo)) for combo in combos]
    return codes, keys


def group_rows(codes: np.ndarray, n_groups: int) -> list[np.ndarray]:
    """Row positions of each group (without a Python loop over rows)."""
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_groups + 1))
    return [order[bounds[g]:bounds[g + 1]] for g in range(n_groups)]


def group_pairs(keys: Sequence[tuple], reference: Hashable | None) -> list[tuple[int, int]]:
    """Index pairs (a, b): all pairs in sorted order, or every group against ``reference``."""
    if reference is None:
        return list(itertools.combinations(range(len(keys)), 2))
    wanted = reference if isinstance(reference, tuple) else (reference,)
    labels = [group_label(k) for k in keys]
    matches = [i for i, k in enumerate(keys) if k == wanted]
    if not matches:
        raise InputError(f"reference {reference!r} is not one of the groups: {labels}")
    ref = matches[0]
    return [(i, ref) for i in range(len(keys)) if i != ref]


def summarise(
    values: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    seed: int,
    key: tuple,
    keep_boot: bool = False,
) -> dict[str, np.ndarray]:
    """n, mean, median, sd and a bootstrap interval of the mean for each column of ``values``.

    NaN is missing, dropped per column. Columns with the same missingness pattern share one set of
    resampled indices, drawn from a generator seeded by ``(seed, key)``; with ``keep_boot`` the resampled
    means are returned as ``boot`` (n_boot x columns; NaN for columns with fewer than two values).
    """
    n_rows, p = values.shape
    present = ~np.isnan(values)
    out = {name: np.full(p, np.nan) for name in ("mean", "median", "sd", "ci_low", "ci_high")}
    out["n"] = present.sum(axis=0)
    boot = np.full((n_boot, p), np.nan) if keep_boot else None
    if p and n_rows:
        patterns, inverse = np.unique(present.T, axis=0, return_inverse=True)
        for pattern, cols in zip(patterns, members(inverse.ravel(), len(patterns))):
            # sorted per column: the result does not depend on row order (intervals are per column anyway)
            sample = np.sort(values[np.ix_(pattern, cols)], axis=0)
            m = sample.shape[0]
            if m == 0:
                continue
            mean = sample.mean(axis=0)
            out["mean"][cols] = mean
            out["median"][cols] = np.median(sample, axis=0)
            if m < 2:
                continue
            out["sd"][cols] = sample.std(axis=0, ddof=1)
            if n_boot:
                means = bootstrap_means(sample, n_boot=n_boot, rng=group_rng(seed, key))
                out["ci_low"][cols], out["ci_high"][cols] = percentile_interval(means, ci)
                if keep_boot:
                    boot[:, cols] = means
    out["boot"] = boot
    return out


def bootstrap_means(sample: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of ``n_boot`` resamples (with replacement) of the rows of a complete ``(m, c)`` sample.

    Each block of resamples is drawn as an index matrix, turned into per-row counts, and multiplied with
    the centred sample: one matrix product instead of a loop over resamples. Constant columns give
    exactly their value.
    """
    m, c = sample.shape
    mean = sample.mean(axis=0)
    centred = sample - mean
    constant = np.ptp(sample, axis=0) == 0
    centred[:, constant] = 0.0
    means = np.empty((n_boot, c))
    block = max(1, _BLOCK_CELLS // m)
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        idx = rng.integers(0, m, size=(size, m))
        idx += (np.arange(size) * m)[:, None]
        counts = np.bincount(idx.ravel(), minlength=size * m).reshape(size, m)
        means[start:start + size] = counts.astype(np.float64) @ centred
    means /= m
    means += mean
    means[:, constant] = mean[constant]
    return means


def percentile_interval(resampled: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval (linear interpolation) of resampled statistics, per column; NaN rows ignored."""
    alpha = (1 - ci) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN
        low, high = np.nanquantile(resampled, [alpha, 1 - alpha], axis=0)
    return low, high


def cohens_d(n_a, mean_a, sd_a, n_b, mean_b, sd_b) -> np.ndarray:
    """Cohen's d with the pooled standard deviation (groups of one contribute no variance)."""
    n_a, n_b = np.asarray(n_a, float), np.asarray(n_b, float)
    ss = np.where(n_a > 1, (n_a - 1) * np.nan_to_num(sd_a) ** 2, 0) + np.where(
        n_b > 1, (n_b - 1) * np.nan_to_num(sd_b) ** 2, 0
    )
    dof = n_a + n_b - 2
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = np.sqrt(np.where(dof > 0, ss / np.where(dof > 0, dof, 1), np.nan))
        return (np.asarray(mean_a) - np.asarray(mean_b)) / pooled


def mann_whitney(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """U statistic of ``a`` and the two-sided p-value, per column; NaN dropped per column."""
    from scipy import stats  # imported here: a second and 60 MB that only comparisons need

    p = a.shape[1]
    u, pv = np.full(p, np.nan), np.full(p, np.nan)
    complete = ~np.isnan(a).any(axis=0) & ~np.isnan(b).any(axis=0)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        if complete.any() and len(a) and len(b):
            res = stats.mannwhitneyu(a[:, complete], b[:, complete], alternative="two-sided", axis=0)
            u[complete], pv[complete] = res.statistic, res.pvalue
        for j in np.flatnonzero(~complete):
            x, y = a[:, j], b[:, j]
            x, y = x[~np.isnan(x)], y[~np.isnan(y)]
            if x.size and y.size:
                res = stats.mannwhitneyu(x, y, alternative="two-sided")
                u[j], pv[j] = res.statistic, res.pvalue
    return u, pv


def summary_table(
    summaries: Sequence[dict], keys: Sequence[tuple], by_cols: Sequence[str], cols: Sequence[str]
) -> pd.DataFrame:
    """compare's tidy table (feature-major) from per-group summaries."""
    g, p = len(keys), len(cols)
    group_index = np.tile(np.arange(g), p)
    table = pd.DataFrame.from_records(list(keys), columns=list(by_cols)).iloc[group_index].reset_index(drop=True)
    table["feature"] = np.repeat(np.asarray(cols, dtype=object), g)
    for name in ("n", "mean", "ci_low", "ci_high", "median", "sd"):
        stacked = np.vstack([s[name] for s in summaries]) if summaries else np.empty((0, p))
        table[name] = stacked.T.ravel()
    table["n"] = table["n"].astype(np.int64)
    return table


def pair_table(blocks: Sequence[dict], keys: Sequence[tuple], cols: Sequence[str]) -> pd.DataFrame:
    """pairwise's tidy table (feature-major) from per-pair arrays (p_adj added by the caller)."""
    p, n_pairs = len(cols), len(blocks)
    labels = [group_label(k) for k in keys]
    pair_index = np.tile(np.arange(n_pairs), p)
    group_a = np.empty(n_pairs, dtype=object)
    group_b = np.empty(n_pairs, dtype=object)
    group_a[:] = [labels[blk["a"]] for blk in blocks]
    group_b[:] = [labels[blk["b"]] for blk in blocks]
    table = pd.DataFrame({
        "group_a": group_a[pair_index],
        "group_b": group_b[pair_index],
        "feature": np.repeat(np.asarray(cols, dtype=object), n_pairs),
    })

    def column(name):
        return np.vstack([np.broadcast_to(blk[name], p) for blk in blocks]).T.ravel() if blocks else []

    for name in ("n_a", "n_b"):
        table[name] = np.asarray(column(name), dtype=np.int64)
    for name in ("mean_a", "mean_b"):
        table[name] = column(name)
    table["diff"] = table["mean_a"] - table["mean_b"]
    for name in ("diff_ci_low", "diff_ci_high", "cohens_d", "cliffs_delta", "p_value"):
        table[name] = np.asarray(column(name), dtype=float)
    return table


def is_numeric(column: pd.Series) -> bool:
    """Numeric or boolean (not complex): a column the statistics can use."""
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_complex_dtype(column)


def members(inverse: np.ndarray, n: int) -> list[np.ndarray]:
    """Positions holding each of the codes 0..n-1."""
    return [np.flatnonzero(inverse == k) for k in range(n)]


def group_label(key: tuple):
    """How a group is shown in pairwise tables: the value for one grouping column, else the tuple."""
    return key[0] if len(key) == 1 else key


def group_rng(seed: int, key: tuple) -> np.random.Generator:
    """A generator that depends only on the seed and the group label (not on other groups or row order)."""
    label = "\x1f".join(str(part) for part in key)
    return np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(label.encode("utf-8"))]))
