"""A frame classifier users train on their own hand-coded sample, and its cross-validated evaluation.

:class:`FrameClassifier` combines TF-IDF word and character n-grams with the toolkit's dictionary
features (standardised) and fits one L2-regularised logistic regression per frame (one-vs-rest), with
balanced class weights so that rare frames are not ignored. It follows scikit-learn's conventions and
saves to a JSON file (no pickle): a classifier a user receives cannot run code when loaded.

:func:`evaluate_classifier` reports cross-validated precision, recall and F1 per frame, micro and macro,
next to a majority baseline computed on the same folds.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from framing import __version__
from framing.classify.transformer import FeatureExtractor, check_texts
from framing.corpus.output import atomic_path
from framing.errors import InputError

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "ClassifierReport", "FrameClassifier", "evaluate_classifier"]

#: The ``format`` field of a saved classifier file, and the newest version this code reads and writes.
FORMAT_NAME = "framing.FrameClassifier"
FORMAT_VERSION = 1

_TRUE = {"true", "1", "yes", "1.0"}
_FALSE = {"false", "0", "no", "0.0"}


def dictionary_columns(names: Sequence[str]) -> list[str]:
    """The extractor columns the classifier uses: frame scores, tone and rates, not raw counts.

    Raw counts (``src_quotes``, ``loaded_<category>``) grow with the length of a text; the rates
    (``*_per1k``, ``*_share``), ``frame_*`` (cues per 1,000 words) and ``tone_*`` do not.

    Examples
    --------
    >>> dictionary_columns(["n_words", "frame_conflict", "src_quotes", "src_quote_share", "hedge_per1k"])
    ['frame_conflict', 'src_quote_share', 'hedge_per1k']
    """
    return [name for name in names
            if name.startswith(("frame_", "tone_")) or name.endswith(("_per1k", "_share"))]


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Frames from text: TF-IDF word and character n-grams plus dictionary features, a linear model.

    Labels are either one label per text (a 1-D sequence: single-label, binary or multiclass) or one
    0/1 column per frame (a 2-D array or a DataFrame: multi-label, a text may carry several frames).
    Either way one binary logistic regression is fitted per class or frame (one-vs-rest); for
    single-label data the one-vs-rest probabilities are normalised to sum to 1, as scikit-learn's
    ``OneVsRestClassifier`` does.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of the logistic regressions (smaller = stronger).
    class_weight : "balanced", None or dict
        ``"balanced"`` weighs each binary problem by inverse class frequency (rare frames count as much
        as common ones); a dict ``{0: w_negative, 1: w_positive}`` applies to every binary problem.
    word_ngram_range : (int, int) or None
        Word n-gram lengths for the word TF-IDF block; None leaves the block out.
    char_ngram_range : (int, int) or None
        Character n-gram lengths (within word boundaries, ``char_wb``); None leaves the block out.
    use_dictionary : bool
        Add the toolkit's dictionary features (see :func:`dictionary_columns`), standardised.
    dictionary_weight : float
        Scale of the dictionary block. Each standardised column is multiplied by
        ``dictionary_weight / sqrt(n_columns)``, so that at 1.0 the block has about the same row norm as
        each (L2-normalised) TF-IDF block; larger values let the model lean more on the dictionaries.
    dictionary_features : sequence of str
        Feature families for the dictionary block (see :func:`framing.analyze`).
    max_features : int or None
        Largest vocabulary of each TF-IDF block (the most frequent n-grams are kept); keeps saved
        files small.
    min_df : int or float
        Minimum document frequency of an n-gram.
    solver : {"liblinear", "saga"}
        Logistic-regression solver.
    max_iter : int
        Iteration limit of the solver.
    engine : {"fast", "vader"}
        Tone engine of the dictionary features.
    random_state : int
        Seed of the solver's data shuffling (liblinear and saga use it).

    Attributes
    ----------
    classes_ : ndarray
        The labels (single-label) or the frames, i.e. the label columns (multi-label).
    multilabel_ : bool
        Whether the classifier was fitted on one 0/1 column per frame.
    estimators_ : list of LogisticRegression
        The binary models: one per frame or class (a single one for a binary single-label problem).
    word_vectorizer_, char_vectorizer_ : TfidfVectorizer or None
        The fitted TF-IDF blocks.
    dictionary_extractor_ : FeatureExtractor or None
        Computes the dictionary features; ``dictionary_columns_`` names the columns used.
    scaler_ : StandardScaler or None
        Standardises the dictionary columns.

    Examples
    --------
    >>> texts = ["Rivals clashed and attacked each other.", "The feud between the parties grew.",
    ...          "Prices and costs rose, hurting jobs.", "The budget deficit and taxes grew.",
    ...          "Rivals fought a bitter battle.", "Jobs were lost as costs soared."]
    >>> labels = ["conflict", "conflict", "economic", "economic", "conflict", "economic"]
    >>> model = FrameClassifier(use_dictionary=False).fit(texts, labels)
    >>> model.predict(["A bitter feud between rivals.", "Taxes and prices went up."]).tolist()
    ['conflict', 'economic']
    """

    def __init__(self, C: float = 1.0, *, class_weight: str | dict | None = "balanced",
                 word_ngram_range: tuple[int, int] | None = (1, 2),
                 char_ngram_range: tuple[int, int] | None = (3, 5), use_dictionary: bool = True,
                 dictionary_weight: float = 1.0,
                 dictionary_features: Sequence[str] = ("frames", "sourcing", "loaded", "tone"),
                 max_features: int | None = 20_000, min_df: int | float = 1, solver: str = "liblinear",
                 max_iter: int = 1000, engine: str = "fast", random_state: int | None = 0):
        self.C = C
        self.class_weight = class_weight
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.use_dictionary = use_dictionary
        self.dictionary_weight = dictionary_weight
        self.dictionary_features = dictionary_features
        self.max_features = max_features
        self.min_df = min_df
        self.solver = solver
        self.max_iter = max_iter
        self.engine = engine
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    # -- fitting ---------------------------------------------------------------------------------------

    def fit(self, X: Iterable[str], y) -> FrameClassifier:
        """Fit on texts ``X`` and labels ``y`` (1-D labels, or a 2-D 0/1 array / DataFrame of frames)."""
        texts = check_texts(X)
        target, classes, multilabel = encode_labels(y, n_texts=len(texts))
        return self._fit(texts, target, classes, multilabel)

    def _fit(self, texts: list[str], target: np.ndarray, classes: np.ndarray, multilabel: bool,
             dictionary: np.ndarray | None = None) -> FrameClassifier:
        """Fit on encoded targets; ``dictionary`` is the extractor's full matrix for ``texts`` when the
        caller has computed it already (cross-validation computes it once for all folds)."""
        self._check_params()
        self.classes_ = classes
        self.multilabel_ = multilabel
        self.word_vectorizer_ = self._vectorizer("word", self.word_ngram_range)
        self.char_vectorizer_ = self._vectorizer("char_wb", self.char_ngram_range)
        blocks = [vectorizer.fit_transform(texts)
                  for vectorizer in (self.word_vectorizer_, self.char_vectorizer_) if vectorizer is not None]
        self.dictionary_extractor_ = self.scaler_ = None
        self.dictionary_columns_ = np.asarray([], dtype=object)
        if self.use_dictionary:
            self.dictionary_extractor_ = FeatureExtractor(features=list(self.dictionary_features),
                                                          engine=self.engine).fit(texts)
            names = list(self.dictionary_extractor_.get_feature_names_out())
            self.dictionary_columns_ = np.asarray(dictionary_columns(names), dtype=object)
            if not len(self.dictionary_columns_):
                raise InputError(f"dictionary_features {list(self.dictionary_features)} give no frame, tone or rate "
                                 "columns; add 'frames', 'tone', 'sourcing' or 'loaded', or set use_dictionary=False")
            if dictionary is None:
                dictionary = self.dictionary_extractor_.transform(texts)
            self.scaler_ = StandardScaler().fit(dictionary[:, self._dictionary_index()])
            blocks.append(self._dictionary_block(dictionary))
        matrix = sp.hstack(blocks, format="csr")
        self.estimators_ = []
        for column, name in self._binary_problems(target):
            self.estimators_.append(self._fit_binary(matrix, column, name))
        return self

    def _check_params(self) -> None:
        if self.word_ngram_range is None and self.char_ngram_range is None and not self.use_dictionary:
            raise InputError("the classifier has no features: set word_ngram_range, char_ngram_range or "
                             "use_dictionary=True")
        if self.solver not in ("liblinear", "saga"):
            raise InputError(f"solver must be 'liblinear' or 'saga', got {self.solver!r}")
        if not (isinstance(self.class_weight, dict) or self.class_weight in ("balanced", None)):
            raise InputError(f"class_weight must be 'balanced', None or a dict {{0: w, 1: w}}, got "
                             f"{self.class_weight!r}")

    def _vectorizer(self, analyzer: str, ngram_range: tuple[int, int] | None) -> TfidfVectorizer | None:
        if ngram_range is None:
            return None
        # Sublinear tf: a word repeated 20 times in a long article is not 20 times the evidence.
        return TfidfVectorizer(analyzer=analyzer, ngram_range=tuple(ngram_range), max_features=self.max_features,
                               min_df=self.min_df, sublinear_tf=True, dtype=np.float64)

    def _dictionary_index(self) -> list[int]:
        names = list(self.dictionary_extractor_.get_feature_names_out())
        return [names.index(name) for name in self.dictionary_columns_]

    def _dictionary_block(self, dictionary: np.ndarray) -> sp.csr_matrix:
        # Unscaled, 50 unit-variance columns would outweigh the TF-IDF rows (norm 1) and slow the solver
        # tenfold; dividing by sqrt(n_columns) gives the block a row norm of about 1 too.
        standardised = self.scaler_.transform(dictionary[:, self._dictionary_index()])
        return sp.csr_matrix(standardised * (self.dictionary_weight / np.sqrt(len(self.dictionary_columns_))))

    def _binary_problems(self, target: np.ndarray) -> Iterable[tuple[np.ndarray, str]]:
        if self.multilabel_:
            for index, frame in enumerate(self.classes_):
                yield target[:, index], str(frame)
        elif len(self.classes_) == 2:
            yield (target == 1).astype(np.int64), str(self.classes_[1])
        else:
            for index, label in enumerate(self.classes_):
                yield (target == index).astype(np.int64), str(label)

    def _logistic(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver=self.solver,
                                  max_iter=self.max_iter, random_state=self.random_state)

    def _fit_binary(self, matrix: sp.csr_matrix, column: np.ndarray, name: str) -> LogisticRegression:
        if np.unique(column).size < 2:
            # A frame absent (or present) in every training text cannot be learned: predict it constant.
            value = int(column[0])
            warnings.warn(f"frame {name!r} is {'present' if value else 'absent'} in every training text; it is "
                          f"predicted as always {value}", UserWarning, stacklevel=4)  # the caller of fit()
            return _constant_model(value, matrix.shape[1], self._logistic())
        return self._logistic().fit(matrix, column)

    # -- prediction ------------------------------------------------------------------------------------

    def _features(self, texts: list[str], dictionary: np.ndarray | None = None) -> sp.csr_matrix:
        blocks = [vectorizer.transform(texts)
                  for vectorizer in (self.word_vectorizer_, self.char_vectorizer_) if vectorizer is not None]
        if self.dictionary_extractor_ is not None:
            if dictionary is None:
                dictionary = self.dictionary_extractor_.transform(texts)
            blocks.append(self._dictionary_block(dictionary))
        return sp.hstack(blocks, format="csr")

    def _binary_scores(self, texts: list[str], dictionary: np.ndarray | None = None) -> np.ndarray:
        matrix = self._features(texts, dictionary)
        return np.column_stack([model.decision_function(matrix) for model in self.estimators_])

    def _binary_probabilities(self, texts: list[str], dictionary: np.ndarray | None = None) -> np.ndarray:
        matrix = self._features(texts, dictionary)
        return np.column_stack([model.predict_proba(matrix)[:, 1] for model in self.estimators_])

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        """Log-odds: shape ``(n,)`` for a binary single-label model, else ``(n, len(classes_))``."""
        check_is_fitted(self, "estimators_")
        scores = self._binary_scores(check_texts(X))
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probabilities, shape ``(n, len(classes_))``.

        Single-label: of each class (rows sum to 1). Multi-label: that each frame is present
        (independently; rows need not sum to 1).
        """
        check_is_fitted(self, "estimators_")
        return self._proba_from_binary(self._binary_probabilities(check_texts(X)))

    def _proba_from_binary(self, positive: np.ndarray) -> np.ndarray:
        if self.multilabel_:
            return positive
        if len(self.classes_) == 2:
            return np.column_stack([1.0 - positive[:, 0], positive[:, 0]])
        total = positive.sum(axis=1, keepdims=True)
        total[total == 0] = 1.0
        return positive / total

    def predict(self, X: Iterable[str]) -> np.ndarray:
        """Labels (single-label, shape ``(n,)``) or a 0/1 indicator matrix ``(n, len(classes_))``."""
        check_is_fitted(self, "estimators_")
        encoded = self._encoded_prediction(self._binary_scores(check_texts(X)))
        return encoded if self.multilabel_ else self.classes_[encoded]

    def _encoded_prediction(self, scores: np.ndarray) -> np.ndarray:
        """Class indices (single-label) or a 0/1 matrix (multi-label), as :func:`encode_labels` encodes."""
        if self.multilabel_:
            return (scores > 0).astype(np.int64)
        if len(self.classes_) == 2:
            return (scores[:, 0] > 0).astype(np.int64)
        return np.argmax(scores, axis=1).astype(np.int64)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the model's input columns: ``word__<n-gram>``, ``char__<n-gram>``, ``dict__<feature>``."""
        check_is_fitted(self, "estimators_")
        names: list[str] = []
        for prefix, vectorizer in (("word__", self.word_vectorizer_), ("char__", self.char_vectorizer_)):
            if vectorizer is not None:
                names += [prefix + term for term in vectorizer.get_feature_names_out()]
        names += ["dict__" + str(name) for name in self.dictionary_columns_]
        return np.asarray(names, dtype=object)

    @property
    def coef_(self) -> np.ndarray:
        """Coefficients, one row per binary model, columns as :meth:`get_feature_names_out`."""
        check_is_fitted(self, "estimators_")
        return np.vstack([model.coef_ for model in self.estimators_])

    # -- saving ----------------------------------------------------------------------------------------

    def save(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the fitted classifier to a JSON file (no pickle), atomically.

        The file holds a format name and version, the parameters, the vocabularies and idf weights,
        the scaler, the coefficients and a SHA-256 checksum of all of it; :meth:`load` checks each.
        An existing file is replaced only with ``force=True``.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> texts = ["Rivals clashed.", "Prices rose.", "A bitter feud.", "Costs soared."]
        >>> model = FrameClassifier(use_dictionary=False).fit(texts, ["c", "e", "c", "e"])
        >>> path = model.save(pathlib.Path(tempfile.mkdtemp()) / "frames.json")
        >>> bool((FrameClassifier.load(path).predict_proba(texts) == model.predict_proba(texts)).all())
        True
        """

        check_is_fitted(self, "estimators_")
        payload = self._payload()
        document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "sha256": _checksum(payload),
                    "payload": payload}
        text = json.dumps(document, ensure_ascii=True, allow_nan=False)
        with atomic_path(path, force=force) as tmp:
            tmp.write_text(text, encoding="utf-8")
        return Path(path)

    def _payload(self) -> dict[str, Any]:
        import sklearn

        classes = self.classes_.tolist()
        if not all(isinstance(label, (str, int, float, bool)) for label in classes):
            raise InputError("only classifiers whose labels or frame names are str, int or bool can be saved")
        return {
            "params": _json_params(self.get_params()),
            "classes": classes,
            "multilabel": bool(self.multilabel_),
            "word": _vectorizer_state(self.word_vectorizer_),
            "char": _vectorizer_state(self.char_vectorizer_),
            "dictionary": None if self.scaler_ is None else {
                "extractor_columns": [str(name) for name in self.dictionary_extractor_.get_feature_names_out()],
                "columns": [str(name) for name in self.dictionary_columns_],
                "mean": _encode_array(self.scaler_.mean_),
                "scale": _encode_array(self.scaler_.scale_),
                "var": _encode_array(self.scaler_.var_),
                "n_samples_seen": int(self.scaler_.n_samples_seen_),
            },
            "coef": _encode_array(self.coef_),
            "intercept": _encode_array(np.concatenate([model.intercept_ for model in self.estimators_])),
            "written_by": {"framing": __version__, "scikit-learn": sklearn.__version__},
        }

    @classmethod
    def load(cls, path: str | Path) -> FrameClassifier:
        """Read a classifier written by :meth:`save`, checking format, version, checksum and shapes.

        Raises :class:`framing.errors.InputError` naming the file when it is not a classifier file, was
        written by a newer format version, was modified or damaged, or does not fit this installation's
        dictionary features.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError("no such classifier file", path=path) from None
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"not a framing classifier file (not JSON, or truncated: {error})", path=path) from None
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            found = document.get("format") if isinstance(document, dict) else type(document).__name__
            raise InputError(f"not a framing classifier file (format {found!r}, expected {FORMAT_NAME!r})", path=path)
        version = document.get("version")
        if version != FORMAT_VERSION:
            raise InputError(f"classifier file format version {version!r} is not supported (this framing reads "
                             f"version {FORMAT_VERSION}); use the framing version that wrote it, or re-train",
                             path=path)
        payload = document.get("payload")
        if not isinstance(payload, dict) or document.get("sha256") != _checksum(payload):
            raise InputError("checksum mismatch; the file was modified or damaged", path=path)
        try:
            return cls._from_payload(payload)
        except (AttributeError, KeyError, TypeError, ValueError, binascii.Error) as error:
            if isinstance(error, InputError):
                raise InputError(error.reason, path=path) from None
            raise InputError(f"inconsistent classifier file ({type(error).__name__}: {error}); it was not "
                             "written by FrameClassifier.save: get a new copy or re-train", path=path) from None

    @classmethod
    def _from_payload(cls, payload: dict[str, Any]) -> FrameClassifier:
        params = payload["params"]
        for name in ("word_ngram_range", "char_ngram_range", "dictionary_features"):
            if params.get(name) is not None:
                params[name] = tuple(params[name])
        if isinstance(params.get("class_weight"), dict):
            params["class_weight"] = {int(key): weight for key, weight in params["class_weight"].items()}
        model = cls(**params)
        model._check_params()
        model.classes_ = np.asarray(payload["classes"])
        model.multilabel_ = bool(payload["multilabel"])
        model.word_vectorizer_ = _restore_vectorizer(model._vectorizer("word", model.word_ngram_range),
                                                     payload["word"])
        model.char_vectorizer_ = _restore_vectorizer(model._vectorizer("char_wb", model.char_ngram_range),
                                                     payload["char"])
        model.dictionary_extractor_ = model.scaler_ = None
        model.dictionary_columns_ = np.asarray([], dtype=object)
        if model.use_dictionary:
            model._restore_dictionary(payload["dictionary"])
        n_features = sum(len(vectorizer.vocabulary_) for vectorizer in (model.word_vectorizer_,
                                                                        model.char_vectorizer_)
                         if vectorizer is not None) + len(model.dictionary_columns_)
        coef, intercept = _decode_array(payload["coef"]), _decode_array(payload["intercept"])
        n_models = len(model.classes_) if model.multilabel_ or len(model.classes_) > 2 else 1
        if coef.shape != (n_models, n_features) or intercept.shape != (n_models,):
            raise ValueError(f"coefficients of shape {coef.shape} and intercepts of shape {intercept.shape} do "
                             f"not match {n_models} models over {n_features} features")
        model.estimators_ = [_linear_model(coef[row], intercept[row], model._logistic()) for row in range(n_models)]
        return model

    def _restore_dictionary(self, state: dict[str, Any]) -> None:
        self.dictionary_extractor_ = FeatureExtractor(features=list(self.dictionary_features),
                                                      engine=self.engine).fit([])
        current = [str(name) for name in self.dictionary_extractor_.get_feature_names_out()]
        if current != state["extractor_columns"]:
            raise InputError("the classifier was trained with other dictionary features than this installation "
                             f"computes ({len(state['extractor_columns'])} columns saved, {len(current)} now); "
                             "re-train it with this version of framing")
        self.dictionary_columns_ = np.asarray(state["columns"], dtype=object)
        if list(self.dictionary_columns_) != dictionary_columns(current):
            raise ValueError("the saved dictionary columns are not the rate columns of the saved features")
        scaler = StandardScaler()
        scaler.mean_, scaler.scale_ = _decode_array(state["mean"]), _decode_array(state["scale"])
        scaler.var_ = _decode_array(state["var"])
        scaler.n_samples_seen_ = int(state["n_samples_seen"])
        scaler.n_features_in_ = len(self.dictionary_columns_)
        if not (scaler.mean_.shape == scaler.scale_.shape == scaler.var_.shape == (scaler.n_features_in_,)):
            raise ValueError("scaler arrays do not match the dictionary columns")
        self.scaler_ = scaler


# -- labels ---------------------------------------------------------------------------------------------

def encode_labels(labels, *, n_texts: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """Labels as ``(target, classes, multilabel)``: class indices (1-D) or a 0/1 int matrix (2-D).

    Examples
    --------
    >>> target, classes, multilabel = encode_labels(["b", "a", "b"], n_texts=3)
    >>> target.tolist(), classes.tolist(), multilabel
    ([1, 0, 1], ['a', 'b'], False)
    >>> import pandas as pd
    >>> target, classes, multilabel = encode_labels(pd.DataFrame({"CO": ["True", "False"], "EC": [0, 1]}),
    ...                                             n_texts=2)
    >>> target.tolist(), classes.tolist(), multilabel
    ([[1, 0], [0, 1]], ['CO', 'EC'], True)
    """
    if hasattr(labels, "columns"):
        classes = np.asarray([str(name) if not isinstance(name, (int, bool)) else name for name in labels.columns])
        columns = [labels.iloc[:, index].tolist() for index in range(labels.shape[1])]
        return _indicator(columns, classes, n_texts), classes, True
    if isinstance(labels, str):
        raise InputError("labels must be one label per text (a list or Series), or a 0/1 column per frame; "
                         "got a single string")
    values = np.asarray(labels.tolist() if hasattr(labels, "tolist") else list(labels), dtype=object)
    if values.ndim == 2:
        classes = np.arange(values.shape[1])
        return _indicator([values[:, index].tolist() for index in range(values.shape[1])], classes, n_texts), \
            classes, True
    if values.ndim != 1:
        raise InputError(f"labels must be 1-D (one label per text) or 2-D (one 0/1 column per frame), got "
                         f"shape {values.shape}")
    if len(values) != n_texts:
        raise InputError(f"got {n_texts} texts but {len(values)} labels; give one label per text")
    missing = [index for index, value in enumerate(values) if value is None or value != value]
    if missing:
        raise InputError(f"labels are missing for documents {missing[:5]}; drop those texts or label them")
    classes, target = np.unique(np.asarray(values.tolist()), return_inverse=True)
    if len(classes) < 2:
        raise InputError(f"the labels have a single class {classes.tolist()}; a classifier needs at least two")
    return target.astype(np.int64), classes, False


def _indicator(columns: list[list], classes: np.ndarray, n_texts: int) -> np.ndarray:
    if not columns:
        raise InputError("the label table has no columns; give one 0/1 column per frame")
    matrix = np.empty((n_texts, len(columns)), dtype=np.int64)
    for index, (name, column) in enumerate(zip(classes.tolist(), columns)):
        if len(column) != n_texts:
            raise InputError(f"got {n_texts} texts but {len(column)} label rows; give one row per text")
        matrix[:, index] = [_as_flag(value, name) for value in column]
    return matrix


def _as_flag(value, frame) -> int:
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
        return int(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return int(value.strip().lower() in _TRUE)
    raise InputError(f"label column {frame!r} has a value that is not 0/1 or True/False: {value!r}; clean the "
                     "label table (e.g. map every value to True or False) first")


# -- the safe file format ----------------------------------------------------------------------------

def _checksum(payload: dict[str, Any]) -> str:
    """SHA-256 of the payload's canonical JSON (sorted keys, no spaces, ASCII); NaN never occurs in a saved
    payload, so a payload holding one gets a checksum no file can match."""
    try:
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    except ValueError:
        return "invalid: not finite JSON"
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _encode_array(array: np.ndarray) -> dict[str, Any]:
    # Raw little-endian float64 bytes keep every bit (so a reloaded model predicts identically) and are
    # three times smaller than decimal text; numpy reads them back without pickle.
    array = np.ascontiguousarray(array, dtype="<f8")
    return {"dtype": "<f8", "shape": list(array.shape), "base64": base64.b64encode(array.tobytes()).decode("ascii")}


def _decode_array(state: dict[str, Any]) -> np.ndarray:
    if state.get("dtype") != "<f8":
        raise ValueError(f"unsupported array dtype {state.get('dtype')!r}")
    shape = tuple(int(size) for size in state["shape"])
    data = base64.b64decode(state["base64"], validate=True)
    array = np.frombuffer(data, dtype="<f8")
    if array.size != int(np.prod(shape)):
        raise ValueError(f"array of {array.size} values does not have shape {shape}")
    return array.reshape(shape).astype(np.float64)


def _json_params(params: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in params.items():
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, dict):  # class_weight {0: w, 1: w}; JSON keys are strings
            value = {str(int(key)): float(weight) for key, weight in value.items()}
        out[name] = value
    return out


def _vectorizer_state(vectorizer: TfidfVectorizer | None) -> dict[str, Any] | None:
    if vectorizer is None:
        return None
    terms = [str(term) for term in vectorizer.get_feature_names_out()]
    return {"vocabulary": terms, "idf": _encode_array(vectorizer.idf_)}


def _restore_vectorizer(vectorizer: TfidfVectorizer | None, state: dict[str, Any] | None) -> TfidfVectorizer | None:
    if (vectorizer is None) != (state is None):
        raise ValueError("the saved n-gram blocks do not match the saved parameters")
    if vectorizer is None:
        return None
    terms = state["vocabulary"]
    vectorizer.vocabulary_ = {term: index for index, term in enumerate(terms)}
    if len(vectorizer.vocabulary_) != len(terms):
        raise ValueError("the saved vocabulary repeats a term")
    idf = _decode_array(state["idf"])
    if idf.shape != (len(terms),):
        raise ValueError(f"{idf.shape[0]} idf weights for {len(terms)} terms")
    vectorizer.idf_ = idf
    return vectorizer


def _linear_model(coef: np.ndarray, intercept: float, model: LogisticRegression) -> LogisticRegression:
    """A fitted binary logistic regression rebuilt from its coefficients (what prediction reads)."""
    model.classes_ = np.array([0, 1])
    model.coef_ = coef.reshape(1, -1).copy()
    model.intercept_ = np.array([intercept], dtype=np.float64)
    model.n_features_in_ = coef.size
    model.n_iter_ = np.array([0], dtype=np.int32)
    return model


def _constant_model(value: int, n_features: int, model: LogisticRegression) -> LogisticRegression:
    return _linear_model(np.zeros(n_features), np.inf if value else -np.inf, model)


# -- evaluation -----------------------------------------------------------------------------------------

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
