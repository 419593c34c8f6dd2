"""framing.plots: the artists each chart draws, the shared outlet colours, no global state, saving."""

from __future__ import annotations

import itertools
import os

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection, QuadMesh
from matplotlib.colors import same_color, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle, StepPatch

from framing import plots
from framing.plots.style import OKABE_ITO, TOL_MUTED
from framing.plots.utils import _default_fontsize
from framing.errors import FramingError, InputError

FOUR = ["Meridian", "Clarion", "Ledger", "Herald"]
# 30 distinct names of 40 characters: far longer than the 28 a label keeps.
THIRTY = [f"The Very Long Name of Regional Outlet {i:02d}" for i in range(30)]
assert all(len(name) == 40 for name in THIRTY)


# ------------------------------------------------------------------------------------------------ fixtures


def compare_rows(groups, features, *, by="outlet"):
    """A compare-shaped table whose values are easy to check: mean = 0.1 * (group index + 1) - 0.05 * feature
    index, interval mean -/+ 0.02 * (group index + 1), n = 10 + group index."""
    rows = []
    for j, feature in enumerate(features):
        for i, group in enumerate(groups):
            mean = round(0.1 * (i + 1) - 0.05 * j, 6)
            half = 0.02 * (i + 1)
            rows.append({by: group, "feature": feature, "n": 10 + i, "mean": mean, "ci_low": mean - half,
                         "ci_high": mean + half, "median": mean, "sd": 0.1})
    return pd.DataFrame(rows)


def over_time_rows(groups, periods, *, skip=()):
    rows = []
    for i, group in enumerate(groups):
        for t, period in enumerate(periods):
            if (group, t) in skip:
                continue
            mean = 0.1 * i - 0.02 * t
            rows.append({"outlet": group, "period": pd.Timestamp(period), "feature": "tone_mean", "n": 3 + t + i,
                         "mean": mean, "ci_low": mean - 0.05, "ci_high": mean + 0.05, "median": mean, "sd": 0.1})
    return pd.DataFrame(rows)


def pairwise_rows(groups, *, d=0.5, p=0.01):
    rows = [{"group_a": a, "group_b": b, "feature": "tone_mean", "n_a": 10, "n_b": 10, "mean_a": 0.0, "mean_b": 0.0,
             "diff": 0.0, "diff_ci_low": 0.0, "diff_ci_high": 0.0, "cohens_d": d, "cliffs_delta": d / 2,
             "p_value": p, "p_adj": p}
            for a, b in itertools.combinations(sorted(groups), 2)]
    return pd.DataFrame(rows)


def terms_rows(groups):
    rows = []
    for g in groups:
        for k in range(40):
            z = 3.0 - 0.15 * k  # 3.0 down to -2.85: 7 terms above 1.96, 6 below -1.96
            rows.append({"outlet": g, "term": f"word{k:02d}", "count_group": 5 + k, "count_other": 10 + 3 * k,
                         "freq_group": 1.0, "freq_other": 1.0, "log_odds": z / 10, "z": z})
    return pd.DataFrame(rows)


def phrase_rows(groups):
    rows = []
    for i, g in enumerate(groups):
        for k, (phrase, category) in enumerate([("crisis", "fear"), ("so-called", "doubt"), ("slammed", "saying"),
                                                ("chaos", "fear"), ("radical", "labels")]):
            rows.append({"outlet": g, "phrase": phrase, "category": category, "count": (k * 7 + i * 3) % 11 + 1})
    return pd.DataFrame(rows)


def sentence_rows(groups):
    rng = np.random.default_rng(1)
    return pd.DataFrame({"outlet": np.repeat(groups, 50), "compound": rng.uniform(-1, 1, 50 * len(groups))})


@pytest.fixture(autouse=True)
def no_global_state():
    """Charts must leave matplotlib's settings and pyplot's figure list as they found them."""
    before = dict(matplotlib.rcParams)
    figures = plt.get_fignums()
    yield
    after = dict(matplotlib.rcParams)
    changed = sorted(k for k in before if str(before[k]) != str(after[k]))
    assert not changed, f"rcParams changed: {changed}"
    assert plt.get_fignums() == figures, "a chart left a pyplot figure open"


def new_axes(figsize=(6.4, 4.8)):
    """An Axes on a Figure that pyplot does not track (so a stray plt.gca() would show up as a new figure)."""
    return Figure(figsize=figsize).subplots()


def ticklabels(ax, axis="y"):
    """Tick labels in reading order: top to bottom (y), left to right (x)."""
    if axis == "x":
        where = {t: ax.transData.transform((t.get_position()[0], 0))[0] for t in ax.get_xticklabels()}
    else:
        where = {t: -ax.transData.transform((0, t.get_position()[1]))[1] for t in ax.get_yticklabels()}
    return [t.get_text() for t in sorted(where, key=where.get)]


def errorbar_segments(container):
    """(low, high) x-extent of each error bar of an ErrorbarContainer."""
    return [(seg[:, 0].min(), seg[:, 0].max()) for seg in container.lines[2][0].get_segments()]


# -------------------------------------------------------------------------------------------------- styles


@pytest.mark.parametrize("outlet, color, marker", [
    ("Clarion", "#0072B2", "o"), ("Herald", "#E69F00", "s"), ("Ledger", "#009E73", "D"), ("Meridian", "#D55E00", "^"),
])
def test_outlet_styles_follow_sorted_names(outlet, color, marker):
    styles = plots.outlet_styles(FOUR + ["Ledger"])  # repeats and input order do not matter
    assert styles[outlet].color == color and styles[outlet].marker == marker
    assert plots.outlet_colors(list(reversed(FOUR)))[outlet] == color


def test_beyond_eight_groups_the_colours_continue_with_a_second_colour_blind_safe_palette():
    colors = plots.outlet_colors([f"g{i:02d}" for i in range(30)])
    assert list(colors.values())[:8] == list(OKABE_ITO)
    assert colors["g08"] == TOL_MUTED[0]
    styles = plots.outlet_styles(THIRTY).values()
    assert len({(s.color, s.marker) for s in styles}) == 30  # every group distinguishable
    # neighbours in sorted order differ in colour, marker and line style (grayscale print)
    for a, b in itertools.pairwise(styles):
        assert a.color != b.color and a.marker != b.marker and a.linestyle != b.linestyle


def test_palette_mapping_sequence_and_errors():
    mine = {"Meridian": "red", "Clarion": "blue", "Ledger": "green", "Herald": "black"}
    assert plots.outlet_colors(FOUR, palette=mine) == {"Clarion": "blue", "Herald": "black", "Ledger": "green",
                                                       "Meridian": "red"}
    assert plots.outlet_colors(["b", "a", "c"], palette=["red", "blue"]) == {"a": "red", "b": "blue", "c": "red"}
    with pytest.raises(InputError, match="no colour for 'Herald'"):
        plots.outlet_colors(FOUR, palette={k: v for k, v in mine.items() if k != "Herald"})
    with pytest.raises(InputError, match="not a matplotlib colour"):
        plots.outlet_colors(["a"], palette={"a": "blurple"})


@pytest.mark.parametrize("label, expected", [
    ("Herald", "Herald"),
    ("x" * 28, "x" * 28),
    ("x" * 29, "x" * 27 + "…"),
    ("The Very Long Name of Regional Outlet 07", "The Very Long Name of Regio…"),
    (("Herald", "left"), "Herald · left"),
])
def test_shorten(label, expected):
    assert plots.shorten(label) == expected


@pytest.mark.parametrize("feature, expected", [
    ("tone_mean", "mean sentence tone (VADER compound, −1..1)"),
    ("tone_neg_share", "share of negative sentences (0..1)"),
    ("loaded_fear_per1k", "fear language per 1,000 words (outside quotations)"),
    ("loaded_total_per1k", "loaded language per 1,000 words"),
    ("frame_policy_health_safety", "health safety policy-frame cues per 1,000 words"),
    ("frame_conflict", "conflict frame cues per 1,000 words"),
    ("actor_anya_petrik_tone", "tone of sentences mentioning anya petrik (VADER compound, −1..1)"),
    ("hedge_per1k", "hedge per 1,000 words"),
    ("n_words", "words per document"),
    ("bias_score", "bias score"),
])
def test_feature_label_has_units(feature, expected):
    assert plots.feature_label(feature) == expected


# ------------------------------------------------------------------------------------------ tone_by_outlet


def test_tone_by_outlet_points_intervals_and_colours():
    table = compare_rows(FOUR, ["tone_mean", "tone_sd"])
    ax = plots.tone_by_outlet(table, ax=new_axes())
    # highest mean on top: Herald (index 3, mean 0.4), Ledger 0.3, Clarion 0.2, Meridian 0.1
    assert ticklabels(ax) == ["Herald", "Ledger", "Clarion", "Meridian"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first row at the top
    colors = plots.outlet_colors(FOUR)
    rows = table[table["feature"] == "tone_mean"].set_index("outlet")
    assert len(ax.containers) == 4
    for container in ax.containers:
        outlet = container.get_label()
        point = container.lines[0]
        assert point.get_xdata()[0] == pytest.approx(rows.loc[outlet, "mean"])
        assert same_color(point.get_color(), colors[outlet])
        ((low, high),) = errorbar_segments(container)
        assert (low, high) == pytest.approx((rows.loc[outlet, "ci_low"], rows.loc[outlet, "ci_high"]))
    assert "VADER compound, −1..1" in ax.get_xlabel() and "95% CI" in ax.get_xlabel()
    assert sorted(t.get_text() for t in ax.texts) == ["n=10", "n=11", "n=12", "n=13"]
    zero = [line for line in ax.get_lines() if list(line.get_xdata()) == [0, 0]]
    assert len(zero) == 1


def test_tone_by_outlet_documents_strip_and_order():
    table = compare_rows(FOUR, ["tone_mean"])
    documents = pd.DataFrame({"outlet": ["Herald"] * 3 + ["Clarion"] * 2 + ["Nowhere"],
                              "tone_mean": [0.1, 0.2, np.nan, -0.1, 0.3, 0.5]})
    ax = plots.tone_by_outlet(table, documents=documents, order=["Clarion", "Herald", "Ledger", "Meridian"],
                              ax=new_axes())
    assert ticklabels(ax) == ["Clarion", "Herald", "Ledger", "Meridian"]
    (strip,) = ax.collections[:1]
    offsets = strip.get_offsets()
    # NaN and the unknown outlet are left out; each dot within +-0.22 of its group's row
    assert sorted(offsets[:, 0]) == pytest.approx([-0.1, 0.1, 0.2, 0.3])
    rows = np.rint(offsets[:, 1])
    assert np.abs(offsets[:, 1] - rows).max() <= 0.22
    colors = plots.outlet_colors(FOUR)
    for (x, _), row, face in zip(offsets, rows, strip.get_facecolors()):
        outlet = ["Clarion", "Herald", "Ledger", "Meridian"][int(row)]
        assert to_rgb(face) == pytest.approx(to_rgb(colors[outlet]))


def test_tone_by_outlet_without_interval_draws_no_bar():
    table = compare_rows(["A", "B"], ["tone_mean"])
    table.loc[table["outlet"] == "B", ["ci_low", "ci_high"]] = np.nan
    ax = plots.tone_by_outlet(table, ax=new_axes())
    bars = {c.get_label(): c.lines[2][0].get_segments() for c in ax.containers}
    assert len(bars["A"][0]) == 2 and len(bars["B"][0]) == 0


def test_tone_by_outlet_names_the_missing_feature():
    with pytest.raises(InputError, match=r"\['tone_max'\] not in the table; it has: tone_mean"):
        plots.tone_by_outlet(compare_rows(FOUR, ["tone_mean"]), feature="tone_max", ax=new_axes())
    with pytest.raises(InputError, match="needs the column"):
        plots.tone_by_outlet(pd.DataFrame({"outlet": ["A"]}), ax=new_axes())


# ------------------------------------------------------------------------------ sentence_tone_distribution


def test_sentence_distribution_step_shares_and_clipped_neutral_bin():
    # A: 9 of 10 sentences neutral, one at 0.6; B: 8 neutral, one at -0.3, one at 0.3
    sentences = pd.DataFrame({"outlet": ["A"] * 10 + ["B"] * 10,
                              "compound": [0.0] * 9 + [0.6] + [0.0] * 8 + [-0.3, 0.3]})
    ax = plots.sentence_tone_distribution(sentences, ax=new_axes())
    steps = [p for p in ax.patches if isinstance(p, StepPatch)]
    assert len(steps) == 2
    colors = plots.outlet_colors(["A", "B"])
    by_label = {step.get_label().split(" ")[0]: step for step in steps}
    values_a = by_label["A"].get_data().values
    edges = by_label["A"].get_data().edges
    assert len(edges) == 22 and edges[10] == pytest.approx(-0.05) and edges[11] == pytest.approx(0.05)
    assert values_a[[10, 16]] == pytest.approx([0.9, 0.1]) and values_a.sum() == pytest.approx(1)
    values_b = by_label["B"].get_data().values
    assert values_b[[7, 10, 13]] == pytest.approx([0.1, 0.8, 0.1])
    for name, step in by_label.items():
        assert same_color(step.get_edgecolor(), colors[name])
    # the neutral spike (0.9) is more than 2.5 x the tallest other bin (0.1): cut at 1.25 x 0.1
    assert ax.get_ylim()[1] == pytest.approx(0.125)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "VADER neutral band (±0.05)", "A (n=10; 90% neutral)", "B (n=10; 80% neutral)"]
    (band,) = [p for p in ax.patches if not isinstance(p, StepPatch)]
    xs = [band.get_x(), band.get_x() + band.get_width()] if isinstance(band, Rectangle) else band.get_xy()[:, 0]
    assert (min(xs), max(xs)) == pytest.approx((-0.05, 0.05))
    assert "VADER compound, −1..1" in ax.get_xlabel() and "share of sentences" in ax.get_ylabel()


def test_sentence_distribution_ridge_rows_and_single_text():
    sentences = sentence_rows(["Clarion", "Herald", "Ledger", "Meridian", "Zenith"])
    ax = plots.sentence_tone_distribution(sentences, ax=new_axes())  # 5 groups: ridge by default
    assert ticklabels(ax) == ["Clarion", "Herald", "Ledger", "Meridian", "Zenith"]
    outlines = [p for p in ax.patches if isinstance(p, StepPatch) and not p.get_fill()]
    colors = plots.outlet_colors(sentences["outlet"])
    assert [same_color(p.get_edgecolor(), colors[p.get_label()]) for p in outlines] == [True] * 5
    one_text = pd.DataFrame({"sentence": ["a", "b"], "compound": [0.5, -0.5]})
    ax = plots.sentence_tone_distribution(one_text, ax=new_axes())
    assert [t.get_text() for t in ax.get_legend().get_texts()][1] == "all sentences (n=2; 0% neutral)"


# ------------------------------------------------------------------------------------------ tone_over_time


def test_tone_over_time_lines_bands_gaps_and_counts():
    periods = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"]
    table = over_time_rows(["Clarion", "Herald"], periods, skip={("Herald", 2)})
    ax = plots.tone_over_time(table, ax=new_axes())
    colors = plots.outlet_colors(["Clarion", "Herald"])
    lines = {line.get_label(): line for line in ax.get_lines() if line.get_label() in colors}
    assert set(lines) == {"Clarion", "Herald"}
    assert list(lines["Clarion"].get_ydata()) == pytest.approx([0.0, -0.02, -0.04, -0.06])
    # Herald has no documents in the third week: the line is broken there, not drawn across
    herald = np.asarray(lines["Herald"].get_ydata(), dtype=float)
    assert np.isnan(herald).sum() == 1 and list(herald[~np.isnan(herald)]) == pytest.approx([0.1, 0.08, 0.04])
    for name, line in lines.items():
        assert same_color(line.get_color(), colors[name])
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2
    assert same_color(bands[0].get_facecolor()[0][:3], colors["Clarion"])
    # Herald's last week stands alone: no band can show its interval, so it gets an error bar
    (lone,) = ax.containers
    (segment,) = lone.lines[2][0].get_segments()
    assert (segment[:, 1].min(), segment[:, 1].max()) == pytest.approx((-0.01, 0.09))
    # documents per period: one bar per period, heights proportional, the largest 12% of the Axes
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    totals = table.groupby("period")["n"].sum().to_numpy()  # 7, 9, 5, 13
    assert [b.get_height() for b in bars] == pytest.approx(list(0.12 * totals / totals.max()))
    assert "VADER compound" in ax.get_ylabel() and "95% CI" in ax.get_ylabel()


def test_tone_over_time_highlight_and_all_documents():
    periods = ["2024-01-01", "2024-02-01", "2024-03-01"]
    table = over_time_rows(FOUR, periods)
    ax = plots.tone_over_time(table, highlight=["Ledger"], show_counts=False, ax=new_axes())
    grey = [line for line in ax.get_lines() if same_color(line.get_color(), "0.78")]
    assert len(grey) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["other groups", "Ledger"]
    overall = table[table["outlet"] == "Clarion"].drop(columns="outlet")
    ax = plots.tone_over_time(overall, by=None, ax=new_axes())
    assert len([line for line in ax.get_lines() if line.get_label() == "all documents"]) == 1
    with pytest.raises(InputError, match="highlight names groups not in the table"):
        plots.tone_over_time(table, highlight=["Nowhere"], ax=new_axes())


# ------------------------------------------------------------------------------------------- frame_profile


def test_frame_profile_annotations_shading_and_labels():
    features = ["frame_conflict", "frame_economic", "frame_primary_is_not_a_frame", "frame_policy_legality"]
    table = compare_rows(FOUR, features)
    table.loc[table["feature"] == "frame_primary_is_not_a_frame", "feature"] = "frame_primary"
    ax = plots.frame_profile(table, ax=new_axes())
    assert ticklabels(ax) == sorted(FOUR)
    assert ticklabels(ax, "x") == ["conflict", "economic"]  # generic frames only by default
    # rows sorted: Clarion (i=1) 0.2 / 0.15, Herald (3) 0.4 / 0.35, Ledger (2) 0.3 / 0.25, Meridian (0) 0.1 / 0.05
    assert [t.get_text() for t in ax.texts] == ["0.20", "0.15", "0.40", "0.35", "0.30", "0.25", "0.10", "0.05"]
    shade = np.ma.filled(ax.collections[0].get_array(), np.nan).reshape(4, 2)
    assert shade[:, 0] == pytest.approx([1 / 3, 1.0, 2 / 3, 0.0])  # relative within each frame
    assert "per 1,000 words" in ax.get_xlabel()
    ax = plots.frame_profile(table, frames=["policy_legality", "conflict"], scale="absolute", ax=new_axes())
    assert ticklabels(ax, "x") == ["legality", "conflict"]
    shade = np.ma.filled(ax.collections[0].get_array(), np.nan).reshape(4, 2)
    assert shade.max() == pytest.approx(1.0) and shade[0, 0] == pytest.approx(0.05 / 0.4)


def test_frame_profile_missing_cell_is_marked():
    table = compare_rows(["A", "B"], ["frame_conflict", "frame_economic"]).iloc[:-1]  # B has no economic row
    ax = plots.frame_profile(table, ax=new_axes())
    assert [t.get_text() for t in ax.texts] == ["0.10", "0.05", "0.20", "–"]


# -------------------------------------------------------------------------------------- loaded_by_category


def test_loaded_by_category_bars_intervals_and_colours():
    features = ["loaded_fear_per1k", "loaded_doubt_per1k", "loaded_total_per1k", "loaded_quoted_per1k", "tone_mean"]
    table = compare_rows(FOUR, features)
    doubt = table["feature"] == "loaded_doubt_per1k"
    table.loc[doubt, ["mean", "ci_low", "ci_high"]] += 1  # doubt is the more frequent category
    ax = plots.loaded_by_category(table, ax=new_axes())
    assert ticklabels(ax) == ["doubt", "fear"]  # totals left out, the most frequent first
    assert len(ax.patches) == 8
    colors = plots.outlet_colors(FOUR)
    for container in ax.containers:
        if not hasattr(container, "patches"):
            continue
        outlet = container.get_label()
        rows = table[table["outlet"] == outlet].set_index("feature")
        widths = [p.get_width() for p in container.patches]
        assert widths == pytest.approx([rows.loc["loaded_doubt_per1k", "mean"], rows.loc["loaded_fear_per1k", "mean"]])
        assert all(same_color(p.get_facecolor(), colors[outlet]) for p in container.patches)
        spans = [(s[:, 0].min(), s[:, 0].max()) for s in container.errorbar.lines[2][0].get_segments()]
        assert spans[1] == pytest.approx(tuple(rows.loc["loaded_fear_per1k", ["ci_low", "ci_high"]]))
    assert "per 1,000 words" in ax.get_xlabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == sorted(FOUR)


def test_loaded_by_category_heatmap_beyond_eight_groups():
    groups = [f"g{i}" for i in range(9)]
    ax = plots.loaded_by_category(compare_rows(groups, ["loaded_fear_per1k", "loaded_doubt_per1k"]), ax=new_axes())
    assert isinstance(ax.collections[0], QuadMesh) and ticklabels(ax) == groups and len(ax.texts) == 18
    with pytest.raises(InputError, match="kind must be"):
        plots.loaded_by_category(compare_rows(groups, ["loaded_fear_per1k"]), kind="pie", ax=new_axes())


# --------------------------------------------------------------------------------------------- top_phrases


def test_top_phrases_one_group():
    counts = phrase_rows(FOUR)
    repeated = pd.DataFrame([{"outlet": "Herald", "phrase": "crisis", "category": "fear", "count": 4}])
    counts = pd.concat([counts, repeated])
    ax = plots.top_phrases(counts, group="Herald", n=3, ax=new_axes())
    # Herald (i=3), count (7k + 9) % 11 + 1: crisis 10 (+4 from the repeated row = 14), so-called 6,
    # slammed 2, chaos 9, radical 5
    assert ticklabels(ax) == ["crisis", "chaos", "so-called"]
    assert [p.get_width() for p in ax.patches] == [14, 9, 6]
    assert all(same_color(p.get_facecolor(), plots.outlet_colors(FOUR)["Herald"]) for p in ax.patches)
    assert sorted(t.get_text() for t in ax.texts) == ["14  fear", "6  doubt", "9  fear"]
    with pytest.raises(InputError, match="no group 'Nowhere'"):
        plots.top_phrases(counts, group="Nowhere", ax=new_axes())


def test_top_phrases_all_groups_in_blocks():
    counts = phrase_rows(["Clarion", "Herald"]).rename(columns={"phrase": "entry"})
    ax = plots.top_phrases(counts, n=2, ax=new_axes())
    labels = ticklabels(ax)
    assert labels[0] == "Clarion" and labels[3] == "Herald" and len(labels) == 6
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Clarion", "Herald"]
    colors = plots.outlet_colors(["Clarion", "Herald"])
    assert [same_color(p.get_facecolor(), colors["Clarion"]) for p in ax.patches] == [True, True, False, False]


# ---------------------------------------------------------------------------------------------- actor_tone


def test_actor_tone_rows_per_actor_with_outlet_colours():
    table = compare_rows(FOUR, ["actor_marov_tone", "actor_anya_petrik_tone", "actor_marov_mentions"])
    ax = plots.actor_tone(table, ax=new_axes())
    assert ticklabels(ax) == ["anya petrik", "marov"]
    colors = plots.outlet_colors(FOUR)
    for container in ax.containers:
        outlet = container.get_label()
        assert same_color(container.lines[0].get_color(), colors[outlet])
        rows = table[table["outlet"] == outlet].set_index("feature")
        spans = errorbar_segments(container)
        assert spans[1] == pytest.approx(tuple(rows.loc["actor_marov_tone", ["ci_low", "ci_high"]]))
    assert "VADER compound" in ax.get_xlabel()


def test_actor_tone_rows_per_outlet_when_many():
    groups = [f"g{i:02d}" for i in range(10)]
    table = compare_rows(groups, ["actor_marov_tone", "actor_lin_tone"])
    ax = plots.actor_tone(table, ax=new_axes())
    assert ticklabels(ax) == groups
    colors = plots.outlet_colors(groups)
    markers = {}
    for container in ax.containers:
        line = container.lines[0]
        (y,) = line.get_ydata()
        group = groups[int(round(y))]
        assert same_color(line.get_color(), colors[group])
        markers.setdefault(line.get_marker(), set()).add(group)
    assert len(markers) == 2 and all(len(v) == 10 for v in markers.values())  # one marker per actor
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["lin", "marov"]


# --------------------------------------------------------------------------------------- distinctive_terms


def test_distinctive_terms_labels_top_terms_without_overlap():
    terms = terms_rows(["Clarion", "Herald"])
    ax = plots.distinctive_terms(terms, group="Herald", n=4, ax=new_axes())
    labels = [t for t in ax.texts if t.get_text().startswith("word")]
    # z falls with k: the 4 most over-used are word00-03, the 4 most under-used word39-36
    assert sorted(t.get_text() for t in labels) == ["word00", "word01", "word02", "word03",
                                                    "word36", "word37", "word38", "word39"]
    assert ax.get_xscale() == "log"
    boxes = [t.get_window_extent() for t in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    over, under = ax.collections[1], ax.collections[2]
    assert same_color(over.get_facecolor()[0], plots.outlet_colors(["Clarion", "Herald"])["Herald"])
    assert len(over.get_offsets()) == 7 and len(under.get_offsets()) == 6
    x, y = over.get_offsets()[0]
    assert (x, y) == pytest.approx((15, 3.0))  # count_group + count_other of word00, its z


def test_distinctive_terms_needs_a_group_when_there_are_several():
    with pytest.raises(InputError, match="choose one with group="):
        plots.distinctive_terms(terms_rows(["A", "B"]), ax=new_axes())
    ax = plots.distinctive_terms(terms_rows(["A"]), n=1, ax=new_axes())
    assert sorted(t.get_text() for t in ax.texts if t.get_text().startswith("word")) == ["word00", "word39"]


# ------------------------------------------------------------------------------------- effect_size_matrix


@pytest.mark.parametrize("p, stars", [(0.0005, "***"), (0.005, "**"), (0.03, "*"), (0.05, ""), (0.2, "")])
def test_effect_size_matrix_cells_and_stars(p, stars):
    pairs = pd.DataFrame({"group_a": ["A"], "group_b": ["B"], "feature": "tone_mean", "cohens_d": [0.61],
                          "p_adj": [p]})
    fig = Figure()
    ax = plots.effect_size_matrix(pairs, ax=fig.subplots())
    suffix = f"\n{stars}" if stars else ""
    assert [t.get_text() for t in ax.texts] == [f"+0.61{suffix}", f"−0.61{suffix}"]
    mesh = ax.collections[0]
    values = mesh.get_array().reshape(2, 2)
    assert values[0, 1] == pytest.approx(0.61) and values[1, 0] == pytest.approx(-0.61)
    assert np.ma.is_masked(values[0, 0])  # the diagonal stays empty
    assert mesh.norm.vmin == -mesh.norm.vmax == pytest.approx(-0.8)  # centred at 0, at least Cohen's "large"
    assert len(fig.axes) == 2  # the matrix and its colour bar


def test_effect_size_matrix_many_groups_marks_only():
    groups = [f"g{i:02d}" for i in range(13)]
    ax = plots.effect_size_matrix(pairwise_rows(groups, d=-1.2, p=0.001), effect="cohens_d", ax=new_axes())
    texts = {t.get_text() for t in ax.texts}
    assert texts == {"**"} and len(ax.texts) == 13 * 12
    assert ax.collections[0].norm.vmax == pytest.approx(1.2)
    only_ab = pairwise_rows(["A", "B", "C"]).iloc[:1]
    ax = plots.effect_size_matrix(only_ab, order=["A", "B", "C"], ax=new_axes())
    assert [t.get_text() for t in ax.texts] == ["+0.50\n*", "–", "−0.50\n*", "–", "–", "–"]


# ---------------------------------------------------------------------------- every chart: ax, state, size

CHARTS = {
    "tone_by_outlet": lambda groups, ax: plots.tone_by_outlet(compare_rows(groups, ["tone_mean"]), ax=ax),
    "sentence_tone_distribution": lambda groups, ax: plots.sentence_tone_distribution(sentence_rows(groups), ax=ax),
    "tone_over_time": lambda groups, ax: plots.tone_over_time(
        over_time_rows(groups, ["2024-01-01", "2024-01-08", "2024-01-15"]), ax=ax),
    "frame_profile": lambda groups, ax: plots.frame_profile(
        compare_rows(groups, ["frame_conflict", "frame_economic"]), ax=ax),
    "loaded_by_category": lambda groups, ax: plots.loaded_by_category(
        compare_rows(groups, ["loaded_fear_per1k", "loaded_doubt_per1k"]), ax=ax),
    "top_phrases": lambda groups, ax: plots.top_phrases(phrase_rows(groups), group=groups[0], ax=ax),
    "actor_tone": lambda groups, ax: plots.actor_tone(compare_rows(groups, ["actor_marov_tone"]), ax=ax),
    "distinctive_terms": lambda groups, ax: plots.distinctive_terms(terms_rows(groups), group=groups[0], ax=ax),
    "effect_size_matrix": lambda groups, ax: plots.effect_size_matrix(pairwise_rows(groups), ax=ax),
}


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_chart_draws_on_the_given_axes_only(chart):
    fig = Figure()
    other, target = fig.subplots(1, 2)
    assert CHARTS[chart](FOUR, target) is target
    assert target.has_data()
    assert not other.has_data() and not other.texts and other.get_legend() is None


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_chart_without_ax_uses_the_current_axes(chart):
    fig = plt.figure()
    try:
        current = fig.gca()
        assert CHARTS[chart](FOUR, None) is current
    finally:
        plt.close(fig)


@pytest.mark.parametrize("chart", sorted(set(CHARTS) - {"top_phrases", "distinctive_terms"}))
def test_chart_with_thirty_long_names(chart):
    """Every group named, in at most 28 characters, still told apart although the names differ only at the end."""
    ax = new_axes(figsize=plots.figsize_for(30))
    CHARTS[chart](THIRTY, ax)
    legend = ax.get_legend().get_texts() if ax.get_legend() else []
    texts = {t.get_text().split(" (n=")[0] for t in [*ax.get_yticklabels(), *ax.get_xticklabels(), *legend]}
    names = {t for t in texts if t.startswith("The Very")}
    assert len(names) == 30
    assert all(len(t) <= 28 and "…" in t for t in names)
    assert "The Very Long…onal Outlet 07" in names


def test_thirty_group_labels_do_not_overlap_at_the_default_figure_size():
    ax = new_axes()  # 6.4 x 4.8 inches: 30 rows must shrink their labels
    plots.tone_by_outlet(compare_rows(THIRTY, ["tone_mean"]), ax=ax)
    labels = ax.get_yticklabels()
    assert len(labels) == 30 and labels[0].get_fontsize() < _default_fontsize()
    boxes = sorted((t.get_window_extent() for t in labels), key=lambda b: b.y0)
    for lower, upper in itertools.pairwise(boxes):
        assert lower.y1 <= upper.y0 + 0.5


def test_same_outlet_same_colour_in_every_chart():
    """The colour of an outlet in one chart is its colour in all of them."""
    colors = plots.outlet_colors(FOUR)
    seen = {}
    ax = plots.tone_by_outlet(compare_rows(FOUR, ["tone_mean"]), ax=new_axes())
    seen["tone_by_outlet"] = {c.get_label(): c.lines[0].get_color() for c in ax.containers}
    ax = plots.actor_tone(compare_rows(FOUR, ["actor_marov_tone"]), ax=new_axes())
    seen["actor_tone"] = {c.get_label(): c.lines[0].get_color() for c in ax.containers}
    ax = plots.loaded_by_category(compare_rows(FOUR, ["loaded_fear_per1k"]), ax=new_axes())
    seen["loaded_by_category"] = {c.get_label(): c.patches[0].get_facecolor() for c in ax.containers
                                  if hasattr(c, "patches")}
    ax = plots.tone_over_time(over_time_rows(FOUR, ["2024-01-01", "2024-01-08"]), ax=new_axes())
    seen["tone_over_time"] = {line.get_label(): line.get_color() for line in ax.get_lines()
                              if line.get_label() in colors}
    ax = plots.sentence_tone_distribution(sentence_rows(FOUR), kind="step", ax=new_axes())
    seen["sentence_tone_distribution"] = {p.get_label().split(" ")[0]: p.get_edgecolor() for p in ax.patches
                                          if isinstance(p, StepPatch)}
    for outlet in FOUR:
        ax = plots.top_phrases(phrase_rows(FOUR), group=outlet, ax=new_axes())
        seen.setdefault("top_phrases", {})[outlet] = ax.patches[0].get_facecolor()
    for chart, mapping in seen.items():
        assert sorted(mapping) == sorted(FOUR), chart
        for outlet, color in mapping.items():
            assert same_color(color, colors[outlet]), (chart, outlet)


def test_palette_is_honoured():
    mine = {"Meridian": "#111111", "Clarion": "#222222", "Ledger": "#333333", "Herald": "#444444"}
    ax = plots.tone_by_outlet(compare_rows(FOUR, ["tone_mean"]), palette=mine, ax=new_axes())
    assert all(same_color(c.lines[0].get_color(), mine[c.get_label()]) for c in ax.containers)


def test_empty_panel_says_why():
    ax = plots.empty_panel("Herald: no loaded phrases", ax=new_axes())
    assert [t.get_text() for t in ax.texts] == ["Herald: no loaded phrases"] and not ax.axison


# ---------------------------------------------------------------------------------------------------- save


def small_figure():
    fig = Figure(figsize=(2, 2))
    fig.subplots().plot([0, 1], [0, 1])
    return fig


def test_save_writes_every_format(tmp_path):
    paths = plots.save(small_figure(), tmp_path / "figures" / "tone")
    assert [p.name for p in paths] == ["tone.png", "tone.svg", "tone.pdf"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in paths[1].read_bytes()[:500]
    assert paths[2].read_bytes()[:5] == b"%PDF-"
    assert sorted(os.listdir(tmp_path / "figures")) == ["tone.pdf", "tone.png", "tone.svg"]  # no temporary files


def test_save_with_a_suffix_writes_that_format_only_and_is_reproducible(tmp_path):
    fig = small_figure()
    (path,) = plots.save(fig, tmp_path / "tone.svg")
    first = path.read_bytes()
    plots.save(fig, tmp_path / "tone.svg")
    assert path.read_bytes() == first  # no date stamp: the same figure gives the same file
    assert sorted(os.listdir(tmp_path)) == ["tone.svg"]


def test_save_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "tone.svg").write_text("keep me")
    with pytest.raises(FramingError, match="already exists"):
        plots.save(small_figure(), tmp_path / "tone", force=False)
    # nothing written: not even the formats that did not exist yet
    assert sorted(os.listdir(tmp_path)) == ["tone.svg"] and (tmp_path / "tone.svg").read_text() == "keep me"
    plots.save(small_figure(), tmp_path / "tone")
    assert (tmp_path / "tone.svg").read_text() != "keep me"


def test_save_rejects_unknown_formats(tmp_path):
    with pytest.raises(InputError, match="unknown format"):
        plots.save(small_figure(), tmp_path / "tone", formats=("png", "docx"))
