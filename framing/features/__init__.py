"""Per-document feature families (tone, actors, loaded language, frames, sourcing) and ``analyze``."""

#: Name prefixes of every feature column ``analyze`` writes; comparisons use them to tell features from
#: numeric metadata (a bias score, a year). Keep in step with the families' column lists.
FEATURE_PREFIXES = (
    "n_words", "n_sentences", "n_paragraphs", "tone_", "actor_", "loaded_", "frame_", "src_", "hedge_",
    "certainty_", "thematic_", "episodic_", "numbers_",
)
