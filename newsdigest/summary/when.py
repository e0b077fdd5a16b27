"""Dates, clock times and durations written for a reader of each language.

Facts keep ISO 8601 values (``2024-07-19``, ``14:30``, ``PT1H``; see :mod:`newsdigest.facts.temporal`);
the Markdown and the other-language side show them as a newspaper writes them:

- date: "Friday, 19 July 2024" / "शुक्रवार, 19 जुलाई 2024" (the weekday when the article gives it),
  "July 2024", "19 July" (no year stated or inferred), a weekday alone: "Saturday" / "शनिवार";
- time: "2:30 pm" / "दोपहर 2:30 बजे";
- duration: "about an hour later" / "करीब एक घंटे बाद", "over the past 3 years" / "पिछले 3 वर्ष",
  "every 7 minutes" / "हर 7 मिनट".

Month and weekday names, date patterns and unit words are CLDR's, through Babel (``en_GB`` for
English, as Indian and British papers write dates); None when a value cannot be read.
"""
from __future__ import annotations

import datetime

import regex

from ..schema import Fact

__all__ = ["date_text", "time_text", "duration_text", "temporal_text"]

_LOCALE = {"en": "en_GB", "hi": "hi"}
_ISO_DURATION = regex.compile(
    r"P(?:(?P<n>\d+(?:\.\d+)?)(?P<unit>[YMWD]))?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?")
_HI_WORDS = {1: "एक", 1.5: "डेढ़", 2.5: "ढाई"}
_HI_PERIODS = [(4, "रात"), (12, "सुबह"), (16, "दोपहर"), (20, "शाम"), (24, "रात")]


def temporal_text(fact: Fact, lang: str) -> str | None:
    """The value of a date, time or duration fact in ``lang``; None when it cannot be written."""
    if fact.type == "date":
        return date_text(fact.value, fact.extra.get("weekday"), lang)
    if fact.type == "time":
        return time_text(fact.value, lang)
    if fact.type == "duration":
        return duration_text(fact, lang)
    return None


def date_text(value: str | None, weekday: str | None, lang: str) -> str | None:
    from babel.dates import format_date, get_day_names

    locale = _LOCALE[lang]
    try:
        if value and len(value) == 10 and not value.startswith("--"):
            day = datetime.date.fromisoformat(value)
            return format_date(day, "EEEE, d MMMM y" if weekday else "d MMMM y", locale=locale)
        if value and value.startswith("--"):  # no year stated or inferred (2000 is a leap year: 29 February)
            return format_date(datetime.date(2000, int(value[2:4]), int(value[5:])), "d MMMM", locale=locale)
        if value and len(value) == 7:
            return format_date(datetime.date(int(value[:4]), int(value[5:]), 1), "MMMM y", locale=locale)
    except ValueError:
        return None
    if weekday:
        names = get_day_names("wide", locale="en")
        index = next((i for i, n in names.items() if n == weekday), None)
        return None if index is None else get_day_names("wide", locale=locale)[index]
    return None


def time_text(value: str | None, lang: str) -> str | None:
    from babel.dates import format_time

    try:
        t = datetime.time.fromisoformat(value or "")
    except ValueError:
        return None
    if lang == "en":
        return format_time(t, "h:mm a" if t.minute else "h a", locale=_LOCALE["en"])
    period = next(word for limit, word in _HI_PERIODS if t.hour < limit)
    hour = t.hour % 12 or 12
    return f"{period} {hour}:{t.minute:02d} बजे" if t.minute else f"{period} {hour} बजे"


def _unit_word(unit: str, lang: str, one: bool) -> str:
    """CLDR's unit pattern without its number: "hour" / "hours" / "घंटा" / "घंटे"."""
    from . import lexicon as lx

    return lx.unit_pattern(unit, lang, plural=not one).replace("{0}", "").strip()


def _amounts(fact: Fact) -> list[tuple[float, str]] | None:
    """(amount, unit) parts of a duration: PT1H15M -> [(1, hour), (15, minute)]; P10Y in decades -> [(1, decade)]."""
    m = _ISO_DURATION.fullmatch(fact.value or "")
    if not m or not fact.unit:
        return None
    if m["n"]:
        n = float(m["n"])
        return [(n / 10, "decade") if fact.unit == "decade" else (n, fact.unit)]
    parts = [(float(m[g]), u) for g, u in (("h", "hour"), ("m", "minute"), ("s", "second")) if m[g]]
    return parts or None


def _number(n: float, lang: str) -> str:
    from ..preprocess import format_number

    if lang == "hi" and n in _HI_WORDS:
        return _HI_WORDS[n]
    return format_number(int(n) if float(n).is_integer() else n, lang)


def duration_text(fact: Fact, lang: str) -> str | None:
    parts = _amounts(fact)
    if not parts:
        return None
    relative = fact.extra.get("relative")
    up_to = regex.search(r"(?<![\p{L}\p{M}])(?:तक|up\s+to)(?![\p{L}\p{M}])", fact.text or "")
    qualifier = "up_to" if fact.qualifier == "less_than" and up_to else fact.qualifier
    # one unit with nothing to qualify it goes without a number: "the past hour", "हर घंटे"
    bare = (len(parts) == 1 and parts[0][0] == 1 and not qualifier
            and relative in (("past", "next", "every") if lang == "en" else ("every",)))
    words = []
    for n, unit in parts:
        if lang == "en":
            noun = _unit_word(unit, "en", n == 1)
            if bare:
                words.append(noun)
            elif n == 1 and len(parts) == 1:
                words.append(("an " if noun[0] in "aeiou" or noun == "hour" else "a ") + noun)
            else:
                words.append(f"{_number(n, 'en')} {noun}")
        else:
            noun = _unit_word(unit, "hi", True)
            if noun.endswith("ा") and (n != 1 or relative):  # घंटा -> दो घंटे, एक घंटे बाद
                noun = noun[:-1] + "े"
            words.append(noun if bare else f"{_number(n, 'hi')} {noun}")
    d = " ".join(words)
    if lang == "en":
        q = {"about": "about {d}", "more_than": "more than {d}", "less_than": "less than {d}",
             "up_to": "up to {d}"}.get(qualifier or "", "{d}")
        if relative == "every":  # "about every seven minutes"
            return q.format(d=f"every {d}")
        if relative == "past" and qualifier:  # "for about a decade"
            return f"for {q.format(d=d)}"
        return {"after": "{d} later", "before": "{d} earlier", "past": "over the past {d}",
                "next": "over the next {d}", "within": "within {d}"}.get(relative or "", "{d}").format(
                    d=q.format(d=d))
    q = {"about": "करीब {d}", "more_than": "{d} से ज्यादा", "less_than": "{d} से कम", "up_to": "{d} तक"}.get(
        qualifier or "", "{d}")
    if relative == "every":
        return q.format(d=f"हर {d}")
    if relative in ("after", "before") and qualifier in ("more_than", "less_than"):
        return f"{q.format(d=d)} समय {'बाद' if relative == 'after' else 'पहले'}"  # "9 महीने से कम समय बाद"
    return {"after": "{d} बाद", "before": "{d} पहले", "past": "पिछले {d}", "next": "अगले {d}",
            "within": "{d} के भीतर"}.get(relative or "", "{d}").format(d=q.format(d=d))
