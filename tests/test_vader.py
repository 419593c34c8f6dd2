"""Parity of framing.features.vader with vaderSentiment 3.3.2, run live in the same interpreter.

Every comparison is exact (``==`` on all four keys). The generated sentences come from a seeded random
generator over VADER's own lexicon and rule words (read from the installed package, never copied), with
each generator aimed at one rule and all of them mixed together.
"""

from __future__ import annotations

import random
import string
from importlib.metadata import version

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as upstream

from framing.errors import InputError, LexiconError
from framing.text.segment import segment
from framing.features.vader import VaderScorer, get_scorer, load_valence_overrides
from framing.features.vader_rules import _apply_but_rule

N_GENERATED = 120_000

# The demo sentences of vaderSentiment 3.3.2 (its module's ``if __name__ == "__main__"`` block, MIT).
DEMO_SENTENCES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
    "It was one of the worst movies I've seen, despite good reviews. Unbelievably bad acting!! Poor direction. "
    "VERY poor production. The movie was bad. Very bad movie. VERY BAD movie!",
    "It was one of the worst movies I've seen, despite good reviews.",
    "Unbelievably bad acting!!",
    "Poor direction.",
    "VERY poor production.",
    "The movie was bad.",
    "Very bad movie.",
    "VERY BAD movie!",
    "balloons", "cake", "candles", "happy birthday", "friends", "laughing", "smiling", "party",
    "riot", "fire", "fight", "blood", "mob", "war", "police", "tear gas",
    "I'm surprised to see just how amazingly helpful VADER is!",
    "Je suis surpris de voir comment VADER est incroyablement utile !",
    "Ich bin überrascht zu sehen, nur wie erstaunlich nützlich VADER!",
    "Me sorprende ver sólo cómo increíblemente útil VADER!",
    "Sono sorpreso di vedere solo come incredibilmente utile VADER è!",
    "Я удивлен увидеть, как раз как удивительно полезно ВЕЙДЕРА!",
    "私はちょうどどのように驚くほど役に立つベイダーを見て驚いています!",
    "أنا مندهش لرؤية فقط كيف مثير للدهشة فيدر فائدة!",
    "我很惊讶地看到VADER是如此有用!",
    "我很驚訝地看到VADER是如此有用!",
]


@pytest.fixture(scope="module")
def analyzer() -> upstream.SentimentIntensityAnalyzer:
    return upstream.SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def scorer() -> VaderScorer:
    return VaderScorer()


def _mismatches(texts, ours, theirs) -> list[tuple[str, dict, dict]]:
    found = []
    for text in texts:
        expected = theirs.polarity_scores(text)
        actual = ours.polarity_scores(text)
        # repr also catches a -0.0 where VADER has 0.0, and a different key order
        if actual != expected or repr(actual) != repr(expected):
            found.append((text, actual, expected))
    return found


def test_pinned_reference_version():
    # Parity is promised with 3.3.2; later commits of vaderSentiment change some scores.
    assert version("vaderSentiment") == "3.3.2"


# ---------------------------------------------------------------------------------------------------------
# Hand-checked values
# ---------------------------------------------------------------------------------------------------------

# compound = s / sqrt(s² + 15); pos/neu/neg = (sum of (v+1) for v > 0, sum of (v-1) for v < 0, zeros count)
# divided by their total. Lexicon: good 1.9, bad -2.5, great 3.1, hate -2.7.
GOLDEN = [
    # "good" 1.9 among 4 tokens: 1.9/sqrt(18.61) = 0.4404; pos 2.9/5.9, neu 3/5.9
    ("The book was good.", (0.0, 0.508, 0.492, 0.4404)),
    # one "!" adds 0.292: 2.192/sqrt(19.805) = 0.4926; pos (2.9+0.292)/6.192 = 0.516
    ("The book was good!", (0.0, 0.484, 0.516, 0.4926)),
    # "very" adds 0.293: 2.193/sqrt(19.809) = 0.4927; pos 3.193/7.193 = 0.444 ("very" is a neutral token)
    ("The book was very good.", (0.0, 0.556, 0.444, 0.4927)),
    # "not" negates with -0.74: -1.406/sqrt(16.977) = -0.3412; neg 2.406/5.406, neu 3/5.406
    ("It is not good", (0.445, 0.555, 0.0, -0.3412)),
    # "but": before x0.5 (good -> 0.95), after x1.5 (bad -> -3.75): sum -2.8 -> -0.5859;
    # pos 1.95/7.7, neg 4.75/7.7, neu 1/7.7
    ("good but bad", (0.617, 0.13, 0.253, -0.5859)),
    # index 0 already holds 0.95 when the second "good" (1.9) is looked up, so it is itself scaled: 2.85
    ("good but good", (0.0, 0.147, 0.853, 0.7003)),
    # VADER's list.index quirk: accept 1.6 -> 0.8; then admit's 0.8 is found at index 0 (accept) and
    # accept is halved again (0.4) while admit stays 0.8: sum 1.2 -> 0.296 (not 2.0 -> 0.4588)
    ("accept but admit", (0.0, 0.238, 0.762, 0.2960)),
    # ALL CAPS with some lower-case words adds 0.733: "GOOD" 2.633/sqrt(21.933) = 0.5622; pos 3.633/6.633
    ("The book was GOOD", (0.0, 0.452, 0.548, 0.5622)),
    # every word in caps: no differential, so no emphasis
    ("GOOD", (0.0, 0.0, 1.0, 0.4404)),
    ("", (0.0, 0.0, 0.0, 0.0)),
    ("   ", (0.0, 0.0, 0.0, 0.0)),
    ("?!?!", (0.0, 1.0, 0.0, 0.0)),
    ("the report", (0.0, 1.0, 0.0, 0.0)),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_golden_scores(scorer, text, expected):
    assert scorer.scores(text) == expected
    assert scorer.polarity_scores(text) == dict(zip(["neg", "neu", "pos", "compound"], expected))


def test_but_quirk_rescales_first_equal_valence(scorer):
    rows = scorer.word_valences("accept but admit")
    assert [row["valence"] for row in rows] == [0.4, 0, 0.8]
    assert [row["but_scaled"] for row in rows] == [True, False, False]


# ---------------------------------------------------------------------------------------------------------
# Live parity
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", DEMO_SENTENCES)
def test_demo_sentences_match_vader(scorer, analyzer, text):
    assert repr(scorer.polarity_scores(text)) == repr(analyzer.polarity_scores(text))


def test_nyt_snippets_match_vader(scorer, analyzer, shared_data):
    path = shared_data / "nyt-editorial-snippets" / "nytEditorialSnippets_GroundTruth.txt"
    rows = path.read_text(encoding="utf-8").splitlines()
    sentences = [row.split("\t")[2] for row in rows if row.strip()]
    assert len(sentences) == 5190
    mismatches = _mismatches(sentences, scorer, analyzer)
    assert mismatches == [], f"{len(mismatches)} mismatches, e.g. {mismatches[:3]}"


class SentenceGenerator:
    """Random sentences aimed at VADER's rules, from its own lexicon and rule words (seeded)."""

    FILLER = ["the", "a", "report", "city", "it", "was", "is", "they", "plan", "on", "with", "and", "of",
              "that", "vote", "week", "people", "said", "to", "for", "at", "very", "or", "nor", "doubt",
              "least", "no", "never", "without", "so", "this", "but", "kind", "of", "sort", "just", "enough"]
    PUNCT_TAILS = ["", "", "", ",", ".", "!", "!!", "?", "??", "???", "????", "!!!!!", "...", ";", ":", "'", '"']
    PUNCT_HEADS = ["", "", "", "", '"', "'", "(", "*", "--"]

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        analyzer = upstream.SentimentIntensityAnalyzer()
        lexicon = sorted(analyzer.lexicon)
        self.words = [word for word in lexicon if word.isalpha()]
        self.emoticons = [word for word in lexicon if not any(char.isalpha() for char in word)]
        self.odd_lexicon = [word for word in lexicon if word not in self.words and word not in self.emoticons]
        self.boosters = sorted(upstream.BOOSTER_DICT)
        self.negations = sorted(upstream.NEGATE) + ["isn't", "Doesn't", "WON'T", "ain't", "shouldn't"]
        self.specials = sorted(upstream.SPECIAL_CASES)
        self.idioms = sorted(upstream.SENTIMENT_LADEN_IDIOMS)
        self.emoji = sorted(analyzer.emojis)
        self.generators = [
            self.boosted, self.negated, self.never_so, self.least, self.but, self.caps, self.idiom,
            self.kind_of, self.emoticon, self.emoji_text, self.punctuation, self.no_rule, self.mixed_case,
            self.punctuation_only, self.repeated_valence, self.chaos,
        ]

    # -- building blocks ----------------------------------------------------------------------------------
    def word(self) -> str:
        return self.random.choice(self.words)

    def filler(self, n: int) -> list[str]:
        return [self.random.choice(self.FILLER) for _ in range(n)]

    def sprinkle(self, tokens: list[str]) -> str:
        rand = self.random
        out = []
        for token in tokens:
            if rand.random() < 0.15:
                token = rand.choice(self.PUNCT_HEADS) + token
            if rand.random() < 0.2:
                token += rand.choice(self.PUNCT_TAILS)
            out.append(token)
        return " ".join(out) + rand.choice(self.PUNCT_TAILS)

    def around(self, core: list[str]) -> str:
        rand = self.random
        return self.sprinkle(self.filler(rand.randint(0, 3)) + core + self.filler(rand.randint(0, 3)))

    # -- one generator per rule ---------------------------------------------------------------------------
    def boosted(self):
        rand = self.random
        boosters = [rand.choice(self.boosters) for _ in range(rand.randint(1, 3))]
        gap = self.filler(rand.randint(0, 2))
        return self.around(boosters + gap + [self.word()])

    def negated(self):
        rand = self.random
        return self.around([rand.choice(self.negations)] + self.filler(rand.randint(0, 3)) + [self.word()])

    def never_so(self):
        rand = self.random
        core = [rand.choice(["never", "Never", "NEVER", "without"]), rand.choice(["so", "this", "doubt", "a"])]
        return self.around(core + self.filler(rand.randint(0, 1)) + [self.word()])

    def least(self):
        rand = self.random
        return self.around([rand.choice(["at", "very", "the", ""]), "least", self.word()])

    def but(self):
        rand = self.random
        left = [self.word() for _ in range(rand.randint(0, 3))]
        right = [self.word() for _ in range(rand.randint(0, 3))]
        return self.around(left + [rand.choice(["but", "But", "BUT", "but,"])] + right)

    def caps(self):
        rand = self.random
        tokens = self.filler(rand.randint(0, 4)) + [self.word(), rand.choice(self.boosters), self.word()]
        rand.shuffle(tokens)
        return self.sprinkle([token.upper() if rand.random() < 0.4 else token for token in tokens])

    def idiom(self):
        rand = self.random
        phrase = rand.choice(self.specials + self.idioms).split()
        core = self.filler(rand.randint(0, 3)) + phrase + ([self.word()] if rand.random() < 0.5 else [])
        return self.around(core)

    def kind_of(self):
        rand = self.random
        dampener = rand.choice([["kind", "of"], ["sort", "of"], ["just", "enough"], ["kinda"], ["kind"]])
        return self.around(self.filler(rand.randint(0, 2)) + dampener + self.filler(rand.randint(0, 1))
                           + [self.word()])

    def emoticon(self):
        rand = self.random
        tokens = self.filler(rand.randint(1, 4)) + [rand.choice(self.emoticons + self.odd_lexicon)
                                                     for _ in range(rand.randint(1, 2))]
        rand.shuffle(tokens)
        return " ".join(tokens)

    def emoji_text(self):
        rand = self.random
        parts = []
        for _ in range(rand.randint(1, 6)):
            choice = rand.random()
            if choice < 0.4:
                parts.append(rand.choice(self.emoji))
            elif choice < 0.7:
                parts.append(self.word())
            else:
                parts.append(rand.choice(self.FILLER))
            parts.append(rand.choice(["", " ", " ", "  ", "!", "\t"]))
        return "".join(parts)

    def punctuation(self):
        rand = self.random
        text = self.around([self.word()])
        return text + "".join(rand.choice("!?.") for _ in range(rand.randint(0, 6)))

    def no_rule(self):
        rand = self.random
        core = ["no", self.word()]
        if rand.random() < 0.5:
            core = ["no", rand.choice(["or", "nor", "the"]), self.word(), self.word()]
        if rand.random() < 0.3:
            core = core + ["no"]
        return self.around(core)

    def mixed_case(self):
        rand = self.random
        tokens = [self.word() for _ in range(rand.randint(1, 4))] + self.filler(rand.randint(0, 3))
        rand.shuffle(tokens)
        styled = [rand.choice([str.lower, str.upper, str.title, str.swapcase])(token) for token in tokens]
        return self.sprinkle(styled)

    def punctuation_only(self):
        rand = self.random
        return " ".join("".join(rand.choice(string.punctuation) for _ in range(rand.randint(1, 4)))
                        for _ in range(rand.randint(0, 4)))

    def repeated_valence(self):
        # Equal valences exercise the "but" rule's list.index quirk.
        rand = self.random
        word = self.word()
        tokens = [rand.choice([word, word.upper(), "but", "not", "very", self.word()])
                  for _ in range(rand.randint(2, 9))]
        return self.sprinkle(tokens)

    def chaos(self):
        rand = self.random
        pools = [self.words, self.FILLER, self.boosters, self.negations, self.emoticons, self.specials]
        tokens = [rand.choice(rand.choice(pools)) for _ in range(rand.randint(0, 14))]
        tokens = [token.upper() if rand.random() < 0.1 else token for token in tokens]
        return self.sprinkle(tokens)

    def sentences(self, n: int) -> list[str]:
        return [self.generators[k % len(self.generators)]() for k in range(n)]


@pytest.fixture(scope="module")
def generated() -> list[str]:
    return SentenceGenerator(seed=20240611).sentences(N_GENERATED)


def test_generated_sentences_match_vader(scorer, analyzer, generated):
    assert len(generated) >= 100_000
    assert "" in generated  # punctuation_only yields empty strings too
    mismatches = _mismatches(generated, scorer, analyzer)
    assert mismatches == [], f"{len(mismatches)} mismatches, e.g. {mismatches[:3]}"


def test_generated_sentences_exercise_every_rule(scorer, generated):
    sample = generated[: 16 * 500]
    flags = {"booster": 0, "negated": 0, "intensified": 0, "all_caps": 0, "idiom": 0, "but_scaled": 0}
    for text in sample:
        for row in scorer.word_valences(text):
            for flag in flags:
                flags[flag] += row[flag]
    assert all(count >= 50 for count in flags.values()), flags


def test_long_texts_match_vader(scorer, analyzer, generated):
    # Whole documents: many "but"s, repeated valences, emphasis counted over the whole text.
    rand = random.Random(7)
    texts = [" ".join(rand.sample(generated, 150)) for _ in range(12)]
    assert _mismatches(texts, scorer, analyzer) == []


@pytest.mark.parametrize(
    "text",
    [
        "It was not. Good work by all of them today.",  # a negation ends the sentence before the word
        "He was kind. Of course the others were not kind of happy.",  # "kind" + "of" across sentences
        "THE PLAN IS GOOD. The plan is good, very good, for all of us here.",  # capitals in one sentence
        "Great. Nice. Bad. No. Good day, but a sad one! Really sad?? Kind of fun.",  # short sentences
        "The team was so great and the fans were happy but the end was a terrible, horrible loss.",
    ],
)
def test_compounds_of_sentences_equal_vader_on_each_and_on_the_whole(scorer, analyzer, text):
    """``compounds`` scores the whole text from the sentences' valences away from their edges."""
    _assert_compounds_equal_vader(scorer, analyzer, text)


def test_compounds_of_long_documents_equal_vader(scorer, analyzer, generated):
    rand = random.Random(11)
    for _ in range(12):
        text = " ".join(s if s.endswith((".", "!", "?")) else s + "." for s in rand.sample(generated, 60))
        _assert_compounds_equal_vader(scorer, analyzer, text)


def _assert_compounds_equal_vader(scorer, analyzer, text: str) -> None:
    seg = segment(text)
    sentences, whole = scorer.compounds(seg.text, seg.sentences)
    assert sentences == [analyzer.polarity_scores(seg.text[a:b])["compound"] for a, b in seg.sentences]
    assert whole == analyzer.polarity_scores(seg.text)["compound"]


def test_overrides_match_vader_with_the_same_lexicon(analyzer, generated):
    rand = random.Random(3)
    words = rand.sample(sorted(word for word in analyzer.lexicon if " " not in word), 300)
    overrides = {word: (None if k % 3 == 0 else round(rand.uniform(-4, 4), 2)) for k, word in enumerate(words)}
    overrides.update({"but": 1.5, "least": -1.0, "report": 2.0, "very": 3.0, "no": None})
    ours = VaderScorer(overrides=overrides)
    reference = get_scorer(engine="vader", overrides=overrides)
    assert _mismatches(generated[:20_000], ours, reference) == []


_ANALYZER = upstream.SentimentIntensityAnalyzer()
_SCORER = VaderScorer()


@settings(max_examples=3000, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_arbitrary_unicode_matches_vader(text):
    assert repr(_SCORER.polarity_scores(text)) == repr(_ANALYZER.polarity_scores(text))


_EMOJI_ALPHABET = st.sampled_from(sorted(char for char in _ANALYZER.emojis if len(char) == 1)
                                  + list(" \t\n!?:)(-'abcXYZİΣßK"))


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(st.text(alphabet=_EMOJI_ALPHABET, max_size=40))
def test_emoji_and_odd_case_text_matches_vader(text):
    assert repr(_SCORER.polarity_scores(text)) == repr(_ANALYZER.polarity_scores(text))


_VOCABULARY = (
    sorted(upstream.BOOSTER_DICT) + sorted(upstream.NEGATE) + sorted(upstream.SPECIAL_CASES)
    + ["good", "bad", "GOOD", "Bad", "no", "never", "so", "this", "least", "at", "very", "but", "BUT", "kind",
       "of", "or", "nor", "without", "doubt", ":)", ":-(", "<3", "😁", "💔", "!", "??", "the", "shit", "bomb"]
)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=14), st.sampled_from(["", "!", "?", "!!?", " "]))
def test_rule_word_soup_matches_vader(words, tail):
    text = " ".join(words) + tail
    assert repr(_SCORER.polarity_scores(text)) == repr(_ANALYZER.polarity_scores(text))


def _but_rule_as_vader_writes_it(sentiments: list[float], but_index: int) -> list[float]:
    # vaderSentiment's _but_check, verbatim in behaviour: list.index finds the first EQUAL value
    sentiments = list(sentiments)
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < but_index:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > but_index:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
    return sentiments


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from([0, 0.0, 3, 0.25, 0.5, 1.0, 1.5, 2.0, 2.25, 3.0, 4.5, -0.5, -1.0, -1.5, -2.25]),
                max_size=30), st.integers(min_value=0, max_value=30))
def test_but_rule_equals_vaders_list_index_walk(sentiments, but_index):
    # Values drawn from a small set whose halves and one-and-halves collide, to hit the list.index quirk;
    # the fast version only gets the non-zero valences and their positions.
    expected = _but_rule_as_vader_writes_it(sentiments, but_index)
    positions = [k for k, value in enumerate(sentiments) if value != 0]
    values = [sentiments[k] for k in positions]
    _apply_but_rule(positions, values, but_index)
    actual = [0] * len(sentiments)
    for position, value in zip(positions, values):
        actual[position] = value
    assert actual == expected


# ---------------------------------------------------------------------------------------------------------
# Word valences (explanations)
# ---------------------------------------------------------------------------------------------------------


def _upstream_sentiments(analyzer, text) -> list[float]:
    """VADER's per-token valence list (after the "but" rule), captured from score_valence."""
    captured = []
    original = analyzer.score_valence

    def capture(sentiments, text):
        captured.append(list(sentiments))
        return original(sentiments, text)

    analyzer.score_valence = capture
    try:
        analyzer.polarity_scores(text)
    finally:
        del analyzer.score_valence
    return captured[0]


def test_word_valences_equal_vaders_token_valences(scorer, analyzer, generated):
    for text in generated[:5000] + DEMO_SENTENCES:
        rows = scorer.word_valences(text)
        assert [row["valence"] for row in rows] == _upstream_sentiments(analyzer, text), text


@pytest.mark.parametrize(
    ("text", "token", "lexicon_valence", "valence", "flags"),
    [
        ("It is not good", "good", 1.9, 1.9 * -0.74, {"negated"}),
        ("It is very good", "good", 1.9, 1.9 + 0.293, {"booster"}),
        ("it is GOOD", "GOOD", 1.9, 1.9 + 0.733, {"all_caps"}),
        # "so" is a booster (+0.293); "never so" multiplies by 1.25, and VADER's three-back rule
        # multiplies again whenever "so"/"this" is right before the word
        ("it was never so good", "good", 1.9, (1.9 + 0.293) * 1.25 * 1.25, {"booster", "intensified"}),
        ("never so good", "good", 1.9, (1.9 + 0.293) * 1.25, {"booster", "intensified"}),
        ("it was the bomb", "bomb", -2.2, 3, {"idiom"}),
        # idioms are only looked for with three tokens before the word
        ("was the bomb", "bomb", -2.2, -2.2, set()),
        ("the book was least good", "good", 1.9, 1.9 * -0.74, {"negated"}),
        ("the book was at least good", "good", 1.9, 1.9, set()),
        ("bad but fine", "fine", 0.8, 0.8 * 1.5, {"but_scaled"}),
        ("no good", "good", 1.9, 1.9 * -0.74, {"negated"}),
    ],
)
def test_word_valence_flags(scorer, text, token, lexicon_valence, valence, flags):
    row = next(row for row in scorer.word_valences(text) if row["token"] == token)
    assert row["lexicon_valence"] == lexicon_valence
    assert row["valence"] == pytest.approx(valence)
    names = {"booster", "negated", "intensified", "all_caps", "idiom", "but_scaled"}
    assert {name for name in names if row[name]} == flags


def test_word_valence_spans_point_into_the_text(scorer):
    text = '  "Great" plan 😁ok, (terrible)!'
    rows = scorer.word_valences(text)
    assert [row["token"] for row in rows] == ["Great", "plan", "beaming", "face", "with", "smiling", "eyesok",
                                              "terrible"]
    assert [text[row["start"]:row["end"]] for row in rows] == ["Great", "plan", "😁", "😁", "😁", "😁", "😁ok",
                                                               "terrible"]


def test_upstream_engine_has_no_word_valences():
    with pytest.raises(NotImplementedError):
        get_scorer(engine="vader").word_valences("good")


# ---------------------------------------------------------------------------------------------------------
# Scorer factory and overrides
# ---------------------------------------------------------------------------------------------------------


def test_get_scorer_is_cached_per_engine_and_overrides():
    assert get_scorer() is get_scorer(engine="fast")
    assert get_scorer(overrides={"fine": 2}) is get_scorer(overrides={"fine": 2})
    assert get_scorer(overrides={"fine": 2}) is not get_scorer()
    assert get_scorer(engine="vader") is not get_scorer()


def test_unknown_engine_is_rejected():
    with pytest.raises(InputError, match="unknown engine 'nltk'"):
        get_scorer(engine="nltk")


def test_non_text_input_is_rejected(scorer):
    with pytest.raises(InputError, match="text must be a str"):
        scorer.scores(None)


@pytest.mark.parametrize(
    ("overrides", "text", "expected_compound"),
    [
        ({"crude": None}, "crude oil", 0.0),  # removed: crude is -0.8 in VADER
        ({"bull": 2.0}, "a bull", 0.4588),  # 2/sqrt(19)
        ({"Bull": 2.0}, "a bull", 0.4588),  # keys are lowercased, like VADER's lookups
    ],
)
def test_overrides_change_valences(overrides, text, expected_compound):
    assert VaderScorer(overrides=overrides).scores(text)[3] == expected_compound


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"bull": 5}, "VADER's scale runs from -4 to 4"),
        ({"bull": "high"}, "give a number"),
        ({"bull": True}, "give a number"),
        ({"": 1.0}, "empty"),
        ({"bull market": 1.0}, "whitespace"),
    ],
)
def test_invalid_overrides_are_rejected(overrides, message):
    with pytest.raises(InputError, match=message):
        VaderScorer(overrides=overrides)


def test_load_yaml_overrides(tmp_path):
    path = tmp_path / "finance.yml"
    path.write_text("name: finance\ndescription: market words\nvalences:\n  Bull: 1.5\n  crude: null\n"
                    "  short: -1\n", encoding="utf-8")
    assert load_valence_overrides(path) == {"bull": 1.5, "crude": None, "short": -1.0}
    assert get_scorer(overrides=path).scores("bull") == (0.0, 0.0, 1.0, 0.3612)


def test_load_csv_overrides(tmp_path):
    path = tmp_path / "finance.csv"
    path.write_text("word,valence\nbull,1.5\ncrude,\n\nshort, -1\n", encoding="utf-8")
    assert load_valence_overrides(path) == {"bull": 1.5, "crude": None, "short": -1.0}


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("a.yml", "valences:\n  bull: 1\n  bear: high\n", 3, "give a number"),
        ("a.yml", "valences:\n  bull: 1\n  bear: 4.5\n", 3, "from -4 to 4"),
        ("a.yml", "valences:\n  bull: 1\n  Bull: 2\n", 3, "duplicate word 'bull'"),
        ("a.yml", "valence:\n  bull: 1\n", 1, "unknown key 'valence'"),
        ("a.yml", "valences:\n  bull: 1\n  '': 2\n", 3, "empty"),
        ("a.yml", "valences:\n  bull: [1]\n", 2, "word: valence"),
        ("a.yml", "valences:\n  bull: .nan\n", 2, "from -4 to 4"),
        ("a.yml", "- bull\n", 1, "'valences:'"),
        ("a.csv", "bull,1\nbear,x\n", 2, "give a number"),
        ("a.csv", "bull,1\nbear,-9\n", 2, "from -4 to 4"),
        ("a.csv", "bull,1\n\nBULL,2\n", 3, "duplicate word 'bull'"),
        ("a.csv", "bull,1,2\n", 1, "expected 2 columns"),
        ("a.csv", "bull,1\n,2\n", 2, "empty"),
    ],
)
def test_bad_override_files_name_file_and_line(tmp_path, name, content, line, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as caught:
        load_valence_overrides(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line


def test_override_file_must_exist_and_be_yaml_or_csv(tmp_path):
    with pytest.raises(LexiconError, match="file not found"):
        load_valence_overrides(tmp_path / "missing.yml")
    (tmp_path / "a.txt").write_text("bull 1")
    with pytest.raises(LexiconError, match=r"\.yml/\.yaml or \.csv"):
        load_valence_overrides(tmp_path / "a.txt")
