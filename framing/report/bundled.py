"""Files the package reads at run time that live outside ``framing/`` in the source tree.

The demo corpus (``corpora/demo``), the notebooks (``notebooks/``) and the validity page
(``docs/validity.md``) are kept at the top of the repository, where users look for them. A wheel ships
them as package data under ``framing/_bundled/`` (see ``[tool.setuptools.package-dir]`` in
``pyproject.toml``); a source checkout or an editable install reads them where they are.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_path"]

_PACKAGE = Path(__file__).resolve().parents[1]
_SOURCE_TREE = _PACKAGE.parent
#: Source-tree folder -> its name under ``framing/_bundled`` in an installed wheel.
_BUNDLED_FOLDERS = {"corpora/demo": "demo", "notebooks": "notebooks", "docs": "docs"}


def bundled_path(relative: str) -> Path:
    """The path of a shipped file or folder, named as in the source tree.

    Parameters
    ----------
    relative : str
        A path under one of ``corpora/demo``, ``notebooks`` or ``docs``.

    Returns
    -------
    Path
        The installed copy when the package was installed from a wheel, else the source tree's file.
        It may not exist (for example ``docs/validity.md`` removed from a checkout): callers check.

    Examples
    --------
    >>> bundled_path("corpora/demo").joinpath("actors.yml").is_file()
    True
    """
    for folder, name in _BUNDLED_FOLDERS.items():
        if relative == folder or relative.startswith(folder + "/"):
            installed = _PACKAGE / "_bundled" / name / relative[len(folder):].lstrip("/")
            if installed.exists():
                return installed
            return _SOURCE_TREE / relative
    raise ValueError(f"{relative!r} is not shipped with the package; shipped: {', '.join(_BUNDLED_FOLDERS)}")
