"""The ledger of one load's skipped inputs: every bad file or row, with its path, line and reason.

In ``errors="raise"`` mode the first problem raises :class:`framing.errors.CorpusError`; in ``"skip"`` mode
it is recorded, handed out with the chunk that follows it (``attrs["skipped"]``), listed in the end-of-load
warning, and written by the CLI to ``<output>.skipped.csv``.
"""

from __future__ import annotations

from typing import Any

from framing.corpus.readers import Where
from framing.errors import CorpusError, InputError

__all__ = ["Ledger"]


class Ledger:
    """The skipped items of one load, in the order they were met.

    Examples
    --------
    >>> ledger = Ledger(errors="skip")
    >>> ledger.problem_at(Where("corpus.csv", 4), "unclosed quote")
    >>> ledger.take(), ledger.take()
    ([{'path': 'corpus.csv', 'line': 4, 'reason': 'unclosed quote'}], [])
    >>> print(ledger.summary(examples=3))
    skipped 1 bad file or row (listed in .attrs['skipped']): corpus.csv:4: unclosed quote
    """

    def __init__(self, *, errors: str):
        if errors not in ("raise", "skip"):
            raise InputError(f"errors must be 'raise' or 'skip'; got {errors!r}")
        self.errors = errors
        self.items: list[dict[str, Any]] = []
        self._handed_out = 0

    def problem(self, path: str | None, line: int | None, reason: str) -> None:
        """Raise (``errors="raise"``) or record one bad input."""
        if self.errors == "raise":
            raise CorpusError(reason, path=path, line=line)
        self.items.append({"path": path, "line": line, "reason": reason})

    def problem_at(self, where: Where, reason: str) -> None:
        """:meth:`problem` at a place (a row number goes into the reason when there is no line)."""
        item = where.problem(reason)
        self.problem(item.path, item.line, item.reason)

    def has_unreported(self) -> bool:
        """Whether items were recorded since the last :meth:`take`."""
        return self._handed_out < len(self.items)

    def take(self) -> list[dict[str, Any]]:
        """The items recorded since the last call (each item is handed out once)."""
        fresh = self.items[self._handed_out:]
        self._handed_out = len(self.items)
        return fresh

    def summary(self, *, examples: int) -> str | None:
        """One warning line naming the first ``examples`` items, or None when nothing was skipped."""
        if not self.items:
            return None
        shown = [f"{Where(item['path'], item['line'])}: {item['reason']}" if item["path"] else item["reason"]
                 for item in self.items[:examples]]
        if len(self.items) > examples:
            shown.append(f"and {len(self.items) - examples} more")
        count = len(self.items)
        noun = "bad file or row" if count == 1 else "bad files or rows"
        return f"skipped {count} {noun} (listed in .attrs['skipped']): {'; '.join(shown)}"
