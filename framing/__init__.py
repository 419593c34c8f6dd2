"""framing: measure the tone and framing of news media.

``load_corpus -> analyze -> compare / pairwise / over_time / distinctive_terms -> framing.plots``.
Public names are imported on first use, so ``import framing`` and the ``framing`` command start fast
and worker processes load only what they need.

Examples
--------
>>> import framing
>>> framing.tone("A calm and useful meeting.")["tone_mean"]
0.6369
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_corpus": "framing.corpus",
    "iter_corpus": "framing.corpus",
    "corpus_summary": "framing.corpus",
    "analyze": "framing.features.analyze",
    "DocumentAnalyzer": "framing.features.analyze",
    "sentence_tones": "framing.features.tone",
    "tone": "framing.features.tone",
    "suggest_actors": "framing.features.actors",
    "load_actors": "framing.features.actors",
    "find_phrases": "framing.phrases",
    "kwic": "framing.phrases",
    "load_lexicon": "framing.lexicons",
    "check_lexicon": "framing.lexicons",
    "Lexicon": "framing.lexicons",
    "load_valence_overrides": "framing.vader",
    "explain": "framing.explain",
    "Explanation": "framing.explain",
    "compare": "framing.compare",
    "pairwise": "framing.compare",
    "omnibus": "framing.compare",
    "over_time": "framing.compare",
    "match_events": "framing.events",
    "outlet_signal": "framing.signal",
    "distinctive_terms": "framing.keyness",
    "event_links": "framing.events",
    "adjust_pvalues": "framing.compare",
    "FrameClassifier": "framing.classify",
    "evaluate_classifier": "framing.classify",
    "ClassifierReport": "framing.classify",
    "FeatureExtractor": "framing.transformer",
    "segment": "framing.text",
    "FramingError": "framing.errors",
    "InputError": "framing.errors",
    "CorpusError": "framing.errors",
    "LexiconError": "framing.errors",
}

__all__ = ["__version__", *_EXPORTS]


# ``compare`` and ``explain`` name both a module and the function users call. Importing a submodule sets it
# as an attribute of the package, which would replace a lazily loaded function of the same name; importing
# these two now binds the functions once and for all.
from framing.compare import compare  # noqa: E402
from framing.explain import explain  # noqa: E402


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        if name in {"plots", "cli", "text", "lexicons", "features", "corpus", "compare", "keyness", "vader"}:
            return importlib.import_module(f"framing.{name}")
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
