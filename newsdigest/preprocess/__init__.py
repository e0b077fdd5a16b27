"""Text preprocessing for Hindi, English and mixed news: normalization keys with offset maps,
sentence and word spans, quantities, and script-based language detection.

Every span these functions return indexes the text the caller passed in.
"""

from newsdigest.preprocess.lang import detect_lang
from newsdigest.preprocess.normalize import digits_to_ascii, normalize, normalize_with_map
from newsdigest.preprocess.quantities import Quantity, find_quantities, format_number
from newsdigest.preprocess.sentences import split_sentences, split_words

__all__ = [
    "Quantity",
    "detect_lang",
    "digits_to_ascii",
    "find_quantities",
    "format_number",
    "normalize",
    "normalize_with_map",
    "split_sentences",
    "split_words",
]
