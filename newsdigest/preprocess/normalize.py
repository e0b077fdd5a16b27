"""Unicode normalization for matching keys and model inputs, with an offset map back to the original.

The raw article is never rewritten: callers normalize to build keys, then map spans found on the
normalized string back to the caller's text with the offset list from `normalize_with_map`.

What `normalize` does, and nothing else:
- removes zero-width and invisible characters: ZWSP U+200B, ZWNJ U+200C, ZWJ U+200D,
  WORD JOINER U+2060, BOM U+FEFF (and the noncharacter U+FFFE), SOFT HYPHEN U+00AD;
- turns NBSP and every other Unicode space separator (category Zs) into ' ', and the line and
  paragraph separators U+2028/U+2029 into '\\n';
- unifies quotes: “ ” „ ‟ ″ and any two consecutive single quotes ('' ‘‘ ’’) become '"',
  a single ‘ ’ ‚ ‛ becomes "'";
- turns '|' used as a danda (after a Devanagari character, spaces allowed between) into '।',
  and '||' so used into '॥';
- applies NFC. For Devanagari nukta letters this is the decomposed form for क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़
  (composition exclusions: U+0958..U+095F become consonant + U+093C) and the precomposed form
  for ऩ ऱ ऴ, whichever way the input spelled them.

Latin text is otherwise left alone; ':' is never turned into visarga, dashes and '…' are kept.
indic-nlp-library's DevanagariNormalizer is not called at run time: its chain of str.replace
calls cannot yield an offset map, it pulls in pandas and sphinx, and it damages text
(see tests/test_preprocess_normalize.py for each case).
"""

from __future__ import annotations

import unicodedata

import regex

from newsdigest.preprocess.hindi import DEVANAGARI

__all__ = ["normalize", "normalize_with_map", "digits_to_ascii"]

# Invisible characters normalization drops; other stages strip them from span edges.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad"
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"

# One pass over the text; each rewrite's output is attributed to the first character it
# consumed. A danda run starts right after a Devanagari character and takes in all the spaces
# and pipes that follow (so normalizing twice gives the same result), with a one-character
# lookbehind (a longer one would rescan long runs of spaces); it comes first so that a space
# before the pipe is not rewritten on its own.
_SPECIAL = regex.compile(
    rf"(?P<danda>(?<=[{DEVANAGARI}])(?:[\p{{Zs}}{INVISIBLE_CHARS}]*\|)+)"
    rf"|(?P<removed>[{INVISIBLE_CHARS}]+)"
    rf"|(?P<dq>[{_SINGLE_QUOTES}][{INVISIBLE_CHARS}]*[{_SINGLE_QUOTES}]|[{_DOUBLE_QUOTES}])"
    rf"|(?P<sq>[{_SINGLE_QUOTES[1:]}])"
    r"|(?P<space>[\p{Zs}--\x20])"
    r"|(?P<newline>[\u2028\u2029])",
    flags=regex.VERSION1,
)
_DANDA_PART = regex.compile(rf"\|[{INVISIBLE_CHARS}]*\||\||[\p{{Zs}}--\x20]|[{INVISIBLE_CHARS}]+", flags=regex.VERSION1)

# NFC never composes or reorders across the start of an ASCII character, so each non-ASCII
# run, with the one character before it (a base for its marks), is normalized on its own.
_NON_ASCII_RUN = regex.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_GRAPHEME = regex.compile(r"\X")

_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def normalize(text: str) -> str:
    """Return the normalized form of `text` (see the module docstring); idempotent."""
    return normalize_with_map(text)[0]


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalize `text` and say where each character of the result came from.

    Returns `(normalized, offsets)` with `len(offsets) == len(normalized) + 1`: `offsets[i]` is
    the index in `text` of the character that `normalized[i]` came from, and the last entry is
    `len(text)`. The list is non-decreasing, so a span `[s, e)` of `normalized` corresponds to
    `text[offsets[s]:offsets[e]]`; that slice may end with characters normalization removes
    (a trailing ZWJ, say), which strip away again when it is normalized.
    """
    replaced, first = _replace_specials(text)
    if unicodedata.is_normalized("NFC", replaced):
        return replaced, first
    composed, second = _nfc_with_map(replaced)
    return composed, [first[i] for i in second]


def digits_to_ascii(text: str) -> str:
    """Turn Devanagari digits ०-९ into ASCII 0-9; the length of the text does not change."""
    return text.translate(_DEVANAGARI_DIGITS)


def _replace_specials(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in _SPECIAL.finditer(text):
        start, end = match.span()
        parts.append(text[pos:start])
        offsets.extend(range(pos, start))
        kind = match.lastgroup
        if kind == "danda":
            _rewrite_danda_run(text, start, end, parts, offsets)
        else:
            out = _REWRITES.get(kind, "")
            parts.append(out)
            offsets.extend([start] * len(out))
        pos = end
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(parts), offsets


_REWRITES = {"dq": '"', "sq": "'", "space": " ", "newline": "\n"}


def _rewrite_danda_run(text: str, start: int, end: int, parts: list[str], offsets: list[int]) -> None:
    pos = start
    for part in _DANDA_PART.finditer(text, start, end):
        parts.append(text[pos : part.start()])
        offsets.extend(range(pos, part.start()))
        piece = part.group()
        if piece[0] == "|":
            out = "\u0965" if len(piece) > 1 else "\u0964"
        else:
            out = "" if piece[0] in INVISIBLE_CHARS else " "
        parts.append(out)
        offsets.extend([part.start()] * len(out))
        pos = part.end()
    parts.append(text[pos:end])
    offsets.extend(range(pos, end))


def _nfc_with_map(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for run in _NON_ASCII_RUN.finditer(text):
        if unicodedata.is_normalized("NFC", run.group()):
            continue
        start, end = run.span()
        parts.append(text[pos:start])
        offsets.extend(range(pos, start))
        for cluster in _GRAPHEME.finditer(text, start, end):
            original = cluster.group()
            composed = unicodedata.normalize("NFC", original)
            parts.append(composed)
            if len(composed) == len(original):
                offsets.extend(range(cluster.start(), cluster.end()))
            else:
                offsets.extend([cluster.start()] * len(composed))
        pos = end
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(parts), offsets
