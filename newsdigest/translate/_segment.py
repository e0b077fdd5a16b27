"""Where a text is cut for translation: paragraphs, sentences, and clauses of over-long sentences.

Pure Python; every span is a ``(start, end)`` offset pair into the caller's text.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

# A paragraph separator is a run of whitespace that holds at least one line break.
_LINE_BREAK = "\r\n\v\f\x85\u2028\u2029"
_SEPARATOR = regex.compile(rf"[^\S{_LINE_BREAK}]*[{_LINE_BREAK}]\s*")
_NOT_LINE_BREAK = regex.compile(rf"[^{_LINE_BREAK}]+")
_VISIBLE = regex.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# Clause boundaries of an over-long sentence, tried in this order; each level is tried only on
# the pieces that the previous levels left too long. The cut goes after a punctuation mark and
# before a conjunction, so the conjunction opens the next piece.
_CONJUNCTIONS_HI = "और|लेकिन|किंतु|किन्तु|परंतु|परन्तु|कि|तथा|एवं|जबकि|क्योंकि|ताकि|या|तो"
_CONJUNCTIONS_EN = "and|but|or|because|while|whereas|which|who|that|although|though|so"
_CLAUSE_LEVELS = (
    regex.compile(r"(?<=[;:|\u2013\u2014])\s+"),
    regex.compile(r"(?<=,)\s+"),
    regex.compile(rf"\s+(?=(?:{_CONJUNCTIONS_HI})(?![\p{{L}}\p{{M}}]))"),
    regex.compile(rf"\s+(?=(?i:{_CONJUNCTIONS_EN})\b)"),
    regex.compile(r"\s+"),
    regex.compile(r"(?<=\X)(?=\X)"),  # last resort: between two grapheme clusters
)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    separator: str  # the line breaks that follow it in the output ('' for the last one)


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank paragraphs (here: lines) of `text`, each with the line breaks that follow it.

    Indentation and trailing spaces around a separator are dropped; its line breaks are kept,
    so a blank line stays a blank line and a single newline stays a single newline.
    """
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for match in _SEPARATOR.finditer(text):
        if _VISIBLE.search(text, pos, match.start()):
            spans.append((pos, match.start(), "".join(_NOT_LINE_BREAK.split(match.group()))))
        elif spans:  # a blank run between separators: keep its line breaks on the previous one
            start, end, sep = spans[-1]
            spans[-1] = (start, end, sep + "".join(_NOT_LINE_BREAK.split(match.group())))
        pos = match.end()
    if _VISIBLE.search(text, pos):
        spans.append((pos, len(text), ""))
    result = [Paragraph(*_strip(text, s, e), sep) for s, e, sep in spans]
    if result:
        result[-1] = Paragraph(result[-1].start, result[-1].end, "")
    return result


def sentences(text: str, paragraph: Paragraph,
              split_sentences: Callable[[str], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, in text offsets, covering every visible character.

    `split_sentences` is asked for the spans; any visible text it leaves out (it should not)
    becomes a sentence of its own, so nothing is ever dropped from the translation.
    """
    base = paragraph.start
    chunk = text[paragraph.start:paragraph.end]
    spans = sorted((base + s, base + e) for s, e in split_sentences(chunk) if e > s)
    result: list[tuple[int, int]] = []
    pos = paragraph.start
    for start, end in spans:
        start = max(start, pos)
        if start >= end:
            continue
        if _VISIBLE.search(text, pos, start):
            result.append(_strip(text, pos, start))
        result.append((start, end))
        pos = end
    if _VISIBLE.search(text, pos, paragraph.end):
        result.append(_strip(text, pos, paragraph.end))
    return result


def split_to_fit(text: str, start: int, end: int, fits: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into consecutive pieces that each satisfy `fits`.

    Cuts go at clause boundaries first (; : | – —, then ',', then conjunctions such as और /
    लेकिन / कि / and / but), then at spaces, and only as a last resort between characters; as
    many neighbouring clauses as fit are kept together. Nothing is dropped: the pieces cover
    every visible character of the span, in order.
    """
    pieces = [(start, end)]
    for boundary in _CLAUSE_LEVELS:
        if all(fits(text[s:e]) for s, e in pieces):
            break
        refined: list[tuple[int, int]] = []
        for s, e in pieces:
            if fits(text[s:e]):
                refined.append((s, e))
            else:
                refined.extend(_pack(text, _cut(text, s, e, boundary), fits))
        pieces = refined
    return pieces


def _cut(text: str, start: int, end: int, boundary: regex.Pattern) -> list[tuple[int, int]]:
    atoms = []
    pos = start
    for match in boundary.finditer(text, start, end):
        if match.start() > pos:
            atoms.append((pos, match.start()))
            pos = match.end()
    atoms.append((pos, end))
    return [_strip(text, s, e) for s, e in atoms if _VISIBLE.search(text, s, e)]


def _pack(text: str, atoms: list[tuple[int, int]], fits: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Greedily merge neighbouring atoms while the merged piece still fits."""
    packed: list[tuple[int, int]] = []
    for s, e in atoms:
        if packed and fits(text[packed[-1][0]:e]):
            packed[-1] = (packed[-1][0], e)
        else:
            packed.append((s, e))
    return packed


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not _VISIBLE.match(text, start):
        start += 1
    while end > start and not _VISIBLE.match(text, end - 1):
        end -= 1
    return start, end
