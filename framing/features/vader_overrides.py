"""Valence overrides for domain adaptation: checked, applied to VADER's lexicon, read from YAML or CSV files."""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from numbers import Real
from pathlib import Path
from typing import Any

from framing.errors import InputError, LexiconError
from framing.features.vader_rules import MAX_VALENCE

__all__ = ["load_valence_overrides"]


def _check_override(word: Any, valence: Any) -> tuple[str, float | None]:
    """Validated ``(lowercased word, valence)``; raises ValueError with a message saying what to fix."""
    if not isinstance(word, str) or not word.strip():
        raise ValueError(f"empty or non-text word {word!r}; give the word to change")
    if any(char.isspace() for char in word.strip()):
        raise ValueError(f"{word!r} contains whitespace; VADER scores single tokens, give one word")
    if valence is None:
        return word.strip().lower(), None
    if isinstance(valence, bool) or not isinstance(valence, Real):
        raise ValueError(f"valence of {word!r} is {valence!r}; give a number between -4 and 4, or null to remove")
    valence = float(valence)
    if not -MAX_VALENCE <= valence <= MAX_VALENCE:
        raise ValueError(f"valence of {word!r} is {valence}; VADER's scale runs from -4 to 4")
    return word.strip().lower(), valence


def _apply_overrides(lexicon: Mapping[str, float], overrides: Mapping[str, float | None]) -> dict[str, float]:
    if not isinstance(overrides, Mapping):
        raise InputError(
            f"overrides must be a mapping of word to valence, got {type(overrides).__name__}; "
            "read a file with load_valence_overrides(path)"
        )
    result = dict(lexicon)
    for word, valence in overrides.items():
        try:
            word, valence = _check_override(word, valence)
        except ValueError as error:
            raise InputError(str(error)) from None
        if valence is None:
            result.pop(word, None)
        else:
            result[word] = valence
    return result


_OVERRIDE_METADATA = {"name", "version", "description", "sources"}


def load_valence_overrides(path: str | os.PathLike) -> dict[str, float | None]:
    """Read valence overrides for domain adaptation from a YAML or CSV file.

    YAML: a top-level ``valences:`` mapping of word to valence (``null`` removes the word); the optional
    keys ``name``, ``version``, ``description`` and ``sources`` document the file. CSV: rows
    ``word,valence`` (an optional ``word,valence`` header; an empty valence removes the word). Valences are
    on VADER's -4..4 scale; words are single tokens, compared in lowercase.

    Raises
    ------
    LexiconError
        With the file and line, for an unknown top-level key, an empty word, a word with whitespace, a
        duplicate word, a non-numeric valence or one outside [-4, 4].

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "finance.yml").write_text("valences:\\n  bull: 1.5\\n  crude: null\\n")
    >>> load_valence_overrides(folder / "finance.yml")
    {'bull': 1.5, 'crude': None}
    >>> from framing.features.vader_scorer import VaderScorer
    >>> VaderScorer(overrides=load_valence_overrides(folder / "finance.yml")).scores("A bull market.")
    (0.0, 0.444, 0.556, 0.3612)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".yml", ".yaml", ".csv"}:
        raise LexiconError("valence overrides must be a .yml/.yaml or .csv file", path=path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError("file not found; check the path", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"cannot read the file ({error})", path=path) from None
    entries = _yaml_entries(content, path) if suffix != ".csv" else _csv_entries(content, path)
    overrides: dict[str, float | None] = {}
    first_line: dict[str, int] = {}
    for word, valence, line in entries:
        try:
            word, valence = _check_override(word, valence)
        except ValueError as error:
            raise LexiconError(str(error), path=path, line=line) from None
        if word in overrides:
            raise LexiconError(f"duplicate word {word!r} (first on line {first_line[word]}); keep one", path=path,
                               line=line)
        overrides[word] = valence
        first_line[word] = line
    return overrides


def _yaml_entries(content: str, path: Path) -> list[tuple[Any, Any, int]]:
    import yaml

    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)
        yaml.safe_load(content)  # refuses tags such as !!python/object anywhere, metadata included (runs none)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LexiconError(f"invalid YAML: {getattr(error, 'problem', error)}", path=path,
                           line=None if mark is None else mark.line + 1) from None
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError("expected a mapping with a 'valences:' key", path=path, line=1)
    valences = None
    for key_node, value_node in root.value:
        key = key_node.value
        if key == "valences":
            valences = value_node
        elif key not in _OVERRIDE_METADATA:
            allowed = ", ".join(sorted(_OVERRIDE_METADATA | {"valences"}))
            raise LexiconError(f"unknown key {key!r}; allowed keys: {allowed}", path=path,
                               line=key_node.start_mark.line + 1)
    if valences is None:
        raise LexiconError("missing the 'valences:' mapping of word to valence", path=path, line=1)
    if not isinstance(valences, yaml.MappingNode):
        raise LexiconError("'valences' must be a mapping of word to valence", path=path,
                           line=valences.start_mark.line + 1)
    loader = yaml.SafeLoader("")
    entries = []
    for key_node, value_node in valences.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or not isinstance(value_node, yaml.ScalarNode):
            raise LexiconError("each entry must be 'word: valence'", path=path, line=line)
        word = loader.construct_object(key_node)
        valence = loader.construct_object(value_node)
        entries.append((word if isinstance(word, str) else str(word), valence, line))
    return entries


def _csv_entries(content: str, path: Path) -> list[tuple[Any, Any, int]]:
    entries = []
    reader = csv.reader(content.splitlines())
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise LexiconError(f"expected 2 columns 'word,valence', found {len(row)}", path=path, line=line)
        word, valence = (cell.strip() for cell in row)
        if line == 1 and word.lower() == "word" and valence.lower() == "valence":
            continue
        if valence == "":
            entries.append((word, None, line))
            continue
        try:
            number = float(valence)
        except ValueError:
            raise LexiconError(f"valence of {word!r} is {valence!r}; give a number between -4 and 4, "
                               "or leave it empty to remove the word", path=path, line=line) from None
        entries.append((word, number, line))
    return entries
