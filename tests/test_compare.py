"""framing.compare: group statistics with intervals, pairwise effect sizes and tests, corrections, time series."""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.stats.compare import adjust_pvalues, compare, omnibus, over_time, pairwise
from framing.stats.groups import resolve_columns
from framing.errors import InputError


def frame(groups: dict[str, list[float]], feature: str = "tone_mean") -> pd.DataFrame:
    rows = [(g, v) for g, values in groups.items() for v in values]
    return pd.DataFrame(rows, columns=["outlet", feature])


def reference_interval(values, *, label: str, seed: int = 0, n_boot: int = 2000, ci: float = 0.95):
    """The documented method written out independently: resample the sorted values with the group's seed."""
    values = np.sort(np.asarray(values, dtype=float))
    rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(label.encode())]))
    means = values[rng.integers(0, values.size, size=(n_boot, values.size))].mean(axis=1)
    return np.quantile(means, [(1 - ci) / 2, 1 - (1 - ci) / 2]), means


# ---------------------------------------------------------------------------------------------- compare

# A = [1, 2, 3, 4]: mean 2.5, median 2.5, sd sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3) = sqrt(5/3) = 1.290994
# B = [10, NaN, 20]: NaN dropped -> n 2, mean 15, median 15, sd sqrt((25 + 25) / 1) = 7.071068
# C = [7]: one value -> mean 7, sd and interval NaN
@pytest.mark.parametrize(
    "outlet, n, mean, median, sd",
    [("A", 4, 2.5, 2.5, 1.290994), ("B", 2, 15.0, 15.0, 7.071068), ("C", 1, 7.0, 7.0, np.nan)],
)
def test_compare_point_statistics(outlet, n, mean, median, sd):
    table = compare(frame({"A": [1, 2, 3, 4], "B": [10, np.nan, 20], "C": [7]}), n_boot=200)
    row = table.set_index("outlet").loc[outlet]
    assert row["n"] == n
    assert row["mean"] == pytest.approx(mean)
    assert row["median"] == pytest.approx(median)
    assert row["sd"] == pytest.approx(sd, nan_ok=True)


def test_compare_columns_and_order():
    features = frame({"B": [1.0, 2.0], "A": [3.0, 4.0]})
    features["tone_sd"] = [0.1, 0.2, 0.3, 0.4]
    table = compare(features, n_boot=10)
    assert list(table.columns) == ["outlet", "feature", "n", "mean", "ci_low", "ci_high", "median", "sd"]
    assert table[["feature", "outlet"]].values.tolist() == [
        ["tone_mean", "A"], ["tone_mean", "B"], ["tone_sd", "A"], ["tone_sd", "B"],
    ]


# The interval written out by hand with numpy (reference_interval) for A = [0.1, 0.5, 0.2, 0.9, 0.4] (mean 0.42):
# 2000 resampled means, 2.5th and 97.5th percentiles: seed 0 -> 0.20, 0.66; seed 7 -> 0.20, 0.70.
@pytest.mark.parametrize("seed, low, high", [(0, 0.20, 0.66), (7, 0.20, 0.70)])
def test_compare_interval_matches_the_documented_bootstrap(seed, low, high):
    values = [0.1, 0.5, 0.2, 0.9, 0.4]
    row = compare(frame({"A": values}), seed=seed).iloc[0]
    (expected_low, expected_high), _ = reference_interval(values, label="A", seed=seed)
    assert row["ci_low"] == pytest.approx(expected_low, abs=1e-12)
    assert row["ci_high"] == pytest.approx(expected_high, abs=1e-12)
    assert row["ci_low"] == pytest.approx(low, abs=1e-9)
    assert row["ci_high"] == pytest.approx(high, abs=1e-9)


def test_compare_interval_properties():
    rng = np.random.default_rng(3)
    few, many = rng.normal(size=10), rng.normal(size=400)
    table = compare(frame({"constant": [0.3] * 6, "few": list(few), "many": list(many), "one": [5.0]}))
    table = table.set_index("outlet")
    assert table.loc["constant", "ci_low"] == table.loc["constant", "ci_high"] == 0.3
    width = table["ci_high"] - table["ci_low"]
    assert width["few"] > 2 * width["many"]
    assert table.loc["few", "ci_low"] < table.loc["few", "mean"] < table.loc["few", "ci_high"]
    assert np.isnan(table.loc["one", "ci_low"]) and np.isnan(table.loc["one", "ci_high"])
    assert table.loc["one", "mean"] == 5.0


def test_compare_is_deterministic_and_independent_of_row_order_and_other_groups():
    rng = np.random.default_rng(0)
    features = frame({"A": list(rng.normal(size=30)), "B": list(rng.normal(size=20))})
    first = compare(features, seed=11)
    pd.testing.assert_frame_equal(first, compare(features, seed=11))
    shuffled = features.sample(frac=1, random_state=1)
    pd.testing.assert_frame_equal(first, compare(shuffled, seed=11))
    only_a = compare(features[features["outlet"] == "A"], seed=11)
    pd.testing.assert_frame_equal(first.iloc[[0]].reset_index(drop=True), only_a)
    assert compare(features, seed=12)["ci_low"].iloc[0] != first["ci_low"].iloc[0]


def test_compare_missing_values_counted_per_feature():
    features = pd.DataFrame({
        "outlet": ["A"] * 4,
        "tone_mean": [1.0, 2.0, 3.0, 4.0],
        "actor_x_tone": [np.nan, np.nan, 0.5, np.inf],  # inf is missing too
        "actor_y_tone": [np.nan] * 4,
    })
    table = compare(features, n_boot=50).set_index("feature")
    assert table["n"].tolist() == [4, 1, 0]
    assert table.loc["actor_x_tone", "mean"] == 0.5
    assert np.isnan(table.loc["actor_y_tone", "mean"])


def test_compare_several_grouping_columns_and_missing_group():
    features = pd.DataFrame({
        "outlet": ["A", "A", "A", "B", None],
        "topic": ["x", "y", "y", "x", "x"],
        "tone_mean": [1.0, 2.0, 4.0, 5.0, 9.0],
    })
    with pytest.warns(UserWarning, match="1 documents have no value"):
        table = compare(features, by=["outlet", "topic"], n_boot=20)
    assert table[["outlet", "topic", "n", "mean"]].values.tolist() == [
        ["A", "x", 1, 1.0], ["A", "y", 2, 3.0], ["B", "x", 1, 5.0],
    ]


def test_default_columns_skip_metadata_when_toolkit_features_exist():
    features = pd.DataFrame({
        "outlet": ["A", "B"], "bias": [0, 2], "date": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        "title": ["t", "u"], "tone_mean": [0.1, 0.2], "frame_conflict": [True, False], "n_words": [10, 20],
    })
    assert resolve_columns(features, None, exclude=["outlet"]) == ["tone_mean", "frame_conflict", "n_words"]
    plain = pd.DataFrame({"group": ["a", "b"], "score": [1.0, 2.0], "year": [2020, 2021], "label": ["x", "y"]})
    assert resolve_columns(plain, None, exclude=["group"]) == ["score", "year"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"by": "source"}, "grouping column"),
        ({"columns": ["nope"]}, "not in the features"),
        ({"columns": ["outlet"]}, "not numeric"),
        ({"ci": 95}, "ci must be between"),
        ({"n_boot": -1}, "n_boot"),
    ],
)
def test_compare_rejects_bad_options(kwargs, message):
    with pytest.raises(InputError, match=message):
        compare(frame({"A": [1.0, 2.0]}), **kwargs)


# --------------------------------------------------------------------------------------------- pairwise

# a = [2, 4, 6]: mean 4, var 4; b = [1, 2, 3]: mean 2, var 1
# Cohen's d: pooled sd = sqrt((2 * 4 + 2 * 1) / (3 + 3 - 2)) = sqrt(2.5) = 1.581139; d = 2 / 1.581139 = 1.264911
# Cliff's delta over the 9 pairs: a=2 vs (1, 2, 3): +1, 0, -1; a=4: +3; a=6: +3 -> (7 - 1) / 9 = 0.666667
def test_pairwise_effect_sizes_by_hand():
    row = pairwise(frame({"a": [2, 4, 6], "b": [1, 2, 3]}), n_boot=500).iloc[0]
    assert (row["group_a"], row["group_b"], row["n_a"], row["n_b"]) == ("a", "b", 3, 3)
    assert row["mean_a"] == 4 and row["mean_b"] == 2 and row["diff"] == 2
    assert row["cohens_d"] == pytest.approx(1.264911, abs=1e-6)
    assert row["cliffs_delta"] == pytest.approx(6 / 9)
    expected = stats.mannwhitneyu([2, 4, 6], [1, 2, 3], alternative="two-sided")
    assert row["p_value"] == pytest.approx(expected.pvalue)
    assert row["p_adj"] == pytest.approx(expected.pvalue)  # a single test: Holm changes nothing


def test_pairwise_difference_interval_uses_each_groups_resamples():
    a, b = [0.1, 0.5, 0.2, 0.9, 0.4], [0.0, 0.3, 0.1, 0.2]
    row = pairwise(frame({"A": a, "B": b}), seed=4).iloc[0]
    _, means_a = reference_interval(a, label="A", seed=4)
    _, means_b = reference_interval(b, label="B", seed=4)
    low, high = np.quantile(means_a - means_b, [0.025, 0.975])
    assert row["diff_ci_low"] == pytest.approx(low, abs=1e-12)
    assert row["diff_ci_high"] == pytest.approx(high, abs=1e-12)
    assert row["diff_ci_low"] < row["diff"] < row["diff_ci_high"]


def test_pairwise_all_pairs_reference_and_correction_across_the_call():
    rng = np.random.default_rng(5)
    features = frame({g: list(rng.normal(loc, 1, 15)) for g, loc in [("A", 0), ("B", 1), ("C", 0.2)]})
    features["tone_sd"] = rng.normal(size=len(features))
    table = pairwise(features, n_boot=100)
    assert table[["group_a", "group_b"]].drop_duplicates().values.tolist() == [["A", "B"], ["A", "C"], ["B", "C"]]
    assert len(table) == 6
    np.testing.assert_allclose(table["p_adj"], adjust_pvalues(table["p_value"], method="holm"))
    bonferroni = pairwise(features, n_boot=0, correction="bonferroni")
    np.testing.assert_allclose(bonferroni["p_adj"], np.minimum(1, 6 * bonferroni["p_value"]))
    assert bonferroni["diff_ci_low"].isna().all()  # n_boot=0: no intervals
    against_b = pairwise(features, reference="B", n_boot=50, correction=None)
    assert against_b[["group_a", "group_b"]].drop_duplicates().values.tolist() == [["A", "B"], ["C", "B"]]
    np.testing.assert_array_equal(against_b["p_adj"], against_b["p_value"])
    with pytest.raises(InputError, match="reference 'Z'"):
        pairwise(features, reference="Z")
    with pytest.raises(InputError, match="correction"):
        pairwise(features, correction="sidak")


def test_pairwise_group_of_one_and_missing_values():
    features = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "tone_mean": [1.0, 2.0, np.nan, 5.0]})
    row = pairwise(features, n_boot=100).iloc[0]
    assert (row["n_a"], row["n_b"]) == (2, 1)
    assert row["diff"] == -3.5
    assert np.isnan(row["diff_ci_low"]) and np.isnan(row["diff_ci_high"])
    # pooled sd from A alone: sqrt(0.5 / 1); d = -3.5 / 0.707107
    assert row["cohens_d"] == pytest.approx(-3.5 / np.sqrt(0.5))
    assert row["cliffs_delta"] == -1.0


# ------------------------------------------------------------------------------------------- correction

# p = [0.01, 0.04, 0.03, 0.005], m = 4, sorted 0.005 < 0.01 < 0.03 < 0.04
# Holm: 4 * 0.005 = 0.02, 3 * 0.01 = 0.03, 2 * 0.03 = 0.06, 1 * 0.04 = 0.04 -> running max 0.02, 0.03, 0.06, 0.06
# BH: 0.005 * 4/1 = 0.02, 0.01 * 4/2 = 0.02, 0.03 * 4/3 = 0.04, 0.04 * 4/4 = 0.04 -> running min from the top: same
# Bonferroni: 4 * p
@pytest.mark.parametrize(
    "method, expected",
    [
        ("holm", [0.03, 0.06, 0.06, 0.02]),
        ("fdr_bh", [0.02, 0.04, 0.04, 0.02]),
        ("bonferroni", [0.04, 0.16, 0.12, 0.02]),
        (None, [0.01, 0.04, 0.03, 0.005]),
    ],
)
def test_adjust_pvalues_by_hand(method, expected):
    np.testing.assert_allclose(adjust_pvalues([0.01, 0.04, 0.03, 0.005], method=method), expected)


def test_adjust_pvalues_nan_left_out_capped_and_bh_matches_scipy():
    # NaN is not part of the family: m = 2; Holm: 2 * 0.01, max(2 * 0.01, 1 * 0.04); caps at 1
    np.testing.assert_allclose(adjust_pvalues([0.01, np.nan, 0.04], method="holm"), [0.02, np.nan, 0.04])
    np.testing.assert_allclose(adjust_pvalues([0.6, 0.9], method="bonferroni"), [1.0, 1.0])
    p = np.random.default_rng(1).uniform(size=40) ** 2
    np.testing.assert_allclose(adjust_pvalues(p, method="fdr_bh"), stats.false_discovery_control(p))


# ---------------------------------------------------------------------------------------------- omnibus

def test_omnibus_by_hand_and_against_scipy():
    # ranks 1..6 in groups (1,2), (3,4), (5,6): H = 12/(6*7) * (3^2/2 + 7^2/2 + 11^2/2) - 3*7 = 4.571429
    row = omnibus(frame({"A": [1, 2], "B": [3, 4], "C": [5, 6]})).iloc[0]
    assert row["H"] == pytest.approx(32 / 7)
    assert (row["n"], row["k"], row["df"]) == (6, 3, 2)
    assert row["epsilon_sq"] == pytest.approx(32 / 7 / 5)
    rng = np.random.default_rng(2)
    groups = {g: list(np.round(rng.normal(i * 0.3, 1, 12), 1)) for i, g in enumerate("ABCD")}
    groups["A"][0] = np.nan
    row = omnibus(frame(groups)).iloc[0]
    expected = stats.kruskal(*[[v for v in vals if not np.isnan(v)] for vals in groups.values()])
    assert row["H"] == pytest.approx(expected.statistic)
    assert row["p_value"] == pytest.approx(expected.pvalue)
    assert row["n"] == 47


def test_omnibus_needs_two_groups():
    row = omnibus(frame({"A": [1, 2, 3]})).iloc[0]
    assert row["k"] == 1 and np.isnan(row["H"]) and np.isnan(row["p_value"])


# -------------------------------------------------------------------------------------------- over_time

def dated_features() -> pd.DataFrame:
    return pd.DataFrame({
        "outlet": ["A", "A", "A", "A", "B"],
        # 2024-01-01 is a Monday: weeks start 01-01, 01-08; 02-05 is a Monday too
        "date": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-10", "2024-02-05", None]),
        "tone_mean": [0.1, 0.3, 0.5, -0.2, 0.9],
    })


@pytest.mark.parametrize(
    "freq, expected",
    [
        ("W", [("2024-01-01", 2, 0.2), ("2024-01-08", 1, 0.5), ("2024-02-05", 1, -0.2)]),
        ("M", [("2024-01-01", 3, 0.3), ("2024-02-01", 1, -0.2)]),
        ("MS", [("2024-01-01", 3, 0.3), ("2024-02-01", 1, -0.2)]),
    ],
)
def test_over_time_bins(freq, expected):
    with pytest.warns(UserWarning, match="1 of 5 documents have no 'date'"):
        table = over_time(dated_features(), freq=freq, n_boot=100)
    assert list(table.columns[:3]) == ["outlet", "period", "feature"]
    rows = table[["period", "n", "mean"]].itertuples(index=False)
    got = [(period.strftime("%Y-%m-%d"), n, round(mean, 6)) for period, n, mean in rows]
    assert got == expected
    assert (table["outlet"] == "A").all()  # B's only document has no date


def test_over_time_without_groups_and_errors():
    features = dated_features().dropna(subset=["date"])
    table = over_time(features, by=None, freq="Y", n_boot=50)
    assert table[["n", "mean"]].values.tolist() == [[4, pytest.approx(0.175)]]
    with pytest.raises(InputError, match="freq"):
        over_time(features, freq="fortnight")
    with pytest.raises(InputError, match="date column"):
        over_time(features.drop(columns="date"))
