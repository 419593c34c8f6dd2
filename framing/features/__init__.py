"""Per-document feature families (tone, actors, loaded language, frames, sourcing) and the analyzer."""

