"""FeatureExtractor: the toolkit's features as a scikit-learn transformer of raw texts."""

from __future__ import annotations

import pickle
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import StandardScaler
from sklearn.utils import estimator_checks

from framing.errors import InputError
from framing.pipeline import analyze
from framing.classify.transformer import FeatureExtractor

TEXTS = [
    "Rivals clashed over the budget.",
    'Officials said the plan failed. "It is over," she said.',
    "A calm and useful meeting.",
    "The feud turned into a bitter fight between rival camps.",
    "Prices, taxes and costs rose again this year.",
]


@pytest.mark.parametrize("features, text, expected", [
    # 5 words; cues rival*, clash* (conflict) and budget* (economic): 2 and 1 per 5 words, per 1,000.
    (["size", "frames"], TEXTS[0], {"n_words": 5, "frame_conflict": 400.0, "frame_economic": 200.0,
                                    "frame_morality": 0.0}),
    # 10 words, 3 of them quoted; "Officials said" (anonymous) and "she said" are attributions.
    (["size", "sourcing"], TEXTS[1], {"n_words": 10, "src_quote_share": 0.3, "src_attributions": 2.0,
                                      "src_attributions_per1k": 200.0, "src_anonymous": 1.0}),
    # VADER: calm 1.3 + useful 1.9 = 3.2; 3.2 / sqrt(3.2**2 + 15) = 0.6369.
    (["tone"], TEXTS[2], {"tone_mean": 0.6369, "tone_min": 0.6369, "tone_headline": 0.0}),
])
def test_golden_values(features, text, expected):
    extractor = FeatureExtractor(features=features).fit([text])
    row = dict(zip(extractor.get_feature_names_out(), extractor.transform([text])[0]))
    assert {name: row[name] for name in expected} == pytest.approx(expected)


def test_matches_analyze_numeric_columns():
    corpus = pd.DataFrame({"text": TEXTS}, index=pd.Index([f"d{i}" for i in range(len(TEXTS))], name="doc_id"))
    expected = analyze(corpus).drop(columns=["frame_primary"])
    extractor = FeatureExtractor()
    matrix = extractor.fit_transform(TEXTS)
    assert extractor.get_feature_names_out().tolist() == expected.columns.tolist()
    assert matrix.dtype == np.float64 and matrix.shape == (5, expected.shape[1])
    # analyze leaves tone_headline NaN without a title; the extractor fills it with fill_value (0.0).
    np.testing.assert_array_equal(matrix, expected.fillna(0.0).to_numpy(dtype=float))


def test_rows_do_not_depend_on_the_batch():
    extractor = FeatureExtractor(features=["frames", "tone"]).fit(TEXTS)
    together = extractor.transform(TEXTS)
    alone = np.vstack([extractor.transform([text]) for text in reversed(TEXTS)])[::-1]
    np.testing.assert_array_equal(together, alone)
    np.testing.assert_array_equal(extractor.transform(pd.Series(TEXTS)), together)


@pytest.mark.parametrize("fill_value, expected_tone", [(0.0, 0.0), (np.nan, np.nan), (-9.0, -9.0)])
def test_fill_value_replaces_missing_actor_tone(fill_value, expected_tone):
    extractor = FeatureExtractor(features=["actors"], actors={"Marov": ["Marov"]}, fill_value=fill_value)
    matrix = extractor.fit_transform(["Marov is great.", "Nobody came."])
    assert extractor.get_feature_names_out().tolist() == ["actor_marov_mentions", "actor_marov_tone",
                                                          "actor_marov_in_lead"]
    # great 3.1: 3.1 / sqrt(3.1**2 + 15) = 0.6249
    assert matrix[0].tolist() == pytest.approx([1.0, 0.6249, 1.0])
    assert matrix[1, 0] == 0.0 and matrix[1, 2] == 0.0
    np.testing.assert_equal(matrix[1, 1], expected_tone)


@pytest.mark.parametrize("texts, message", [
    ("Rivals clashed.", "Iterable over raw text documents expected, string object received"),
    (["fine", None], "document 1 is NoneType, not str"),
    (pd.DataFrame({"text": ["a"]}), "got a DataFrame; pass its text column"),
    (np.array([["a", "b"]]), "must be one-dimensional"),
    (42, "must be an iterable of str"),
])
def test_input_is_validated(texts, message):
    extractor = FeatureExtractor(features=["size"]).fit(["fitted"])
    with pytest.raises(InputError, match=re.escape(message)):
        extractor.transform(texts)
    with pytest.raises(InputError, match=re.escape(message)):
        FeatureExtractor(features=["size"]).fit(texts)


def test_unknown_family_is_reported():
    with pytest.raises(InputError, match="unknown feature families"):
        FeatureExtractor(features=["framez"]).fit(TEXTS)


def test_transform_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError):
        FeatureExtractor().transform(TEXTS)
    with pytest.raises(NotFittedError):
        FeatureExtractor().get_feature_names_out()


def test_changed_parameters_after_fit_are_caught():
    extractor = FeatureExtractor(features=["size"]).fit(TEXTS)
    extractor.set_params(features=["frames"])
    with pytest.raises(InputError, match="fit it again"):
        extractor.transform(TEXTS)


def test_fit_returns_self_and_keeps_parameters():
    extractor = FeatureExtractor(features=["frames"], fill_value=1.5)
    params = extractor.get_params()
    assert extractor.fit(TEXTS) is extractor
    assert extractor.get_params() == params
    assert not hasattr(clone(extractor), "feature_names_")


def test_pickle_round_trip_transforms_identically():
    extractor = FeatureExtractor(features=["frames", "tone"]).fit(TEXTS)
    copy = pickle.loads(pickle.dumps(extractor))
    np.testing.assert_array_equal(copy.transform(TEXTS), extractor.transform(TEXTS))


def test_works_inside_pipelines_and_unions():
    train = TEXTS[:1] + TEXTS[3:] + ["Opponents attacked each other.", "Spending and wages fell."]
    labels = ["conflict", "conflict", "economic", "conflict", "economic"]
    model = make_pipeline(FeatureExtractor(features=["frames"]), StandardScaler(), LogisticRegression())
    model.fit(train, labels)
    assert model.predict(["A bitter clash of rivals.", "Costs and prices soared."]).tolist() == ["conflict", "economic"]

    union = make_union(TfidfVectorizer(), FeatureExtractor(features=["frames"])).fit(train)
    names = union.get_feature_names_out()
    assert "featureextractor__frame_conflict" in names and "tfidfvectorizer__rivals" in names
    assert union.transform(train).shape == (5, len(names))


# The scikit-learn checks that apply to a transformer of raw texts. The others generate numeric 2-D
# arrays; FeatureExtractor declares text input (tags: string=True, two_d_array=False), like scikit-learn's
# own text vectorizers, for which parametrize_with_checks yields no check at all. What the numeric checks
# test (fit returns self, parameters untouched, not-fitted errors, pickling, subset and order invariance,
# input validation) is tested above on texts.
API_CHECKS = ["check_estimator_cloneable", "check_estimator_repr", "check_estimator_tags_renamed",
              "check_valid_tag_types", "check_no_attributes_set_in_init", "check_parameters_default_constructible",
              "check_get_params_invariance", "check_set_params", "check_do_not_raise_errors_in_init_or_set_params",
              "check_mixin_order", "check_transformers_unfitted"]


@pytest.mark.parametrize("check", API_CHECKS)
def test_scikit_learn_api_checks(check):
    getattr(estimator_checks, check)("FeatureExtractor", FeatureExtractor())
