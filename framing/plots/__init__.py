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

One module per chart family (``tone``, ``timeline``, ``frames``, ``loaded``, ``actors``, ``terms``,
``effects``), the look in ``style``, figure helpers in ``figures``; the charts are imported here.

:func:`save` writes a figure as PNG, SVG and PDF atomically; :func:`figsize_for` suggests a figure size
for a chart with many rows; :func:`empty_panel` fills a panel that has nothing to show.
"""

from __future__ import annotations

from framing.plots.actors import actor_tone
from framing.plots.effects import effect_size_matrix
from framing.plots.figures import empty_panel, panels, save, single
from framing.plots.frames import frame_profile
from framing.plots.loaded import loaded_by_category, top_phrases
from framing.plots.style import GroupStyle, feature_label, figsize_for, outlet_colors, outlet_styles, shorten
from framing.plots.terms import distinctive_terms
from framing.plots.timeline import tone_over_time
from framing.plots.tone import sentence_tone_distribution, tone_by_outlet

__all__ = [
    "GroupStyle",
    "actor_tone",
    "distinctive_terms",
    "effect_size_matrix",
    "empty_panel",
    "feature_label",
    "figsize_for",
    "frame_profile",
    "loaded_by_category",
    "outlet_colors",
    "outlet_styles",
    "panels",
    "save",
    "sentence_tone_distribution",
    "shorten",
    "single",
    "tone_by_outlet",
    "tone_over_time",
    "top_phrases",
]
