"""FrameClassifier and evaluate_classifier: learning, multi-label, the safe file format, evaluation."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks

from framing.classify.evaluation import ClassifierReport, evaluate_classifier
from framing.classify.fileformat import FORMAT_NAME
from framing.classify.labels import encode_labels
from framing.classify.model import FrameClassifier
from framing.errors import FramingError, InputError

# Written for these tests: eight short texts per generic frame, each with plain cues of its frame.
TRAINING = [
    ("Rival parties clashed in parliament as the opposition attacked the government's plan.", "conflict"),
    ("The two leaders traded insults and accused each other of lying during a heated debate.", "conflict"),
    ("Protesters fought with police outside the ministry while both sides blamed the other.", "conflict"),
    ("The feud between the mayor and the council escalated into an open battle over the vote.", "conflict"),
    ("Critics slammed the senator, who hit back at his opponents in a bitter dispute.", "conflict"),
    ("Union leaders and managers argued angrily as the standoff dragged into a second week.", "conflict"),
    ("The opposition vowed to fight the bill, setting up a fierce confrontation with ministers.", "conflict"),
    ("Neighbouring states exchanged threats and warned of retaliation in the growing row.", "conflict"),
    ("The new tax will cost households an extra 300 dollars a year, economists estimate.", "economic"),
    ("Factory closures could put 2,000 jobs at risk and shrink regional growth.", "economic"),
    ("Prices of fuel and food rose sharply, pushing inflation to its highest level in a decade.", "economic"),
    ("The budget deficit widened as spending outpaced revenue for the third quarter.", "economic"),
    ("Investors sold shares after the bank cut its profit forecast and raised interest rates.", "economic"),
    ("Farmers expect losses of millions as export markets close and costs climb.", "economic"),
    ("The project will create hundreds of jobs and boost the local economy, the firm said.", "economic"),
    ("Wages have stagnated while rents and energy bills keep rising, the survey of firms found.", "economic"),
    ("Maria, 34, a nurse and mother of two, wept as she described losing her home in the flood.", "human_interest"),
    ("For eight-year-old Sam, the storm meant a night of terror huddled with his grandmother.", "human_interest"),
    ("Tom Reyes, 71, still remembers the day his village was swept away; his voice breaks as he speaks.",
     "human_interest"),
    ("A young widow shared her heartbreaking story of raising three children alone.", "human_interest"),
    ("The family hugged and cried as rescuers pulled their dog from the rubble.", "human_interest"),
    ("Lena, 19, dreams of becoming a doctor, but her family cannot afford the fees.", "human_interest"),
    ("Neighbours brought flowers and letters to the grieving parents of the little girl.", "human_interest"),
    ("He lost everything in the fire, but the retired teacher says hope keeps him going.", "human_interest"),
    ("Church leaders said it was a moral duty to protect the poor and called the policy a sin.", "morality"),
    ("It is simply wrong to abandon refugees, the bishop said, urging compassion and mercy.", "morality"),
    ("Activists called the decision shameful and a betrayal of the values we claim to hold.", "morality"),
    ("Ethicists warned that cutting aid would be unjust and morally indefensible.", "morality"),
    ("The preacher told the congregation that greed is evil and honesty a virtue.", "morality"),
    ("Voters deserve leaders with integrity and decency, not corruption, the editorial argued.", "morality"),
    ("God calls us to be good stewards, the pastor said, and to care for one another.", "morality"),
    ("Exploiting children for profit is immoral and an offence to human dignity, the letter said.", "morality"),
    ("The government must act now and should fund flood defences, the report concluded.", "responsibility"),
    ("Experts said the ministry is responsible for the failures and must fix the system.", "responsibility"),
    ("The council should introduce new rules to solve the housing shortage, campaigners urged.",
     "responsibility"),
    ("Officials were blamed for the delay, and the minister promised a plan to address the problem.",
     "responsibility"),
    ("Lawmakers need to take responsibility and pass legislation to tackle the problem.", "responsibility"),
    ("The agency has a duty to regulate polluters, and regulators should enforce the law.", "responsibility"),
    ("The mayor pledged a solution: a new programme to reduce waiting times at hospitals.", "responsibility"),
    ("The inquiry found the operator accountable and called on the state to reform the service.",
     "responsibility"),
]
TEXTS = [text for text, _ in TRAINING]
LABELS = [label for _, label in TRAINING]
FRAMES = ["conflict", "economic", "human_interest", "morality", "responsibility"]

# Sentences the model has not seen, one per frame, sharing cues but not wording with the training texts.
HELD_OUT = [
    ("Opposition lawmakers attacked the minister and the quarrel turned into an angry fight.", "conflict"),
    ("Higher interest rates will raise costs for businesses and could cut thousands of jobs.", "economic"),
    ("Anna, 45, a mother of three, cried as she told of her son's long illness.", "human_interest"),
    ("The bishop said it is a sin and morally wrong to ignore the suffering of the poor.", "morality"),
    ("The government should take responsibility and must act to solve the problem.", "responsibility"),
]
HELD_TEXTS = [text for text, _ in HELD_OUT]


def indicator_labels() -> pd.DataFrame:
    """One 0/1 column per frame, plus ``news``, present in every text (a frame the model cannot learn)."""
    table = pd.DataFrame({frame: [int(label == frame) for label in LABELS] for frame in FRAMES})
    table["news"] = 1
    return table


@pytest.fixture(scope="module")
def fitted() -> FrameClassifier:
    return FrameClassifier().fit(TEXTS, LABELS)


@pytest.fixture(scope="module")
def saved(fitted, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "frames.json"
    fitted.save(path)
    return path


# -- learning -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("params", [{}, {"use_dictionary": False},
                                    {"word_ngram_range": None, "char_ngram_range": None}],
                         ids=["text+dictionary", "text only", "dictionary only"])
def test_predicts_the_frame_of_held_out_sentences(params):
    model = FrameClassifier(**params).fit(TEXTS, LABELS)
    assert model.predict(HELD_TEXTS).tolist() == [label for _, label in HELD_OUT]


def test_single_label_outputs(fitted):
    assert fitted.classes_.tolist() == FRAMES
    assert fitted.multilabel_ is False
    proba = fitted.predict_proba(HELD_TEXTS)
    assert proba.shape == (5, 5)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    # The predicted class is the most probable one and has the highest one-vs-rest log-odds.
    assert (fitted.classes_[proba.argmax(axis=1)] == fitted.predict(HELD_TEXTS)).all()
    assert (fitted.decision_function(HELD_TEXTS).argmax(axis=1) == proba.argmax(axis=1)).all()
    assert fitted.score(HELD_TEXTS, [label for _, label in HELD_OUT]) == 1.0


def test_binary_labels_keep_their_values():
    truth = [label == "economic" for label in LABELS]
    model = FrameClassifier().fit(TEXTS, truth)
    assert model.classes_.tolist() == [False, True]
    assert model.predict(HELD_TEXTS).tolist() == [False, True, False, False, False]
    assert model.decision_function(HELD_TEXTS).shape == (5,)
    assert model.predict_proba(HELD_TEXTS).shape == (5, 2)
    assert (model.decision_function(HELD_TEXTS) > 0).tolist() == model.predict(HELD_TEXTS).tolist()


def test_multilabel_fit_and_predict_shapes():
    labels = indicator_labels()
    with pytest.warns(UserWarning, match="frame 'news' is present in every training text; it is predicted as always 1"):
        model = FrameClassifier().fit(TEXTS, labels)
    assert model.multilabel_ is True
    assert model.classes_.tolist() == [*FRAMES, "news"]
    predicted = model.predict(HELD_TEXTS)
    assert predicted.shape == (5, 6) and set(np.unique(predicted)) <= {0, 1}
    # Each held-out sentence gets its own frame, and the constant frame is always predicted.
    expected = np.hstack([np.eye(5, dtype=int), np.ones((5, 1), dtype=int)])
    np.testing.assert_array_equal(predicted, expected)
    proba = model.predict_proba(HELD_TEXTS)
    assert proba.shape == (5, 6) and (proba[:, 5] == 1.0).all()
    assert model.decision_function(HELD_TEXTS).shape == (5, 6)


def test_multilabel_from_a_numpy_indicator_array():
    labels = indicator_labels()[FRAMES].to_numpy()
    model = FrameClassifier(char_ngram_range=None).fit(TEXTS, labels)
    assert model.classes_.tolist() == [0, 1, 2, 3, 4]
    assert model.predict(HELD_TEXTS).shape == (5, 5)


@pytest.mark.parametrize("labels, message", [
    (LABELS[:-1], "got 40 texts but 39 labels; give one label per text"),
    (["conflict"] * 40, "the labels have a single class ['conflict']; a classifier needs at least two"),
    (pd.DataFrame({"CO": ["True"] * 39 + ["False)"]}),
     "label column 'CO' has a value that is not 0/1 or True/False: 'False)'"),
    ([None] + LABELS[1:], "labels are missing for documents [0]"),
])
def test_bad_labels_are_refused(labels, message):
    with pytest.raises(InputError, match=re.escape(message)):
        FrameClassifier().fit(TEXTS, labels)


@pytest.mark.parametrize("labels, target", [
    (pd.DataFrame({"a": [True, False], "b": ["yes", "No"], "c": [1.0, 0.0], "d": ["1", "false"]}),
     [[1, 1, 1, 1], [0, 0, 0, 0]]),
    (np.array([[0, 1], [1, 1]]), [[0, 1], [1, 1]]),
])
def test_indicator_labels_accept_booleans_numbers_and_true_false_strings(labels, target):
    encoded, _, multilabel = encode_labels(labels, n_texts=2)
    assert multilabel and encoded.tolist() == target


def test_texts_are_validated():
    with pytest.raises(InputError, match="Iterable over raw text documents expected, string object received"):
        FrameClassifier().fit("one text", ["a"])
    with pytest.raises(InputError, match="document 1 is float, not str"):
        FrameClassifier().fit(["a text", float("nan")], ["a", "b"])


@pytest.mark.parametrize("params, message", [
    ({"word_ngram_range": None, "char_ngram_range": None, "use_dictionary": False}, "the classifier has no features"),
    ({"dictionary_features": ("size",)}, "dictionary_features ['size'] give no frame, tone or rate columns"),
    ({"solver": "lbfgs"}, "solver must be 'liblinear' or 'saga', got 'lbfgs'"),
])
def test_bad_parameters_are_refused(params, message):
    with pytest.raises(InputError, match=re.escape(message)):
        FrameClassifier(**params).fit(TEXTS, LABELS)


def test_feature_names_line_up_with_the_coefficients(fitted):
    names = fitted.get_feature_names_out()
    assert fitted.coef_.shape == (5, len(names))
    assert names[0].startswith("word__") and "dict__frame_conflict" in names
    assert not any(name.startswith("dict__") and name.endswith(("_primary", "src_quotes")) for name in names)
    # The strongest conflict coefficient among the dictionary features is the conflict frame score.
    dictionary = [i for i, name in enumerate(names) if name.startswith("dict__")]
    conflict = fitted.coef_[FRAMES.index("conflict"), dictionary]
    assert names[dictionary[int(conflict.argmax())]] == "dict__frame_conflict"


def test_follows_scikit_learn_conventions(fitted):
    model = FrameClassifier(C=0.5, max_features=100)
    assert model.get_params()["C"] == 0.5 and not hasattr(model, "classes_")
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params() and not hasattr(copy, "estimators_")
    with pytest.raises(NotFittedError):
        FrameClassifier().predict(HELD_TEXTS)


# The scikit-learn checks that apply to an estimator of raw texts. The others feed numeric 2-D arrays;
# FrameClassifier declares text input (tags: string=True, two_d_array=False), for which
# parametrize_with_checks yields no check at all, so the applicable ones are listed here and the
# behaviour the numeric checks test (fit returns self, clone, not-fitted errors, validation) is tested above
# on texts.
API_CHECKS = ["check_estimator_cloneable", "check_estimator_repr", "check_estimator_tags_renamed",
              "check_valid_tag_types", "check_no_attributes_set_in_init", "check_parameters_default_constructible",
              "check_get_params_invariance", "check_set_params", "check_do_not_raise_errors_in_init_or_set_params",
              "check_mixin_order", "check_estimators_unfitted"]


@pytest.mark.parametrize("check", API_CHECKS)
def test_scikit_learn_api_checks(check):
    getattr(estimator_checks, check)("FrameClassifier", FrameClassifier())


# -- saving and loading -------------------------------------------------------------------------------

def test_reloaded_model_predicts_identically(fitted, saved):
    loaded = FrameClassifier.load(saved)
    assert np.array_equal(loaded.predict_proba(HELD_TEXTS), fitted.predict_proba(HELD_TEXTS))
    assert np.array_equal(loaded.decision_function(HELD_TEXTS), fitted.decision_function(HELD_TEXTS))
    assert loaded.predict(HELD_TEXTS).tolist() == fitted.predict(HELD_TEXTS).tolist()
    assert loaded.get_params() == fitted.get_params()
    assert loaded.get_feature_names_out().tolist() == fitted.get_feature_names_out().tolist()


def test_reloaded_multilabel_model_predicts_identically(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = FrameClassifier(char_ngram_range=None, class_weight={0: 1.0, 1: 3.0}).fit(TEXTS, indicator_labels())
    loaded = FrameClassifier.load(model.save(tmp_path / "multi.json"))
    assert loaded.class_weight == {0: 1.0, 1: 3.0}
    assert np.array_equal(loaded.predict_proba(HELD_TEXTS), model.predict_proba(HELD_TEXTS))
    assert np.array_equal(loaded.predict(HELD_TEXTS), model.predict(HELD_TEXTS))


def test_the_file_is_json_with_format_version_and_checksum(saved):
    document = json.loads(saved.read_text())
    assert (document["format"], document["version"]) == (FORMAT_NAME, 1)
    canonical = json.dumps(document["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    assert document["sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    assert document["payload"]["classes"] == FRAMES


def test_save_refuses_to_overwrite_without_force(fitted, saved):
    with pytest.raises(FramingError, match="already exists"):
        fitted.save(saved)
    assert fitted.save(saved, force=True) == saved


@pytest.mark.parametrize("old, new", [(b'"C": 1.0', b'"C": 2.0'), (b'"classes": ["c', b'"classes": ["d')],
                         ids=["parameter", "class name"])
def test_a_changed_byte_fails_the_checksum(saved, tmp_path, old, new):
    raw = saved.read_bytes()
    assert raw.count(old) == 1
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(raw.replace(old, new))
    assert sum(a != b for a, b in zip(raw, tampered.read_bytes())) == 1
    with pytest.raises(InputError) as error:
        FrameClassifier.load(tampered)
    assert str(error.value) == f"{tampered}: checksum mismatch; the file was modified or damaged"


def test_a_changed_coefficient_byte_fails_the_checksum(saved, tmp_path):
    document = json.loads(saved.read_text())
    encoded = document["payload"]["coef"]["base64"]
    flipped = ("B" if encoded[100] != "B" else "C")
    raw = saved.read_text().replace(encoded, encoded[:100] + flipped + encoded[101:])
    tampered = tmp_path / "coef.json"
    tampered.write_text(raw)
    with pytest.raises(InputError, match=re.escape("checksum mismatch; the file was modified or damaged")):
        FrameClassifier.load(tampered)


@pytest.mark.parametrize("content, reason", [
    ('{"format": "sklearn-pickle", "version": 1}',
     "not a framing classifier file (format 'sklearn-pickle', expected 'framing.FrameClassifier')"),
    ("[1, 2, 3]", "not a framing classifier file (format 'list', expected 'framing.FrameClassifier')"),
    ("doc_id,frame\nd1,conflict\n", "not a framing classifier file (not JSON, or truncated: "),
    ('{"format": "framing.FrameClassifier", "version": 99, "payload": {}}',
     "classifier file format version 99 is not supported (this framing reads version 1)"),
])
def test_unknown_files_are_refused(tmp_path, content, reason):
    path = tmp_path / "model.json"
    path.write_text(content)
    with pytest.raises(InputError) as error:
        FrameClassifier.load(path)
    assert str(error.value).startswith(f"{path}: {reason}")


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(b"\x80\x04\x95\x00\xff\xfe")
    with pytest.raises(InputError, match="not a framing classifier file"):
        FrameClassifier.load(path)


def test_a_truncated_file_is_refused(saved, tmp_path):
    path = tmp_path / "truncated.json"
    path.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    with pytest.raises(InputError) as error:
        FrameClassifier.load(path)
    assert str(error.value).startswith(f"{path}: not a framing classifier file (not JSON, or truncated: ")


def test_a_consistent_checksum_over_wrong_shapes_is_refused(saved, tmp_path):
    document = json.loads(saved.read_text())
    coef = document["payload"]["coef"]
    values = np.frombuffer(base64.b64decode(coef["base64"]), dtype="<f8")[:-5]  # drop one feature's column
    coef.update(shape=[5, values.size // 5], base64=base64.b64encode(values.tobytes()).decode())
    canonical = json.dumps(document["payload"], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    document["sha256"] = hashlib.sha256(canonical.encode()).hexdigest()
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="inconsistent classifier file .*do not match 5 models over"):
        FrameClassifier.load(path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(InputError, match="no such classifier file"):
        FrameClassifier.load(tmp_path / "absent.json")


# -- evaluation ---------------------------------------------------------------------------------------

def test_evaluation_reports_frames_averages_and_baseline():
    report = evaluate_classifier(TEXTS, LABELS, cv=4, seed=0)
    assert isinstance(report, ClassifierReport)
    table = report.table
    assert table.index.tolist() == [*FRAMES, "micro avg", "macro avg"]
    assert table.columns.tolist() == ["support", "precision", "recall", "f1", "baseline_precision",
                                      "baseline_recall", "baseline_f1"]
    assert table["support"].tolist() == [8, 8, 8, 8, 8, 40, 40]
    # Stratified folds leave six texts of each frame in every training fold: the tie goes to the first
    # class, so the baseline calls every text "conflict": precision 8/40, recall 1, F1 1/3 for conflict,
    # 0 elsewhere; micro F1 = accuracy = 0.2; macro F1 = (1/3) / 5.
    assert table["baseline_f1"].tolist() == pytest.approx([1 / 3, 0, 0, 0, 0, 0.2, 1 / 15])
    assert table.loc["conflict", "baseline_precision"] == pytest.approx(0.2)
    assert report.baseline_macro_f1 == pytest.approx(1 / 15)
    assert report.macro_f1 > 0.7 and report.micro_f1 > 0.7
    assert len(report.fold_macro_f1) == 4
    assert "macro F1" in str(report)


def test_evaluation_is_deterministic_for_a_seed():
    params = {"cv": 3, "char_ngram_range": None, "use_dictionary": False}
    first = evaluate_classifier(TEXTS, LABELS, seed=7, **params)
    second = evaluate_classifier(TEXTS, LABELS, seed=7, **params)
    pd.testing.assert_frame_equal(first.table, second.table)
    assert first.fold_macro_f1 == second.fold_macro_f1


def test_multilabel_evaluation_and_its_baseline():
    report = evaluate_classifier(TEXTS, indicator_labels(), cv=4, seed=0, char_ngram_range=None)
    table = report.table
    assert report.multilabel
    assert table.index.tolist() == [*FRAMES, "news", "micro avg", "macro avg"]
    # Every frame is in a fifth of the texts, so the baseline predicts "absent" (F1 0); "news" is in all
    # texts, predicted present (F1 1). Micro: of 80 positive labels (40 "news", 40 frames) it finds the
    # 40 "news" with no false positive: precision 1, recall 1/2, F1 2/3. Macro: 1/6.
    assert table["baseline_f1"].tolist() == pytest.approx([0, 0, 0, 0, 0, 1, 2 / 3, 1 / 6])
    assert table.loc["news", "f1"] == 1.0
    assert report.macro_f1 > report.baseline_macro_f1 + 0.4


@pytest.mark.parametrize("kwargs, message", [
    ({"cv": 1}, "cv must be a number of folds between 2 and the number of texts (40), got 1"),
    ({"penalty": "l1"}, "unknown FrameClassifier parameters ['penalty']"),
])
def test_evaluation_options_are_validated(kwargs, message):
    with pytest.raises(InputError, match=re.escape(message)):
        evaluate_classifier(TEXTS, LABELS, **kwargs)


def test_beats_the_majority_baseline_on_human_coded_articles(shared_data):
    table = pd.read_csv(shared_data / "narrative-frames-train" / "articles_metadata.tsv", sep="\t", dtype=str,
                        keep_default_na=False)
    frames = ["RE", "HI", "CO", "MO", "EC"]
    # Labels come as "True"/"False" strings; one upstream row is malformed ("False)") and is dropped.
    table = table[table[frames].isin(["True", "False"]).all(axis=1)]
    assert len(table) == 292
    labels = table[frames] == "True"
    # Words and the frame scores, 3 folds: a cheap configuration that keeps the test fast (the full one is
    # measured by benchmarks/validity_frames.py).
    report = evaluate_classifier(table["text"], labels, cv=3, seed=0, word_ngram_range=(1, 1), char_ngram_range=None,
                                 max_features=5000, dictionary_features=("frames",))
    assert report.baseline_macro_f1 == pytest.approx(0.157, abs=0.01)  # conflict only: F1 ~0.78 / 5
    assert report.macro_f1 > report.baseline_macro_f1 + 0.25
    assert report.micro_f1 > report.baseline_micro_f1
