"""Exceptions raised at the toolkit's boundaries.

Every error a user can trigger with bad input is a :class:`FramingError`; the CLI prints its message on one
line and exits with code 2. Messages name the file (and line) and say what to do.
"""

from __future__ import annotations

from pathlib import Path


class FramingError(Exception):
    """Base class for errors caused by the user's input (files, options, data)."""


class InputError(FramingError, ValueError):
    """Bad input data; carries the file and line it came from when known.

    Examples
    --------
    >>> str(InputError("malformed JSON", path="a.jsonl", line=3))
    'a.jsonl:3: malformed JSON'
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.path = None if path is None else str(path)
        self.line = line
        self.reason = message
        where = ""
        if self.path is not None:
            where = self.path if line is None else f"{self.path}:{line}"
            where += ": "
        super().__init__(where + message)


class CorpusError(InputError):
    """A corpus file or frame that cannot be read as documents."""


class LexiconError(InputError):
    """A lexicon (or valence override, or actors) file that does not validate."""
