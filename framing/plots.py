"""Charts for reports: each draws one tidy output of the toolkit on a matplotlib Axes and returns it.

Every chart has the form ``chart(data, *, by="outlet", ..., palette=None, title=None, ax=None, **kwargs)``:
it draws on ``ax`` (default: the current Axes, ``plt.gca()``), computes nothing heavy, never shows or saves,
and leaves matplotlib's global settings alone. ``**kwargs`` go to the chart's main drawing call.

One colour per outlet across every chart: :func:`outlet_styles` gives each group (sorted by name) a colour
from the Okabe-Ito palette (colour-blind safe), then Paul Tol's muted palette beyond 8 groups, plus a
marker, line style and hatch so that groups stay apart in grayscale print. Pass the same
``palette=outlet_colors(all_outlets)`` to every chart when the tables hold different subsets of outlets.

- :func:`tone_by_outlet` (``compare``): mean and interval per group, optionally every document;
- :func:`sentence_tone_distribution` (``sentence_tones`` rows): histograms of sentence compounds;
- :func:`tone_over_time` (``over_time``): lines with interval bands, documents per period below;
- :func:`frame_profile` (``compare``): heatmap group x frame, annotated;
- :func:`loaded_by_category` (``compare``): grouped bars with intervals per loaded-language category;
- :func:`top_phrases` (phrase counts): the most frequent loaded phrases per group;
- :func:`actor_tone` (``compare``): dot plot actor x group with intervals;
- :func:`distinctive_terms` (``distinctive_terms``): z-score against frequency, top terms labelled;
- :func:`effect_size_matrix` (``pairwise``): group x group effect sizes with significance marks.

:func:`save` writes a figure as PNG, SVG and PDF atomically; :func:`figsize_for` suggests a figure size
for a chart with many rows; :func:`empty_panel` fills a panel that has nothing to show.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import matplotlib
import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from framing.corpus.output import atomic_path, check_writable
from framing.errors import InputError

__all__ = [
    "GroupStyle", "actor_tone", "distinctive_terms", "effect_size_matrix", "empty_panel", "feature_label",
    "figsize_for",
    "frame_profile", "loaded_by_category", "outlet_colors", "outlet_styles", "save", "sentence_tone_distribution",
    "shorten", "tone_by_outlet", "tone_over_time", "top_phrases",
]

#: Okabe & Ito (2008), ordered so that the first few colours differ most and yellow comes late.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
#: Paul Tol's "muted" scheme, colour-blind safe, used after the Okabe-Ito colours.
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
COLORS = OKABE_ITO + TOL_MUTED
# Cycle lengths 17 (colours), 7 (markers), 5 (line styles) are coprime: up to 595 groups get a distinct
# combination, and neighbours in the sorted order always differ in colour, marker and line style.
MARKERS = ("o", "s", "D", "^", "v", "P", "X")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "+++")

NEUTRAL_BAND = 0.05  # VADER: compound >= 0.05 positive, <= -0.05 negative (Hutto & Gilbert 2014)
LABEL_WIDTH = 28  # longer group names are shortened with an ellipsis
TONE_UNIT = "VADER compound, −1..1"
SIGNIFICANCE = ((0.001, "***"), (0.01, "**"), (0.05, "*"))
MISSING_COLOR = "0.92"
COMPARE_COLUMNS = ("feature", "n", "mean", "ci_low", "ci_high")


class GroupStyle(NamedTuple):
    """How one group is drawn in every chart."""

    color: str
    marker: str
    linestyle: str | tuple
    hatch: str


# ------------------------------------------------------------------------------------------------ styles


def outlet_styles(groups: Iterable[Hashable], *, palette: Mapping | Sequence | None = None) -> dict[str, GroupStyle]:
    """A stable style (colour, marker, line style, hatch) for each group, keyed by its label.

    Groups are labelled as the charts label them (``str``; tuples from several ``by`` columns joined with
    " · "), de-duplicated and sorted; the i-th group gets the i-th colour, marker, line style and hatch of
    cycles of coprime length, so the same set of groups always gets the same styles.

    Parameters
    ----------
    groups : iterable
        Group labels (repeats are fine: a column of a table can be passed as is).
    palette : mapping or sequence of colours, optional
        Your own colours: a mapping from group to colour (it must cover every group), or a sequence of
        colours given to the sorted groups in turn. Markers, line styles and hatches are kept.

    Examples
    --------
    >>> styles = outlet_styles(["Ledger", "Clarion", "Ledger"])
    >>> list(styles), styles["Clarion"].color, styles["Ledger"].marker
    (['Clarion', 'Ledger'], '#0072B2', 's')
    """
    labels = sorted({_label(g) for g in groups})
    if palette is None:
        colors = [COLORS[i % len(COLORS)] for i in range(len(labels))]
    elif isinstance(palette, Mapping):
        given = {_label(k): v for k, v in palette.items()}
        missing = [g for g in labels if g not in given]
        if missing:
            raise InputError(f"palette has no colour for {', '.join(map(repr, missing[:5]))}"
                             f"{' ...' if len(missing) > 5 else ''}; give a colour for every group")
        colors = [given[g] for g in labels]
    else:
        palette = list(palette)
        if not palette:
            raise InputError("palette is empty; give a mapping from group to colour or a list of colours")
        colors = [palette[i % len(palette)] for i in range(len(labels))]
    for color in colors:
        if not mcolors.is_color_like(color):
            raise InputError(f"palette: {color!r} is not a matplotlib colour (e.g. '#0072B2', 'tab:blue')")
    return {
        label: GroupStyle(color, MARKERS[i % len(MARKERS)], LINESTYLES[i % len(LINESTYLES)], HATCHES[i % len(HATCHES)])
        for i, (label, color) in enumerate(zip(labels, colors))
    }


def outlet_colors(groups: Iterable[Hashable], *, palette: Mapping | Sequence | None = None) -> dict[str, str]:
    """The colour of each group, as every chart draws it (see :func:`outlet_styles`).

    Examples
    --------
    >>> outlet_colors(["Meridian", "Clarion", "Ledger", "Herald"])
    {'Clarion': '#0072B2', 'Herald': '#E69F00', 'Ledger': '#009E73', 'Meridian': '#D55E00'}
    """
    return {label: style.color for label, style in outlet_styles(groups, palette=palette).items()}


def shorten(label: object, width: int = LABEL_WIDTH) -> str:
    """A label cut to ``width`` characters with an ellipsis, so long outlet names fit beside an axis.

    Examples
    --------
    >>> shorten("The Daily Chronicle of Northern Provinces and Territories")
    'The Daily Chronicle of Nort…'
    >>> shorten("Herald")
    'Herald'
    """
    text = _label(label)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _short_names(groups: Iterable[str], width: int = LABEL_WIDTH) -> dict[str, str]:
    """Labels of at most ``width`` characters that still tell the groups apart.

    Names are cut at the end; when that makes two of them equal ("... Outlet 07", "... Outlet 08"), all
    are cut in the middle instead, keeping the start and the end of each name.
    """
    groups = list(dict.fromkeys(groups))
    short = {g: shorten(g, width) for g in groups}
    if len(set(short.values())) == len(groups):
        return short
    head = (width - 1) // 2
    tail = width - 1 - head
    return {g: g if len(g) <= width else f"{g[:head].rstrip()}…{g[-tail:].lstrip()}" for g in groups}


def figsize_for(n_rows: int, *, width: float = 6.4, row_height: float = 0.28,
                min_height: float = 3.0) -> tuple[float, float]:
    """A figure size (inches) giving each row of a chart (outlet, category, actor) enough height.

    Examples
    --------
    >>> figsize_for(4), figsize_for(30)
    ((6.4, 3.0), (6.4, 9.4))
    """
    return (width, round(max(min_height, 1.0 + row_height * n_rows), 2))


# ------------------------------------------------------------------------------------------------ labels


_FIXED_LABELS = {
    "tone_mean": f"mean sentence tone ({TONE_UNIT})",
    "tone_sd": "sd of sentence tone (VADER compound)",
    "tone_pos_share": "share of positive sentences (0..1)",
    "tone_neg_share": "share of negative sentences (0..1)",
    "tone_neutral_share": "share of neutral sentences (0..1)",
    "tone_min": f"most negative sentence ({TONE_UNIT})",
    "tone_max": f"most positive sentence ({TONE_UNIT})",
    "tone_headline": f"headline tone ({TONE_UNIT})",
    "tone_lead": f"lead tone ({TONE_UNIT})",
    "tone_doc_vader": f"whole-text tone ({TONE_UNIT})",
    "n_words": "words per document",
    "n_sentences": "sentences per document",
    "loaded_total_per1k": "loaded language per 1,000 words",
    "loaded_quoted_per1k": "loaded language inside quotations per 1,000 words",
    "src_quote_share": "share of words inside direct quotations (0..1)",
    "src_quotes": "direct quotations per document",
    "src_attributions": "attributed sentences per document",
    "src_anonymous": "sentences attributed to anonymous sources per document",
}
_PATTERN_LABELS = (
    (re.compile(r"actor_(.+)_tone"), "tone of sentences mentioning {0} (" + TONE_UNIT + ")"),
    (re.compile(r"actor_(.+)_mentions"), "mentions of {0} per document"),
    (re.compile(r"actor_(.+)_in_lead"), "share of documents naming {0} in the lead (0..1)"),
    (re.compile(r"frame_policy_(.+)"), "{0} policy-frame cues per 1,000 words"),
    (re.compile(r"frame_(.+)"), "{0} frame cues per 1,000 words"),
    (re.compile(r"loaded_(.+)_per1k"), "{0} language per 1,000 words (outside quotations)"),
    (re.compile(r"loaded_(.+)"), "{0} loaded terms per document (outside quotations)"),
    (re.compile(r"src_(.+)_per1k"), "{0} per 1,000 words"),
    (re.compile(r"(.+)_per1k"), "{0} per 1,000 words"),
)


def feature_label(feature: str) -> str:
    """An axis label with units for a feature column of ``framing.analyze``.

    Examples
    --------
    >>> feature_label("tone_mean")
    'mean sentence tone (VADER compound, −1..1)'
    >>> feature_label("frame_human_interest")
    'human interest frame cues per 1,000 words'
    >>> feature_label("hedge_per1k")
    'hedge per 1,000 words'
    """
    if feature in _FIXED_LABELS:
        return _FIXED_LABELS[feature]
    for pattern, template in _PATTERN_LABELS:
        match = pattern.fullmatch(feature)
        if match:
            return template.format(_words(match.group(1)))
    return _words(feature)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _label(value: object) -> str:
    return " · ".join(map(str, value)) if isinstance(value, tuple) else str(value)


# --------------------------------------------------------------------------------------------- the charts


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
        One row per sentence with a ``compound`` column (e.g. :func:`framing.sentence_tones` of many
        documents, concatenated with their outlet). Without a ``by`` column, one distribution is drawn.
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


def frame_profile(
    compare_table: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    by: str | Sequence[str] = "outlet",
    scale: str = "frame",
    order: Sequence | None = None,
    cmap: str | mcolors.Colormap = "cividis",
    annotate: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Heatmap of group x frame: each cell the mean frame score (cues per 1,000 words), written in it.

    Parameters
    ----------
    compare_table : DataFrame
        Output of :func:`framing.compare` with ``frame_*`` features.
    frames : list of str, optional
        Frames to show, as names (``"conflict"``, ``"policy_economic"``) or columns (``"frame_conflict"``).
        Default: the generic frames in the table (the policy frames when it has no generic ones).
    by : str or list of str
        Grouping column(s).
    scale : {"frame", "absolute"}
        ``"frame"``: shading relative within each frame (darkest: the group lowest on that frame), so
        rare and common frames are both readable; ``"absolute"``: one scale from 0 for all cells.
    order : list, optional
        Groups from top to bottom (default: sorted).
    cmap : str
        A sequential colour map whose lightness rises monotonically (readable in grayscale).
    annotate : bool
        Write each cell's value.
    title, ax
        See the module notes; ``**kwargs`` go to ``Axes.pcolormesh``.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "feature": ["frame_conflict", "frame_economic"] * 2,
    ...     "n": 10, "mean": [4.0, 1.0, 2.0, 3.0], "ci_low": 0.0, "ci_high": 5.0})
    >>> ax = frame_profile(table, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.texts]
    ['4.0', '1.0', '2.0', '3.0']
    """
    ax = _axes(ax)
    _require(compare_table, [*_as_list(by), *COMPARE_COLUMNS], chart="frame_profile", source="framing.compare")
    features = _frame_features(compare_table, frames)
    rows = _feature_rows(compare_table, features, by, chart="frame_profile")
    matrix = rows.pivot_table(index="group", columns="feature", values="mean", aggfunc="first", dropna=False)
    order = _checked_order(order, matrix.index)
    matrix = matrix.reindex(index=order, columns=features)
    _heatmap(ax, matrix.to_numpy(dtype=float), rows=order, columns=[_frame_name(f) for f in features],
             relative=_relative(scale, "frame"), cmap=cmap, annotate=annotate, **kwargs)
    shading = "relative within each frame" if scale == "frame" else "one scale from 0"
    ax.set_xlabel(f"frame (cues per 1,000 words)\nshading: {shading}")
    ax.set_ylabel(_by_name(by))
    return _finish(ax, title)


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


def empty_panel(message: str = "no data", *, ax: Axes | None = None) -> Axes:
    """An Axes that says why it has no chart (a group without phrases in a grid of panels, say).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = empty_panel("Herald: no loaded phrases", ax=Figure().subplots())
    >>> [t.get_text() for t in ax.texts], ax.axison
    (['Herald: no loaded phrases'], False)
    """
    ax = _axes(ax)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="0.4", wrap=True)
    return ax


def panels(n: int, *, columns: int = 4, panel_size: tuple[float, float] = (3.6, 3.2)):
    """A new Figure (not registered with pyplot) holding a grid of ``n`` Axes; unused cells are hidden.

    Returns the Figure and the list of ``n`` Axes, for small multiples (one group per panel).

    Examples
    --------
    >>> figure, axes = panels(5, columns=2)
    >>> len(axes), len(figure.axes), sum(ax.axison for ax in figure.axes)
    (5, 6, 5)
    """
    from matplotlib.figure import Figure

    columns = max(1, min(columns, n))
    rows = -(-n // columns)
    figure = Figure(figsize=(panel_size[0] * columns, panel_size[1] * rows), layout="constrained")
    axes = list(np.atleast_1d(figure.subplots(rows, columns)).ravel())
    for ax in axes[n:]:
        ax.set_axis_off()
    return figure, axes[:n]


def single(size: tuple[float, float] = (7.0, 4.2)):
    """A new Figure (not registered with pyplot, so nothing accumulates in a long session) and its Axes.

    Examples
    --------
    >>> figure, ax = single((4, 3))
    >>> [float(x) for x in figure.get_size_inches()], ax.figure is figure
    ([4.0, 3.0], True)
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    return figure, figure.subplots()


# ------------------------------------------------------------------------------------------------- saving


def save(fig, path: str | Path, *, formats: Sequence[str] = ("png", "svg", "pdf"), dpi: int = 200,
         force: bool = True) -> list[Path]:
    """Write a figure to one file per format, each atomically (never a half-written file).

    Parameters
    ----------
    fig : Figure (or an Axes, whose figure is saved)
    path : str or Path
        Without a suffix, one file per entry of ``formats`` (``tone.png``, ``tone.svg`` ...); with a format
        suffix (``tone.svg``), that format only.
    formats : sequence of str
        Formats for a path without suffix.
    dpi : int
        Resolution of raster formats.
    force : bool
        Replace existing files; with ``False`` an existing target raises ``FramingError`` and nothing is
        written.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.subplots().plot([0, 1], [0, 1])
    >>> paths = save(fig, pathlib.Path(tempfile.mkdtemp()) / "line")
    >>> [p.name for p in paths]
    ['line.png', 'line.svg', 'line.pdf']
    """

    fig = fig.get_figure() if isinstance(fig, Axes) else fig
    path = Path(path)
    supported = fig.canvas.get_supported_filetypes()
    suffix = path.suffix.lower().lstrip(".")
    if suffix in supported:
        targets = [(path, suffix)]
    else:
        unknown = [f for f in formats if f.lower() not in supported]
        if unknown or not formats:
            raise InputError(f"save: unknown format(s) {unknown or formats}; choose from {sorted(supported)}")
        targets = [(path.with_name(path.name + "." + f.lower()), f.lower()) for f in formats]
    for target, _fmt in targets:  # refuse before writing anything, so no set is left half replaced
        check_writable(target, force=force)
    for target, fmt in targets:
        # A fixed salt for the SVG element ids, which are otherwise random (rc_context restores the setting).
        with atomic_path(target, force=force) as tmp, plt.rc_context({"svg.hashsalt": "framing"}):
            fig.savefig(tmp, format=fmt, dpi=dpi, bbox_inches="tight", metadata=_reproducible_metadata(fmt))
    return [target for target, _fmt in targets]


def _reproducible_metadata(fmt: str) -> dict | None:
    # Without a date stamp the same figure gives the same bytes, so outputs can be diffed and cached.
    return {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "ps": {"CreationDate": None}}.get(fmt)


# ------------------------------------------------------------------------------------------------ helpers


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


def _darker(color, factor: float = 0.6) -> tuple:
    r, g, b = mcolors.to_rgb(color)
    return (r * factor, g * factor, b * factor)


def _colormap(cmap) -> mcolors.Colormap:
    if isinstance(cmap, mcolors.Colormap):
        return cmap
    try:
        return matplotlib.colormaps[cmap]
    except KeyError:
        raise InputError(f"unknown colour map {cmap!r}; e.g. 'cividis', 'viridis', 'PuOr'") from None


def _luminance(color) -> float:
    r, g, b = mcolors.to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _text_color(color) -> tuple:
    """``color`` darkened until text in it reads on white (light colours such as yellow or sky blue)."""
    luminance = _luminance(color)
    return _darker(color, min(1.0, 0.3 / luminance)) if luminance > 0 else mcolors.to_rgb(color)


def _ink_on(background) -> str:
    """Black or white text, whichever reads better on ``background`` (relative luminance)."""
    return "black" if _luminance(background) > 0.45 else "white"


def _stars(p: float) -> str:
    if not np.isfinite(p):
        return ""
    return next((mark for level, mark in SIGNIFICANCE if p < level), "")


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


def _relative(scale: str, name: str) -> bool:
    if scale not in (name, "absolute"):
        raise InputError(f"scale must be {name!r} or 'absolute', got {scale!r}")
    return scale == name


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


def _frame_features(table: pd.DataFrame, frames) -> list[str]:
    if frames is not None:
        return [f if f.startswith("frame_") else f"frame_{f}" for f in frames]
    present = [str(f) for f in pd.unique(table["feature"]) if str(f).startswith("frame_") and f != "frame_primary"]
    generic = [f for f in present if not f.startswith("frame_policy_")]
    chosen = generic or present
    if not chosen:
        raise InputError("frame_profile: the table has no frame_* features; run framing.compare on the output "
                         "of framing.analyze")
    return chosen


def _frame_name(feature: str) -> str:
    return shorten(_words(re.sub(r"^frame_(policy_)?", "", feature)), 22)


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
