"""One look across every chart: the outlet palette (Okabe-Ito, then Paul Tol's muted), markers, line styles and hatches per group, readable feature labels, colour helpers."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple

import matplotlib
import matplotlib.colors as mcolors
import numpy as np

from framing.errors import InputError

__all__ = ["OKABE_ITO", "TOL_MUTED", "COLORS", "MARKERS", "LINESTYLES", "HATCHES", "NEUTRAL_BAND", "LABEL_WIDTH", "TONE_UNIT", "SIGNIFICANCE", "MISSING_COLOR", "GroupStyle", "outlet_styles", "outlet_colors", "shorten", "figsize_for", "feature_label"]


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


class GroupStyle(NamedTuple):
    """How one group is drawn in every chart."""

    color: str
    marker: str
    linestyle: str | tuple
    hatch: str


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
