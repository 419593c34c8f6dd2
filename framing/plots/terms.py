"""Distinctive terms: z-score against frequency, with the top terms labelled without overlap."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.errors import InputError
from framing.plots.style import _darker, _label, _text_color, outlet_styles, shorten
from framing.plots.utils import _as_list, _axes, _default_fontsize, _finish, _group_labels, _require, _right_edge

__all__ = ["distinctive_terms"]


def distinctive_terms(
    terms: pd.DataFrame,
    *,
    group: Hashable | None = None,
    by: str | Sequence[str] = "outlet",
    n: int = 15,
    threshold: float = 1.96,
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Monroe et al. (2008) style: each term's z-score for one group against its corpus frequency.

    Every term is a faint dot; terms beyond ``±threshold`` are coloured (over-used: the group's colour,
    under-used: dark grey) and the ``n`` most over-used and ``n`` most under-used are labelled, placed
    where they overlap neither each other nor the labelled dots as far as a greedy search allows.

    Parameters
    ----------
    terms : DataFrame
        Output of :func:`framing.distinctive_terms` (``by`` column(s), ``term``, ``count_group``,
        ``count_other``, ``z``). The x axis is ``count_group + count_other`` (the corpus count when each
        group is compared with all others).
    group : label, optional
        The group to draw; may be left out when the table holds one group.
    n : int
        Terms labelled on each side.
    threshold : float
        |z| beyond which a term is coloured (1.96: two-sided 5% without correction).
    by, palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.scatter`` (the coloured dots).

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> terms = pd.DataFrame({"outlet": "A", "term": ["reform", "scheme", "the"], "count_group": [9, 0, 50],
    ...                       "count_other": [1, 8, 52], "z": [2.5, -2.4, 0.1]})
    >>> ax = distinctive_terms(terms, ax=Figure().subplots(), n=1)
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() in ("reform", "scheme", "the"))
    ['reform', 'scheme']
    """
    ax = _axes(ax)
    by_cols = _as_list(by)
    _require(terms, [*by_cols, "term", "count_group", "count_other", "z"], chart="distinctive_terms",
             source="framing.distinctive_terms")
    labels = _group_labels(terms, by_cols)
    styles = outlet_styles(labels, palette=palette)
    if group is None:
        if len(styles) != 1:
            raise InputError(f"distinctive_terms: the table has {len(styles)} groups; choose one with group= "
                             f"(e.g. group={next(iter(styles))!r})")
        group = next(iter(styles))
    group = _label(group)
    if group not in styles:
        raise InputError(f"distinctive_terms: no group {group!r} in the table; "
                         f"groups: {', '.join(sorted(styles)[:10])}")
    rows = terms[(labels == group).to_numpy()]
    freq = (rows["count_group"] + rows["count_other"]).to_numpy(dtype=float)
    z = rows["z"].to_numpy(dtype=float)
    keep = np.isfinite(z) & (freq > 0)
    rows, freq, z = rows[keep], freq[keep], z[keep]
    color = styles[group].color
    over, under = z >= threshold, z <= -threshold
    plain = ~(over | under)
    ax.scatter(freq[plain], z[plain], s=6, color="0.7", alpha=0.5, linewidths=0, rasterized=plain.sum() > 5000,
               zorder=1)
    ax.scatter(freq[over], z[over], s=14, color=color, edgecolors=_darker(color), linewidths=0.4, zorder=2,
               label=f"used more by {shorten(group)}" if over.any() else "_nolegend_", **kwargs)
    ax.scatter(freq[under], z[under], s=14, color="0.3", linewidths=0, zorder=2,
               label=f"used less by {shorten(group)}" if under.any() else "_nolegend_", **kwargs)
    for sign in (1, -1):
        ax.axhline(sign * threshold, color="0.55", linewidth=0.8, linestyle="--", zorder=0)
    ax.set_xscale("log")
    ax.margins(x=0.08, y=0.1)
    ax.autoscale_view()
    ax.set_xlim(*ax.get_xlim())  # freeze the limits: label placement measures in display space
    ax.set_ylim(*ax.get_ylim())
    ax.annotate(f"z = ±{threshold:g}", xy=(1, threshold), xycoords=_right_edge(ax), xytext=(-2, 2),
                textcoords="offset points", ha="right", va="bottom", fontsize="x-small", color="0.45")
    top = np.argsort(-z, kind="stable")[: min(n, int(over.sum()))]
    bottom = np.argsort(z, kind="stable")[: min(n, int(under.sum()))]
    picks = [(i, color) for i in top] + [(i, "0.2") for i in bottom]
    picks.sort(key=lambda p: -abs(z[p[0]]))
    words = rows["term"].astype(str).to_numpy()
    _place_labels(ax, [(freq[i], z[i]) for i, _ in picks], [words[i] for i, _ in picks],
                  [_text_color(c) for _, c in picks])
    ax.set_xlabel("frequency in the corpus (occurrences, log scale)")
    ax.set_ylabel("z-score of the log-odds ratio (group vs rest)")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize="small",
              borderaxespad=0.2, handletextpad=0.2)
    return _finish(ax, title, pad=18)


def _place_labels(ax: Axes, points: Sequence[tuple[float, float]], texts: Sequence[str], colors: Sequence) -> None:
    """Label points, trying offsets around each until the label overlaps no earlier label, no labelled
    point and stays inside the Axes; the least crowded offset is used when none is free."""
    if not texts:
        return
    axes_box = ax.get_window_extent()
    fontsize = float(np.clip(_default_fontsize() * (1.0 if len(texts) <= 20 else 0.85), 6, 10))
    scale = ax.get_figure().dpi / 72
    dot = 3 * scale
    centres = [ax.transData.transform(p) for p in points]
    taken = [mtransforms.Bbox.from_extents(cx - dot, cy - dot, cx + dot, cy + dot) for cx, cy in centres]
    candidates = []
    for distance in (4, 10, 18, 28):
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)):
            candidates.append((dx * distance, dy * distance * 0.8, distance > 4))
    for (x, y), text, color in zip(points, texts, colors):
        label = ax.annotate(text, xy=(x, y), xytext=(4, 0), textcoords="offset points", fontsize=fontsize,
                            color=color, zorder=4, annotation_clip=False)
        best, best_cost = None, np.inf
        for dx, dy, far in candidates:
            label.set_position((dx, dy))
            label.set_horizontalalignment("left" if dx > 0 else "right" if dx < 0 else "center")
            label.set_verticalalignment("bottom" if dy > 0 else "top" if dy < 0 else "center")
            box = label.get_window_extent()
            cost = sum(_overlap(box, other) for other in taken)
            cost += box.width * box.height - _overlap(box, axes_box)  # the part outside the Axes
            if cost < best_cost:
                best, best_cost = (dx, dy, far, box), cost
            if cost == 0:
                break
        dx, dy, far, box = best
        label.set_position((dx, dy))
        label.set_horizontalalignment("left" if dx > 0 else "right" if dx < 0 else "center")
        label.set_verticalalignment("bottom" if dy > 0 else "top" if dy < 0 else "center")
        if far:  # a leader line shows which dot a distant label belongs to
            ax.annotate("", xy=(x, y), xytext=(dx, dy), textcoords="offset points", zorder=3,
                        arrowprops={"arrowstyle": "-", "color": "0.6", "linewidth": 0.5, "shrinkA": 0, "shrinkB": 2})
        taken.append(box)


def _overlap(a: mtransforms.Bbox, b: mtransforms.Bbox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0
