"""Dates, clock times and durations, absolute and relative, with ISO 8601 values where possible.

- date: ``1 फरवरी 2025`` / ``October 5, 2024`` -> "2025-02-01"; a day and month without a year take
  the year of the article's first full date (``extra["year_inferred"] = True``), or "--MM-DD" when
  there is none; a weekday alone (``शनिवार``, ``Monday``) has value None and ``extra["weekday"]``;
  a weekday that names a date of the article joins it (``extra["weekday"]`` on the date; one span
  when written together: ``शुक्रवार, 19 जुलाई 2024``).
- time: ``सुबह 11 बजे`` -> "11:00", ``रात 10 बजे`` -> "22:00", ``साढ़े 10 बजे`` -> "10:30",
  ``दोपहर तीन बजे`` -> "15:00",
  ``6:30 am`` -> "06:30".
- duration: ``करीब एक घंटे बाद`` -> "PT1H", qualifier "about", ``extra["relative"] = "after"``;
  ``पिछले 24 घंटों में`` -> "PT24H", relative "past"; ``two days after`` -> "P2D"; ``करीब एक दशक`` -> "P10Y"
  with unit "decade".
Durations come from ``find_quantities`` (quantities whose unit is a time unit), plus the forms it
leaves out (``सवा घंटे``, ``an hour``, ``a week``).
"""
from __future__ import annotations

import regex

from ..preprocess.hindi import MONTHS, WEEKDAYS, hindi_cardinals
from ..schema import Fact
from . import FactContext, trim_span

__all__ = ["find_temporal", "iso_duration"]

_DAY_WORDS = {w: n for w, n in hindi_cardinals().items() if 1 <= n <= 31}  # दो मार्च, इकतीस दिसंबर

_ALT = lambda words: "|".join(sorted((regex.escape(w) for w in words), key=len, reverse=True))  # noqa: E731
_MONTH_RE = _ALT(MONTHS)
_DAY_RE = rf"(?:\d{{1,2}}|{_ALT(_DAY_WORDS)})"
_B = r"(?<![\p{L}\p{M}\p{N}])"  # word start
_E = r"(?![\p{L}\p{M}\p{N}])"   # word end

_DATE_PATTERNS = [
    # 1 फरवरी 2025, 5 October 2024, 9th March
    regex.compile(rf"{_B}(?P<day>{_DAY_RE})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\.?{_E}"
                  rf"(?:,?\s+(?P<year>(?:19|20)\d\d){_E})?", regex.IGNORECASE),
    # October 5, 2024 / March 9
    regex.compile(rf"{_B}(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_E}"
                  rf"(?:,?\s+(?P<year>(?:19|20)\d\d){_E})?", regex.IGNORECASE),
    # 2025-03-12
    regex.compile(rf"{_B}(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d){_E}"),
    # 12/03/2025 or 12.03.2025 (day first, as Indian papers write it)
    regex.compile(rf"{_B}(?P<day>\d{{1,2}})[/.](?P<mnum>\d{{1,2}})[/.](?P<year>(?:19|20)\d\d){_E}"),
    # जुलाई 2024 / March 2025
    regex.compile(rf"{_B}(?P<month>{_MONTH_RE})\.?,?\s+(?P<year>(?:19|20)\d\d){_E}", regex.IGNORECASE),
]
_WEEKDAY_RE = regex.compile(rf"{_B}(?P<weekday>{_ALT(WEEKDAYS)}){_E}", regex.IGNORECASE)

_HOUR_WORDS = {w: n for w, n in _DAY_WORDS.items() if n <= 12}  # दोपहर तीन बजे
_PERIODS_HI = {"सुबह": "am", "सवेरे": "am", "तड़के": "am", "दोपहर": "noon", "शाम": "pm", "रात": "night"}
_TIME_HI = regex.compile(
    rf"{_B}(?:(?P<period>{_ALT(_PERIODS_HI)})\s+)?(?:(?P<mod>सवा|साढ़े|पौने)\s+)?"
    rf"(?P<hour>\d{{1,2}}|{_ALT(_HOUR_WORDS)})(?::(?P<minute>\d\d))?\s*बजे"
    rf"|{_B}(?:(?P<period2>{_ALT(_PERIODS_HI)})\s+)?(?P<frac>डेढ़|ढाई)\s+बजे"
)
_TIME_EN = regex.compile(
    rf"{_B}(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![\p{{L}}])"
    rf"|{_B}(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)(?!\s*(?:a\.?m|p\.?m))",
    regex.IGNORECASE,
)

TIME_UNITS = {"decade": "Y", "year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M",
               "second": "S"}

_UNIT_WORDS = {
    "hour": "घंटा घंटे घंटों hour hours", "minute": "मिनट minute minutes", "day": "दिन day days",
    "week": "हफ्ता हफ्ते सप्ताह week weeks", "month": "महीना महीने माह month months",
    "year": "साल सालों वर्ष year years", "second": "सेकंड second seconds", "decade": "दशक दशकों decade decades",
}
_UNIT_OF = {w: u for u, ws in _UNIT_WORDS.items() for w in ws.split()}
_FRACTIONS = {"सवा": 1.25, "डेढ़": 1.5, "ढाई": 2.5, "पौने": 0.75}
# Forms find_quantities does not report: a bare fraction word or an article before a unit.
_EXTRA_DURATION = regex.compile(
    rf"{_B}(?:(?P<qual>करीब|लगभग|तकरीबन|about|almost|nearly|around|roughly)\s+)?"
    rf"(?P<num>{_ALT(_FRACTIONS)}|an?|(?:(?:over|in|for)\s+)?the\s+(?:next|past|last))\s+(?P<unit>{_ALT(_UNIT_OF)}){_E}",
    regex.IGNORECASE,
)
_ARTICLE_OK_BEFORE = regex.compile(
    r"(?:for|in|within|than|over|after|only|just|half|nearly|almost|about|around|past|last|next)\s+$",
    regex.IGNORECASE)
_ARTICLE_OK_AFTER = regex.compile(r"\s+(?:later|after|earlier|ago|before)\b", regex.IGNORECASE)
_QUALIFIER_WORDS = {"करीब": "about", "लगभग": "about", "तकरीबन": "about", "about": "about",
                    "almost": "about", "nearly": "about", "around": "about", "roughly": "about"}

# Words before a duration: what it is relative to, or a qualifier ("about every seven minutes").
_LEFT_CUES = regex.compile(
    r"(?:(?P<past>पिछले|बीते|past|last|the\s+past|the\s+last|over\s+the\s+past|in\s+the\s+past)"
    r"|(?P<next>अगले|आने\s+वाले|next|the\s+next|over\s+the\s+next|in\s+the\s+next|within)"
    r"|(?P<every>every|हर)"
    r"|(?P<qual>करीब|लगभग|तकरीबन|about|almost|nearly|around|roughly))\s+$",
    regex.IGNORECASE,
)
_RIGHT_CUES = regex.compile(
    r"\s+(?:(?P<after>बाद|later|after)|(?P<before>पहले|ago|earlier|before)"
    r"|(?P<within>के\s+भीतर|के\s+अंदर|में)|(?P<since>से))(?![\p{L}\p{M}])",
    regex.IGNORECASE,
)


def iso_duration(value: float, unit: str) -> str | None:
    """ISO 8601 duration of `value` `unit`s: (1.25, 'hour') -> 'PT1H15M', (50, 'year') -> 'P50Y'."""
    if unit not in TIME_UNITS or value is None or value < 0:
        return None
    letter = TIME_UNITS[unit]
    if unit in ("hour", "minute"):
        whole = int(value)
        frac = value - whole
        sub = 60 if unit == "hour" else 60
        if frac and abs(frac * sub - round(frac * sub)) < 1e-6:
            low = "M" if unit == "hour" else "S"
            head = f"{whole}{letter}" if whole else ""
            return f"PT{head}{int(round(frac * sub))}{low}"
        return f"PT{_num(value)}{letter}"
    if unit == "second":
        return f"PT{_num(value)}S"
    if unit == "decade":  # ISO 8601 has no decade: a decade is ten years
        value = value * 10
    return f"P{_num(value)}{letter}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def find_temporal(ctx: FactContext) -> list[Fact]:
    dates = _find_dates(ctx)
    times = _find_times(ctx, taken=[f.span for f in dates])
    durations = _find_durations(ctx, taken=[f.span for f in dates + times])
    return dates + times + durations


def _fact(ctx: FactContext, kind: str, ns: int, ne: int, value, **extra) -> Fact:
    start, end = ctx.orig_span(ns, ne)
    fact = Fact(id="", type=kind, text=ctx.text[start:end], span=(start, end), value=value)
    for key in ("qualifier", "unit"):
        if key in extra:
            setattr(fact, key, extra.pop(key))
    fact.extra.update({k: v for k, v in extra.items() if v is not None})
    return fact


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _find_dates(ctx: FactContext) -> list[Fact]:
    norm = ctx.norm
    found: list[tuple[int, int, int | None, int | None, int | None]] = []  # ns, ne, y, m, d
    used: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(norm):
            if _overlaps(m.span(), used):
                continue
            groups = m.groupdict()
            month = MONTHS.get(groups["month"].lower()) if groups.get("month") else int(groups["mnum"])
            day = groups.get("day")
            day = (int(day) if day.isdigit() else _DAY_WORDS.get(day)) if day else None
            year = int(groups["year"]) if groups.get("year") else None
            if not month or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if groups.get("month") and groups["month"].lower() == "may" and day is None:
                continue  # "May 2025" is fine, but the verb "may" is too common to guess
            used.append(m.span())
            found.append((m.start(), m.end(), year, month, day))
    found.sort()
    stated = {(m, d): y for _, _, y, m, d in found if y and d}
    anchor = next(((y, m) for _, _, y, m, d in found if y and d), None)
    facts = []
    for ns, ne, year, month, day in found:
        inferred = None
        if year is None and (month, day) in stated:
            year, inferred = stated[month, day], True
        elif year is None and anchor:
            # News looks back: a month well after the article's own date is last year's.
            year, inferred = anchor[0] - (1 if month - anchor[1] > 6 else 0), True
        if day is None:
            value = f"{year:04d}-{month:02d}"
        elif year is None:
            value = f"--{month:02d}-{day:02d}"
        else:
            value = f"{year:04d}-{month:02d}-{day:02d}"
        facts.append(_fact(ctx, "date", ns, ne, value, year_inferred=inferred))
    weekdays = [_fact(ctx, "date", m.start(), m.end(), None, weekday=WEEKDAYS[m.group("weekday").lower()])
                for m in _WEEKDAY_RE.finditer(norm) if not _overlaps(m.span(), used)]
    return facts + _join_weekdays(ctx, facts, weekdays)


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Between a weekday and its date when they are written as one: "शुक्रवार, 19 जुलाई", "Friday (July 19)".
_WEEKDAY_GLUE = regex.compile(r"[\s,()\-–—]*(?:को|on|,)?[\s,()\-–—]*")


def _weekday_of(value: str | None) -> str | None:
    import datetime

    if not value or len(value) != 10 or value.startswith("--"):
        return None
    try:
        return _WEEKDAY_NAMES[datetime.date.fromisoformat(value).weekday()]  # not strftime: locale-free
    except ValueError:
        return None


def _join_weekdays(ctx: FactContext, dates: list[Fact], weekdays: list[Fact]) -> list[Fact]:
    """A weekday and the date it names are one fact: the date takes ``extra["weekday"]``.

    A weekday names a date when the calendar agrees and the date is in its sentence, or is the
    article's only date on that weekday; written next to each other ("शुक्रवार, 19 जुलाई 2024"),
    the fact's span covers both. Any other weekday stays a fact of its own (value None).
    """
    alone = []
    for w in weekdays:
        same_day = [d for d in dates if _weekday_of(d.value) == w.extra["weekday"]]
        sentence = ctx.sentence_span(w.span[0])
        near = [d for d in same_day if sentence[0] <= d.span[0] < sentence[1]]
        target = near[0] if near else same_day[0] if len(same_day) == 1 else None
        if target is None:
            alone.append(w)
            continue
        target.extra["weekday"] = w.extra["weekday"]
        first, second = sorted((w, target), key=lambda f: f.span[0])
        if _WEEKDAY_GLUE.fullmatch(ctx.text[first.span[1]:second.span[0]]):
            target.span = (first.span[0], second.span[1])
            target.text = ctx.text[target.span[0]:target.span[1]]
    return alone


def _find_times(ctx: FactContext, taken: list[tuple[int, int]]) -> list[Fact]:
    facts = []
    for m in _TIME_HI.finditer(ctx.norm):
        if _overlaps(m.span(), taken):
            continue
        period = m.group("period") or m.group("period2")
        if m.group("frac"):
            hour, minute = (1, 30) if m.group("frac") == "डेढ़" else (2, 30)
        else:
            hour = m.group("hour")
            hour, minute = int(_HOUR_WORDS.get(hour, hour)), int(m.group("minute") or 0)
            mod = m.group("mod")
            if mod == "सवा":
                minute += 15
            elif mod == "साढ़े":
                minute += 30
            elif mod == "पौने":
                hour, minute = hour - 1, minute + 45
        hour = _hour_for_period(hour, _PERIODS_HI.get(period) if period else None)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            continue
        facts.append(_fact(ctx, "time", m.start(), m.end(), f"{hour:02d}:{minute:02d}"))
    for m in _TIME_EN.finditer(ctx.norm):
        if _overlaps(m.span(), taken) or _overlaps(ctx.orig_span(*m.span()), [f.span for f in facts]):
            continue
        if m.group("hour24") is not None:
            hour, minute = int(m.group("hour24")), int(m.group("minute24"))
        else:
            hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
            pm = m.group("ampm").lower().startswith("p")
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if pm else 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            continue
        facts.append(_fact(ctx, "time", m.start(), m.end(), f"{hour:02d}:{minute:02d}"))
    return facts


def _hour_for_period(hour: int, period: str | None) -> int:
    if period == "am":
        return 0 if hour == 12 else hour
    if period == "noon":  # दोपहर 12..4 बजे
        return hour if hour == 12 else hour + 12 if hour < 12 else hour
    if period == "pm":
        return hour + 12 if hour < 12 else hour
    if period == "night":  # रात 8..11 बजे is evening; रात 12 बजे is midnight; रात 2 बजे is 02:00
        if hour == 12:
            return 0
        return hour + 12 if 6 <= hour < 12 else hour
    return hour


def _find_durations(ctx: FactContext, taken: list[tuple[int, int]]) -> list[Fact]:
    from ..preprocess import find_quantities

    # norm start, end, value, unit, qualifier, relative
    spans: list[tuple[int, int, float, str, str | None, str | None]] = []
    for q in find_quantities(ctx.text):
        if q.unit in TIME_UNITS and not _overlaps((q.start, q.end), taken):
            spans.append((ctx.to_norm(q.start), ctx.to_norm(q.end), float(q.value), q.unit, q.qualifier, None))
    for m in _EXTRA_DURATION.finditer(ctx.norm):
        if _overlaps(m.span(), [(s, e) for s, e, *_ in spans]) or _overlaps(ctx.orig_span(*m.span()), taken):
            continue
        num = regex.sub(r"\s+", " ", m.group("num").lower())
        if num in ("a", "an") and not (m.group("qual") or _ARTICLE_OK_BEFORE.search(ctx.norm, max(0, m.start() - 12), m.start())
                                        or _ARTICLE_OK_AFTER.match(ctx.norm, m.end())):
            continue  # "13 lakh passengers a day" is a rate, not a duration
        unit = _UNIT_OF[m.group("unit").lower()]
        qualifier = _QUALIFIER_WORDS.get((m.group("qual") or "").lower())
        relative = "next" if num.endswith("next") else "past" if num.endswith(("past", "last")) else None
        ns = m.start("num") if relative else m.start()
        spans.append((ns, m.end(), _FRACTIONS.get(num, 1.0), unit, qualifier, relative))
    facts = []
    for ns, ne, value, unit, qualifier, relative in sorted(spans):
        while True:  # walk left over cue words: "about every", "over the next", "पिछले"
            cue = _LEFT_CUES.search(ctx.norm[max(0, ns - 30):ns])
            if not cue:
                break
            if cue.lastgroup == "qual":
                qualifier = qualifier or _QUALIFIER_WORDS[cue.group("qual").lower()]
            elif relative is None:
                relative = cue.lastgroup
            ns = max(0, ns - 30) + cue.start()
        cue = _RIGHT_CUES.match(ctx.norm, ne, ne + 16)
        if cue:
            kind = cue.lastgroup
            if kind in ("after", "before"):
                relative = kind
            elif kind == "since":  # "चार घंटे से" = for the past four hours
                relative = relative or "past"
            else:
                relative = relative or "within"
            ne = cue.end()
        ns, ne = trim_span(ctx.norm, ns, ne)
        facts.append(_fact(ctx, "duration", ns, ne, iso_duration(value, unit), qualifier=qualifier,
                           unit=unit, relative=relative))
    return facts
