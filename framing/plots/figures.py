"""Figures around the charts: panel grids, a placeholder for an empty panel, atomic saving as PNG, SVG and PDF."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from framing.corpus.output import atomic_path, check_writable
from framing.errors import InputError
from framing.plots.utils import _axes

__all__ = ["empty_panel", "panels", "single", "save"]


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
