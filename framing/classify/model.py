"""A frame classifier users train on their own hand-coded sample.

:class:`FrameClassifier` combines TF-IDF word and character n-grams with the toolkit's dictionary
features (standardised) and fits one L2-regularised logistic regression per frame (one-vs-rest), with
balanced class weights so that rare frames are not ignored. It follows scikit-learn's conventions and
saves to a JSON file (no pickle): a classifier a user receives cannot run code when loaded.

Its file format is in :mod:`framing.classify.fileformat`, label encoding in :mod:`framing.classify.labels`
and the cross-validated evaluation in :mod:`framing.classify.evaluation`.
"""

from __future__ import annotations

import binascii
import warnings
from collections.abc import Iterable, Sequence
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
from framing.classify.fileformat import (
    decode_array,
    encode_array,
    json_params,
    read_payload,
    restore_vectorizer,
    vectorizer_state,
    write_document,
)
from framing.classify.labels import encode_labels
from framing.classify.transformer import FeatureExtractor, check_texts
from framing.errors import InputError

__all__ = ["FrameClassifier", "dictionary_columns"]

#: The ``format`` field of a saved classifier file, and the newest version this code reads and writes.
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
        return write_document(self._payload(), path, force=force)

    def _payload(self) -> dict[str, Any]:
        import sklearn

        classes = self.classes_.tolist()
        if not all(isinstance(label, (str, int, float, bool)) for label in classes):
            raise InputError("only classifiers whose labels or frame names are str, int or bool can be saved")
        return {
            "params": json_params(self.get_params()),
            "classes": classes,
            "multilabel": bool(self.multilabel_),
            "word": vectorizer_state(self.word_vectorizer_),
            "char": vectorizer_state(self.char_vectorizer_),
            "dictionary": None if self.scaler_ is None else {
                "extractor_columns": [str(name) for name in self.dictionary_extractor_.get_feature_names_out()],
                "columns": [str(name) for name in self.dictionary_columns_],
                "mean": encode_array(self.scaler_.mean_),
                "scale": encode_array(self.scaler_.scale_),
                "var": encode_array(self.scaler_.var_),
                "n_samples_seen": int(self.scaler_.n_samples_seen_),
            },
            "coef": encode_array(self.coef_),
            "intercept": encode_array(np.concatenate([model.intercept_ for model in self.estimators_])),
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
        payload = read_payload(path)
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
        model.word_vectorizer_ = restore_vectorizer(model._vectorizer("word", model.word_ngram_range),
                                                     payload["word"])
        model.char_vectorizer_ = restore_vectorizer(model._vectorizer("char_wb", model.char_ngram_range),
                                                     payload["char"])
        model.dictionary_extractor_ = model.scaler_ = None
        model.dictionary_columns_ = np.asarray([], dtype=object)
        if model.use_dictionary:
            model._restore_dictionary(payload["dictionary"])
        n_features = sum(len(vectorizer.vocabulary_) for vectorizer in (model.word_vectorizer_,
                                                                        model.char_vectorizer_)
                         if vectorizer is not None) + len(model.dictionary_columns_)
        coef, intercept = decode_array(payload["coef"]), decode_array(payload["intercept"])
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
        scaler.mean_, scaler.scale_ = decode_array(state["mean"]), decode_array(state["scale"])
        scaler.var_ = decode_array(state["var"])
        scaler.n_samples_seen_ = int(state["n_samples_seen"])
        scaler.n_features_in_ = len(self.dictionary_columns_)
        if not (scaler.mean_.shape == scaler.scale_.shape == scaler.var_.shape == (scaler.n_features_in_,)):
            raise ValueError("scaler arrays do not match the dictionary columns")
        self.scaler_ = scaler


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


