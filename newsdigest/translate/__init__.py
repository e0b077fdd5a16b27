"""Hindi <-> English translation of articles and digests, sentence by sentence, offline by default.

>>> from newsdigest.translate import Translator
>>> result = Translator("Helsinki-NLP/opus-mt-hi-en").translate(text, tgt="en")
>>> result.text, result.segments, result.warnings

Importing this package does not import torch or transformers; the model loads in `Translator()`.
"""
from .translator import SCHEMA_VERSION, Segment, Translation, Translator, translate_summary

__all__ = ["Translator", "Translation", "Segment", "translate_summary", "SCHEMA_VERSION"]
