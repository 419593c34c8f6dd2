"""Lexicon files: load and validate.

A lexicon is a YAML file (format in ``docs/lexicons.md``) or a CSV file of ``phrase,category`` rows.
:mod:`framing.text.matcher` finds the phrases of several lexicons in a document in one pass.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from framing.errors import LexiconError

__all__ = [
    "Entry", "Lexicon", "check_lexicon", "load_lexicon", "shipped_lexicons",
]

#: libyaml's safe loader when PyYAML has it (reading the shipped lexicons takes 0.03 s instead of 0.4 s).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP_KEYS = {"name", "version", "description", "sources", "categories"}
_CATEGORY_KEYS = {"description", "examples", "entries", "exclude", "case_sensitive"}
_WORD_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*(\*)?")
_SLUG_RE = re.compile(r"[a-z][a-z0-9_]*")
_MIN_WILDCARD_STEM = 3


class Entry(NamedTuple):
    """One phrase of a lexicon; ``words`` end in ``*`` where they are suffix wildcards.

    ``separators`` is what stands between the words when it is not one space: an actor alias written
    with full stops ("Mr. Trump": ``(". ",)``) matches only with those characters between its words.
    Lexicon-file entries leave it None (one space or line break between words).
    """

    phrase: str
    category: str
    words: tuple[str, ...]
    case_sensitive: bool
    exclude: bool
    line: int | None
    separators: tuple[str, ...] | None = None


@dataclass
class Lexicon:
    """A loaded, validated lexicon.

    Examples
    --------
    >>> lexicon = load_lexicon("loaded")
    >>> lexicon.name, len(lexicon) > 1000
    ('loaded', True)
    """

    name: str
    version: str
    description: str
    sources: list[str]
    categories: dict[str, dict]
    entries: list[Entry]
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(not entry.exclude for entry in self.entries)

    def category_sizes(self) -> dict[str, int]:
        """Number of (non-exclude) entries per category."""
        sizes = dict.fromkeys(self.categories, 0)
        for entry in self.entries:
            if not entry.exclude:
                sizes[entry.category] += 1
        return sizes


# ---------------------------------------------------------------------------------------------------
# Loading and validation


def shipped_lexicons() -> dict[str, Path]:
    """The lexicons that ship with the toolkit, by name.

    Examples
    --------
    >>> sorted(shipped_lexicons())[:2]
    ['frames', 'loaded']
    """
    folder = resources.files("framing").joinpath("lexicons")
    return {Path(item.name).stem: Path(str(item)) for item in folder.iterdir() if item.name.endswith(".yml")}


def load_lexicon(name_or_path: str | Path | Lexicon) -> Lexicon:
    """Load a shipped lexicon by name, or a user's YAML or CSV lexicon file.

    Parameters
    ----------
    name_or_path : str, Path or Lexicon
        ``"loaded"``, ``"frames"``, ``"policy_frames"``, ``"sourcing"``, or a path to a ``.yml``/``.yaml``
        or ``.csv`` (``phrase,category``) file. A Lexicon is returned as it is.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        With ``file:line`` for malformed files, unknown keys, bad entries or wildcards, duplicates.

    Examples
    --------
    >>> load_lexicon("sourcing").category_sizes()["attribution"] > 10
    True
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    return _load_cached(str(name_or_path))


@lru_cache(maxsize=32)
def _load_cached(name_or_path: str) -> Lexicon:
    shipped = shipped_lexicons()
    if name_or_path in shipped:
        path = shipped[name_or_path]
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise LexiconError(
                f"no such lexicon: {name_or_path!r}; shipped lexicons are {', '.join(sorted(shipped))}, "
                "or give the path of a .yml or .csv lexicon file"
            )
    lexicon, problems = _read(path)
    errors = [problem for problem in problems if not problem.startswith("warning:")]
    if errors:
        raise LexiconError(errors[0] + (f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""))
    lexicon.warnings = [problem.removeprefix("warning: ") for problem in problems]
    return lexicon


def check_lexicon(path: str | Path) -> list[str]:
    """Validate a lexicon file and return every problem as ``file:line: message`` (empty when valid).

    Besides what :func:`load_lexicon` rejects, this reports entries shadowed by a wildcard entry.

    Examples
    --------
    >>> check_lexicon(shipped_lexicons()["loaded"])
    []
    """
    path = Path(path)
    if not path.is_file():
        return [f"{path}: no such file"]
    try:
        _lexicon, problems = _read(path)
    except LexiconError as error:
        return [str(error)]
    return [problem.removeprefix("warning: ") for problem in problems]


def _read(path: Path) -> tuple[Lexicon, list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconError(f"not UTF-8 text ({error.reason}); save the lexicon as UTF-8", path=path) from None
    if path.suffix.lower() == ".csv":
        return _read_csv(text, path)
    if path.suffix.lower() not in {".yml", ".yaml"}:
        raise LexiconError("unknown lexicon format; use a .yml/.yaml or .csv (phrase,category) file", path=path)
    return _read_yaml(text, path)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _compose_and_load(text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """The node tree and the plain data from one parse (what ``yaml.load`` does, keeping the nodes)."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        # The safe constructors refuse tags such as !!python/object anywhere in the file (never run them).
        plain = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, plain or {}


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the plain data of a YAML text."""
    try:
        return _compose_and_load(text, SAFE_LOADER)
    except yaml.YAMLError:
        if SAFE_LOADER is yaml.SafeLoader:
            raise
        # libyaml's messages are terser: describe the error with PyYAML's own parser.
        return _compose_and_load(text, yaml.SafeLoader)


def _read_yaml(text: str, path: Path) -> tuple[Lexicon, list[str]]:
    try:
        root, plain = _parse_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise LexiconError(f"not valid YAML: {reason}", path=path, line=mark.line + 1 if mark else None) from None
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError("a lexicon must be a mapping with name, version and categories", path=path, line=1)
    problems: list[str] = []
    top = {key.value: value for key, value in root.value}
    for key, value in root.value:
        if key.value not in _TOP_KEYS:
            problems.append(f"{path}:{_line(key)}: unknown key {key.value!r}; allowed: {', '.join(sorted(_TOP_KEYS))}")
    for required in ("name", "version", "categories"):
        if required not in top:
            problems.append(f"{path}:1: missing required key {required!r}")
    categories_node = top.get("categories")
    if categories_node is not None and not isinstance(categories_node, yaml.MappingNode):
        raise LexiconError("'categories' must map category names to their entries", path=path,
                           line=_line(categories_node))
    entries: list[Entry] = []
    categories: dict[str, dict] = {}
    for key_node, body in (categories_node.value if categories_node is not None else []):
        category = key_node.value
        if not _SLUG_RE.fullmatch(str(category)):
            problems.append(f"{path}:{_line(key_node)}: category name {category!r} must be lower-case snake_case")
        if not isinstance(body, yaml.MappingNode):
            problems.append(f"{path}:{_line(body)}: category {category!r} must be a mapping with 'entries'")
            continue
        fields = {k.value: v for k, v in body.value}
        for k, _v in body.value:
            if k.value not in _CATEGORY_KEYS:
                problems.append(f"{path}:{_line(k)}: unknown key {k.value!r} in category {category!r}; "
                                f"allowed: {', '.join(sorted(_CATEGORY_KEYS))}")
        if "entries" not in fields:
            problems.append(f"{path}:{_line(key_node)}: category {category!r} has no 'entries'")
        categories[category] = {k: v for k, v in (plain.get("categories") or {}).get(category, {}).items()
                                if k in {"description", "examples"}}
        for list_key, case_sensitive, exclude in (("entries", False, False), ("case_sensitive", True, False),
                                                 ("exclude", False, True)):
            node = fields.get(list_key)
            if node is None:
                continue
            if not isinstance(node, yaml.SequenceNode):
                problems.append(f"{path}:{_line(node)}: '{list_key}' of {category!r} must be a list of phrases")
                continue
            for item in node.value:
                entry = _parse_entry(item.value if isinstance(item, yaml.ScalarNode) else None, category,
                                     case_sensitive=case_sensitive, exclude=exclude, path=path, line=_line(item),
                                     problems=problems)
                if entry is not None:
                    entries.append(entry)
    problems += _duplicate_and_shadow_problems(entries, path)
    lexicon = Lexicon(
        name=str(plain.get("name", path.stem)), version=str(plain.get("version", "")),
        description=str(plain.get("description") or "").strip(), sources=list(plain.get("sources") or []),
        categories=categories, entries=entries, path=path,
    )
    return lexicon, problems


def _read_csv(text: str, path: Path) -> tuple[Lexicon, list[str]]:
    problems: list[str] = []
    entries: list[Entry] = []
    categories: dict[str, dict] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if len(row) != 2:
            problems.append(f"{path}:{number}: expected 2 fields 'phrase,category', found {len(row)}")
            continue
        phrase, category = (cell.strip() for cell in row)
        if number == 1 and (phrase.lower(), category.lower()) == ("phrase", "category"):
            continue
        if not _SLUG_RE.fullmatch(category):
            problems.append(f"{path}:{number}: category {category!r} must be lower-case snake_case")
            continue
        categories.setdefault(category, {})
        entry = _parse_entry(phrase, category, case_sensitive=phrase != phrase.lower(), exclude=False,
                             path=path, line=number, problems=problems)
        if entry is not None:
            entries.append(entry)
    if not entries and not problems:
        problems.append(f"{path}:1: no entries; write one 'phrase,category' row per line")
    problems += _duplicate_and_shadow_problems(entries, path)
    return Lexicon(path.stem, "", "", [], categories, entries, path), problems


def _parse_entry(phrase: object, category: str, *, case_sensitive: bool, exclude: bool, path: Path,
                 line: int, problems: list[str]) -> Entry | None:
    where = f"{path}:{line}:"
    if not isinstance(phrase, str) or not phrase.strip():
        problems.append(f"{where} empty entry in {category!r}")
        return None
    words = tuple(phrase.split())
    if " ".join(words) != phrase:
        problems.append(f"{where} entry {phrase!r} has extra spaces; separate words with one space")
        return None
    for word in words:
        match = _WORD_RE.fullmatch(word)
        if match is None:
            problems.append(f"{where} entry {phrase!r}: {word!r} is not a word token (letters and digits, "
                            "inner ' or -, and * only at the end)")
            return None
        if match.group(1) and len(word) - 1 < _MIN_WILDCARD_STEM:
            problems.append(f"{where} entry {phrase!r}: wildcard stem {word[:-1]!r} is shorter than "
                            f"{_MIN_WILDCARD_STEM} letters and would match unrelated words")
            return None
    if not case_sensitive and phrase != phrase.lower():
        problems.append(f"{where} entry {phrase!r} has capitals; write it in lower case, or list it under "
                        "'case_sensitive'")
        return None
    return Entry(phrase, category, words if case_sensitive else tuple(w.lower() for w in words),
                 case_sensitive, exclude, line)


def _word_covers(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.rstrip("*").startswith(pattern[:-1])
    return pattern == word


def _duplicate_and_shadow_problems(entries: Sequence[Entry], path: Path) -> list[str]:
    problems = []
    seen: dict[tuple[str, ...], Entry] = {}
    for entry in entries:
        key = tuple(w.lower() for w in entry.words)
        if key in seen:
            first = seen[key]
            problems.append(f"{path}:{entry.line}: duplicate entry {entry.phrase!r} in {entry.category!r}, "
                            f"already listed in {first.category!r} at line {first.line}")
        else:
            seen[key] = entry
    # Wildcard entries by their first word's stem or word (every entry used to be tested against every
    # wildcard entry: a second for the shipped lexicons on every load).
    by_first: dict[str, list[Entry]] = {}
    for other in entries:
        if any(w.endswith("*") for w in other.words) and not other.exclude:
            by_first.setdefault(other.words[0].lower().rstrip("*"), []).append(other)
    lengths = sorted({len(key) for key in by_first})
    position = {id(entry): i for i, entry in enumerate(entries)}
    for entry in entries:
        if entry.exclude or not entry.words:
            continue
        first = entry.words[0].lower().rstrip("*")
        candidates = [other for n in lengths if n <= len(first) for other in by_first.get(first[:n], ())]
        for other in sorted(candidates, key=lambda e: position[id(e)]):
            if other is entry or len(other.words) != len(entry.words):
                continue
            if all(_word_covers(p, w.lower()) for p, w in zip(other.words, entry.words)):
                problems.append(f"warning: {path}:{entry.line}: entry {entry.phrase!r} is shadowed by "
                                f"{other.phrase!r} (line {other.line}); remove one of them")
                break
    return problems
