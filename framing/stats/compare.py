"""How groups of documents (outlets, bias labels, topics) differ on the toolkit's features, with uncertainty.

- :func:`compare`: per group and feature, n, mean with a bootstrap confidence interval, median, sd.
- :func:`pairwise`: per pair of groups and feature, the difference of means with its bootstrap interval,
  Cohen's d, Cliff's delta, a Mann-Whitney p-value and a multiplicity-adjusted p-value.
- :func:`omnibus`: per feature, a Kruskal-Wallis test across all groups, with epsilon-squared.
- :func:`over_time`: :func:`compare` per calendar period (week, month ...).

``compare(..., within="event")`` and ``pairwise(..., within="event")`` compare groups inside the same
events (see :mod:`framing.stats.events`). The estimators are described in ``docs/statistics.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.stats.events import compare_within, pairwise_within
from framing.stats.groups import (
    FEATURE_PREFIXES,
    check_resampling_options,
    cohens_d,
    feature_matrix,
    group_codes,
    group_pairs,
    group_rows,
    grouping_columns,
    mann_whitney,
    pair_table,
    percentile_interval,
    resolve_columns,
    summarise,
    summary_table,
)

__all__ = ["compare", "pairwise", "omnibus", "over_time", "adjust_pvalues", "FEATURE_PREFIXES"]

CORRECTIONS = ("holm", "bonferroni", "fdr_bh", None)



def compare(
    features: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    columns: Sequence[str] | None = None,
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    within: str | None = None,
) -> pd.DataFrame:
    """Per group and feature: n, mean with a bootstrap confidence interval, median and sd.

    Parameters
    ----------
    features : DataFrame
        One row per document, e.g. the output of ``framing.analyze``.
    by : str or list of str
        Grouping column(s); one output column per grouping variable. Documents with a missing group value
        are left out with a warning.
    columns : list of str, optional
        Feature columns. ``None``: the numeric (and boolean) columns named like the toolkit's features
        (:data:`framing.schema.FEATURE_PREFIXES`); if the frame has none of those, every numeric
        column. Grouping and ``within`` columns are never features.
    ci : float
        Coverage of the interval (0.95: the 2.5th and 97.5th percentiles).
    n_boot : int
        Bootstrap resamples (0: no intervals).
    seed : int
        Seed; each group's resamples come from ``SeedSequence([seed, crc32(group label)])`` and are drawn
        over the group's sorted values, so a group's interval depends neither on the other groups, nor on
        the other columns, nor on the row order.
    within : str, optional
        Column of event ids. When given, each group's deviation from the other groups' coverage of the
        same events is reported instead of raw means (see :func:`framing.stats.events.compare_within`).

    Returns
    -------
    DataFrame
        Tidy rows ordered by feature then group: the ``by`` column(s), ``feature``, ``n`` (non-missing
        values), ``mean``, ``ci_low``, ``ci_high``, ``median``, ``sd`` (ddof=1).

    Notes
    -----
    NaN and infinite values are missing and dropped per feature. The interval is the nonparametric
    percentile bootstrap of the mean (Efron & Tibshirani 1993): the group's non-missing values are
    resampled with replacement ``n_boot`` times. A group with one value gets NaN ``sd`` and interval.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "tone_mean": [0.1, 0.3, 0.2, -0.4]})
    >>> table = compare(features, n_boot=200)
    >>> table[["outlet", "feature", "n", "mean"]].round(2).to_string(index=False)
    'outlet   feature  n  mean\\n     A tone_mean  3   0.2\\n     B tone_mean  1  -0.4'
    >>> bool(table["ci_low"].iloc[0] <= 0.2 <= table["ci_high"].iloc[0]), bool(table["ci_low"].isna().iloc[1])
    (True, True)
    """
    if within is not None:

        return compare_within(features, by=by, within=within, columns=columns, ci=ci, n_boot=n_boot, seed=seed)
    by_cols = grouping_columns(features, by)
    cols = resolve_columns(features, columns, exclude=by_cols)
    check_resampling_options(ci=ci, n_boot=n_boot, seed=seed)
    codes, keys = group_codes(features, by_cols)
    values = feature_matrix(features, cols)
    summaries = [
        summarise(values[rows], n_boot=n_boot, ci=ci, seed=seed, key=key)
        for key, rows in zip(keys, group_rows(codes, len(keys)))
    ]
    return summary_table(summaries, keys, by_cols, cols)


def pairwise(
    features: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    columns: Sequence[str] | None = None,
    reference: Hashable | None = None,
    correction: str | None = "holm",
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    within: str | None = None,
) -> pd.DataFrame:
    """Per pair of groups and feature: difference of means with its interval, effect sizes and tests.

    Parameters
    ----------
    features : DataFrame
        One row per document, e.g. the output of ``framing.analyze``.
    by : str or list of str
        Grouping column(s). With several, group labels are tuples.
    columns : list of str, optional
        Feature columns; the default rule is :func:`compare`'s.
    reference : label, optional
        Compare every other group with this one (``group_b`` is the reference). Default: every pair of
        groups, ``group_a`` before ``group_b`` in sorted order.
    correction : {"holm", "bonferroni", "fdr_bh", None}
        Multiplicity adjustment of ``p_value`` across all rows of the result (every pair and feature).
    ci, n_boot, seed
        As in :func:`compare`; each group's resamples are the same as in :func:`compare`.
    within : str, optional
        Column of event ids: paired comparison over the events both groups covered
        (see :func:`framing.stats.events.pairwise_within`).

    Returns
    -------
    DataFrame
        One row per feature and pair: ``group_a``, ``group_b``, ``feature``, ``n_a``, ``n_b``, ``mean_a``,
        ``mean_b``, ``diff`` (mean_a - mean_b), ``diff_ci_low``, ``diff_ci_high``, ``cohens_d``,
        ``cliffs_delta``, ``p_value``, ``p_adj``.

    Notes
    -----
    - ``diff_ci_*``: percentile interval of ``mean_a* - mean_b*`` where each group is resampled
      independently (the resamples of :func:`compare`).
    - ``cohens_d = diff / s_pooled`` with ``s_pooled = sqrt(((n_a-1) s_a^2 + (n_b-1) s_b^2) / (n_a+n_b-2))``
      (Cohen 1988); NaN when the pooled sd is 0 and the means are equal, +-inf when they differ.
    - ``cliffs_delta = P(a > b) - P(a < b)`` over all pairs of values (Cliff 1993), computed as
      ``2 U / (n_a n_b) - 1`` from the Mann-Whitney U of group a.
    - ``p_value``: two-sided Mann-Whitney U test (``scipy.stats.mannwhitneyu``, method "auto": exact for
      small samples without ties, else the tie-corrected normal approximation with continuity correction).
    - ``p_adj``: see :func:`adjust_pvalues`.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({"outlet": list("AAABBB"), "tone_mean": [0.3, 0.4, 0.5, 0.0, 0.1, 0.2]})
    >>> row = pairwise(features, n_boot=200).iloc[0]
    >>> row["group_a"], row["group_b"], round(float(row["diff"]), 2), round(float(row["cohens_d"]), 2)
    ('A', 'B', 0.3, 3.0)
    >>> float(row["cliffs_delta"]), bool(row["diff_ci_low"] > 0)
    (1.0, True)
    """
    _check_correction(correction)
    if within is not None:

        table = pairwise_within(
            features, by=by, within=within, columns=columns, reference=reference, ci=ci, n_boot=n_boot, seed=seed
        )
    else:
        table = _pairwise_independent(
            features, by=by, columns=columns, reference=reference, ci=ci, n_boot=n_boot, seed=seed
        )
    table["p_adj"] = adjust_pvalues(table["p_value"].to_numpy(), method=correction)
    return table


def omnibus(
    features: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per feature, a Kruskal-Wallis test of "all groups have the same distribution".

    Parameters
    ----------
    features : DataFrame
        One row per document.
    by : str or list of str
        Grouping column(s).
    columns : list of str, optional
        Feature columns; the default rule is :func:`compare`'s.

    Returns
    -------
    DataFrame
        One row per feature: ``feature``, ``n`` (non-missing values), ``k`` (groups with a value), ``H``
        (tie-corrected, ``scipy.stats.kruskal``), ``df`` (k - 1), ``p_value``, ``epsilon_sq``
        (``H / (n - 1)``, Tomczak & Tomczak 2014; 0 = no separation, 1 = complete). H is NaN when every
        value is identical or fewer than two groups have data.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({"outlet": list("AABBCC"), "tone_mean": [1, 2, 3, 4, 5, 6]})
    >>> row = omnibus(features).iloc[0]
    >>> round(float(row["H"]), 3), int(row["df"]), round(float(row["epsilon_sq"]), 3)
    (4.571, 2, 0.914)
    """
    from scipy import stats  # imported here: a second and 60 MB that only comparisons need

    by_cols = grouping_columns(features, by)
    cols = resolve_columns(features, columns, exclude=by_cols)
    codes, keys = group_codes(features, by_cols)
    values = feature_matrix(features, cols)
    rows = group_rows(codes, len(keys))
    records = []
    for j, name in enumerate(cols):
        samples = [v[np.isfinite(v)] for v in (values[r, j] for r in rows)]
        samples = [s for s in samples if s.size]
        n, k = sum(s.size for s in samples), len(samples)
        h = p = np.nan
        if k >= 2:
            with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
                warnings.simplefilter("ignore", RuntimeWarning)
                h, p = stats.kruskal(*samples)
        records.append({
            "feature": name, "n": n, "k": k, "H": float(h), "df": k - 1 if k >= 2 else np.nan,
            "p_value": float(p), "epsilon_sq": float(h) / (n - 1) if n > 1 else np.nan,
        })
    return pd.DataFrame.from_records(
        records, columns=["feature", "n", "k", "H", "df", "p_value", "epsilon_sq"]
    )


def over_time(
    features: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "outlet",
    freq: str = "W",
    columns: Sequence[str] | None = None,
    ci: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
    date: str = "date",
) -> pd.DataFrame:
    """:func:`compare` per calendar period and group: the time series of each feature with intervals.

    Parameters
    ----------
    features : DataFrame
        One row per document with a date column.
    by : str, list of str or None
        Grouping column(s); ``None``: all documents together.
    freq : str
        Period: ``"D"``, ``"W"`` (weeks Monday-Sunday), ``"M"``, ``"Q"`` or ``"Y"`` (pandas period aliases;
        ``"MS"``, ``"ME"``, ``"QS"``, ``"YS"`` ... are accepted too).
    columns, ci, n_boot, seed
        As in :func:`compare`.
    date : str
        The date column. Documents without a date are counted, left out, and reported in a warning.

    Returns
    -------
    DataFrame
        :func:`compare`'s columns with ``period`` (the first day of the period, a Timestamp) after the
        ``by`` column(s); ordered by feature, group, period. Periods without documents have no row.

    Examples
    --------
    >>> import pandas as pd
    >>> features = pd.DataFrame({
    ...     "outlet": ["A", "A", "A"], "tone_mean": [0.1, 0.3, 0.5],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-10"])})
    >>> table = over_time(features, freq="W", n_boot=100)
    >>> [(str(p.date()), n, round(m, 2)) for p, n, m in table[["period", "n", "mean"]].itertuples(index=False)]
    [('2024-01-01', 2, 0.2), ('2024-01-08', 1, 0.5)]
    """
    by_cols = [] if by is None else grouping_columns(features, by)
    if date not in features.columns:
        raise InputError(f"over_time needs a date column; {date!r} is not among the columns {list(features.columns)}")
    if "period" in by_cols:
        raise InputError("'period' is the name over_time gives its period column; rename that grouping column")
    cols = resolve_columns(features, columns, exclude=[*by_cols, date])
    dates = _as_datetime(features[date], date)
    missing = int(dates.isna().sum())
    if missing:
        warnings.warn(
            f"over_time: {missing} of {len(dates)} documents have no {date!r} and were left out",
            UserWarning,
            stacklevel=2,
        )
    dated = dates.notna().to_numpy()
    periods = dates[dated].dt.to_period(_period_alias(freq)).dt.start_time
    frame = features.loc[dated, [*by_cols, *cols]].copy()
    frame["period"] = periods.to_numpy()
    return compare(frame, by=[*by_cols, "period"], columns=cols, ci=ci, n_boot=n_boot, seed=seed)


def adjust_pvalues(p_values: Sequence[float], *, method: str | None = "holm") -> np.ndarray:
    """Adjust p-values for multiple comparisons; NaN p-values are left out of the family and stay NaN.

    With m p-values sorted ascending ``p_(1) <= ... <= p_(m)``:

    - ``"holm"`` (Holm 1979): ``p_adj_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))``;
    - ``"bonferroni"``: ``min(1, m p)``;
    - ``"fdr_bh"`` (Benjamini & Hochberg 1995): ``p_adj_(i) = min_{j >= i} min(1, m p_(j) / j)``;
    - ``None``: unchanged.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], method="holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_pvalues([0.01, 0.04, 0.03], method="fdr_bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    _check_correction(method)
    p = np.asarray(p_values, dtype=float)
    out = p.copy()
    if method is None:
        return out
    ok = np.isfinite(p)
    q = p[ok]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q, kind="stable")
    ranked = q[order]
    if method == "bonferroni":
        adjusted = ranked * m
    elif method == "holm":
        adjusted = np.maximum.accumulate((m - np.arange(m)) * ranked)
    else:
        adjusted = np.minimum.accumulate((m / np.arange(1, m + 1) * ranked)[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[ok] = result
    return out


# ---------------------------------------------------------------------------------------------------------
# small helpers


def _pairwise_independent(features, *, by, columns, reference, ci, n_boot, seed) -> pd.DataFrame:
    """pairwise's table without ``p_adj``, for independent groups."""
    by_cols = grouping_columns(features, by)
    cols = resolve_columns(features, columns, exclude=by_cols)
    check_resampling_options(ci=ci, n_boot=n_boot, seed=seed)
    codes, keys = group_codes(features, by_cols)
    values = feature_matrix(features, cols)
    rows = group_rows(codes, len(keys))
    # each group is resampled once; the pairs reuse its resampled means
    summaries = [
        summarise(values[r], n_boot=n_boot, ci=ci, seed=seed, key=key, keep_boot=True)
        for key, r in zip(keys, rows)
    ]
    blocks = []
    for a, b in group_pairs(keys, reference):
        sa, sb = summaries[a], summaries[b]
        u_a, p_value = mann_whitney(values[rows[a]], values[rows[b]])
        lo, hi = percentile_interval(sa["boot"] - sb["boot"], ci) if n_boot else (np.nan, np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            dominance = 2 * u_a / (sa["n"] * sb["n"]) - 1
        blocks.append({
            "a": a, "b": b, "n_a": sa["n"], "n_b": sb["n"], "mean_a": sa["mean"], "mean_b": sb["mean"],
            "diff_ci_low": lo, "diff_ci_high": hi,
            "cohens_d": cohens_d(sa["n"], sa["mean"], sa["sd"], sb["n"], sb["mean"], sb["sd"]),
            "cliffs_delta": dominance, "p_value": p_value,
        })
    return pair_table(blocks, keys, cols)


def _check_correction(method: str | None) -> None:
    if method not in CORRECTIONS:
        raise InputError(f"correction must be one of {list(CORRECTIONS)}, got {method!r}")


def _as_datetime(column: pd.Series, name: str) -> pd.Series:
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        return column.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    try:
        return pd.to_datetime(column, errors="raise", format="mixed")
    except (ValueError, TypeError) as exc:
        raise InputError(f"column {name!r} holds values that are not dates ({exc}); fix or drop them") from exc


_PERIOD_ALIASES = {
    "D": "D", "W": "W", "M": "M", "MS": "M", "ME": "M", "Q": "Q", "QS": "Q", "QE": "Q",
    "Y": "Y", "YS": "Y", "YE": "Y", "A": "Y", "AS": "Y",
}


def _period_alias(freq: str) -> str:
    alias = _PERIOD_ALIASES.get(str(freq).upper())
    if alias is None:
        raise InputError(f"freq must be one of 'D', 'W', 'M', 'Q', 'Y', got {freq!r}")
    return alias
