"""Time series: a feature per period and group with interval bands, documents per period below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from framing.errors import InputError
from framing.plots.style import GroupStyle, _label, _short_names, feature_label, outlet_styles
from framing.plots.utils import (
    _as_list,
    _axes,
    _checked_order,
    _errors,
    _feature_rows,
    _finish,
    _fit_fontsize,
    _outside_legend,
    _require,
    _select_feature,
    _zero_line,
)
from framing.schema import COMPARE_COLUMNS

__all__ = ["tone_over_time"]


def tone_over_time(
    over_time_table: pd.DataFrame,
    *,
    feature: str = "tone_mean",
    by: str | Sequence[str] | None = "outlet",
    highlight: Sequence | None = None,
    bands: bool | None = None,
    show_counts: bool = True,
    interval: str | None = "95% CI",
    order: Sequence | None = None,
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """One line per group through the period means, with interval bands and documents per period.

    Periods without documents for a group break its line rather than being bridged. With many groups,
    name the few that matter in ``highlight``: the others become thin grey context lines.

    Parameters
    ----------
    over_time_table : DataFrame
        Output of :func:`framing.over_time` (``by`` column(s), ``period``, ``feature``, ``n``, ``mean``,
        ``ci_low``, ``ci_high``). With ``over_time(by=None)`` pass ``by=None``.
    feature : str
        The feature to draw.
    highlight : list, optional
        Groups drawn in colour (with bands and in the legend); the others in light grey.
    bands : bool, optional
        Draw the confidence bands (default: with up to 6 coloured groups; more would hide each other).
    show_counts : bool
        A grey strip along the bottom: documents per period, all groups together.
    interval : str or None
        What the bands are, for the axis label; ``None`` to leave it out.
    order, palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.plot``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"outlet": "A", "period": pd.to_datetime(["2024-01-01", "2024-01-08"]),
    ...     "feature": "tone_mean", "n": [5, 7], "mean": [0.1, 0.2], "ci_low": [0.0, 0.1], "ci_high": [0.2, 0.3]})
    >>> ax = tone_over_time(table, ax=Figure().subplots())
    >>> line = ax.get_lines()[0]
    >>> line.get_label(), np.asarray(line.get_ydata()).tolist()
    ('A', [0.1, 0.2])
    """
    ax = _axes(ax)
    by_cols = [c for c in _as_list(by) if c in over_time_table.columns] if by is not None else []
    if by is not None and not by_cols:
        raise InputError(f"tone_over_time: the table has no column {by!r}; pass by=None for over_time(by=None) output")
    _require(over_time_table, ["period", *COMPARE_COLUMNS], chart="tone_over_time", source="framing.over_time")
    rows = _feature_rows(over_time_table, feature, by_cols, chart="tone_over_time") if by_cols else \
        _select_feature(over_time_table, feature, chart="tone_over_time").assign(group="all documents")
    rows = rows.assign(period=pd.to_datetime(rows["period"])).sort_values("period", kind="stable")
    styles = outlet_styles(rows["group"], palette=palette) if by_cols else \
        {"all documents": GroupStyle("0.2", "o", "-", "")}
    order = _checked_order(order, styles)
    shown = order if highlight is None else [_label(g) for g in highlight]
    unknown = sorted(set(shown) - set(styles))
    if unknown:
        raise InputError(f"tone_over_time: highlight names groups not in the table: {unknown}")
    bands = len(shown) <= 6 if bands is None else bands
    many = len(shown) > 8  # thinner lines without markers, or they merge into one tangle
    short = _short_names(order)
    step = _period_step(rows["period"])

    context = [g for g in order if g not in shown]
    for g in context + shown:  # context lines first, underneath
        series = _break_gaps(rows[rows["group"] == g], step)
        style = styles[g]
        if g not in shown:
            ax.plot(series["period"], series["mean"], color="0.78", linewidth=0.8, zorder=1.8,
                    label="other groups" if g == context[0] else "_nolegend_")
            continue
        ax.plot(series["period"], series["mean"], color=style.color, linestyle=style.linestyle,
                marker=None if many else style.marker, markersize=3.5 if len(series) > 12 else 5,
                linewidth=1.0 if many else 1.6, label=short[g], zorder=2.5, **kwargs)
        if bands:
            ax.fill_between(series["period"], series["ci_low"], series["ci_high"], color=style.color, alpha=0.18,
                            linewidth=0)
            lone = _isolated(series["mean"].to_numpy(float))  # a band needs two periods: give lone ones a bar
            if lone.any():
                alone = series[lone]
                ax.errorbar(alone["period"], alone["mean"], yerr=_errors(alone), fmt="none", ecolor=style.color,
                            alpha=0.45, elinewidth=2.5, capsize=0, zorder=2.2)
    ax.xaxis.set_major_locator(locator := mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.autoscale_view()
    low, high = ax.get_ylim()
    if low < 0 < high:
        _zero_line(ax, 0.0, axis="y")
    if show_counts:
        _count_strip(ax, rows.groupby("period")["n"].sum(), step)
    ax.set_xlabel("period (start date)")
    ax.set_ylabel(feature_label(feature) if not (bands and interval) else
                  f"{feature_label(feature)}\nlines: mean, bands: {interval}")
    if by_cols:
        handles, labels = ax.get_legend_handles_labels()
        _outside_legend(ax, handles, labels, fontsize=_fit_fontsize(ax, len(labels) + 2))
    return _finish(ax, title)


def _period_step(periods: pd.Series) -> pd.Timedelta | None:
    unique = np.sort(pd.unique(periods.dropna()))
    if unique.size < 2:
        return None
    return pd.Timedelta(np.diff(unique).min())


def _break_gaps(series: pd.DataFrame, step: pd.Timedelta | None) -> pd.DataFrame:
    """Insert an empty row where a period without documents falls, so the line is not drawn across it."""
    series = series[["period", "mean", "ci_low", "ci_high"]]
    if step is None or len(series) < 2:
        return series
    gaps = series["period"].diff() > step * 1.5
    if not gaps.any():
        return series
    blanks = series.loc[gaps, ["period"]].assign(period=lambda f: f["period"] - step / 2)
    return pd.concat([series, blanks]).sort_values("period", kind="stable")


def _isolated(values: np.ndarray) -> np.ndarray:
    """True where a value has no finite neighbour on either side (a point without a line segment)."""
    finite = np.isfinite(values)
    before = np.concatenate([[False], finite[:-1]])
    after = np.concatenate([finite[1:], [False]])
    return finite & ~before & ~after


def _count_strip(ax: Axes, counts: pd.Series, step: pd.Timedelta | None) -> None:
    """Documents per period as thin grey bars along the bottom 12% of the Axes, below the lines."""
    low, high = ax.get_ylim()
    ticks = [t for t in ax.get_yticks() if low <= t <= high]
    ax.set_ylim(low - 0.2 * (high - low), high)
    ax.set_yticks(ticks)  # the strip has no y scale of its own
    ax.spines["left"].set_bounds(low, high)
    width_days = (step / pd.Timedelta(days=1) if step is not None else 1.0) * 0.8
    transform = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    top = float(counts.max()) or 1.0
    x = mdates.date2num(pd.to_datetime(counts.index).to_pydatetime())
    for xi, n in zip(x, counts.to_numpy(float)):
        ax.add_patch(Rectangle((xi - width_days / 2, 0), width_days, 0.12 * n / top, transform=transform,
                                   facecolor="0.78", edgecolor="none", zorder=0.5))
    ax.text(0.005, 0.125, f"documents per period (max {int(top):,})", transform=ax.transAxes, fontsize="x-small",
            color="0.4", va="bottom", ha="left")
