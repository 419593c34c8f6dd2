"""Text layer: normalisation, segmentation, tokens, lexicon files and the phrase matcher."""
