"""Tone charts: the mean tone per group with intervals (and every document), the distribution of sentence tone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.errors import InputError
from framing.plots.style import NEUTRAL_BAND, TONE_UNIT, GroupStyle, _short_names, feature_label, outlet_styles
from framing.plots.utils import (
    _as_list,
    _axes,
    _by_name,
    _checked_order,
    _feature_rows,
    _finish,
    _fit_fontsize,
    _group_axis,
    _group_labels,
    _interval,
    _order,
    _outside_legend,
    _require,
    _right_edge,
    _with_interval,
    _zero_line,
)

__all__ = ["tone_by_outlet", "sentence_tone_distribution"]


def tone_by_outlet(
    compare_table: pd.DataFrame,
    *,
    feature: str = "tone_mean",
    by: str | Sequence[str] = "outlet",
    documents: pd.DataFrame | None = None,
    order: Sequence | None = None,
    reference: float | None = 0.0,
    interval: str | None = "95% CI",
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Mean and confidence interval of one feature per group, one row per group.

    Parameters
    ----------
    compare_table : DataFrame
        Output of :func:`framing.compare` (``by`` column(s), ``feature``, ``n``, ``mean``, ``ci_low``,
        ``ci_high``).
    feature : str
        The feature to draw.
    by : str or list of str
        The grouping column(s) of the table.
    documents : DataFrame, optional
        The features frame the table was computed from: each document is drawn as a faint dot behind
        its group's interval.
    order : list, optional
        Groups from top to bottom (default: highest mean on top).
    reference : float or None
        Position of the dashed reference line (0: neutral tone); ``None`` for none.
    interval : str or None
        What the bars are, for the axis label (match ``compare(ci=...)``); ``None`` to leave it out.
    palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.errorbar``.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "feature": "tone_mean", "n": [40, 35],
    ...                       "mean": [0.12, -0.05], "ci_low": [0.08, -0.1], "ci_high": [0.16, 0.0]})
    >>> ax = tone_by_outlet(table, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['A', 'B']
    """
    ax = _axes(ax)
    rows = _feature_rows(compare_table, feature, by, chart="tone_by_outlet")
    styles = outlet_styles(rows["group"], palette=palette)
    order = _order(rows, order, descending=True)
    position = {g: i for i, g in enumerate(order)}
    fontsize = _fit_fontsize(ax, len(order))

    if documents is not None:
        _document_strip(ax, documents, feature=feature, by=by, position=position, styles=styles)
    for row in rows.itertuples(index=False):
        if np.isfinite(row.mean):
            _interval(ax, row.mean, position[row.group], row.ci_low, row.ci_high, styles[row.group], horizontal=True,
                      label=row.group, markersize=7 if len(order) <= 12 else 5, **kwargs)
        ax.annotate(f"n={int(row.n):,}", xy=(1, position[row.group]), xycoords=_right_edge(ax), xytext=(4, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=fontsize, color="0.35",
                    annotation_clip=False)
    if reference is not None:
        _zero_line(ax, reference, axis="x")
    _group_axis(ax, order, axis="y", fontsize=fontsize)
    ax.set_ylim(len(order) - 0.5, -0.5)  # first group on top
    what = "markers: mean" + (", dots: documents" if documents is not None else "")
    ax.set_xlabel(_with_interval(feature_label(feature), interval, what))
    ax.set_ylabel(_by_name(by))
    ax.grid(axis="x", color="0.92", linewidth=0.8)
    ax.set_axisbelow(True)
    return _finish(ax, title)


def sentence_tone_distribution(
    sentences: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    kind: str = "auto",
    bins: Sequence[float] | None = None,
    order: Sequence | None = None,
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """The distribution of sentence tone per group, with VADER's neutral band marked.

    Histograms, not density curves: VADER gives many sentences exactly 0, a spike a smoothed curve
    would smear. The default bins are 0.1 wide, the middle one being the neutral band (-0.05, 0.05).

    Parameters
    ----------
    sentences : DataFrame
        One row per sentence with a ``compound`` column (e.g. :func:`framing.sentence_tones` of a corpus,
        whose ``doc_id`` column joins the outlet). Without a ``by`` column, one distribution is drawn.
    by : str or list of str
        Grouping column(s).
    kind : {"auto", "step", "ridge"}
        ``"step"``: overlaid step histograms of the share of each group's sentences per bin;
        ``"ridge"``: one row per group (heights on a common scale); ``"auto"``: step up to 4 groups.
    bins : sequence of float, optional
        Bin edges.
    order, palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.stairs``.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> sentences = pd.DataFrame({"outlet": ["A", "A", "B"], "compound": [0.0, 0.6, -0.4]})
    >>> ax = sentence_tone_distribution(sentences, ax=Figure().subplots())
    >>> ax.get_xlabel()
    'sentence tone (VADER compound, −1..1)'
    """
    ax = _axes(ax)
    _require(sentences, ["compound"], chart="sentence_tone_distribution", source="framing.sentence_tones")
    by_cols = _as_list(by)
    grouped = all(c in sentences.columns for c in by_cols)
    groups = _group_labels(sentences, by_cols) if grouped else pd.Series("all sentences", index=sentences.index)
    values = pd.to_numeric(sentences["compound"], errors="coerce").to_numpy(dtype=float)
    finite = np.isfinite(values)
    groups, values = groups[finite], values[finite]
    if not values.size:
        raise InputError("sentence_tone_distribution: no finite 'compound' values to draw")
    edges = np.asarray(bins if bins is not None else np.linspace(-1.05, 1.05, 22), dtype=float)
    styles = outlet_styles(groups, palette=palette) if grouped else {"all sentences": GroupStyle("0.25", "o", "-", "")}
    order = _checked_order(order, styles)
    shares = {}
    for g in order:
        counts, _ = np.histogram(values[(groups == g).to_numpy()], bins=edges)
        shares[g] = counts / max(counts.sum(), 1)
    if kind == "auto":
        kind = "step" if len(order) <= 4 else "ridge"
    if kind not in ("step", "ridge"):
        raise InputError(f"kind must be 'auto', 'step' or 'ridge', got {kind!r}")

    band = ax.axvspan(-NEUTRAL_BAND, NEUTRAL_BAND, color="0.88", zorder=0, linewidth=0,
                      label=f"VADER neutral band (±{NEUTRAL_BAND:g})")
    n_of = groups.value_counts()
    neutral_of = pd.Series(np.abs(values) < NEUTRAL_BAND, index=groups.index).groupby(groups).mean()
    # Often a third or more of sentences score exactly 0; on a scale fitted to that spike the shape of the
    # rest (what differs between outlets) is flat. Then the neutral bin is cut off and its share written out.
    middle = _neutral_bin(edges)
    peak = max(float(s.max()) for s in shares.values()) or 1.0
    rest = max(float(np.delete(s, middle).max()) if middle is not None else 0.0 for s in shares.values())
    clipped = middle is not None and peak > 2.5 * rest > 0
    scale = 1.25 * rest if clipped else peak
    notes = {g: (n_of.get(g, 0), neutral_of.get(g, 0.0)) for g in order}
    draw = _step_histograms if kind == "step" else _ridge_histograms
    xlabel = draw(ax, shares, edges, styles=styles, short=_short_names(order), notes=notes, scale=scale,
                  clipped=clipped, by=by, band=band, **kwargs)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_xlabel(xlabel)
    return _finish(ax, title, pad=18 if kind == "ridge" else None)


def _document_strip(ax: Axes, documents: pd.DataFrame, *, feature: str, by, position: dict, styles: dict) -> None:
    by_cols = _as_list(by)
    _require(documents, [*by_cols, feature], chart="tone_by_outlet(documents=...)", source="framing.analyze")
    groups = _group_labels(documents, by_cols).to_numpy()
    values = pd.to_numeric(documents[feature], errors="coerce").to_numpy(float)
    keep = np.isfinite(values) & np.isin(groups, list(position))
    groups, values = groups[keep], values[keep]
    # A fixed seed: the same data always gives the same picture.
    jitter = np.random.default_rng(0).uniform(-0.22, 0.22, size=values.size)
    y = np.array([position[g] for g in groups], dtype=float) + jitter
    colors = [styles[g].color for g in groups]
    ax.scatter(values, y, s=7, c=colors, alpha=0.3, linewidths=0, zorder=1, rasterized=values.size > 2000)


def _step_histograms(ax: Axes, shares: dict, edges: np.ndarray, *, styles, short, notes, scale, clipped, by, band,
                     **kwargs) -> str:
    """Overlaid step histograms, one per group, with a legend outside the Axes; returns the x label."""
    for g, values in shares.items():
        style = styles[g]
        n, neutral = notes[g]
        ax.stairs(values, edges, color=style.color, linestyle=style.linestyle, linewidth=1.8,
                  label=f"{short[g]} (n={n:,}; {neutral:.0%} neutral)", **kwargs)
    ax.set_ylim(0, scale if clipped else None)
    ax.set_ylabel(f"share of sentences per {_bin_width(edges)} bin")
    if clipped:
        ax.annotate("neutral bin\ncut off ↑", xy=(NEUTRAL_BAND, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -3), textcoords="offset points", ha="left", va="top", fontsize="x-small",
                    color="0.35")
    handles, labels = ax.get_legend_handles_labels()
    _outside_legend(ax, handles, labels, fontsize=_fit_fontsize(ax, len(labels) + 4))
    return f"sentence tone ({TONE_UNIT})"


def _ridge_histograms(ax: Axes, shares: dict, edges: np.ndarray, *, styles, short, notes, scale, clipped, by, band,
                      **kwargs) -> str:
    """One filled step histogram per row, first group on top, all on one height scale; returns the x label."""
    order = list(shares)
    fontsize = _fit_fontsize(ax, len(order))
    for i, g in enumerate(order):
        style, base = styles[g], len(order) - 1 - i
        heights = base + 0.9 * np.minimum(shares[g] / scale, 1.0)
        ax.stairs(heights, edges, baseline=base, fill=True, color=style.color, alpha=0.35, linewidth=0)
        ax.stairs(heights, edges, baseline=base, color=style.color, linewidth=1.2, label=g, **kwargs)
        n, neutral = notes[g]
        ax.annotate(f"n={n:,} · {neutral:.0%} neutral", xy=(1, base + 0.3), xycoords=_right_edge(ax), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=fontsize, color="0.35", annotation_clip=False)
    _group_axis(ax, order[::-1], axis="y", fontsize=fontsize, positions=np.arange(len(order)) + 0.3)
    ax.set_ylim(-0.1, len(order) - 0.02)
    ax.set_ylabel(_by_name(by))
    ax.legend([band], [band.get_label()], loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False,
              fontsize="small", borderaxespad=0.2)
    return (f"sentence tone ({TONE_UNIT})\nrow height: share per {_bin_width(edges)} bin "
            f"(same scale{'; neutral bin cut off' if clipped else ''})")


def _neutral_bin(edges: np.ndarray) -> int | None:
    """The index of the bin that is VADER's neutral band, when the bins have one."""
    low = np.flatnonzero(np.isclose(edges, -NEUTRAL_BAND))
    if low.size and low[0] + 1 < edges.size and np.isclose(edges[low[0] + 1], NEUTRAL_BAND):
        return int(low[0])
    return None


def _bin_width(edges: np.ndarray) -> str:
    widths = np.diff(edges)
    return f"{widths[0]:g}-wide" if np.allclose(widths, widths[0]) else "variable-width"
