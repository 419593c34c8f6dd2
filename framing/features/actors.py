"""Tone toward named actors: who is mentioned, how often, in the lead, and in which tone.

Actors are given as a mapping from a display name to its aliases, or a YAML file of that mapping::

    actors:
      Elena Marov: [Marov, President Marov, Elena Marov]
      UDF: [UDF, United Dockworkers' Federation]

Aliases match whole words, case-insensitively, including possessives ("Marov's") and multi-word names;
an alias written in capitals only ("UDF", "EU") is an acronym and matches with its exact case, so that
"US" does not match "us".
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from framing.errors import LexiconError
from framing.text.lexicons import Entry, Lexicon
from framing.text.matcher import Match, PhraseMatcher
from framing.text.segment import TOKEN_PATTERN, Segments, normalize, segment

__all__ = ["actor_columns", "actor_features", "actors_lexicon", "load_actors", "slugify", "suggest_actors"]

_TOKEN_RE = re.compile(TOKEN_PATTERN)


def slugify(name: str) -> str:
    """The column-safe form of an actor name.

    Examples
    --------
    >>> slugify("Elena Marov"), slugify("United Dockworkers' Federation"), slugify("Ökonom-Rat")
    ('elena_marov', 'united_dockworkers_federation', 'okonom_rat')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower().replace("'", "")).strip("_")
    return slug or "actor"


def load_actors(actors: Mapping[str, Sequence[str] | str] | str | Path) -> dict[str, list[str]]:
    """Validate an actors mapping, or read it from a YAML file.

    Parameters
    ----------
    actors : mapping or path
        ``{name: [alias, ...]}`` (a single alias may be a string; the name itself is always an alias), or
        a YAML file holding that mapping, optionally under a top-level ``actors:`` key.

    Returns
    -------
    dict of str to list of str

    Examples
    --------
    >>> load_actors({"EU": ["European Union"]})
    {'EU': ['EU', 'European Union']}
    """
    path = None
    if isinstance(actors, (str, Path)):
        path = Path(actors)
        if not path.is_file():
            raise LexiconError("actors file not found; give a YAML file mapping each actor to its aliases",
                               path=path)
        try:
            actors = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise LexiconError(f"not valid YAML: {getattr(error, 'problem', error)}", path=path,
                               line=mark.line + 1 if mark else None) from None
        if isinstance(actors, dict) and set(actors) == {"actors"}:
            actors = actors["actors"]
    if not isinstance(actors, Mapping) or not actors:
        raise LexiconError("actors must map each actor's name to a list of aliases, e.g. "
                           "{'Marov': ['Marov', 'President Marov']}", path=path)
    result: dict[str, list[str]] = {}
    slugs: dict[str, str] = {}
    for name, aliases in actors.items():
        aliases = [aliases] if isinstance(aliases, str) else list(aliases or [])
        if not all(isinstance(alias, str) and _TOKEN_RE.search(alias) for alias in aliases):
            raise LexiconError(f"actor {name!r}: every alias must be a non-empty name", path=path)
        slug = slugify(str(name))
        if slug in slugs:
            raise LexiconError(f"actors {slugs[slug]!r} and {name!r} give the same column name {slug!r}; "
                               "rename one", path=path)
        slugs[slug] = str(name)
        result[str(name)] = list(dict.fromkeys([str(name), *aliases]))
    return result


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def actors_lexicon(actors: Mapping[str, Sequence[str]]) -> Lexicon:
    """A lexicon whose categories are actor slugs and whose entries are their aliases.

    An alias matches as written: its words, and the characters between them when they are not one space
    ("Mr. Trump", "Donald J. Trump", "U.S."; see :mod:`framing.text.matcher`). An alias that can never count
    for its actor (it is another actor's alias too, or it does not even match its own text) is reported
    with a :class:`UserWarning` naming the actor and the alias.

    Examples
    --------
    >>> from framing.text.matcher import PhraseMatcher
    >>> lexicon = actors_lexicon(load_actors({"Trump": ["Mr. Trump", "Donald J. Trump"]}))
    >>> [(entry.words, entry.separators) for entry in lexicon.entries[1:]]
    [(('mr', 'trump'), ('. ',)), (('donald', 'j', 'trump'), (' ', '. '))]
    >>> seg = segment("Donald J. Trump spoke; Mr. Trump left, and Mr, Trump stayed.")
    >>> [seg.text[seg.token_starts[m.first_token]:seg.token_ends[m.end_token - 1]]
    ...  for m in PhraseMatcher([lexicon]).match(seg)]
    ['Donald J. Trump', 'Mr. Trump', 'Trump']
    """
    entries: list[Entry] = []
    owner: dict[tuple, str] = {}
    problems: list[str] = []
    for name, aliases in actors.items():
        slug = slugify(name)
        for alias in aliases:
            case_sensitive = _is_acronym(alias)
            text = normalize(alias)
            tokens = list(_TOKEN_RE.finditer(text))
            words = tuple(m.group() if case_sensitive else m.group().lower() for m in tokens)
            separators = tuple(text[a.end():b.start()].replace("\n", " ") for a, b in zip(tokens, tokens[1:]))
            separators = separators if any(separator != " " for separator in separators) else None
            if not words:
                problems.append(f"actor {name!r}: alias {alias!r} can never match: it has no words once markup and "
                                "punctuation are removed")
                continue
            key = (words, separators, case_sensitive)
            if key in owner:
                if owner[key] != name:
                    problems.append(f"actor {name!r}: alias {alias!r} is also an alias of {owner[key]!r} and "
                                    f"counts for {owner[key]!r} only; give it to one actor")
                continue
            owner[key] = name
            entries.append(Entry(alias, slug, words, case_sensitive, False, None, separators))
    categories = {slugify(name): {"description": name} for name in actors}
    lexicon = Lexicon("actors", "", "actors given by the user", [], categories, entries)
    problems += _aliases_that_never_count(lexicon, actors)
    for problem in problems:
        warnings.warn(problem, UserWarning, stacklevel=3)
    lexicon.warnings = problems
    return lexicon


def _aliases_that_never_count(lexicon: Lexicon, actors: Mapping[str, Sequence[str]]) -> list[str]:
    """Aliases that do not count for their actor even in a text that is nothing but the alias."""
    name_of = {slugify(name): name for name in actors}
    matcher = PhraseMatcher([lexicon])
    problems = []
    for entry in lexicon.entries:
        seg = segment(entry.phrase)
        found = [m for m in matcher.match(seg) if m.first_token == 0 and m.end_token == len(seg.tokens)]
        if found and found[0].entry.category == entry.category:
            continue
        actor = name_of[entry.category]
        if found:
            problems.append(f"actor {actor!r}: alias {entry.phrase!r} never counts: the same words are counted "
                            f"for {name_of[found[0].entry.category]!r} (alias {found[0].entry.phrase!r})")
        else:
            problems.append(f"actor {actor!r}: alias {entry.phrase!r} can never match (its words do not match "
                            "its own text); write it as it appears in the texts")
    return problems


def actor_columns(actors: Mapping[str, Sequence[str]]) -> list[str]:
    """Column names of the actors family, in order."""
    columns = []
    for name in actors:
        slug = slugify(name)
        columns += [f"actor_{slug}_mentions", f"actor_{slug}_tone", f"actor_{slug}_in_lead"]
    return columns


def actor_features(seg: Segments, matches: Sequence[Match], compounds: Sequence[float], *,
                   slugs: Sequence[str], lead: range) -> dict[str, float]:
    """Mentions, tone and lead presence of each actor in one document.

    ``actor_<slug>_tone`` is the mean compound of the sentences that mention the actor (each sentence
    counted once however often it names the actor), NaN when the actor is absent;
    ``actor_<slug>_in_lead`` is 1.0 when the actor is named in the lead (:func:`framing.text.segment.lead_sentences`).

    Examples
    --------
    >>> from framing.text.matcher import PhraseMatcher
    >>> from framing.text.segment import lead_sentences
    >>> actors = load_actors({"Marov": ["President Marov"]})
    >>> seg = segment("President Marov won. Critics attacked Marov's plan.")
    >>> matches = PhraseMatcher([actors_lexicon(actors)]).match(seg)
    >>> actor_features(seg, matches, [0.5, -0.3], slugs=["marov"], lead=lead_sentences(seg))
    {'actor_marov_mentions': 2, 'actor_marov_tone': 0.1, 'actor_marov_in_lead': 1.0}
    """
    mentions: dict[str, int] = dict.fromkeys(slugs, 0)
    sentences: dict[str, set[int]] = defaultdict(set)
    starts = [first for first, _end in seg.sentence_tokens]
    sentence = 0
    for match in sorted(matches, key=lambda m: m.first_token):
        while sentence + 1 < len(starts) and starts[sentence + 1] <= match.first_token:
            sentence += 1
        slug = match.entry.category
        mentions[slug] += 1
        sentences[slug].add(sentence)
    features: dict[str, float] = {}
    for slug in slugs:
        mentioned = sentences.get(slug, set())
        tone = math.fsum(compounds[i] for i in mentioned) / len(mentioned) if mentioned else math.nan
        features[f"actor_{slug}_mentions"] = mentions[slug]
        features[f"actor_{slug}_tone"] = round(tone, 12) if mentioned else tone
        features[f"actor_{slug}_in_lead"] = float(any(i in lead for i in mentioned))
    return features


_LOWER_WORD_RE = re.compile(r"(?<![\w'\-])[a-z][a-z'\-]*")
_CONNECTORS = frozenset({"of", "for", "de", "van", "von", "der", "al", "la", "le", "du", "da"})


@lru_cache(maxsize=None)
def _word_list(name: str) -> frozenset[str]:
    data = resources.files("framing").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#"))


def _titles() -> frozenset[str]:
    return _word_list("titles")


def _name_of(run: list[str]) -> str:
    """A run of capitalised words without trailing connectors, leading titles or possessive 's."""
    while run and run[-1].lower() in _CONNECTORS | {"the"}:
        run = run[:-1]
    titles = _titles()
    while len(run) > 1 and run[0].lower() in titles:
        run = run[1:]
    return " ".join(word.removesuffix("'s") for word in run)


def _capitalised_sequences(seg: Segments) -> list[tuple[str, bool]]:
    """Runs of capitalised words that are not just a sentence's first word ("Bank of Valdoria",
    "Elena Marov"); a connector ("of") may join a one-word run to the next name, a possessive ends a run.
    Each run comes with whether it starts with the sentence's first word."""
    text, tokens, starts, ends = seg.text, seg.tokens, seg.token_starts, seg.token_ends

    not_names = _word_list("not_names")

    def name_word(i: int) -> bool:
        return text[starts[i]].isupper() and tokens[i] not in not_names

    def adjacent(i: int) -> bool:
        return text[ends[i - 1]:starts[i]] == " "

    names: list[tuple[str, bool]] = []
    for first, end in seg.sentence_tokens:
        # A sentence's first word is capitalised anyway: it counts only when a name word follows it.
        i = first if first + 1 < end and name_word(first) and name_word(first + 1) and adjacent(first + 1) \
            else first + 1
        run: list[int] = []
        while i <= end:
            if i < end and name_word(i) and (not run or adjacent(i)):
                run.append(i)
                i += 1
                if not tokens[i - 1].endswith("'s"):
                    continue
            elif (i + 1 < end and len(run) == 1 and adjacent(i) and tokens[i] in _CONNECTORS
                  and (name_word(i + 1) or (tokens[i + 1] == "the" and i + 2 < end and name_word(i + 2)))):
                step = 2 if tokens[i + 1] == "the" else 1
                run.extend(range(i, i + step))
                i += step
                continue
            else:
                i += 1
            if run:
                names.append((" ".join(text[starts[j]:ends[j]] for j in run), run[0] == first))
            run = []
    return names


def suggest_actors(corpus, *, top: int = 30, min_documents: int = 2):
    """Propose the most frequent named people and organisations as a starting actors mapping.

    Counts capitalised word sequences (a sentence's first word only when the corpus never uses it in
    lower case), strips leading titles ("President", "Finance Minister"), then merges a name into the most
    frequent group holding a longer or shorter form of it ("Marov" and "Elena Marov").

    Parameters
    ----------
    corpus : DataFrame
        A corpus from :func:`framing.load_corpus` (uses its ``text`` column).
    top : int
        Number of actors to propose.
    min_documents : int
        Only names found in at least this many documents.

    Returns
    -------
    DataFrame
        ``actor``, ``aliases`` (list), ``mentions``, ``documents``; pass
        ``dict(zip(result.actor, result.aliases))`` as ``actors=`` to :func:`framing.analyze`.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"text": ["Yesterday President Elena Marov spoke. Later Marov left.",
    ...                                 "Critics of Marov met Elena Marov."]})
    >>> suggest_actors(corpus, top=3)[["actor", "aliases", "mentions"]].to_dict("records")
    [{'actor': 'Elena Marov', 'aliases': ['Elena Marov', 'Marov'], 'mentions': 4}]
    """
    import pandas as pd

    runs: list[list[tuple[str, bool]]] = []
    lower_case_words: set[str] = set()
    for text in corpus["text"]:
        seg = segment(text)
        runs.append(_capitalised_sequences(seg))
        lower_case_words.update(_LOWER_WORD_RE.findall(seg.text))
    mentions: Counter[str] = Counter()
    documents: dict[str, set[int]] = defaultdict(set)
    for number, document_runs in enumerate(runs):
        for run, sentence_initial in document_runs:
            words = run.split(" ")
            if sentence_initial and words[0].lower() in lower_case_words:  # "Even Brandt", "Across Valdoria"
                words = words[1:]
            name = _name_of(words)
            if name and name.lower() not in _titles():
                mentions[name] += 1
                documents[name].add(number)
    groups: list[list[str]] = []
    for name in sorted(mentions, key=lambda n: (-mentions[n], n)):
        group = next((g for g in groups if any(_same_actor(name, member) for member in g)), None)
        if group is None:
            groups.append([name])
        else:
            group.append(name)
    rows = []
    for group in groups:
        multi_word = [name for name in group if " " in name]
        head = multi_word[0] if multi_word else group[0]  # groups are in order of frequency
        rows.append({"actor": head, "aliases": sorted(group), "mentions": sum(mentions[n] for n in group),
                     "documents": len(set().union(*(documents[n] for n in group)))})
    result = pd.DataFrame(rows, columns=["actor", "aliases", "mentions", "documents"])
    result = result[result["documents"] >= min_documents]
    return result.sort_values(["mentions", "actor"], ascending=[False, True]).head(top).reset_index(drop=True)


def _same_actor(name: str, other: str) -> bool:
    """Whether one name is the other's ending ("Marov", "Elena Marov") or its longer form
    ("President Elena Marov")."""
    short, long = sorted((name.split(), other.split()), key=len)
    if len(short) == len(long):
        return False
    if len(short) == 1:  # a surname or a short form: "Marov" of "Elena Marov", "Norvane" of "Norvane Energy"
        return len(long) == 2 and short[0] in (long[0], long[-1])
    return long[-len(short):] == short or long[:len(short)] == short
