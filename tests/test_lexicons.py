"""Lexicon loading, validation (a gallery of broken files with their exact messages) and matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.text.lexicons import check_lexicon, load_lexicon, shipped_lexicons
from framing.text.matcher import PhraseMatcher, is_negated
from framing.text.segment import segment

DATA = Path(__file__).parent / "data" / "lexicons"
BAD = DATA / "bad"


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("bad_category_name.yml", 4, "category name 'Fear Words' must be lower-case snake_case"),
        ("bad_wildcard.yml", 7, "entry 'cri*sis': 'cri*sis' is not a word token (letters and digits, inner ' or -, "
                                "and * only at the end)"),
        ("capitals.yml", 7, "entry 'Crisis' has capitals; write it in lower case, or list it under 'case_sensitive'"),
        ("double_space.yml", 6, "entry 'two  spaces' has extra spaces; separate words with one space"),
        ("duplicate.csv", 3, "duplicate entry 'crisis' in 'doubt', already listed in 'fear' at line 2"),
        ("duplicate.yml", 9, "duplicate entry 'crisis' in 'fear', already listed in 'fear' at line 7"),
        ("empty_entry.yml", 8, "empty entry in 'fear'"),
        ("no_categories.yml", 1, "missing required key 'categories'"),
        ("no_entries.yml", 4, "category 'fear' has no 'entries'"),
        ("not_yaml.yml", 7, "not valid YAML: expected ',' or ']', but got '<stream end>'"),
        ("punctuation.yml", 7, "entry 'crisis!': 'crisis!' is not a word token (letters and digits, inner ' or -, "
                               "and * only at the end)"),
        ("shadowed.yml", 8, "entry 'slammed' is shadowed by 'slam*' (line 7); remove one of them"),
        ("short_row.csv", 3, "expected 2 fields 'phrase,category', found 1"),
        ("short_wildcard.yml", 7, "entry 'wa*': wildcard stem 'wa' is shorter than 3 letters and would match "
                                  "unrelated words"),
        ("unknown_category_key.yml", 6, "unknown key 'synonyms' in category 'fear'; allowed: case_sensitive, "
                                        "description, entries, examples, exclude"),
        ("unknown_key.yml", 3, "unknown key 'colour'; allowed: categories, description, name, sources, version"),
    ],
)
def test_broken_lexicons_are_reported_with_file_and_line(name, line, message):
    path = BAD / name
    assert check_lexicon(path) == [f"{path}:{line}: {message}"]
    if name != "shadowed.yml":  # a shadowed entry is redundant, not wrong: it loads
        with pytest.raises(LexiconError) as caught:
            load_lexicon(path)
        assert str(caught.value) == f"{path}:{line}: {message}"


def test_shadowed_entry_loads_with_a_warning():
    assert load_lexicon(BAD / "shadowed.yml").warnings == [
        f"{BAD / 'shadowed.yml'}:8: entry 'slammed' is shadowed by 'slam*' (line 7); remove one of them"]


def test_unknown_lexicon_name_says_what_exists():
    with pytest.raises(LexiconError, match=r"no such lexicon: 'nope'; shipped lexicons are frames, loaded, "
                                           r"policy_frames, sourcing, or give the path"):
        load_lexicon("nope")


@pytest.mark.parametrize("name", ["loaded", "frames", "policy_frames", "sourcing"])
def test_shipped_lexicons_pass_the_check(name):
    assert check_lexicon(shipped_lexicons()[name]) == []
    lexicon = load_lexicon(name)
    assert lexicon.version and lexicon.sources and lexicon.description
    for category, info in lexicon.categories.items():
        assert info.get("description"), f"{name}:{category} has no description"
        assert info.get("examples"), f"{name}:{category} has no examples"


def test_loaded_lexicon_has_at_least_a_thousand_entries():
    assert len(load_lexicon("loaded")) >= 1000


def test_yaml_and_csv_load_the_same_categories():
    yaml_lexicon = load_lexicon(DATA / "mini.yml")
    assert yaml_lexicon.category_sizes() == {"doubt": 3, "hyperbole": 4, "fear": 3, "labels": 2}
    csv_lexicon = load_lexicon(DATA / "mini.csv")
    assert csv_lexicon.category_sizes() == {"doubt": 1, "hyperbole": 1, "fear": 1}


def _found(text, lexicons):
    seg = segment(text)
    matcher = PhraseMatcher(lexicons)
    return [(seg.text[seg.token_starts[m.first_token]:seg.token_ends[m.end_token - 1]], m.entry.category,
             matcher.lexicons[m.lexicon].name) for m in matcher.match(seg)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # longest match wins and matches do not overlap
        ("utter chaos", [("utter chaos", "hyperbole")]),
        ("utter nonsense", [("utter", "hyperbole")]),
        # wildcards, on any word of a phrase
        ("Catastrophic, catastrophe.", [("Catastrophic", "hyperbole"), ("catastrophe", "hyperbole")]),
        ("They lashed out and lashes out", [("lashed out", "fear"), ("lashes out", "fear")]),
        # hyphenated words are one token; possessives are ignored
        ("A so-called regime's plan", [("so-called", "doubt"), ("regime's", "labels")]),
        ("so called", []),
        # exclude phrases take their words out
        ("crisis management, a crisis", [("crisis", "fear")]),
        ("the tax regime", []),
        # case-sensitive entries
        ("NATO and nato", [("NATO", "labels")]),
        # whole words only
        ("crises crisisx alleged", [("alleged", "doubt")]),
        ("", []),
        # a phrase's words are one character apart: a line break joins them, punctuation does not
        ("Utter\nchaos", [("Utter\nchaos", "hyperbole")]),
        ("Utter, chaos. Utter. Chaos", [("Utter", "hyperbole"), ("chaos", "fear"), ("Utter", "hyperbole"),
                                         ("Chaos", "fear")]),
        ("utter\n\nchaos", [("utter", "hyperbole"), ("chaos", "fear")]),
        ("worst (ever)", []),
        # a wildcard inside a phrase needs the words after it
        ("They lashed at it", []),
        # the possessive of a phrase's last word
        ("the utter chaos's cost", [("utter chaos's", "hyperbole")]),
    ],
)
def test_matcher_rules(text, expected):
    assert [(surface, category) for surface, category, _ in _found(text, [DATA / "mini.yml"])] == expected


def test_match_by_lexicon_is_match_grouped_and_the_matcher_pickles():
    import pickle

    matcher = PhraseMatcher([DATA / "mini.yml", "loaded"])
    seg = segment("The so-called regime's utter chaos was a catastrophic, alleged crisis.")
    groups = matcher.match_by_lexicon(seg)
    assert [m for group in groups for m in group] == sorted(matcher.match(seg), key=lambda m: m.lexicon)
    assert len(groups[0]) == 6 and all(m.lexicon == 1 for m in groups[1])
    assert pickle.loads(pickle.dumps(matcher)).match(seg) == matcher.match(seg)  # workers that spawn get a copy


def test_matches_of_different_lexicons_may_overlap():
    found = _found("The so-called utter chaos.", [DATA / "mini.yml", DATA / "mini.csv"])
    assert found == [("so-called", "doubt", "mini"), ("so-called", "doubt", "mini"),
                     ("utter chaos", "hyperbole", "mini"), ("utter chaos", "hyperbole", "mini")]


@pytest.mark.parametrize(
    ("text", "token", "negated"),
    [("This is not a crisis.", 4, True), ("It isn't really a crisis.", 4, True), ("A crisis, not a drill.", 1, False),
     ("Never was there such a crisis.", 5, False)],
)
def test_negation_within_three_words(text, token, negated):
    assert is_negated(segment(text), token) is negated
