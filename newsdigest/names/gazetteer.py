"""Country and region names from Unicode CLDR: भारत is "India" and China is चीन, not "Bharat" and चिना.

Names of countries and regions are translations, not transliterations, so the character model cannot
know them. CLDR, the Unicode Common Locale Data Repository, lists every territory's name in each
language; Babel (BSD-3-Clause; CLDR data under the Unicode licence) ships it, so nothing is downloaded
and nothing is copied here. A whole name that equals a territory's CLDR name in one language gets the
other language's CLDR name. Left out: "world" (001), "Unknown Region" (ZZ) and names with a parenthesis
("हाँग काँग (चीन विशेष प्रशासनिक क्षेत्र)"). Hindi is matched without nukta or zero-width joiners, since
news writes both इज़राइल and इजराइल.
"""
from __future__ import annotations

import functools

from ._text import hindi_key

_SKIP = {"001", "ZZ"}
_NUKTA = "\u093c"


def _hi_key(name: str) -> str:
    return " ".join(hindi_key(name).replace(_NUKTA, "").split())


def _en_key(name: str) -> str:
    return " ".join(name.casefold().split())


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    hi, en = Locale("hi").territories, Locale("en").territories
    hi_to_en: dict[str, str] = {}
    en_to_hi: dict[str, str] = {}
    for code in sorted(en):
        h, e = hi.get(code), en.get(code)
        if not h or not e or code in _SKIP or "(" in h + e or not e[:1].isupper():
            continue
        hi_to_en.setdefault(_hi_key(h), e)
        en_to_hi.setdefault(_en_key(e), h)
    return hi_to_en, en_to_hi


def lookup(name: str, to: str) -> str | None:
    """The other language's CLDR name of a territory named ``name`` (whole name only), or None."""
    hi_to_en, en_to_hi = _tables()
    return hi_to_en.get(_hi_key(name)) if to == "en" else en_to_hi.get(_en_key(name))


def source() -> str:
    """Where the names come from, for ``Transliterator.info``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"CLDR territory names (babel {version('babel')})"
    except PackageNotFoundError:
        return "CLDR territory names (babel not installed)"
