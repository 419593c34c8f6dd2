"""Helpers shared by the chart modules: input checks, group order and labels, intervals, axes and legends, the annotated heatmap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties

from framing.errors import InputError
from framing.plots.style import MISSING_COLOR, GroupStyle, _colormap, _darker, _ink_on, _label, _short_names
from framing.schema import COMPARE_COLUMNS


def _axes(ax: Axes | None) -> Axes:
    return plt.gca() if ax is None else ax


def _finish(ax: Axes, title: str | None, *, pad: float | None = None) -> Axes:
    if title:
        ax.set_title(title, pad=pad if pad is not None else 6.0)
    return ax


def _as_list(by) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _by_name(by) -> str:
    return " · ".join(_as_list(by)) or "group"


def _require(frame: pd.DataFrame, columns: Sequence[str], *, chart: str, source: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{chart} expects a DataFrame (the output of {source}), got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{chart} needs the column(s) {missing} (the output of {source}); "
                         f"the table has {list(frame.columns)}")


def _group_labels(frame: pd.DataFrame, by_cols: Sequence[str]) -> pd.Series:
    if len(by_cols) == 1:
        return frame[by_cols[0]].map(_label)
    return pd.Series([" · ".join(map(str, key)) for key in zip(*(frame[c] for c in by_cols))], index=frame.index)


def _select_feature(table: pd.DataFrame, feature, *, chart: str) -> pd.DataFrame:
    features = [feature] if isinstance(feature, str) else list(feature)
    available = list(pd.unique(table["feature"]))
    missing = [f for f in features if f not in available]
    if missing:
        shown = ", ".join(map(str, available[:12])) + (" ..." if len(available) > 12 else "")
        raise InputError(f"{chart}: feature(s) {missing} not in the table; it has: {shown}")
    return table[table["feature"].isin(features)]


def _feature_rows(table: pd.DataFrame, feature, by, *, chart: str) -> pd.DataFrame:
    """The rows of ``feature`` (one name or several) with a ``group`` label column."""
    by_cols = _as_list(by)
    _require(table, [*by_cols, *COMPARE_COLUMNS], chart=chart, source="framing.compare")
    rows = _select_feature(table, feature, chart=chart)
    return rows.assign(group=_group_labels(rows, by_cols).to_numpy())


def _checked_order(order, known: Iterable[str]) -> list[str]:
    """``order`` as labels (default: the known groups sorted); unknown groups are an error."""
    known = set(known)
    if order is None:
        return sorted(known)
    order = [_label(g) for g in order]
    unknown = sorted(set(order) - known)
    if unknown:
        raise InputError(f"order names groups not in the table: {unknown}")
    return order


def _order(rows: pd.DataFrame, order, *, descending: bool) -> list[str]:
    if order is not None:
        return _checked_order(order, rows["group"])
    means = rows.groupby("group")["mean"].mean()
    return list(means.sort_values(ascending=not descending, kind="stable", na_position="last").index)


def _errors(rows: pd.DataFrame) -> np.ndarray:
    mean = rows["mean"].to_numpy(float)
    lo, hi = rows["ci_low"].to_numpy(float), rows["ci_high"].to_numpy(float)
    # A group with one document has no interval: draw no bar rather than a zero-width one.
    return np.maximum(np.vstack([mean - lo, hi - mean]), 0.0)  # NaN stays NaN: no bar


def _interval(ax: Axes, mean, y, low, high, style: GroupStyle, *, horizontal: bool, label: str,
              markersize: float, **kwargs):
    mean, y = np.atleast_1d(np.asarray(mean, float)), np.atleast_1d(np.asarray(y, float))
    low, high = np.atleast_1d(np.asarray(low, float)), np.atleast_1d(np.asarray(high, float))
    # NaN (one document, no interval): no bar is drawn; an interval not around the mean is cut at the mean
    err = np.maximum(np.vstack([mean - low, high - mean]), 0.0)
    options = {"fmt": style.marker, "color": style.color, "ecolor": style.color, "elinewidth": 1.6,
               "capsize": 3, "markersize": markersize, "markeredgecolor": _darker(style.color),
               "markeredgewidth": 0.6, "zorder": 3, "label": label}
    options.update(kwargs)
    if horizontal:
        return ax.errorbar(mean, y, xerr=err, **options)
    return ax.errorbar(y, mean, yerr=err, **options)


def _zero_line(ax: Axes, at: float, *, axis: str) -> None:
    line = ax.axvline if axis == "x" else ax.axhline
    line(at, color="0.35", linewidth=0.9, linestyle=(0, (4, 3)), zorder=1.5)


def _with_interval(label: str, interval: str | None, what: str) -> str:
    return label if not interval else f"{label}\n{what}, bars: {interval}"


def _right_edge(ax: Axes):
    return mtransforms.blended_transform_factory(ax.transAxes, ax.transData)


def _default_fontsize(axis: str = "y") -> float:
    return FontProperties(size=plt.rcParams[f"{axis}tick.labelsize"]).get_size_in_points()


def _fit_fontsize(ax: Axes, n_rows: float, *, axis: str = "y") -> float:
    """The tick font size that lets ``n_rows`` labels share the axis: the default, down to 5 pt."""
    box = ax.get_position()
    fig = ax.get_figure()
    extent = (box.height * fig.get_figheight() if axis == "y" else box.width * fig.get_figwidth()) * 72
    return float(np.clip(0.8 * extent / max(n_rows, 1), 5.0, _default_fontsize(axis)))


def _group_axis(ax: Axes, groups: Sequence[str], *, axis: str, fontsize: float, positions=None) -> None:
    positions = np.arange(len(groups)) if positions is None else positions
    short = _short_names(groups)
    labels = [short[g] for g in groups]
    if axis == "y":
        ax.set_yticks(positions, labels, fontsize=fontsize)
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(positions, labels, fontsize=fontsize)


def _outside_legend(ax: Axes, handles, labels, *, fontsize: float) -> None:
    if not handles:
        return
    ncol = 1 if len(handles) <= 16 else 2
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=fontsize,
              ncol=ncol, borderaxespad=0.0, handlelength=2.2, columnspacing=1.0)


def _heatmap(ax: Axes, values: np.ndarray, *, rows: Sequence[str], columns: Sequence[str], relative: bool,
             cmap, annotate: bool, **kwargs) -> None:
    """An annotated rows x columns heatmap; shading within each column (``relative``) or from 0 overall."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if relative:
            low, high = np.nanmin(values, axis=0), np.nanmax(values, axis=0)
            shade = np.where(high > low, (values - low) / np.where(high > low, high - low, 1.0), 0.5)
        else:
            top = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 0.0
            shade = values / (top or 1.0)
    shade = np.where(np.isfinite(values), shade, np.nan)
    colormap = _colormap(cmap).with_extremes(bad=MISSING_COLOR)
    n_rows, n_cols = values.shape
    ax.pcolormesh(np.ma.masked_invalid(shade), cmap=colormap, vmin=0, vmax=1, edgecolors="white",
                  linewidth=1.5 if n_rows <= 15 else 0.8, **kwargs)
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    if annotate:
        size = min(_fit_fontsize(ax, n_rows), _fit_fontsize(ax, n_cols * 2.5, axis="x"))
        # digits per column: a rare frame (0.3 per 1,000 words) keeps two, a common one (12.4) one
        decimals = [2 if np.isfinite(c).any() and np.nanmax(np.abs(c)) < 1 else 1 for c in values.T]
        for (i, j), value in np.ndenumerate(values):
            text = "–" if not np.isfinite(value) else f"{value:.{decimals[j]}f}"
            color = "0.3" if not np.isfinite(shade[i, j]) else _ink_on(colormap(shade[i, j]))
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=size, color=color)
    _group_axis(ax, rows, axis="y", fontsize=_fit_fontsize(ax, n_rows), positions=np.arange(n_rows) + 0.5)
    ax.set_xticks(np.arange(n_cols) + 0.5, columns)
    width_per_column = ax.get_position().width * ax.get_figure().get_figwidth() * 72 / max(n_cols, 1)
    if max(map(len, columns), default=0) * 0.6 * _default_fontsize("x") > width_per_column:
        ax.tick_params(axis="x", labelrotation=30)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
