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
    "load_corpus": "framing.corpus.load",
    "iter_corpus": "framing.corpus.load",
    "corpus_summary": "framing.corpus.load",
    "analyze": "framing.pipeline",
    "DocumentAnalyzer": "framing.features.analyze",
    "sentence_tones": "framing.features.tone",
    "tone": "framing.features.tone",
    "suggest_actors": "framing.features.actors",
    "load_actors": "framing.features.actors",
    "find_phrases": "framing.features.phrases",
    "kwic": "framing.features.phrases",
    "load_lexicon": "framing.text.lexicons",
    "check_lexicon": "framing.text.lexicons",
    "Lexicon": "framing.text.lexicons",
    "load_valence_overrides": "framing.features.vader",
    "explain": "framing.features.explain",
    "Explanation": "framing.features.explain",
    "compare": "framing.stats.compare",
    "pairwise": "framing.stats.compare",
    "omnibus": "framing.stats.compare",
    "over_time": "framing.stats.compare",
    "match_events": "framing.stats.events",
    "outlet_signal": "framing.stats.outlet_signal",
    "distinctive_terms": "framing.stats.keyness",
    "event_links": "framing.stats.events",
    "adjust_pvalues": "framing.stats.compare",
    "FrameClassifier": "framing.classify.model",
    "evaluate_classifier": "framing.classify.evaluation",
    "ClassifierReport": "framing.classify.evaluation",
    "FeatureExtractor": "framing.classify.transformer",
    "segment": "framing.text.segment",
    "FramingError": "framing.errors",
    "InputError": "framing.errors",
    "CorpusError": "framing.errors",
    "LexiconError": "framing.errors",
}

# Subpackages reachable as attributes (``framing.plots.tone_by_outlet``); none shares a name with a public function.
_SUBPACKAGES = {"corpus", "text", "features", "scale", "stats", "classify", "plots", "report", "cli", "pipeline", "schema"}

__all__ = ["__version__", *_EXPORTS]



def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        if name in _SUBPACKAGES:
            return importlib.import_module(f"framing.{name}")
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
