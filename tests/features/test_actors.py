"""Actors: alias matching, per-document mentions/tone/lead, actors files, suggestions."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.errors import LexiconError
from framing.features.actors import actor_features, actors_lexicon, load_actors, slugify, suggest_actors
from framing.text.matcher import PhraseMatcher
from framing.text.segment import lead_sentences, segment

ACTORS = {"Putin": ["Putin", "Vladimir Putin", "Kremlin"], "EU": ["EU", "European Union"]}


def _mentions(text, actors=ACTORS):
    seg = segment(text)
    matches = PhraseMatcher([actors_lexicon(load_actors(actors))]).match(seg)
    return [(seg.text[seg.token_starts[m.first_token]:seg.token_ends[m.end_token - 1]], m.entry.category)
            for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin met the EU.", [("Vladimir Putin", "putin"), ("EU", "eu")]),
        ("Putin's plan and the Kremlin's reply", [("Putin's", "putin"), ("Kremlin's", "putin")]),
        ("the European Union, eu and Eu", [("European Union", "eu")]),  # acronyms keep their case
        ("Putinism and Kremlinology", []),  # whole words only
        ("PUTIN spoke", [("PUTIN", "putin")]),  # names are case-insensitive
    ],
)
def test_alias_matching(text, expected):
    assert _mentions(text) == expected


def test_actor_features_by_hand():
    text = "Putin won praise. The EU was angry at Putin and Putin's allies.\n\nLater the EU relented."
    seg = segment(text)
    assert lead_sentences(seg) == range(2)
    matches = PhraseMatcher([actors_lexicon(load_actors(ACTORS))]).match(seg)
    compounds = [0.6, -0.4, 0.2]
    features = actor_features(seg, matches, compounds, slugs=["putin", "eu"], lead=lead_sentences(seg))
    assert features == {
        "actor_putin_mentions": 3, "actor_putin_tone": pytest.approx(0.1), "actor_putin_in_lead": 1.0,
        "actor_eu_mentions": 2, "actor_eu_tone": pytest.approx(-0.1), "actor_eu_in_lead": 1.0,
    }
    absent = actor_features(seg, [], compounds, slugs=["putin"], lead=lead_sentences(seg))
    assert absent["actor_putin_mentions"] == 0 and math.isnan(absent["actor_putin_tone"])
    assert absent["actor_putin_in_lead"] == 0.0


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Elena Marov", "elena_marov"), ("United Dockworkers' Federation", "united_dockworkers_federation"),
     ("Ökonom-Rat", "okonom_rat"), ("EU", "eu"), ("***", "actor")],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_actors_file(tmp_path, demo_corpus_path):
    actors = load_actors(demo_corpus_path / "actors.yml")
    assert list(actors) == ["Elena Marov", "Tomas Brandt", "UDF", "Norvane Energy"]
    assert actors["Elena Marov"] == ["Elena Marov", "Marov", "President Marov"]
    bad = tmp_path / "actors.yml"
    bad.write_text("actors: [Marov]\n")
    with pytest.raises(LexiconError, match="actors must map each actor's name to a list of aliases"):
        load_actors(bad)
    with pytest.raises(LexiconError, match="actors 'EU' and 'eu' give the same column name 'eu'; rename one"):
        load_actors({"EU": [], "eu": []})
    with pytest.raises(LexiconError, match="actors file not found"):
        load_actors(tmp_path / "missing.yml")


def test_suggest_actors_merges_variants():
    corpus = pd.DataFrame({"text": [
        "On Monday President Elena Marov spoke. Later Marov left with Tomas Brandt.",
        "Critics of Marov met Elena Marov and the Bank of Valdoria.",
        "The Bank of Valdoria raised rates, said Brandt. Tomas Brandt agreed.",
    ]})
    suggested = suggest_actors(corpus, top=5)
    assert suggested.to_dict("records") == [
        # titles are stripped, so "President Elena Marov" counts as "Elena Marov"
        {"actor": "Elena Marov", "aliases": ["Elena Marov", "Marov"], "mentions": 4, "documents": 2},
        {"actor": "Tomas Brandt", "aliases": ["Brandt", "Tomas Brandt"], "mentions": 3, "documents": 2},
        {"actor": "Bank of Valdoria", "aliases": ["Bank of Valdoria"], "mentions": 2, "documents": 2},
    ]


def test_suggest_actors_finds_the_demo_actors(demo_corpus_path):
    from framing.corpus.load import load_corpus

    suggested = suggest_actors(load_corpus(demo_corpus_path), top=15)
    found = set(suggested["actor"])
    assert {"Elena Marov", "Tomas Brandt", "Norvane Energy"} <= found


# ---------------------------------------------------------------------------------------------------------
# Aliases as written (issue #15): full stops between the words, compiling in linear time, and aliases that
# never count reported.

TITLED = {"Trump": ["Mr. Trump", "Donald J. Trump"], "Clinton": ["Mrs. Clinton"], "US": ["U.S."]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Trump said so.", [("Mr. Trump", "trump")]),
        ("Donald J. Trump and Mrs. Clinton met.", [("Donald J. Trump", "trump"), ("Mrs. Clinton", "clinton")]),
        ("MR. TRUMP's plan", [("MR. TRUMP's", "trump")]),  # case-insensitive, possessive
        ("Mr.\nTrump spoke", [("Mr.\nTrump", "trump")]),  # a line break counts as the space
        ("Mr Trump, Mr, Trump and Mr.. Trump", [("Trump", "trump")] * 3),  # only the name "Trump" matches
        ("the U.S. and the US", [("U.S", "us"), ("US", "us")]),  # "U.S." as written, its name "US" too
        ("Donald J Trump", [("Trump", "trump")]),
    ],
)
def test_aliases_with_full_stops_match_as_written(text, expected):
    assert _mentions(text, TITLED) == expected


def test_the_actor_features_count_titled_aliases():
    from framing.features.analyze import DocumentAnalyzer

    row = DocumentAnalyzer(features=["actors"], actors={"Trump": ["Mr. Trump"]})("Mr. Trump left. Mr. Trump won.")
    assert row["actor_trump_mentions"] == 2


def test_a_forty_word_alias_compiles_in_linear_time():
    import time

    from framing.text.lexicons import Entry, Lexicon
    from framing.text.matcher import _compile

    words = [f"word{i}" for i in range(40)]
    lexicon = Lexicon("long", "", "", [], {"x": {}}, [Entry(" ".join(words), "x", tuple(words), False, False, 1)])
    start = time.perf_counter()
    automaton = _compile([lexicon])
    assert time.perf_counter() - start < 0.05
    assert len(automaton) == 16  # 2^4 head strings; the other 36 words are checked where the head is found
    text = " ".join(words)
    seg = segment(f"Before {text} after, and {text[:-1]} not.")
    assert [(m.first_token, m.end_token) for m in PhraseMatcher([lexicon]).match(seg)] == [(1, 41)]
    possessive = segment(" ".join(w + "'s" if i in (2, 30) else w for i, w in enumerate(words)))
    assert len(PhraseMatcher([lexicon]).match(possessive)) == 1


def test_a_long_alias_compiles_quickly_and_matches():
    import time

    alias = " ".join(["Chairman"] + [f"Name{i}" for i in range(38)] + ["Jr."])
    start = time.perf_counter()
    lexicon = actors_lexicon(load_actors({"Long": [alias]}))
    PhraseMatcher([lexicon])
    assert time.perf_counter() - start < 0.5  # the self-check segments and matches each alias once
    assert _mentions(f"Yesterday {alias} spoke.", {"Long": [alias]}) == [(alias.removesuffix("."), "long")]


def test_aliases_that_never_count_are_reported():
    with pytest.warns(UserWarning, match=r"actor 'Ana': alias 'Putin' is also an alias of 'Putin'"):
        lexicon = actors_lexicon(load_actors({"Putin": ["Putin"], "Ana": ["Putin", "Ana"]}))
    assert lexicon.warnings == ["actor 'Ana': alias 'Putin' is also an alias of 'Putin' and counts for 'Putin' "
                                "only; give it to one actor"]
    # lower-casing "İ" gives two characters, so the alias cannot match itself in a text
    with pytest.warns(UserWarning, match=r"actor 'Istanbul': alias '\u0130stanbul' can never match"):
        actors_lexicon(load_actors({"Istanbul": ["\u0130stanbul"]}))
    with pytest.warns(UserWarning, match=r"actor 'Tag': alias '<svg onload=x>' can never match: it has no words"):
        actors_lexicon(load_actors({"Tag": ["<svg onload=x>"]}))


def test_aliases_that_count_raise_no_warning(recwarn):
    actors_lexicon(load_actors(TITLED))
    actors_lexicon(load_actors(ACTORS))
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]
