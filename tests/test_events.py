"""framing.stats.events: same-event comparison and event matching."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.stats.compare import adjust_pvalues, compare, pairwise
from framing.errors import InputError
from framing.stats.events import event_agreement, event_links, match_events


def confounded_features() -> pd.DataFrame:
    """Outlet A covers mostly disasters, B mostly celebrations; inside every event A is 0.1 more positive.

    Disasters d1-d3 have base tone -0.5, celebrations c1-c3 +0.5. A writes 3 articles per disaster and 1
    per celebration at base + 0.05; B the reverse at base - 0.05. Raw means: A = (9 * -0.45 + 3 * 0.55) / 12
    = -0.2, B = (3 * -0.55 + 9 * 0.45) / 12 = +0.2: the raw comparison says A is 0.4 more negative.
    Within events A - B = +0.1 in every event.
    """
    rows = []
    for event, base in [("d1", -0.5), ("d2", -0.5), ("d3", -0.5), ("c1", 0.5), ("c2", 0.5), ("c3", 0.5)]:
        disaster = event.startswith("d")
        rows += [("A", event, base + 0.05)] * (3 if disaster else 1)
        rows += [("B", event, base - 0.05)] * (1 if disaster else 3)
    rows.append(("A", "solo", 5.0))  # an event only A covered says nothing about A against B
    return pd.DataFrame(rows, columns=["outlet", "event", "tone_mean"])


def test_within_event_removes_topic_mix():
    features = confounded_features()
    raw = compare(features.query("event != 'solo'"), n_boot=200).set_index("outlet")
    assert raw.loc["A", "mean"] == pytest.approx(-0.2) and raw.loc["B", "mean"] == pytest.approx(0.2)
    within = compare(features, within="event", n_boot=200).set_index("outlet")
    assert within.loc["A", "mean"] == pytest.approx(0.1) and within.loc["B", "mean"] == pytest.approx(-0.1)
    assert within.loc["A", "n"] == 6  # events, the solo one excluded
    assert within.loc["A", "ci_low"] == pytest.approx(0.1) and within.loc["A", "ci_high"] == pytest.approx(0.1)
    raw_pair = pairwise(features.query("event != 'solo'"), n_boot=200).iloc[0]
    assert raw_pair["diff"] == pytest.approx(-0.4)
    pair = pairwise(features, within="event", n_boot=200).iloc[0]
    assert (pair["group_a"], pair["group_b"], pair["n_a"], pair["n_b"]) == ("A", "B", 6, 6)
    assert pair["diff"] == pytest.approx(0.1)
    assert pair["cliffs_delta"] == 1.0
    assert pair["diff_ci_low"] == pytest.approx(0.1) and pair["diff_ci_high"] == pytest.approx(0.1)


def test_within_event_leave_one_out_by_hand():
    # one event, outlets A=1, B=2 (two articles: 1.5 and 2.5, mean 2), C=6
    # d_A = 1 - (2 + 6)/2 = -3; d_B = 2 - (1 + 6)/2 = -1.5; d_C = 6 - (1 + 2)/2 = 4.5
    # a second event covered by A and C only: A=0, C=1 -> d_A = -1, d_C = +1
    features = pd.DataFrame({
        "outlet": ["A", "B", "B", "C", "A", "C"],
        "event": ["e1", "e1", "e1", "e1", "e2", "e2"],
        "tone_mean": [1.0, 1.5, 2.5, 6.0, 0.0, 1.0],
    })
    table = compare(features, within="event", n_boot=100).set_index("outlet")
    assert table["n"].tolist() == [2, 1, 2]
    assert table["mean"].tolist() == pytest.approx([(-3 - 1) / 2, -1.5, (4.5 + 1) / 2])
    assert table.loc["A", "median"] == pytest.approx(-2.0)
    assert table.loc["A", "sd"] == pytest.approx(np.std([-3, -1], ddof=1))
    assert np.isnan(table.loc["B", "ci_low"])  # one event: no interval


def test_pairwise_within_uses_only_shared_events_and_signed_rank_test():
    rng = np.random.default_rng(8)
    rows = []
    for e in range(12):
        base = rng.normal()
        rows += [("A", f"e{e}", base + 0.3 + rng.normal(0, 0.1)), ("B", f"e{e}", base + rng.normal(0, 0.1))]
        if e < 4:
            rows.append(("C", f"e{e}", base - 0.5))
    features = pd.DataFrame(rows, columns=["outlet", "event", "tone_mean"])
    table = pairwise(features, within="event", n_boot=300)
    ab = table.set_index(["group_a", "group_b"]).loc[("A", "B")]
    cells = features.pivot_table(index="event", columns="outlet", values="tone_mean")
    diffs = (cells["A"] - cells["B"]).to_numpy()
    assert ab["n_a"] == 12 and ab["diff"] == pytest.approx(diffs.mean())
    assert ab["p_value"] == pytest.approx(stats.wilcoxon(diffs).pvalue)
    assert ab["cliffs_delta"] == pytest.approx(np.mean(np.sign(diffs)))
    ac = table.set_index(["group_a", "group_b"]).loc[("A", "C")]
    assert ac["n_a"] == 4 and ac["diff"] == pytest.approx((cells["A"] - cells["C"]).dropna().mean())
    np.testing.assert_allclose(table["p_adj"], adjust_pvalues(table["p_value"], method="holm"))


def test_within_rejects_missing_column_and_warns_on_missing_event():
    features = confounded_features()
    with pytest.raises(InputError, match="match_events"):
        compare(features, within="story")
    features.loc[0, "event"] = None
    with pytest.warns(UserWarning, match="1 documents have no 'event'"):
        compare(features, within="event", n_boot=10)


# ----------------------------------------------------------------------------------------- match_events

STORIES = {
    # invented stories; two outlets each
    "bridge": "The old harbour bridge in Port Ellis closed after engineers found cracks in its steel cables.",
    "vote": "Lawmakers in the northern assembly voted to raise the fishing quota despite protests by farmers.",
    "comet": "Astronomers at the mountain observatory tracked a bright comet passing close to the moon.",
}


def story_corpus() -> pd.DataFrame:
    rows = [
        ("a1", "Alpha", "2024-05-01", STORIES["bridge"]),
        ("b1", "Beta", "2024-05-02", STORIES["bridge"].replace("closed", "was shut")),
        ("a2", "Alpha", "2024-05-01", STORIES["vote"]),
        ("b2", "Beta", "2024-05-01", STORIES["vote"].replace("despite", "amid")),
        ("c2", "Gamma", "2024-05-09", STORIES["vote"]),  # same words, eight days later: outside the window
        ("a3", "Alpha", "2024-05-03", STORIES["comet"]),
        ("a4", "Alpha", "2024-05-03", STORIES["comet"]),  # same outlet, identical: not linked directly
        ("x1", "Beta", None, STORIES["comet"]),  # no date: an event of its own
    ]
    corpus = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "text"]).set_index("doc_id")
    corpus["date"] = pd.to_datetime(corpus["date"])
    return corpus


def test_match_events_links_same_story_across_outlets_within_the_window():
    events = match_events(story_corpus())
    assert events.name == "event" and list(events.index) == list(story_corpus().index)
    assert events["a1"] == events["b1"]
    assert events["a2"] == events["b2"]
    assert events["a2"] != events["a1"]
    assert events["c2"] not in {events["a2"]}
    assert events["a3"] != events["a4"]
    assert events.value_counts()[events["x1"]] == 1
    # numbered by first document in date order, undated documents last
    assert events[["a1", "a2", "a3", "x1"]].tolist() == ["event-00001", "event-00002", "event-00003", "event-00006"]


def test_match_events_chains_same_outlet_through_another_outlet_and_respects_window():
    corpus = story_corpus()
    corpus.loc["b3"] = ["Beta", pd.Timestamp("2024-05-04"), STORIES["comet"]]
    events = match_events(corpus)
    assert events["a3"] == events["a4"] == events["b3"]
    assert match_events(corpus, window_days=0)["b1"] != match_events(corpus, window_days=0)["a1"]
    assert match_events(corpus, window_days=10)["c2"] == match_events(corpus, window_days=10)["a2"]


def test_event_links_lists_pairs_with_similarity():
    links = event_links(story_corpus())
    pairs = {tuple(sorted(p)) for p in links[["doc_a", "doc_b"]].itertuples(index=False)}
    assert pairs == {("a1", "b1"), ("a2", "b2")}
    assert links["similarity"].between(0.2, 1).all()
    assert links["similarity"].is_monotonic_decreasing


@pytest.mark.parametrize("kwargs", [{"window_days": -1}, {"min_similarity": 1.5}, {"by": "source"}])
def test_match_events_rejects_bad_options(kwargs):
    with pytest.raises(InputError):
        match_events(story_corpus(), **kwargs)


# predicted [x, x, y, y] against gold [1, 1, 1, 2]: predicted pairs (0,1), (2,3); gold pairs (0,1), (0,2), (1,2);
# shared (0,1): precision 1/2, recall 1/3, F1 = 2 * 1/2 * 1/3 / (1/2 + 1/3) = 0.4
# ARI: index 1, expected 2 * 3 / 6 = 1, max (2 + 3) / 2 = 2.5 -> (1 - 1) / (2.5 - 1) = 0
def test_event_agreement_by_hand():
    scores = event_agreement(["x", "x", "y", "y"], [1, 1, 1, 2])
    assert scores == {"precision": 0.5, "recall": 0.333, "f1": 0.4, "ari": 0.0, "pairs_predicted": 2, "pairs_gold": 3}
    assert event_agreement(list("aabb"), list("ccdd"))["f1"] == 1.0


def test_match_events_agrees_with_allsides_groups(shared_data):
    """Floors below the figures in docs/statistics.md (P 0.80, R 0.42, ARI 0.55 at the defaults)."""
    from framing import load_corpus

    folder = shared_data / "allsides-dev"
    corpus = load_corpus(folder / "jsons", columns={"ID": "doc_id", "source": "outlet", "content": "text"})
    gold = pd.read_csv(folder / "groups.tsv", sep="\t", dtype=str).set_index("ID")["group_id"]
    events = match_events(corpus)
    scores = event_agreement(events.to_numpy(), gold.reindex(events.index).to_numpy())
    assert scores["precision"] >= 0.75
    assert scores["recall"] >= 0.35
    assert scores["ari"] >= 0.45
