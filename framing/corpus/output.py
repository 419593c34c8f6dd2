"""Writing outputs safely: to a temporary file beside the target, then renamed into place.

An interrupted write leaves the previous file (or nothing), never a truncated one; an existing output
is only replaced when the caller says so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from framing.errors import FramingError

__all__ = ["atomic_path", "atomic_paths", "check_writable", "table_writer", "write_table"]


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
    with atomic_paths([path], force=force) as (tmp,):
        yield tmp


@contextmanager
def atomic_paths(paths: Sequence[str | Path], *, force: bool = False) -> Iterator[list[Path]]:
    """Yield temporary paths for outputs that belong together; once every one is written, each replaces
    its target in one rename. A failure while writing leaves every previous output as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_paths([folder / "a.txt", folder / "b.txt"]) as (a, b):
    ...     _ = a.write_text("first"), b.write_text("second")
    >>> sorted(path.name for path in folder.iterdir())
    ['a.txt', 'b.txt']
    """
    targets = [check_writable(path, force=force) for path in paths]
    temps: list[Path] = []
    try:
        for target in targets:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(handle)
            temps.append(Path(name))
        yield temps
        for tmp, target in zip(temps, targets):
            os.chmod(tmp, _FILE_MODE)  # mkstemp makes private files; outputs get the user's usual mode
            os.replace(tmp, target)
    finally:
        for tmp in temps:
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
    writer = table_writer(path)
    with atomic_path(path, force=force) as tmp:
        writer(frame, tmp, index)
    return path


def table_writer(path: Path) -> Callable:
    """``writer(frame, file, index)`` for the format of ``path`` (its suffix: .csv, .tsv or .parquet)."""
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise FramingError(f"{path}: unknown output format; use .parquet, .csv or .tsv")
    return writer
