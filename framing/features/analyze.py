"""The document analyzer: every feature family of one document from one segmentation and one phrase pass.

:func:`framing.analyze` (``framing/pipeline.py``) runs it over a corpus."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing import __version__
from framing.errors import InputError
from framing.features.actors import actor_columns, actor_features, actors_lexicon, load_actors, slugify
from framing.features.frames import frame_columns, frame_features, structural_cues
from framing.features.loaded import loaded_columns, loaded_features
from framing.features.sourcing import SOURCING_COLUMNS, sourcing_features
from framing.features.tone import TONE_COLUMNS, tone_from_compounds
from framing.features.vader import get_scorer, load_valence_overrides
from framing.text.lexicons import Lexicon, load_lexicon
from framing.text.matcher import Match, PhraseMatcher
from framing.text.segment import lead_sentences, segment

__all__ = ["FAMILIES", "DocumentAnalyzer", "analyzer_digest", "assemble_features", "check_corpus", "texts_and_titles"]

#: The feature families, in column order.
FAMILIES = ("size", "tone", "actors", "loaded", "frames", "sourcing")
SIZE_COLUMNS = ["n_words", "n_sentences", "n_paragraphs"]


@dataclass(frozen=True)
class AnalysisConfig:
    """The options a :class:`DocumentAnalyzer` was built with (the stream's job fingerprint and
    :func:`framing.explain` read them; worker processes receive the analyzer itself)."""

    features: tuple[str, ...]
    actors: Mapping[str, Sequence[str]] | None
    lexicons: tuple[Lexicon, ...]
    engine: str
    overrides: Mapping[str, float | None] | None


class DocumentAnalyzer:
    """Compiled state for analysing documents: lexicons, one phrase matcher, the tone scorer, actors.

    Build it once and call it on each document; :func:`analyze` does this for a whole corpus.

    Parameters
    ----------
    features : sequence of str, optional
        Families to compute (default: all of :data:`FAMILIES`; ``actors`` only when actors are given).
    actors : mapping or path, optional
        ``{name: [aliases]}`` or a YAML file (see :func:`framing.features.actors.load_actors`).
    lexicons : sequence of str or Lexicon, optional
        Loaded-language lexicons (default: the shipped ``loaded`` lexicon); their categories must not clash.
    engine : {"fast", "vader"}
        Tone engine: our exact re-implementation of VADER, or the upstream package.
    overrides : mapping or path, optional
        Valence overrides for domain adaptation (see :func:`framing.features.vader.load_valence_overrides`).

    Examples
    --------
    >>> analyzer = DocumentAnalyzer(features=["size", "loaded"])
    >>> row = analyzer("A so-called reform. It failed.")
    >>> row["n_sentences"], row["loaded_total"]
    (2, 1)
    """

    def __init__(self, *, features: Sequence[str] | None = None,
                 actors: Mapping[str, Sequence[str]] | str | Path | None = None,
                 lexicons: Sequence[str | Path | Lexicon] | None = None, engine: str = "fast",
                 overrides: Mapping[str, float | None] | str | Path | None = None):
        self.actors = load_actors(actors) if actors is not None else {}
        self.features = _resolve_families(features, has_actors=bool(self.actors))
        self.loaded_lexicons = ([load_lexicon(lex) for lex in (lexicons or ["loaded"])]
                                if "loaded" in self.features else [])
        self.loaded_categories = _unique_categories(self.loaded_lexicons)
        self.policy_categories: list[str] = []
        if isinstance(overrides, (str, Path)):
            overrides = load_valence_overrides(overrides)
        self.scorer = get_scorer(engine=engine, overrides=overrides) if self._needs_tone else None
        self.config = AnalysisConfig(self.features, self.actors or None, tuple(self.loaded_lexicons), engine,
                                     overrides)

        matched: list[Lexicon] = []
        self._slots: dict[str, list[int]] = {}
        if "loaded" in self.features:
            self._slots["loaded"] = self._add(matched, self.loaded_lexicons)
        if "frames" in self.features:
            generic, policy = load_lexicon("frames"), load_lexicon("policy_frames")
            self.policy_categories = list(policy.categories)
            self._slots["generic"] = self._add(matched, [generic])
            self._slots["policy"] = self._add(matched, [policy])
        if "sourcing" in self.features:
            self._slots["sourcing"] = self._add(matched, [load_lexicon("sourcing")])
        if "actors" in self.features:
            self._slots["actors"] = self._add(matched, [actors_lexicon(self.actors)])
        self.matcher = PhraseMatcher(matched) if matched else None
        self.columns = self._columns()

    @property
    def _needs_tone(self) -> bool:
        return "tone" in self.features or "actors" in self.features

    @staticmethod
    def _add(matched: list[Lexicon], lexicons: Sequence[Lexicon]) -> list[int]:
        first = len(matched)
        matched.extend(lexicons)
        return list(range(first, len(matched)))

    def _columns(self) -> list[str]:
        columns: list[str] = []
        for family in FAMILIES:
            if family not in self.features:
                continue
            columns += {
                "size": lambda: SIZE_COLUMNS,
                "tone": lambda: TONE_COLUMNS,
                "actors": lambda: actor_columns(self.actors),
                "loaded": lambda: loaded_columns(self.loaded_categories),
                "frames": lambda: frame_columns(self.policy_categories),
                "sourcing": lambda: SOURCING_COLUMNS,
            }[family]()
        return columns

    def __call__(self, text: str, title: str | None = None) -> dict[str, Any]:
        """All selected features of one document, in :attr:`columns` order."""
        seg = segment(text)
        by_slot: dict[str, list] = {}
        if self.matcher is not None:
            groups = self.matcher.match_by_lexicon(seg)
            for slot, indices in self._slots.items():
                by_slot[slot] = (groups[indices[0]] if len(indices) == 1 else
                                 sorted((m for i in indices for m in groups[i]), key=_text_order))
        compounds, whole_compound = (self.scorer.compounds(seg.text, seg.sentences) if self.scorer is not None
                                     else ([], None))
        row: dict[str, Any] = {}
        if "size" in self.features:
            row.update(n_words=seg.n_words, n_sentences=len(seg.sentences), n_paragraphs=len(seg.paragraphs))
        if "tone" in self.features:
            row.update(tone_from_compounds(seg, compounds, title=title, scorer=self.scorer,
                                           whole_compound=whole_compound))
        if "actors" in self.features:
            row.update(actor_features(seg, by_slot["actors"], compounds,
                                      slugs=[slugify(name) for name in self.actors], lead=lead_sentences(seg)))
        if "loaded" in self.features:
            row.update(loaded_features(seg, by_slot["loaded"], categories=self.loaded_categories))
        cues = structural_cues(seg) if "frames" in self.features or "sourcing" in self.features else []
        if "frames" in self.features:
            row.update(frame_features(seg, by_slot["generic"], by_slot["policy"],
                                      policy_categories=self.policy_categories, cues=cues))
        if "sourcing" in self.features:
            row.update(sourcing_features(seg, by_slot["sourcing"], age_mentions=len(cues)))
        return {column: row[column] for column in self.columns}


def _text_order(match: Match) -> tuple[int, int]:
    return match.first_token, match.lexicon


def _resolve_families(features: Sequence[str] | None, *, has_actors: bool) -> tuple[str, ...]:
    if features is None:
        return tuple(f for f in FAMILIES if f != "actors" or has_actors)
    if isinstance(features, str):
        features = [features]
    unknown = sorted(set(features) - set(FAMILIES))
    if unknown:
        raise InputError(f"unknown feature families {unknown}; choose from {list(FAMILIES)}")
    if "actors" in features and not has_actors:
        raise InputError("the 'actors' family needs actors=, e.g. actors={'Marov': ['Marov', 'President Marov']}")
    return tuple(f for f in FAMILIES if f in features)


def _unique_categories(lexicons: Sequence[Lexicon]) -> list[str]:
    owner: dict[str, Lexicon] = {}
    for lexicon in lexicons:
        for category in lexicon.categories:
            if category in owner:
                raise InputError(f"category {category!r} is in both {owner[category].path or owner[category].name} "
                                 f"and {lexicon.path or lexicon.name}; rename one so the columns stay distinct")
            owner[category] = lexicon
    return list(owner)


def assemble_features(corpus, rows: Sequence[tuple], *, analyzer: DocumentAnalyzer):
    """The features table of a corpus (or a chunk of one) from its feature rows.

    The corpus's metadata columns (all but ``text``) come first, then ``analyzer.columns``. Feature
    dtypes do not depend on the rows (an empty chunk has the same dtypes as a full one), so that chunks
    analysed apart (a stream, Dask partitions) make one table.

    Examples
    --------
    >>> import pandas as pd
    >>> analyzer = DocumentAnalyzer(features=["size"])
    >>> corpus = pd.DataFrame({"outlet": ["A"], "text": ["Hi there."]}, index=pd.Index(["d1"], name="doc_id"))
    >>> assemble_features(corpus, [(2, 1, 1)], analyzer=analyzer)
           outlet  n_words  n_sentences  n_paragraphs
    doc_id
    d1          A        2            1             1
    >>> assemble_features(corpus.iloc[:0], [], analyzer=analyzer).dtypes["n_words"]
    dtype('int64')
    """
    import pandas as pd

    values = pd.DataFrame.from_records(list(rows), columns=analyzer.columns, index=corpus.index)
    expected = _feature_dtypes(analyzer)
    mismatched = {column: dtype for column, dtype in expected.items() if values[column].dtype != dtype}
    if mismatched:  # an empty chunk, or a chunk where a float feature happens to be all missing
        values = values.astype(mismatched)
    return pd.concat([corpus.drop(columns=["text"]), values], axis=1)


def _feature_dtypes(analyzer: DocumentAnalyzer) -> dict[str, Any]:
    import pandas as pd

    # Each feature always has the same Python type (int, float, bool or str), so one document shows the
    # dtype that pandas infers for any non-empty chunk.
    row = analyzer("A short sentence to learn the types.", "A title")
    inferred: dict[type, Any] = {}
    for value in row.values():
        if type(value) not in inferred:
            inferred[type(value)] = pd.Series([value]).dtype
    return {column: inferred[type(value)] for column, value in row.items()}


def check_corpus(corpus, *, analyzer: DocumentAnalyzer) -> None:
    """Refuse a corpus that already holds feature columns (a features table passed by mistake)."""
    clash = sorted(set(analyzer.columns) & set(corpus.columns))
    if clash:
        raise InputError(f"the corpus already has feature columns {clash[:5]}; pass the corpus (with its text), "
                         "not a features table")


def texts_and_titles(corpus) -> tuple[list[str], list[str | None]]:
    texts = corpus["text"].tolist()
    for doc_id, text in zip(corpus.index, texts):
        if not isinstance(text, str):
            raise InputError(f"document {doc_id!r}: text is {type(text).__name__}, not str; fill or drop missing "
                             "texts (load_corpus does this for files)")
    if "title" in corpus.columns:
        titles = [title if isinstance(title, str) and title else None for title in corpus["title"].tolist()]
    else:
        titles = [None] * len(texts)
    return texts, titles


def analyzer_digest(analyzer) -> str:
    """A fingerprint of everything that decides an analyzer's output: features, lexicons, actors, valences.

    Examples
    --------
    >>> analyzer_digest(DocumentAnalyzer(features=["size"])) == analyzer_digest(DocumentAnalyzer(features=["size"]))
    True
    """
    digest = hashlib.sha256()
    config = analyzer.config
    settings = {"framing": __version__, "columns": list(analyzer.columns), "features": list(analyzer.features),
                "engine": config.engine, "actors": analyzer.actors, "overrides": config.overrides}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for lexicon in analyzer.matcher.lexicons if analyzer.matcher is not None else []:
        entries = [(e.phrase, e.category, e.words, e.case_sensitive, e.exclude) for e in lexicon.entries]
        digest.update(repr((lexicon.name, lexicon.version, entries)).encode())
    return digest.hexdigest()
