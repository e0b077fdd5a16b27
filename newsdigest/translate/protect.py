"""Check that numbers, URLs and Latin-script names survive translation, and repair the clear cases.

What is compared
- Numbers: digit runs in either script, with grouping commas (5,00,000 and 500,000) and a decimal
  point, years and dates included. Keys are ASCII digits without grouping commas, leading zeros
  or trailing decimal zeros, so ५,००,००० == 500000 and 03 == 3. Where
  `newsdigest.preprocess.find_quantities` reads a quantity around the digits (5 लाख, 1 लाख 20
  हजार, $2bn), its value is a key too, so "5 लाख" is found in "500,000" and in "5 lakh"; the
  digit runs of one quantity count as one number.
- URLs, e-mail addresses, @handles and #hashtags: compared verbatim (handles case-insensitively).
- Hindi to English only: every Latin-script word of the Hindi source (Meta, Instagram, X) must
  appear in the English output, case-insensitively. Nothing is checked for Devanagari names:
  their English spelling is not fixed.

The repair rule (the only case where the output is edited): within one segment, when the source
and the translation hold the same number of numbers (or of URLs) and exactly one source item has no
match and exactly one translated item has no match, the unmatched translated item is replaced by
the source item (Devanagari digits written in ASCII), provided both are plain digit tokens (not
a quantity spelled with scale words). Anything else is only reported. Each missing item gives
one warning, whether repaired or not.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..preprocess.normalize import digits_to_ascii
from ..preprocess.quantities import find_quantities

__all__ = ["Item", "numbers", "links", "check", "number_key"]

_DIGIT = r"[0-9\u0966-\u096f]"
_NUMBER = regex.compile(rf"{_DIGIT}+(?:[.,]{_DIGIT}+)*")
_DECIMAL = regex.compile(rf"{_DIGIT}+(?:\.{_DIGIT}+)?")
_DIGIT_RUN = regex.compile(rf"{_DIGIT}+")
_LINK = regex.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])[@#][\p{L}\p{M}\p{N}_]+"
)
_TRAILING = ".,;:!?)]}।'\"”’"
# Not glued to a number: the 'bn' of $2bn is a scale, not a name.
_LATIN_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Latin}[\p{Latin}\p{N}'’.&-]*(?<![.'’&-])")


@dataclass(frozen=True)
class Item:
    """One protected token: where it is in its text, how it reads, and the keys it matches by."""

    start: int
    end: int
    surface: str
    keys: frozenset[str]

    @property
    def key(self) -> str:
        return min(self.keys, key=len)


def number_key(surface: str) -> str | None:
    """ASCII key of one number token, or None when its commas are not digit grouping."""
    s = digits_to_ascii(surface)
    if "," in s:
        groups = s.split(".")[0].split(",")
        tail = groups[1:]
        grouped = tail[-1:] and len(tail[-1]) == 3 and all(len(g) in (2, 3) for g in tail[:-1])
        if not grouped or not 1 <= len(groups[0]) <= 3:
            return None
        s = s.replace(",", "")
    if s.count(".") > 1:
        return None
    whole, _, frac = s.partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def numbers(text: str) -> list[Item]:
    """The numbers of `text`, in order; lists (1,2) and dates (12.03.2024) give one item a part,
    and the digit runs of one quantity (1 लाख 20 हजार) one item with the quantity's value."""
    runs: list[tuple[int, int, str]] = []
    for match in _NUMBER.finditer(text):
        key = number_key(match.group())
        if key is not None:
            runs.append((match.start(), match.end(), key))
            continue
        # 1,2 or 1,2.5: parts split at commas; 12.03.2024: every digit run on its own
        part_re = _DIGIT_RUN if match.group().count(".") > 1 else _DECIMAL
        runs.extend((p.start(), p.end(), number_key(p.group()))
                    for p in part_re.finditer(text, match.start(), match.end()))
    quantities = find_quantities(text) if runs else []
    items: list[Item] = []
    for q in quantities:
        inside = [r for r in runs if q.start <= r[0] and r[1] <= q.end]
        if inside:
            runs = [r for r in runs if r not in inside]
            value = number_key(format(Decimal(str(q.value)), "f"))
            keys = {value} | ({inside[0][2]} if len(inside) == 1 else set())
            start, end = inside[0][0], inside[-1][1]
            items.append(Item(start, end, text[start:end], frozenset(keys)))
    items.extend(Item(s, e, text[s:e], frozenset({key})) for s, e, key in runs)
    return sorted(items, key=lambda item: item.start)


def links(text: str) -> list[Item]:
    """URLs, e-mail addresses, @handles and #hashtags of `text`, in order."""
    items = []
    for match in _LINK.finditer(text):
        surface = match.group().rstrip(_TRAILING)
        if len(surface) < 2:
            continue
        key = surface.lower() if surface[0] in "@#" else surface
        items.append(Item(match.start(), match.start() + len(surface), surface, frozenset({key})))
    return items


def latin_words(text: str) -> list[Item]:
    """Latin-script words (names, brands, acronyms) of a Hindi text, URLs excluded."""
    skip = [(i.start, i.end) for i in links(text)]
    items = []
    for match in _LATIN_WORD.finditer(text):
        if any(s <= match.start() < e for s, e in skip) or len(match.group()) < 2:
            continue
        items.append(Item(match.start(), match.end(), match.group(), frozenset({match.group().lower()})))
    return items


def _match(source: list[Item], target: list[Item]) -> tuple[list[Item], list[Item]]:
    """Unmatched source items and unmatched target items (greedy, in order)."""
    used = [False] * len(target)
    missing = []
    for item in source:
        for j, other in enumerate(target):
            if not used[j] and item.keys & other.keys:
                used[j] = True
                break
        else:
            missing.append(item)
    return missing, [t for j, t in enumerate(target) if not used[j]]


def check(src: str, tgt: str, src_lang: str, tgt_lang: str) -> tuple[str, list[str]]:
    """Compare one source segment with its translation; returns (translation, problems).

    The translation comes back repaired where the module's repair rule allows it; each problem
    is a phrase such as "number 500000 missing in translation".
    """
    problems: list[str] = []
    for kind, extract in (("number", numbers), ("link", links)):
        src_items, tgt_items = extract(src), extract(tgt)
        missing, extra = _match(src_items, tgt_items)
        if not missing:
            continue
        plain = kind == "link" or all(_NUMBER.fullmatch(i.surface) for i in missing + extra)
        if plain and len(missing) == 1 and len(extra) == 1 and len(src_items) == len(tgt_items):
            old, new = extra[0], digits_to_ascii(missing[0].surface)
            tgt = tgt[:old.start] + new + tgt[old.end:]
            problems.append(f"{kind} {missing[0].key} missing in translation; "
                            f"replaced {old.surface!r} with {new!r}")
        else:
            problems.extend(f"{kind} {item.key} missing in translation" for item in missing)
    if src_lang == "hi" and tgt_lang == "en":
        lowered = tgt.lower()
        for word in latin_words(src):
            if word.surface.lower() not in lowered:
                problems.append(f"name {word.surface!r} missing in translation")
    return tgt, problems
