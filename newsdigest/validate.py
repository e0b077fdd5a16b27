"""The one check of article text, for ``Digester.digest`` and for files alike.

Refused, each with an :class:`~newsdigest.errors.InputError` that says what is wrong and how to fix
it: anything but ``str``, empty or blank text, binary data (NUL bytes, mostly control characters),
text over ``max_chars`` (never truncated silently), and Hindi typed in a legacy KrutiDev font.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import InputError
from .preprocess.hindi import DEVANAGARI

__all__ = ["DEFAULT_MAX_CHARS", "check_text", "looks_like_krutidev"]

DEFAULT_MAX_CHARS = 1_000_000


def check_text(text, name: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """``text`` when it is an article; else raise InputError (prefixed with ``name``, a file or id)."""
    where = f"{name}: " if name else ""
    if isinstance(text, bytes):
        raise InputError(f"{where}got bytes: decode the article to str first (newsdigest reads files as UTF-8)")
    if not isinstance(text, str):
        raise InputError(f"{where}expected article text as str, got {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{where}the article is empty or only whitespace")
    if "\x00" in text:
        raise InputError(f"{where}the article contains NUL characters: it looks like binary data, not text")
    sample = text[:20000]
    ctrl = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\r\n\t\f\v")
    if ctrl > 0.1 * len(sample):
        raise InputError(f"{where}the article is mostly control characters: it looks like binary data, not text")
    if len(text) > max_chars:
        raise InputError(f"{where}{len(text):,} characters is over the limit of {max_chars:,}; "
                         "split the article or raise --max-chars (Digester(max_chars=...))")
    if looks_like_krutidev(text):
        raise InputError(f"{where}looks like KrutiDev legacy font encoding; convert to Unicode first")
    return text


# ------------------------------------------------------------------------------- KrutiDev

# Frequent Hindi words as they appear when KrutiDev-encoded text is read as Latin:
# के का की में है पर और ने से कि था थी हैं को यह वह भी तथा जो नहीं लिए कर हो भारत सरकार
_KRUTIDEV_WORDS = frozenset(
    "ds dk dh esa gS ij vkSj us ls fd Fkk Fkh gSa dks ;g og Hkh rFkk tks ugha fy, dj gks "
    "Hkkjr ljdkj fd;k x;k x;h jgs jgk".split())
_KRUTIDEV_ODD = re.compile(r"[a-z][A-Z]|[a-zA-Z][/~\]=;,\[][a-zA-Z]|kk|Hk|Fk|[¼½ƒ‚]")
_DEVANAGARI = re.compile(f"[{DEVANAGARI}]")


def looks_like_krutidev(text: str) -> bool:
    """Guess whether ``text`` is Hindi typed in a legacy KrutiDev-style font (Latin code points).

    Heuristic, on text that has (almost) no Devanagari: count word tokens that are frequent
    Hindi words in KrutiDev form ("ds", "dk", "esa", "gS", ...) and tokens with odd shapes
    (lower-then-upper case inside a word as in "gS", punctuation between letters as in
    "iz/kkuea=h", "kk", "Hk", "Fk"), and the share of the letter "k" (the vowel sign ा), which
    is about 1% in English and near 10% in KrutiDev. It fires when KrutiDev words make at
    least 2 tokens and 5% of them, and either odd tokens are >= 20% or "k" is >= 6% of letters
    (English names like "Kakkar" or "YouTube" give the last two, never the first). Other
    legacy fonts (Chanakya, Shusha) use other mappings and may slip through.
    """
    sample = text[:20_000]
    if len(_DEVANAGARI.findall(sample)) > 0.05 * max(1, len(sample.strip())):
        return False
    tokens = sample.split()
    if len(tokens) < 3:
        return False
    words = sum(1 for t in tokens if t.strip(".,!?\"'()A|") in _KRUTIDEV_WORDS)
    odd = sum(1 for t in tokens if _KRUTIDEV_ODD.search(t))
    letters = [c for c in sample if "a" <= c.lower() <= "z"]
    k_share = sum(1 for c in letters if c == "k") / max(1, len(letters))
    return words >= max(2, 0.05 * len(tokens)) and (odd >= 0.2 * len(tokens) or k_share >= 0.06)


