"""The demo corpus's outlet profiles (corpora/demo/README.md) are recovered by the features."""

from __future__ import annotations

import re

import pytest

import framing


@pytest.fixture(scope="module")
def means(demo_corpus_path):
    corpus = framing.load_corpus(demo_corpus_path)
    features = framing.analyze(corpus, actors=demo_corpus_path / "actors.yml")
    return features.groupby("outlet").mean(numeric_only=True)


def test_readme_table_names_the_corpus_outlets(demo_corpus_path, means):
    readme = (demo_corpus_path / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| (wire|tabloid|business|state)", readme, flags=re.M)
    assert sorted(outlet for outlet, _ in rows) == sorted(means.index)
    assert {profile for _, profile in rows} == {"wire", "tabloid", "business", "state"}


@pytest.mark.parametrize(
    ("feature", "leader"),
    [
        ("src_attributions_per1k", "Meridian"),
        ("tone_neutral_share", "Meridian"),
        ("loaded_total_per1k", "Clarion"),
        ("frame_conflict", "Clarion"),
        ("frame_human_interest", "Clarion"),
        ("loaded_loaded_saying_per1k", "Clarion"),
        ("loaded_hyperbole_per1k", "Clarion"),
        ("loaded_fear_per1k", "Clarion"),
        ("frame_economic", "Ledger"),
        ("numbers_per1k", "Ledger"),
        ("tone_mean", "Herald"),
        ("loaded_puffery_per1k", "Herald"),
        ("actor_elena_marov_tone", "Herald"),
        ("actor_tomas_brandt_tone", "Herald"),
    ],
)
def test_outlet_leads_on_its_profile(means, feature, leader):
    assert means[feature].idxmax() == leader


@pytest.mark.parametrize(
    ("feature", "last"),
    [("tone_mean", "Clarion"), ("actor_elena_marov_tone", "Clarion"), ("actor_tomas_brandt_tone", "Clarion"),
     ("loaded_total_per1k", "Meridian")],
)
def test_outlet_trails_on_its_profile(means, feature, last):
    assert means[feature].idxmin() == last


def test_wire_tone_is_closest_to_neutral(means):
    assert means["tone_mean"].abs().idxmin() == "Meridian"


@pytest.fixture(scope="module")
def features(demo_corpus_path):
    corpus = framing.load_corpus(demo_corpus_path)
    features = framing.analyze(corpus, actors=demo_corpus_path / "actors.yml")
    # the demo's events are the NN- prefix of each file name
    return features.assign(event=features.index.str.extract(r"/(\d\d)-", expand=False))


STRONG_DIFFERENCES = [
    ("tone_mean", "Herald", "Clarion"),
    ("tone_mean", "Herald", "Meridian"),
    ("loaded_total_per1k", "Clarion", "Meridian"),
    ("loaded_puffery_per1k", "Herald", "Ledger"),
    ("frame_economic", "Ledger", "Meridian"),
    ("frame_human_interest", "Clarion", "Herald"),
    ("src_attributions_per1k", "Meridian", "Ledger"),
    ("actor_elena_marov_tone", "Herald", "Clarion"),
]


@pytest.mark.parametrize("within", [None, "event"])
@pytest.mark.parametrize(("feature", "higher", "lower"), STRONG_DIFFERENCES)
def test_strong_profile_differences_have_intervals_excluding_zero(features, feature, higher, lower, within):
    pairs = framing.pairwise(features, by="outlet", columns=[feature], within=within, n_boot=1000)
    row = pairs[((pairs.group_a == higher) & (pairs.group_b == lower))
                | ((pairs.group_a == lower) & (pairs.group_b == higher))].iloc[0]
    # the interval of (higher - lower), whichever way round the pair is listed
    low = row["diff_ci_low"] if row.group_a == higher else -row["diff_ci_high"]
    assert low > 0
    assert row["p_adj"] < 0.05
