"""Loaded-language charts: rates per category and group, the most frequent phrases per group."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from framing.errors import InputError
from framing.plots.style import _darker, _label, _short_names, _words, outlet_styles, shorten
from framing.plots.utils import (
    _as_list,
    _axes,
    _by_name,
    _checked_order,
    _errors,
    _feature_rows,
    _finish,
    _fit_fontsize,
    _group_labels,
    _heatmap,
    _outside_legend,
    _require,
    _with_interval,
)
from framing.schema import COMPARE_COLUMNS

__all__ = ["loaded_by_category", "top_phrases"]


def loaded_by_category(
    compare_table: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    categories: Sequence[str] | None = None,
    kind: str = "auto",
    order: Sequence | None = None,
    interval: str | None = "95% CI",
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Loaded language per category: one horizontal bar per group with its interval, grouped by category.

    Beyond 8 groups a legend of colours can no longer be matched to bars, so by default the chart
    becomes an annotated heatmap of group x category (shading relative within each category) with the
    groups named on the axis.

    Parameters
    ----------
    compare_table : DataFrame
        Output of :func:`framing.compare` with ``loaded_<category>_per1k`` features.
    categories : list of str, optional
        Categories (``"hyperbole"``) or columns (``"loaded_hyperbole_per1k"``). Default: every
        ``loaded_<category>_per1k`` in the table except the totals, the most frequent first.
    kind : {"auto", "bars", "heatmap"}
        ``"auto"``: bars up to 8 groups, else the heatmap.
    order : list, optional
        Groups within each category, top to bottom (default: sorted).
    interval : str or None
        What the error bars are, for the axis label; ``None`` to leave it out.
    by, palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.barh`` (``Axes.pcolormesh`` for the heatmap).

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "feature": "loaded_doubt_per1k", "n": 10,
    ...                       "mean": [1.5, 0.5], "ci_low": [1.0, 0.2], "ci_high": [2.0, 0.9]})
    >>> ax = loaded_by_category(table, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['doubt'], 2)
    """
    ax = _axes(ax)
    _require(compare_table, [*_as_list(by), *COMPARE_COLUMNS], chart="loaded_by_category", source="framing.compare")
    if categories is None:
        totals = ("loaded_total_per1k", "loaded_quoted_per1k")
        features = [f for f in pd.unique(compare_table["feature"])
                    if re.fullmatch(r"loaded_(.+)_per1k", str(f)) and f not in totals]
        if not features:
            raise InputError("loaded_by_category: the table has no loaded_<category>_per1k features; "
                             "run framing.compare on the output of framing.analyze")
    else:
        features = [c if c.startswith("loaded_") else f"loaded_{c}_per1k" for c in categories]
    rows = _feature_rows(compare_table, features, by, chart="loaded_by_category")
    if categories is None:
        features = list(rows.groupby("feature")["mean"].mean().sort_values(ascending=False, kind="stable").index)
    styles = outlet_styles(rows["group"], palette=palette)
    order = _checked_order(order, styles)
    names = [_words(re.sub(r"^loaded_|_per1k$", "", f)) for f in features]
    k = len(order)
    if kind not in ("auto", "bars", "heatmap"):
        raise InputError(f"kind must be 'auto', 'bars' or 'heatmap', got {kind!r}")
    if kind == "heatmap" or (kind == "auto" and k > 8):
        matrix = rows.pivot_table(index="group", columns="feature", values="mean", aggfunc="first", dropna=False)
        _heatmap(ax, matrix.reindex(index=order, columns=features).to_numpy(float), rows=order,
                 columns=[shorten(n, 18) for n in names], relative=True, cmap="cividis", annotate=True, **kwargs)
        ax.set_xlabel("loaded-language category (per 1,000 words outside quotations)\n"
                      "shading: relative within each category")
        ax.set_ylabel(_by_name(by))
        return _finish(ax, title)
    height = 0.8 / k
    where = {f: i for i, f in enumerate(features)}
    short = _short_names(order)
    for j, g in enumerate(order):
        sub = rows[rows["group"] == g]
        sub = sub.iloc[np.argsort([where[f] for f in sub["feature"]], kind="stable")]  # bars in axis order
        y = np.array([where[f] for f in sub["feature"]]) - 0.4 + height * (j + 0.5)
        style = styles[g]
        ax.barh(y, sub["mean"], height=height * 0.92, color=style.color, hatch=style.hatch or None,
                edgecolor=_darker(style.color), linewidth=0.4, label=short[g],
                xerr=_errors(sub), error_kw={"ecolor": "0.15", "elinewidth": 0.9, "capsize": 2 if k <= 8 else 0},
                **kwargs)
    ax.set_yticks(range(len(features)), names)
    ax.tick_params(axis="y", labelsize=_fit_fontsize(ax, len(features) * 1.5), length=0)
    ax.set_ylim(len(features) - 0.5, -0.5)
    ax.set_xlim(0, None)
    ax.set_xlabel(_with_interval("loaded terms per 1,000 words (outside quotations)", interval, "mean"))
    ax.set_ylabel("category")
    ax.grid(axis="x", color="0.92", linewidth=0.8)
    ax.set_axisbelow(True)
    for y in np.arange(len(features) - 1) + 0.5:
        ax.axhline(y, color="0.85", linewidth=0.6)
    handles, labels = ax.get_legend_handles_labels()
    _outside_legend(ax, handles, labels, fontsize=_fit_fontsize(ax, k + 2))
    return _finish(ax, title)


def top_phrases(
    phrase_counts: pd.DataFrame,
    *,
    by: str | Sequence[str] = "outlet",
    group: Hashable | None = None,
    n: int = 10,
    term: str | None = None,
    value: str = "count",
    palette: Mapping | Sequence | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """The most frequent phrases of each group as labelled horizontal bars, with their category.

    With ``group=None`` every group gets a block of ``n`` bars under its name, in one Axes (readable up
    to about four groups); with many groups draw one group per Axes (``group="Herald"``), e.g. on a grid
    from ``plt.subplots``. Colours stay the shared colours of all groups in the table.

    Parameters
    ----------
    phrase_counts : DataFrame
        One row per group and phrase: the ``by`` column(s), ``phrase`` (or ``entry``), ``count``, and
        optionally ``category``. Repeated group/phrase rows are added up.
    group : label, optional
        Draw this group only.
    n : int
        Phrases per group.
    term : str, optional
        The phrase column (default ``phrase``, else ``entry``).
    value : str
        The column to rank and draw (e.g. a rate column instead of ``count``).
    by, palette, title, ax
        See the module notes; ``**kwargs`` go to ``Axes.barh``.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> counts = pd.DataFrame({"outlet": ["A", "A", "B"], "phrase": ["crisis", "slammed", "crisis"],
    ...                        "category": ["fear", "saying", "fear"], "count": [5, 2, 3]})
    >>> ax = top_phrases(counts, group="A", ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['crisis', 'slammed']
    """
    ax = _axes(ax)
    if term is None:
        term = "phrase" if "phrase" in phrase_counts.columns else "entry"
    by_cols = _as_list(by)
    _require(phrase_counts, [*by_cols, term, value], chart="top_phrases", source="a table of phrase counts")
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"n must be a positive integer, got {n!r}")
    frame = phrase_counts.assign(group=_group_labels(phrase_counts, by_cols))
    styles = outlet_styles(frame["group"], palette=palette)
    has_category = "category" in frame.columns
    keys = ["group", term, "category"] if has_category else ["group", term]
    totals = frame.groupby(keys, sort=False, dropna=False)[value].sum().reset_index()
    if group is not None:
        if _label(group) not in styles:
            raise InputError(f"top_phrases: no group {group!r} in the table; groups: {', '.join(sorted(styles)[:10])}")
        groups = [_label(group)]
    else:
        groups = sorted(styles)

    short = _short_names(styles)
    labels, positions, headings, y = [], [], [], 0
    for g in groups:
        top = totals[totals["group"] == g].sort_values([value, term], ascending=[False, True], kind="stable").head(n)
        if group is None:
            labels.append(short[g])
            positions.append(y)
            headings.append(len(labels) - 1)
            y += 1
        ys = y + np.arange(len(top))
        style = styles[g]
        ax.barh(ys, top[value], height=0.75, color=style.color, hatch=style.hatch or None,
                edgecolor=_darker(style.color), linewidth=0.4, label=short[g], **kwargs)
        for yy, row in zip(ys, top.itertuples(index=False)):
            count = getattr(row, value)
            note = f"{count:,}" if float(count).is_integer() else f"{count:.2f}"
            if has_category and isinstance(row.category, str) and row.category:
                note += f"  {_words(row.category)}"
            ax.annotate(note, xy=(count, yy), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize="small", color="0.3")
        labels += [shorten(t, 32) for t in top[term].astype(str)]
        positions += list(ys)
        y += len(top) + (0.6 if group is None else 0)
    fontsize = _fit_fontsize(ax, max(len(labels), 1))
    ax.set_yticks(positions, labels, fontsize=fontsize)
    for i in headings:
        tick = ax.get_yticklabels()[i]
        tick.set_fontweight("bold")
    ax.set_ylim(max(y - 0.4, 0.6), -0.6)
    ax.tick_params(axis="y", length=0)
    largest = float(totals.loc[totals["group"].isin(groups), value].max() or 1.0)
    ax.set_xlim(0, largest * (1.3 if has_category else 1.12))  # room for the count and category after each bar
    ax.set_xlabel("occurrences (count)" if value == "count" else _words(value))
    ax.set_ylabel(short[groups[0]] if group is not None else "phrase")
    ax.grid(axis="x", color="0.92", linewidth=0.8)
    ax.set_axisbelow(True)
    return _finish(ax, title)
