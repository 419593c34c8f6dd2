"""Tone toward named actors: a dot plot of actor by group with intervals."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from framing.errors import InputError
from framing.plots.style import MARKERS, TONE_UNIT, _short_names, _words, outlet_styles, shorten
from framing.plots.utils import (
    _as_list,
    _axes,
    _by_name,
    _checked_order,
    _feature_rows,
    _finish,
    _fit_fontsize,
    _interval,
    _outside_legend,
    _require,
    _with_interval,
    _zero_line,
)
from framing.schema import COMPARE_COLUMNS

__all__ = ["actor_tone"]


def actor_tone(
    compare_table: pd.DataFrame,
    *,
    actors: Sequence[str] | None = None,
    by: str | Sequence[str] = "outlet",
    layout: str = "auto",
    order: Sequence | None = None,
    interval: str | None = "95% CI",
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Tone towards each actor in each group: a dot and interval per actor and group.

    With few groups each actor is a row and the groups, in their colours, are stacked inside it (legend:
    groups). With many groups each group is a row named on the axis, drawn in its colour, and the actors
    inside it are told apart by marker (legend: actors).

    Parameters
    ----------
    compare_table : DataFrame
        Output of :func:`framing.compare` with ``actor_<slug>_tone`` features.
    actors : list of str, optional
        Actor slugs (``"marov"``) or columns (``"actor_marov_tone"``); default: every actor in the table.
    layout : {"auto", "actor", "outlet"}
        Rows per actor or per group; ``"auto"``: per actor up to 8 groups.
    order : list, optional
        Groups top to bottom (default: sorted).
    interval : str or None
        What the error bars are, for the axis label; ``None`` to leave it out.
    by, palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.errorbar``.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "feature": "actor_marov_tone", "n": [8, 6],
    ...                       "mean": [0.2, -0.3], "ci_low": [0.1, -0.4], "ci_high": [0.3, -0.2]})
    >>> ax = actor_tone(table, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['marov']
    """
    ax = _axes(ax)
    _require(compare_table, [*_as_list(by), *COMPARE_COLUMNS], chart="actor_tone", source="framing.compare")
    if actors is None:
        features = sorted(f for f in pd.unique(compare_table["feature"]) if re.fullmatch(r"actor_(.+)_tone", str(f)))
        if not features:
            raise InputError("actor_tone: the table has no actor_<slug>_tone features; analyse with actors= "
                             "and run framing.compare on the result")
    else:
        features = [a if a.startswith("actor_") else f"actor_{a}_tone" for a in actors]
    rows = _feature_rows(compare_table, features, by, chart="actor_tone")
    styles = outlet_styles(rows["group"], palette=palette)
    order = _checked_order(order, styles)
    names = {f: shorten(_words(re.sub(r"^actor_|_tone$", "", f))) for f in features}
    if layout == "auto":
        layout = "actor" if len(order) <= 8 else "outlet"
    if layout not in ("actor", "outlet"):
        raise InputError(f"layout must be 'auto', 'actor' or 'outlet', got {layout!r}")
    by_actor = layout == "actor"
    outer, inner = (features, order) if by_actor else (order, features)
    outer_at = {o: i for i, o in enumerate(outer)}
    dodge = 0.7 / len(inner)
    size = 6 if len(inner) <= 8 else 4
    short = _short_names(order)
    for j, item in enumerate(inner):
        sub = rows[(rows["group" if by_actor else "feature"] == item) & rows["mean"].notna()]
        sub = sub.iloc[np.argsort([outer_at[o] for o in sub["feature" if by_actor else "group"]], kind="stable")]
        y = np.array([outer_at[o] for o in sub["feature" if by_actor else "group"]], dtype=float)
        y += -0.35 + dodge * (j + 0.5)
        mean, low, high = (sub[c].to_numpy(float) for c in ("mean", "ci_low", "ci_high"))
        if by_actor:
            _interval(ax, mean, y, low, high, styles[item], horizontal=True, label=short[item], markersize=size,
                      **kwargs)
            continue
        marker = MARKERS[j % len(MARKERS)]
        for g, *point in zip(sub["group"], mean, y, low, high):
            _interval(ax, *point, styles[g]._replace(marker=marker), horizontal=True, label="_nolegend_",
                      markersize=size, **kwargs)
    _zero_line(ax, 0.0, axis="x")
    for y in np.arange(len(outer) - 1) + 0.5:
        ax.axhline(y, color="0.88", linewidth=0.6)
    labels = [names[f] for f in features] if by_actor else [short[g] for g in order]
    ax.set_yticks(range(len(outer)), labels)
    ax.tick_params(axis="y", labelsize=_fit_fontsize(ax, len(outer) * (1.5 if by_actor else 1.0)), length=0)
    ax.set_ylim(len(outer) - 0.5, -0.5)
    ax.set_xlabel(_with_interval(f"tone of sentences mentioning the actor ({TONE_UNIT})", interval, "markers: mean"))
    ax.set_ylabel("actor" if by_actor else _by_name(by))
    ax.grid(axis="x", color="0.92", linewidth=0.8)
    ax.set_axisbelow(True)
    if by_actor:
        handles, legend_labels = ax.get_legend_handles_labels()
    else:  # colours name the outlets on the axis; markers name the actors
        handles = [Line2D([], [], marker=MARKERS[j % len(MARKERS)], color="0.3", linestyle="none", markersize=6)
                   for j in range(len(features))]
        legend_labels = [names[f] for f in features]
    _outside_legend(ax, handles, legend_labels, fontsize=_fit_fontsize(ax, len(handles) + 2))
    return _finish(ax, title)
