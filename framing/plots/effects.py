"""Pairwise comparisons: a group-by-group matrix of effect sizes with significance marks."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.plots.style import _colormap, _ink_on, _label, _short_names, _stars, feature_label
from framing.plots.utils import _axes, _finish, _fit_fontsize, _require, _select_feature

__all__ = ["effect_size_matrix"]


def effect_size_matrix(
    pairwise_table: pd.DataFrame,
    *,
    feature: str = "tone_mean",
    effect: str = "cohens_d",
    order: Sequence | None = None,
    annotate: bool | None = None,
    colorbar: bool = True,
    vmax: float | None = None,
    cmap: str | mcolors.Colormap = "PuOr",
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Effect sizes between every pair of groups: cell (row, column) is row versus column.

    Colours use a diverging map centred at 0; stars mark the adjusted p-value (``p_adj``):
    * < .05, ** < .01, *** < .001.

    Parameters
    ----------
    pairwise_table : DataFrame
        Output of :func:`framing.pairwise` (``group_a``, ``group_b``, ``feature``, the ``effect`` column,
        ``p_adj``). Each row fills (a, b) with the effect and (b, a) with its negative.
    feature : str
        The feature to draw.
    effect : {"cohens_d", "cliffs_delta", "diff"}
        The effect size column.
    order : list, optional
        Groups in row/column order (default: sorted).
    annotate : bool, optional
        Write the values (default: up to 12 groups; beyond, the stars only).
    colorbar : bool
        A colour bar beside the matrix (it takes its space from ``ax``, as ``Figure.colorbar`` does).
    vmax : float, optional
        The colour scale's limit (default: the largest |effect|, at least 0.8 for Cohen's d, 1 for
        Cliff's delta).
    cmap : str
        A diverging colour map (colour-blind safe by default); the sign is also written in the cells.
    title, ax
        See the module notes; ``**kwargs`` go to ``Axes.pcolormesh``.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> pairs = pd.DataFrame({"group_a": ["A"], "group_b": ["B"], "feature": "tone_mean", "cohens_d": [0.61],
    ...                       "p_adj": [0.004]})
    >>> ax = effect_size_matrix(pairs, ax=Figure().subplots())
    >>> sorted(t.get_text() for t in ax.texts)
    ['+0.61\\n**', '−0.61\\n**']
    """
    ax = _axes(ax)
    _require(pairwise_table, ["group_a", "group_b", "feature", effect], chart="effect_size_matrix",
             source="framing.pairwise")
    rows = _select_feature(pairwise_table, feature, chart="effect_size_matrix")
    a, b = rows["group_a"].map(_label).to_numpy(), rows["group_b"].map(_label).to_numpy()
    groups = list(order) if order is not None else sorted(set(a) | set(b))
    index = {g: i for i, g in enumerate(groups)}
    k = len(groups)
    values, p_adj = np.full((k, k), np.nan), np.full((k, k), np.nan)
    p_column = "p_adj" if "p_adj" in rows.columns else ("p_value" if "p_value" in rows.columns else None)
    p = rows[p_column].to_numpy(dtype=float) if p_column else np.full(len(rows), np.nan)
    for ga, gb, e, pv in zip(a, b, rows[effect].to_numpy(dtype=float), p):
        if ga in index and gb in index:
            values[index[ga], index[gb]], values[index[gb], index[ga]] = e, -e
            p_adj[index[ga], index[gb]] = p_adj[index[gb], index[ga]] = pv
    finite = np.abs(values[np.isfinite(values)])
    floor = {"cohens_d": 0.8, "cliffs_delta": 1.0}.get(effect, 0.0)
    limit = vmax if vmax is not None else max(float(finite.max()) if finite.size else 0.0, floor) or 1.0
    colormap = _colormap(cmap).with_extremes(bad="white")
    shown = np.clip(values, -limit, limit)
    mesh = ax.pcolormesh(np.ma.masked_invalid(shown), cmap=colormap, vmin=-limit, vmax=limit, edgecolors="white",
                         linewidth=1.0 if k <= 15 else 0.5, **kwargs)
    ax.set_xlim(0, k)
    ax.set_ylim(k, 0)
    ax.set_aspect("equal", adjustable="box")
    annotate = k <= 12 if annotate is None else annotate
    size = _fit_fontsize(ax, k * (2.2 if annotate else 1.0))
    for (i, j), value in np.ndenumerate(values):
        if i == j:
            continue
        if not np.isfinite(value):  # a pair the table does not hold (e.g. pairwise(reference=...))
            ax.text(j + 0.5, i + 0.5, "–", ha="center", va="center", fontsize=size, color="0.6")
            continue
        stars = _stars(p_adj[i, j])
        text = f"{value:+.2f}".replace("-", "−") + (f"\n{stars}" if stars else "") if annotate else stars
        if text:
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=size, linespacing=0.9,
                    color=_ink_on(colormap((shown[i, j] + limit) / (2 * limit))))
    tick_size = _fit_fontsize(ax, k)
    short = _short_names(groups)
    ax.set_xticks(np.arange(k) + 0.5, [short[g] for g in groups], fontsize=tick_size)
    ax.set_yticks(np.arange(k) + 0.5, [short[g] for g in groups], fontsize=tick_size)
    ax.tick_params(axis="x", labelrotation=45 if k > 3 or max(map(len, groups)) > 10 else 0, length=0)
    ax.tick_params(axis="y", length=0)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right" if label.get_rotation() else "center")
        label.set_rotation_mode("anchor")
    for spine in ax.spines.values():
        spine.set_visible(False)
    name = {"cohens_d": "Cohen's d", "cliffs_delta": "Cliff's delta", "diff": "difference of means"}.get(effect, effect)
    if colorbar:
        bar = ax.get_figure().colorbar(mesh, ax=ax, fraction=0.04, pad=0.02, shrink=0.7)
        bar.set_label(f"{name} (row vs column)", fontsize="small")
        bar.ax.tick_params(labelsize="small")
        bar.outline.set_visible(False)
    ax.set_xlabel(f"{name} of row vs column, {feature_label(feature)}\n"
                  f"{'adjusted ' if p_column == 'p_adj' else ''}p: * < .05, ** < .01, *** < .001",
                  fontsize="small")
    ax.set_ylabel("")
    return _finish(ax, title)
