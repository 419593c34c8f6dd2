"""Writing outputs safely: to a temporary file beside the target, then renamed into place.

An interrupted write leaves the previous file (or nothing), never a truncated one; an existing output
is only replaced when the caller says so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from framing.errors import FramingError

__all__ = ["atomic_path", "check_writable", "write_table"]


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def check_writable(path: str | Path, *, force: bool = False) -> Path:
    """Refuse to replace an existing output unless ``force``; create the parent folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_writable(folder / "out.csv") == folder / "out.csv"
    True
    """
    path = Path(path)
    if path.exists() and not force:
        raise FramingError(f"{path}: already exists; choose another output or pass --force to overwrite it")
    if path.is_dir():
        raise FramingError(f"{path}: is a folder; give a file name for the output")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def atomic_path(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``path`` in one rename.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = check_writable(path, force=force)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes private files; outputs get the user's usual mode
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


_WRITERS: dict[str, Callable] = {
    ".csv": lambda frame, tmp, index: frame.to_csv(tmp, index=index),
    ".tsv": lambda frame, tmp, index: frame.to_csv(tmp, sep="\t", index=index),
    ".parquet": lambda frame, tmp, index: frame.to_parquet(tmp, index=index),
}


def write_table(frame, path: str | Path, *, force: bool = False, index: bool = True) -> Path:
    """Write a DataFrame to ``.csv``, ``.tsv`` or ``.parquet`` atomically (``index=False`` drops the index).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> out = write_table(pd.DataFrame({"a": [1]}), pathlib.Path(tempfile.mkdtemp()) / "t.csv")
    >>> out.read_text().splitlines()
    [',a', '0,1']
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise FramingError(f"{path}: unknown output format; use .parquet, .csv or .tsv")
    with atomic_path(path, force=force) as tmp:
        writer(frame, tmp, index)
    return path
