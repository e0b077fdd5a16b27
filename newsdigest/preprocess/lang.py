"""Language of a text from its scripts: Devanagari letters count for Hindi, Latin letters for English.

Letters and their vowel signs are counted (`\\p{L}` and `\\p{M}` of each script), so a Hindi word and
an English word of the same length weigh about the same. Digits, punctuation and other scripts do
not count. Romanized Hindi (Hinglish) is Latin script and so reads as 'en'.
"""

from __future__ import annotations

import regex

__all__ = ["detect_lang", "MIXED_MIN_SHARE", "MIXED_MIN_LETTERS"]

MIXED_MIN_SHARE = 0.25
MIXED_MIN_LETTERS = 20

_DEVANAGARI = regex.compile(r"[[\p{L}\p{M}]&&\p{Script=Devanagari}]+", flags=regex.VERSION1)
_LATIN = regex.compile(r"[\p{L}&&\p{Script=Latin}]+", flags=regex.VERSION1)


def detect_lang(text: str) -> str:
    """Return 'hi', 'en', 'mixed' or 'und' for `text` (a whole article or one sentence).

    'und' when the text has no Devanagari or Latin letter; 'mixed' when it has at least
    MIXED_MIN_LETTERS such letters and the rarer script holds at least MIXED_MIN_SHARE of them;
    otherwise the script with more letters ('hi' on a tie).
    """
    devanagari = sum(len(run) for run in _DEVANAGARI.findall(text))
    latin = sum(len(run) for run in _LATIN.findall(text))
    total = devanagari + latin
    if total == 0:
        return "und"
    if total >= MIXED_MIN_LETTERS and min(devanagari, latin) / total >= MIXED_MIN_SHARE:
        return "mixed"
    return "hi" if devanagari >= latin else "en"
