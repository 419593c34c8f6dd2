"""framing.stats.keyness: weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import InputError
from framing.stats.keyness import distinctive_terms


def two_outlets() -> pd.DataFrame:
    # A: red red blue (3 tokens); B: blue green (2 tokens)
    return pd.DataFrame({"outlet": ["A", "B"], "text": ["Red red blue.", "Blue green."]}, index=["a", "b"])


# Corpus counts: red 2, blue 2, green 1, N = 5; prior = 1 -> a_red = 2, a_blue = 2, a_green = 1, a0 = 5.
# Group A (n = 3) against B (n = 2):
#   red:   y_a 2, y_b 0: delta = log((2+2)/(3+5-2-2)) - log((0+2)/(2+5-0-2)) = log(1) - log(0.4) = 0.916291
#          var = 1/4 + 1/2 = 0.75 -> z = 0.916291 / 0.866025 = 1.058042
#   blue:  y_a 1, y_b 1: delta = log(3/5) - log(3/4) = -0.223144; var = 1/3 + 1/3 -> z = -0.273294
#   green: y_a 0, y_b 1: delta = log(1/7) - log(2/5) = -1.029619; var = 1/1 + 1/2 -> z = -0.840681
# Group B is the mirror image: red -> -1.058042, green: delta = log(2/5) - log(1/7) = 1.029619 -> 0.840681
@pytest.mark.parametrize(
    "outlet, term, count_group, count_other, log_odds, z",
    [
        ("A", "red", 2, 0, 0.916291, 1.058042),
        ("A", "blue", 1, 1, -0.223144, -0.273294),
        ("A", "green", 0, 1, -1.029619, -0.840681),
        ("B", "red", 0, 2, -0.916291, -1.058042),
        ("B", "blue", 1, 1, 0.223144, 0.273294),
        ("B", "green", 1, 0, 1.029619, 0.840681),
    ],
)
def test_log_odds_and_z_by_hand(outlet, term, count_group, count_other, log_odds, z):
    table = distinctive_terms(two_outlets(), ngram_range=(1, 1), min_count=1)
    row = table.set_index(["outlet", "term"]).loc[(outlet, term)]
    assert (row["count_group"], row["count_other"]) == (count_group, count_other)
    assert row["log_odds"] == pytest.approx(log_odds, abs=1e-6)
    assert row["z"] == pytest.approx(z, abs=1e-6)


def test_frequencies_columns_and_order():
    table = distinctive_terms(two_outlets(), ngram_range=(1, 1), min_count=1)
    assert list(table.columns) == [
        "outlet", "term", "count_group", "count_other", "freq_group", "freq_other", "log_odds", "z",
    ]
    assert table["term"].tolist() == ["red", "blue", "green", "green", "blue", "red"]  # z descending per group
    red = table.set_index(["outlet", "term"]).loc[("A", "red")]
    assert red["freq_group"] == pytest.approx(1000 * 2 / 3) and red["freq_other"] == 0


def test_smaller_prior_shrinks_less():
    strong = distinctive_terms(two_outlets(), ngram_range=(1, 1), min_count=1, prior=1.0)
    weak = distinctive_terms(two_outlets(), ngram_range=(1, 1), min_count=1, prior=0.1)
    key = ["outlet", "term"]
    assert (weak.set_index(key)["log_odds"].abs() > strong.set_index(key)["log_odds"].abs()).loc["A"].all()


def test_ngrams_stay_within_sentences():
    corpus = pd.DataFrame({"outlet": ["A", "B"], "text": ["Red blue. Green red.", "Blue green red."]})
    table = distinctive_terms(corpus, ngram_range=(2, 2), min_count=1)
    a_terms = set(table.query("outlet == 'A' and count_group > 0")["term"])
    assert a_terms == {"red blue", "green red"}  # not "blue green": it spans the sentence boundary
    assert set(table["term"]) == {"red blue", "green red", "blue green", "green red"}


def test_min_count_and_reference():
    corpus = pd.DataFrame({
        "outlet": ["A", "A", "B", "C"],
        "text": ["Tax cut now.", "Tax cut again.", "Tax relief.", "Tax relief for all."],
    })
    table = distinctive_terms(corpus, ngram_range=(1, 1), min_count=2, reference="B")
    assert set(table["outlet"]) == {"A", "C"}
    assert set(table["term"]) == {"tax", "cut", "relief"}  # terms seen at least twice
    a = table[table["outlet"] == "A"].set_index("term")
    assert a.loc["cut", "count_other"] == 0 and a.loc["relief", "count_other"] == 1  # other = B only
    assert a.index[0] == "cut"
    c = table[table["outlet"] == "C"]
    assert "cut" not in set(c["term"])  # absent from both C and B: no row


def test_top_keeps_both_ends():
    corpus = pd.DataFrame({"outlet": ["A", "B"], "text": ["one two three four five six", "six seven eight nine"]})
    full = distinctive_terms(corpus, ngram_range=(1, 1), min_count=1)
    top = distinctive_terms(corpus, ngram_range=(1, 1), min_count=1, top=2)
    for outlet, group in full.groupby("outlet"):
        expected = group["term"].tolist()[:2] + group["term"].tolist()[-2:]
        assert top[top["outlet"] == outlet]["term"].tolist() == expected


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"min_count": 0}, "min_count"),
        ({"prior": 0}, "prior"),
        ({"by": "source"}, "grouping column"),
        ({"reference": "Z"}, "reference"),
    ],
)
def test_bad_options(kwargs, message):
    with pytest.raises(InputError, match=message):
        distinctive_terms(two_outlets(), **kwargs)


def test_one_group_is_an_error():
    with pytest.raises(InputError, match="at least two groups"):
        distinctive_terms(two_outlets().assign(outlet="A"))


def test_allsides_bias_groups(shared_data):
    """On real articles every group gets positive and negative z and its own most distinctive terms."""
    from framing import load_corpus

    columns = {"ID": "doc_id", "source": "outlet", "content": "text"}
    corpus = load_corpus(shared_data / "allsides-dev" / "jsons", columns=columns)
    table = distinctive_terms(corpus.iloc[:300], by="bias_text", top=20)
    assert set(table["bias_text"]) == {"left", "center", "right"}
    for _, group in table.groupby("bias_text"):
        assert group["z"].iloc[0] > 3 and group["z"].iloc[-1] < -3
        assert np.all(np.diff(group["z"].to_numpy()) <= 0)
