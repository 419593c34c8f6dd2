"""VADER's sentence-level rules: the weights, the "but" rule, punctuation emphasis and the final scores."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from typing import Any

MAX_VALENCE = 4.0


# Weights that VADER writes inline in its methods (not as module constants, so not importable).
_SECOND_WORD_DAMPING = 0.95  # a booster two words before the sentiment word counts 95 %


_THIRD_WORD_DAMPING = 0.9  # ... three words before: 90 %


_NEVER_SO_BOOST = 1.25  # "never so good", "never this good"


_BEFORE_BUT = 0.5  # sentiment before "but" counts half ...


_AFTER_BUT = 1.5  # ... and after it one and a half


_EXCLAMATION_WEIGHT = 0.292  # per "!", at most four


_MAX_EXCLAMATIONS = 4


_QUESTION_WEIGHT = 0.18  # per "?" when there are two or three


_MANY_QUESTIONS = 0.96  # four or more "?"


_NORMALIZE_ALPHA = 15  # compound = s / sqrt(s² + alpha)


def _apply_but_rule(positions: list[int], values: list[float], but_position: int) -> list[bool]:
    """Scale valences before "but" by 0.5 and after it by 1.5, in place, with VADER's quirk.

    VADER walks its list of valences and, for each value, rescales the *first* element equal to it
    (``list.index``), which need not be the element at hand. Elements never change before their own turn
    comes (``list.index`` only looks back), so it is enough to remember, per value, which earlier
    positions hold it; zeros can be skipped since a scaled zero is still zero. Returns, per value, whether
    it was rescaled.
    """
    holders: dict[float, list[int]] = {}  # value -> heap of indices (into `values`) already visited
    scaled = [False] * len(values)
    for k, value in enumerate(values):
        if value == 0:
            continue
        heap = holders.get(value)
        target = heap[0] if heap else k
        where = positions[target]
        if where == but_position:
            new_value = None
        else:
            new_value = value * (_BEFORE_BUT if where < but_position else _AFTER_BUT)
        if new_value is not None:
            if target != k:
                heapq.heappop(heap)
            values[target] = new_value
            scaled[target] = True
            heapq.heappush(holders.setdefault(new_value, []), target)
        if target != k or new_value is None:
            heapq.heappush(holders.setdefault(value, []), k)
    return scaled


def _punctuation_emphasis(text: str) -> float:
    """Emphasis from "!" (0.292 each, at most four) and "?" (0.18 each for two or three, 0.96 for more)."""
    exclamations = text.count("!")
    if exclamations > _MAX_EXCLAMATIONS:
        exclamations = _MAX_EXCLAMATIONS
    questions = text.count("?")
    question_emphasis = 0
    if questions > 1:
        question_emphasis = questions * _QUESTION_WEIGHT if questions <= 3 else _MANY_QUESTIONS
    return exclamations * _EXCLAMATION_WEIGHT + question_emphasis


def _compounds_one_by_one(scorer: Any, text: str, spans: Sequence[tuple[int, int]]
                          ) -> tuple[list[float], float]:
    """The compounds of :meth:`VaderScorer.compounds`, each span and the whole text scored on its own."""
    return [scorer.scores(text[a:b])[3] for a, b in spans], scorer.scores(text)[3]


def _final_compound(values: list[float], text: str) -> float:
    """The compound alone, computed as in :func:`_final_scores` (tone needs only it, sentence by sentence)."""
    total = float(sum(values))
    if total == 0:
        return 0.0
    emphasis = _punctuation_emphasis(text) if "!" in text or "?" in text else 0.0
    total = total + emphasis if total > 0 else total - emphasis
    compound = total / math.sqrt((total * total) + _NORMALIZE_ALPHA)
    return round(min(1.0, max(-1.0, compound)), 4)


def _final_scores(values: list[float], n_tokens: int, text: str) -> tuple[float, float, float, float]:
    """(neg, neu, pos, compound) from the valences of the sentiment words, as VADER's ``score_valence``.

    ``values`` are the sentiment words' valences in token order; all other tokens count as neutral zeros
    (adding zeros changes neither VADER's sum nor its positive and negative sums).
    """
    pos_sum = 0.0
    neg_sum = 0.0
    n_polar = 0
    for value in values:
        # VADER adds float(value) + 1; value + 1 is the same number (values are floats or small ints).
        if value > 0:
            pos_sum += value + 1  # +1 compensates for the neutral words counted as 1
            n_polar += 1
        elif value < 0:
            neg_sum += value - 1
            n_polar += 1
    if not n_polar:
        return 0.0, 1.0, 0.0, 0.0
    total = float(sum(values))
    emphasis = _punctuation_emphasis(text) if "!" in text or "?" in text else 0.0
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    compound = total / math.sqrt((total * total) + _NORMALIZE_ALPHA)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0
    neutral = n_tokens - n_polar
    negative = 0.0 - neg_sum  # |neg_sum| (neg_sum <= 0), never -0.0
    if pos_sum > negative:
        pos_sum += emphasis
    elif pos_sum < negative:
        neg_sum -= emphasis
        negative = 0.0 - neg_sum
    denominator = pos_sum + negative + neutral
    return (
        round(negative / denominator, 3),
        round(neutral / denominator, 3),
        round(pos_sum / denominator, 3),
        round(compound, 4),
    )
