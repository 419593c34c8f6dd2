"""framing.stats.outlet_signal: how well the outlet can be predicted from features and from words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import InputError
from framing.stats.outlet_signal import outlet_signal


def synthetic(n_per_group: int = 40, *, separation: float = 3.0, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    outlets = np.repeat(["A", "B", "C"], n_per_group)
    shift = {"A": -separation, "B": 0.0, "C": separation}
    features = pd.DataFrame({
        "outlet": outlets,
        "bias": np.repeat([0, 1, 2], n_per_group),  # outlet-level metadata: must not be used as a feature
        "tone_mean": [rng.normal(shift[o]) for o in outlets],
        "tone_sd": rng.normal(size=outlets.size),
        "loaded_total_per1k": rng.normal(size=outlets.size),
    }, index=[f"d{i}" for i in range(outlets.size)])
    features.loc["d0", "tone_sd"] = np.nan  # imputed, not an error
    return features


def test_separating_feature_is_found_and_beats_chance():
    signal = outlet_signal(synthetic())
    row = signal.accuracy.iloc[0]
    assert row["input"] == "features" and row["n_inputs"] == 3  # 'bias' is not a toolkit feature column
    assert row["accuracy"] > 0.85 and row["balanced_accuracy"] > 0.85
    assert row["chance_majority"] == pytest.approx(1 / 3) and row["chance_uniform"] == pytest.approx(1 / 3)
    assert (row["n_docs"], row["n_groups"]) == (120, 3)
    top = signal.top_features
    assert top["feature"].iloc[0] == "tone_mean"
    assert top.loc[0, "group"] in {"A", "C"}  # the extremes carry the largest coefficients
    assert top["weight"].is_monotonic_decreasing


def test_noise_stays_near_chance():
    row = outlet_signal(synthetic(separation=0.0, seed=4)).accuracy.iloc[0]
    assert abs(row["accuracy"] - 1 / 3) < 0.2


def test_words_model_and_small_groups():
    rng = np.random.default_rng(1)
    vocab = {"A": ["harbour", "ferry", "tide"], "B": ["orchard", "harvest", "barn"]}
    common = ["the", "council", "said", "today", "plan"]
    docs = []
    for outlet in ["A"] * 25 + ["B"] * 15 + ["Z"] * 2:
        words = list(rng.choice(common, 8)) + list(rng.choice(vocab.get(outlet, common), 2))
        docs.append((outlet, " ".join(words)))
    corpus = pd.DataFrame(docs, columns=["outlet", "text"], index=[f"d{i}" for i in range(len(docs))])
    features = corpus[["outlet"]].assign(tone_mean=rng.normal(size=len(corpus)))
    with pytest.warns(UserWarning, match="1 groups with fewer than 5 documents"):
        signal = outlet_signal(features, corpus=corpus)
    table = signal.accuracy.set_index("input")
    assert table.loc["words", "accuracy"] > 0.9
    assert table.loc["words", "accuracy"] > table.loc["features", "accuracy"]
    assert table.loc["words", "chance_majority"] == pytest.approx(25 / 40)
    assert table.loc["words", "n_docs"] == 40
    with pytest.warns(UserWarning), pytest.raises(InputError, match="not in corpus"):
        outlet_signal(features, corpus=corpus.iloc[:10])


def test_deterministic_and_validated():
    features = synthetic(separation=0.5)
    first, second = outlet_signal(features, seed=3), outlet_signal(features, seed=3)
    pd.testing.assert_frame_equal(first.accuracy, second.accuracy)
    with pytest.raises(InputError, match="cv"):
        outlet_signal(features, cv=1)
    with pytest.raises(InputError, match="two groups"):
        outlet_signal(features.assign(outlet="A"))
