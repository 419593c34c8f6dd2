"""Frame profiles: a heatmap of groups by frames (generic or policy)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import matplotlib.colors as mcolors
import pandas as pd
from matplotlib.axes import Axes

from framing.errors import InputError
from framing.plots.style import _words, shorten
from framing.plots.utils import (
    _as_list,
    _axes,
    _by_name,
    _checked_order,
    _feature_rows,
    _finish,
    _heatmap,
    _require,
)
from framing.schema import COMPARE_COLUMNS

__all__ = ["frame_profile"]


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


def _relative(scale: str, name: str) -> bool:
    if scale not in (name, "absolute"):
        raise InputError(f"scale must be {name!r} or 'absolute', got {scale!r}")
    return scale == name


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
