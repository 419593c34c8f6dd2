"""framing: measure the tone and framing of news media."""

__version__ = "0.1.0"
