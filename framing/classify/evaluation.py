"""Cross-validated evaluation of a :class:`~framing.classify.model.FrameClassifier`: precision, recall and F1
per frame, micro and macro, next to a majority baseline computed on the same folds."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from framing.classify.labels import encode_labels
from framing.classify.model import FrameClassifier
from framing.classify.transformer import FeatureExtractor, check_texts
from framing.errors import InputError

__all__ = ["ClassifierReport", "evaluate_classifier"]


@dataclass(frozen=True)
class ClassifierReport:
    """Cross-validated scores of a :class:`FrameClassifier` and of a majority baseline on the same folds.

    ``table`` has one row per frame (or class), then ``micro avg`` and ``macro avg``; columns
    ``support`` (texts with the frame), ``precision``, ``recall``, ``f1`` and the same three for the
    baseline (``baseline_precision`` ...). Scores pool the out-of-fold predictions of every text.
    """

    table: Any
    n_documents: int
    cv: int
    seed: int
    multilabel: bool
    fold_macro_f1: tuple[float, ...] = field(default=())
    baseline_fold_macro_f1: tuple[float, ...] = field(default=())

    @property
    def micro_f1(self) -> float:
        return float(self.table.loc["micro avg", "f1"])

    @property
    def macro_f1(self) -> float:
        return float(self.table.loc["macro avg", "f1"])

    @property
    def baseline_micro_f1(self) -> float:
        return float(self.table.loc["micro avg", "baseline_f1"])

    @property
    def baseline_macro_f1(self) -> float:
        return float(self.table.loc["macro avg", "baseline_f1"])

    def to_frame(self):
        """The table (a copy)."""
        return self.table.copy()

    def __str__(self) -> str:
        kind = "multi-label" if self.multilabel else "single-label"
        return (f"{self.cv}-fold cross-validation ({kind}, {self.n_documents} texts, seed {self.seed}): macro F1 "
                f"{self.macro_f1:.3f} (majority baseline {self.baseline_macro_f1:.3f}), micro F1 "
                f"{self.micro_f1:.3f} (baseline {self.baseline_micro_f1:.3f})\n{self.table.round(3).to_string()}")


def evaluate_classifier(texts: Iterable[str], labels, *, cv: int = 5, seed: int = 0,
                        **classifier_params) -> ClassifierReport:
    """Cross-validated precision, recall and F1 of a :class:`FrameClassifier`, against a majority baseline.

    Folds are stratified by label for single-label data (``StratifiedKFold``) and shuffled ``KFold`` for
    multi-label data (scikit-learn has no multi-label stratification; with rare frames use fewer folds so
    that every training fold holds some positives). The baseline is fitted on each training fold: it
    predicts the most frequent class (single-label) or each frame's majority value (multi-label).
    Precision, recall and F1 pool the out-of-fold predictions of all texts; ``fold_macro_f1`` keeps
    each fold's macro F1 to show the spread. The dictionary features are computed once for all texts
    (they do not depend on the training fold; their standardisation does and is fitted per fold).

    Parameters
    ----------
    texts : sequence of str
    labels : 1-D labels, or a 2-D 0/1 array / DataFrame with one column per frame
    cv : int
        Number of folds.
    seed : int
        Seed of the fold shuffling; the same seed gives the same report.
    **classifier_params
        Passed to :class:`FrameClassifier` (e.g. ``C=0.5, use_dictionary=False``).

    Examples
    --------
    >>> texts = ["Rivals clashed.", "A bitter feud.", "Rivals fought.", "The rivals attacked.",
    ...          "Prices rose.", "Costs soared.", "Taxes went up.", "Jobs and prices fell."]
    >>> labels = ["conflict"] * 4 + ["economic"] * 4
    >>> report = evaluate_classifier(texts, labels, cv=2, use_dictionary=False, char_ngram_range=None)
    >>> report.table.index.tolist()
    ['conflict', 'economic', 'micro avg', 'macro avg']
    >>> report.baseline_macro_f1
    0.3333333333333333
    """
    import pandas as pd
    from sklearn.model_selection import KFold, StratifiedKFold

    documents = check_texts(texts)
    target, classes, multilabel = encode_labels(labels, n_texts=len(documents))
    if not isinstance(cv, int) or not 2 <= cv <= len(documents):
        raise InputError(f"cv must be a number of folds between 2 and the number of texts ({len(documents)}), "
                         f"got {cv!r}")
    classifier = FrameClassifier(**_checked_params(classifier_params))
    dictionary = None
    if classifier.use_dictionary:
        dictionary = FeatureExtractor(features=list(classifier.dictionary_features),
                                      engine=classifier.engine).fit(documents).transform(documents)
    splitter = (KFold(cv, shuffle=True, random_state=seed) if multilabel
                else StratifiedKFold(cv, shuffle=True, random_state=seed))
    predicted = np.empty_like(target)
    baseline = np.empty_like(target)
    fold_scores, baseline_scores = [], []
    for train, test in splitter.split(np.zeros(len(documents)), target if not multilabel else None):
        model = FrameClassifier(**classifier.get_params())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a frame constant in one training fold
            model._fit([documents[i] for i in train], target[train], classes, multilabel,
                       None if dictionary is None else dictionary[train])
        scores = model._binary_scores([documents[i] for i in test], None if dictionary is None else dictionary[test])
        predicted[test] = model._encoded_prediction(scores)
        baseline[test] = _majority(target[train], multilabel)
        fold_scores.append(_macro_f1(target[test], predicted[test], classes, multilabel))
        baseline_scores.append(_macro_f1(target[test], baseline[test], classes, multilabel))
    table = pd.concat([_score_table(target, predicted, classes, multilabel),
                       _score_table(target, baseline, classes, multilabel).drop(columns="support")
                       .add_prefix("baseline_")], axis=1)
    table.index.name = "frame"
    return ClassifierReport(table=table, n_documents=len(documents), cv=cv, seed=seed, multilabel=multilabel,
                            fold_macro_f1=tuple(fold_scores), baseline_fold_macro_f1=tuple(baseline_scores))


def _checked_params(params: dict[str, Any]) -> dict[str, Any]:
    valid = FrameClassifier().get_params()
    unknown = sorted(set(params) - set(valid))
    if unknown:
        raise InputError(f"unknown FrameClassifier parameters {unknown}; choose from {sorted(valid)}")
    return params


def _majority(train: np.ndarray, multilabel: bool) -> np.ndarray:
    if multilabel:
        # Ties (exactly half positive) go to "absent", the usual reading of a frame.
        return (train.mean(axis=0) > 0.5).astype(np.int64)
    return np.bincount(train).argmax()


def _macro_f1(truth: np.ndarray, predicted: np.ndarray, classes: np.ndarray, multilabel: bool) -> float:
    from sklearn.metrics import f1_score

    labels = None if multilabel else list(range(len(classes)))
    return float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0))


def _score_table(truth: np.ndarray, predicted: np.ndarray, classes: np.ndarray, multilabel: bool):
    import pandas as pd
    from sklearn.metrics import precision_recall_fscore_support

    labels = None if multilabel else list(range(len(classes)))
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels,
                                                                     zero_division=0)
    rows = {str(name): (int(support[i]), precision[i], recall[i], f1[i]) for i, name in enumerate(classes.tolist())}
    for average in ("micro", "macro"):
        p, r, f, _ = precision_recall_fscore_support(truth, predicted, labels=labels, average=average,
                                                     zero_division=0)
        rows[f"{average} avg"] = (int(support.sum()), p, r, f)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["support", "precision", "recall", "f1"])
