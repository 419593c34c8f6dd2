"""Trainable frame classifier: the estimator, its JSON file format, evaluation, the feature transformer."""
