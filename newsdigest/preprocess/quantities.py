"""Numbers with their scale, unit and qualifier, found in Hindi, English or mixed text.

A quantity is, in this order: an optional qualifier (करीब, more than), an optional currency sign
or code (₹ $ € £ Rs रु. INR USD EUR GBP), a number, any scale words, an optional unit, and an
optional qualifier after it (से ज्यादा, से कम, के करीब, or more). Its span covers all of them.

Numbers: digits in any script (२५ = 25), Indian (2,50,000) or Western (88,000) grouping, decimals;
a glued suffix k, mn, bn, cr, tn (and m or b right after a currency: $2bn, $3m); number words
एक..दस and more, one..twenty, tens, dozen; डेढ़ 1.5 and ढाई 2.5; सवा x = x + 0.25, साढ़े x = x + 0.5,
पौने x = x - 0.25, and before a bare scale word 1.25, 1.5 and 0.75 times it (सवा लाख = 125,000).
Scale words multiply and may be stacked (1.5 लाख करोड़ = 1.5e12); a following smaller pair adds
(1 लाख 20 हजार = 120,000): हजार/हज़ार सौ लाख करोड़ अरब खरब, hundred thousand million billion
trillion lakh crore (and plurals).

Unit codes: "percent", "INR", "USD", "EUR", "GBP", and the measure words "km", "km/h", "m",
"kg", "tonne", "hectare", "year", "month", "week", "day", "hour", "minute", "second". Anything else (लोग, people) is not a
unit: the quantity then has unit None.

Qualifiers: "more_than" (से ज्यादा/ज़्यादा/अधिक/ऊपर, more than, over, above, or more),
"less_than" (से कम, less than, fewer than, under, below), "about" (करीब/क़रीब, लगभग, तकरीबन,
के करीब, के आसपास, about, nearly, around, approximately, roughly, almost, some, or so).

Not reported, so that a digest does not list them as figures:
- a number written in words with no scale, unit, currency or qualifier (एक फोटो, one of them);
- a bare number, with no scale, unit or currency (a qualifier does not count), that is
  * a year: four digits between 1900 and 2100 (2024 में; around 2000);
  * part of a date (10 मार्च, March 10, 10/03) or a time (10:30, 10 बजे, 5 pm);
  * an ordinal or list number (10 वीं, नंबर 1, No. 1, `1.` or `(1)` opening a line).
Matching runs on the normalized text, so nukta and quote variants and invisible characters do
not matter; offsets are mapped back to the given text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

import regex

from newsdigest.preprocess.normalize import INVISIBLE_CHARS, normalize, normalize_with_map
from newsdigest.preprocess.sentences import split_words

__all__ = ["Quantity", "find_quantities", "format_number"]


class _Tokens:
    """The words of the normalized text: spans, texts and folded lookup keys, side by side."""

    def __init__(self, normalized: str):
        spans = split_words(normalized)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.text = [normalized[start:end] for start, end in spans]
        folded = {word: _fold(word) for word in set(self.text)}
        self.key = [folded[word] for word in self.text]
        self.count = len(self.key)


@dataclass
class _Number:
    value: Decimal
    end: int
    spelled: bool
    scale: Decimal


@dataclass(frozen=True)
class Quantity:
    """A number found in a text; `text == source[start:end]` for the text it was found in."""

    start: int
    end: int
    text: str
    value: int | float
    qualifier: str | None = None
    unit: str | None = None

    def to_dict(self) -> dict:
        """Return `{"start", "end", "text", "value", "qualifier", "unit"}`."""
        return asdict(self)


def _fold(normalized: str) -> str:
    # Nukta and chandrabindu are spelled inconsistently in news text; lookups ignore them.
    return normalized.lower().replace("\u093c", "").replace("\u0901", "\u0902")


def _key(word: str) -> str:
    return _fold(normalize(word))


class _Phrases(dict):
    """Phrases of one to three words, keyed by their folded words."""

    def __init__(self, entries: dict[str, object]):
        super().__init__({tuple(_key(word) for word in phrase.split()): value for phrase, value in entries.items()})
        self.first_words = {phrase[0] for phrase in self}

    def match(self, tokens: _Tokens, i: int) -> tuple[object, int]:
        """Return the value of the longest phrase starting at token `i` and the index after it."""
        if i >= tokens.count or tokens.key[i] not in self.first_words:
            return None, i
        for length in (3, 2, 1):
            key = tuple(tokens.key[i : i + length])
            if len(key) == length and key in self:
                return self[key], i + length
        return None, i


def _words(value: object, words: str) -> dict[str, object]:
    return {word: value for word in words.split()}


def _decimals(entries: dict[str, object]) -> dict[str, Decimal]:
    return {_key(word): Decimal(value) for word, value in entries.items()}


# Lookups fold nukta and chandrabindu, so each word is listed in one spelling only.
_SCALES = _decimals(
    {
        **_words(100, "सौ hundred"),
        **_words(10**3, "हजार thousand"),
        **_words(10**5, "लाख lakh lakhs lac lacs"),
        **_words(10**6, "million mn"),
        **_words(10**7, "करोड़ crore crores cr"),
        **_words(10**9, "अरब billion bn"),
        **_words(10**11, "खरब"),
        **_words(10**12, "trillion"),
    }
)
_SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "cr": 10**7, "b": 10**9, "bn": 10**9, "tn": 10**12}
_CURRENCY_ONLY_SUFFIXES = {"m", "b"}

_NUMBER_WORDS = _decimals(
    {
        "शून्य": 0, "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "छह": 6, "छः": 6,
        "सात": 7, "आठ": 8, "नौ": 9, "दस": 10, "ग्यारह": 11, "बारह": 12, "तेरह": 13, "चौदह": 14,
        "पंद्रह": 15, "पन्द्रह": 15, "सोलह": 16, "सत्रह": 17, "अठारह": 18, "उन्नीस": 19, "बीस": 20,
        "पच्चीस": 25, "तीस": 30, "चालीस": 40, "पचास": 50, "साठ": 60, "सत्तर": 70, "अस्सी": 80,
        "नब्बे": 90, "डेढ़": "1.5", "ढाई": "2.5", "अढ़ाई": "2.5",
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    }
)
_ARTICLES = {"a", "an"}
_MODIFIERS = _decimals({"सवा": "0.25", "साढ़े": "0.5", "पौने": "-0.25"})

_CURRENCY_PREFIXES = _Phrases(
    {
        **_words("INR", "₹ ₨ rs inr"), "rs .": "INR", "रु .": "INR", "रु": "INR",
        **_words("USD", "$ usd"), "us $": "USD",
        **_words("EUR", "€ eur"),
        **_words("GBP", "£ gbp"),
    }
)
_UNITS = _Phrases(
    {
        **_words("percent", "% प्रतिशत फीसदी फीसद percent pct"), "per cent": "percent",
        **_words("INR", "रुपये रुपए रुपया रुपयों रु rupees rupee rs inr"),
        **_words("USD", "डॉलर dollars dollar usd"),
        **_words("EUR", "यूरो euros euro eur"),
        **_words("GBP", "gbp"),
        **_words("km", "किलोमीटर किमी km kilometres kilometers kilometre kilometer"),
        **_words("km/h", "kmph"), "km / h": "km/h", "किलोमीटर प्रति घंटा": "km/h", "किमी प्रति घंटा": "km/h",
        "kilometres per hour": "km/h", "kilometers per hour": "km/h",
        **_words("m", "मीटर m metres meters metre meter"),
        **_words("hectare", "हेक्टेयर hectares hectare"),
        **_words("kg", "किलोग्राम किलो kg kilograms kilogram kilos"),
        **_words("tonne", "टन tonnes tonne tons ton"),
        **_words("year", "साल वर्ष बरस years year yrs"),
        **_words("month", "महीना महीने महीनों माह months month"),
        **_words("week", "हफ्ता हफ्ते हफ्तों सप्ताह weeks week"),
        **_words("day", "दिन दिनों days day"),
        **_words("hour", "घंटा घंटे घंटों hours hour hrs"),
        **_words("minute", "मिनट मिनटों minutes minute mins min"),
        **_words("second", "सेकंड सेकेंड seconds second secs"),
    }
)
_PRE_QUALIFIERS = _Phrases(
    {
        **_words("about", "करीब लगभग तकरीबन about nearly around approximately roughly almost some"),
        "more than": "more_than", "over": "more_than", "above": "more_than",
        "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    }
)
_POST_QUALIFIERS = _Phrases(
    {
        "से ज्यादा": "more_than", "से अधिक": "more_than",
        "से ऊपर": "more_than", "से भी ज्यादा": "more_than", "से भी अधिक": "more_than",
        "or more": "more_than", "से कम": "less_than", "से भी कम": "less_than",
        "के करीब": "about", "के आसपास": "about", "or so": "about",
    }
)
_MONTHS = {
    _key(word)
    for word in (
        "जनवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर सितम्बर अक्टूबर अक्तूबर नवंबर नवम्बर "
        "दिसंबर दिसम्बर january february march april may june july august september october "
        "november december jan feb mar apr jun jul aug sep sept oct nov dec"
    ).split()
}
_TIME_WORDS = {_key(word) for word in "बजे बजकर am pm a.m p.m o'clock".split()}
_ORDINAL_SUFFIXES = {_key(word) for word in "वां वीं वें".split()}
_NUMBER_LABELS = {_key(word) for word in "नंबर नम्बर नं क्रमांक no number #".split()}

_NUMERAL = regex.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?P<decimals>\.\d+)?"
    r"(?P<suffix>k|mn|m|bn|b|cr|tn)?",
    flags=regex.IGNORECASE,
)
_YEAR = regex.compile(r"\d{4}")
_STARTERS = (
    _PRE_QUALIFIERS.first_words | _CURRENCY_PREFIXES.first_words | set(_MODIFIERS) | set(_NUMBER_WORDS) | _ARTICLES
)


def find_quantities(text: str) -> list[Quantity]:
    """Return the quantities in `text`, in order, with spans into `text` (see the module docstring)."""
    normalized, offsets = normalize_with_map(text)
    tokens = _Tokens(normalized)
    found: list[Quantity] = []
    resume = 0
    for i, key in enumerate(tokens.key):
        if i < resume or not _may_start(key):
            continue
        parsed = _parse(tokens, i, normalized)
        if parsed is None:
            continue
        resume, value, qualifier, unit = parsed
        start, end = _original_span(text, offsets, tokens.starts[i], tokens.ends[resume - 1])
        found.append(Quantity(start, end, text[start:end], _plain(value), qualifier, unit))
    return found


def format_number(value: int | float | Decimal, lang: str) -> str:
    """Write `value` as a news text in `lang` would.

    'hi': लाख, करोड़ and लाख करोड़ from 100,000 up ("5 लाख", "2.1 करोड़"), Indian grouping below
    ("88,000", "1,500 करोड़"). 'en': million, billion, trillion from 1,000,000 up ("2.1 million"),
    Western grouping below ("500,000"). At most two decimals are kept; digits are ASCII.
    """
    if lang not in ("hi", "en"):
        raise ValueError(f"format_number supports lang 'hi' or 'en', not {lang!r}")
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if lang == "hi":
        scales = ((10**12, "लाख करोड़"), (10**7, "करोड़"), (10**5, "लाख"))
        group = _group_indian
    else:
        scales = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
        group = _group_western
    for size, word in scales:
        if amount >= size:
            return f"{sign}{group(amount / size)} {normalize(word)}"
    return sign + group(amount)


def _may_start(key: str) -> bool:
    return key[0].isdigit() or key in _STARTERS or key.partition("-")[0] in _NUMBER_WORDS


def _parse(tokens: _Tokens, i: int, normalized: str) -> tuple[int, Decimal, str | None, str | None] | None:
    """Return (index after the quantity, value, qualifier, unit) for a quantity at token `i`."""
    j = i
    pre_qualifier, j = _PRE_QUALIFIERS.match(tokens, j)
    currency, j = _CURRENCY_PREFIXES.match(tokens, j)
    number = _number(tokens, j, currency is not None)
    if number is None:
        return None
    first_number, j = j, number.end
    unit, after_unit = _UNITS.match(tokens, j)
    if unit is not None and currency in (None, unit):
        j = after_unit
    else:
        unit = currency
    post_qualifier, j = _POST_QUALIFIERS.match(tokens, j)
    if unit is None:
        unit, j = _UNITS.match(tokens, j)
    qualifier = post_qualifier or pre_qualifier
    if unit is None and number.scale == 1:
        if number.spelled and qualifier is None:
            return None
        if not number.spelled and _is_label(tokens, first_number, normalized):
            return None
    return j, number.value, qualifier, unit


def _number(tokens: _Tokens, i: int, after_currency: bool) -> _Number | None:
    number = _scaled_number(tokens, i, after_currency)
    if number is None or number.scale == 1:
        return number
    smallest = number.scale
    # A following smaller pair adds up: 1 लाख 20 हजार.
    while (part := _scaled_number(tokens, number.end, after_currency)) and 1 < part.scale < smallest:
        number = _Number(number.value + part.value, part.end, number.spelled, number.scale)
        smallest = part.scale
    return number


def _scaled_number(tokens: _Tokens, i: int, after_currency: bool) -> _Number | None:
    if i >= tokens.count:
        return None
    modifier = _MODIFIERS.get(tokens.key[i])
    if modifier is not None:
        i += 1
        if i >= tokens.count:
            return None
    key = tokens.key[i]
    scale = Decimal(1)
    numeral = _NUMERAL.fullmatch(tokens.text[i])
    if numeral:
        suffix = (numeral["suffix"] or "").lower()
        if suffix in _CURRENCY_ONLY_SUFFIXES and not after_currency:
            return None
        base = Decimal(numeral["number"].replace(",", "") + (numeral["decimals"] or ""))
        scale = Decimal(_SUFFIXES.get(suffix, 1))
        spelled = False
        i += 1
    elif key in _NUMBER_WORDS:
        base, spelled = _NUMBER_WORDS[key], True
        i += 1
    elif (compound := _english_compound(key)) is not None:
        base, spelled = compound, True
        i += 1
    elif key in _SCALES and modifier is not None:
        base, spelled = Decimal(1), True
    elif key in _ARTICLES and i + 1 < tokens.count and tokens.key[i + 1] in _SCALES:
        base, spelled = Decimal(1), True
        i += 1
    else:
        return None
    if modifier is not None:
        base += modifier
    while i < tokens.count and tokens.key[i] in _SCALES and _SCALES[tokens.key[i]] > scale:
        scale *= _SCALES[tokens.key[i]]
        i += 1
    return _Number(base * scale, i, spelled, scale)


def _english_compound(key: str) -> Decimal | None:
    tens, _, unit = key.partition("-")
    if not unit or tens not in _NUMBER_WORDS or unit not in _NUMBER_WORDS:
        return None
    if _NUMBER_WORDS[tens] % 10 or not 20 <= _NUMBER_WORDS[tens] <= 90 or not 1 <= _NUMBER_WORDS[unit] <= 9:
        return None
    return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]


def _is_label(tokens: _Tokens, i: int, normalized: str) -> bool:
    """A bare numeral that is a year, a date, a time, an ordinal or a list number."""
    text, key = tokens.text, tokens.key
    before = key[i - 1] if i > 0 else ""
    after = key[i + 1] if i + 1 < tokens.count else ""
    if _YEAR.fullmatch(text[i]) and 1900 <= int(text[i]) <= 2100:
        return True
    if before in _MONTHS or after in _MONTHS or after in _TIME_WORDS or after in _ORDINAL_SUFFIXES:
        return True
    label = key[i - 2] if before == "." and i > 1 else before
    if label in _NUMBER_LABELS:
        return True
    # 10:30, 10/03: a numeral joined to another by ':' (or a visarga typed for it) or '/'.
    if after in (":", "\u0903", "/") and i + 2 < tokens.count and _NUMERAL.fullmatch(text[i + 2]):
        return True
    if before in (":", "\u0903", "/") and i > 1 and _NUMERAL.fullmatch(text[i - 2]):
        return True
    first = i - 1 if before == "(" else i
    opens_line = first == 0 or "\n" in normalized[tokens.ends[first - 1] : tokens.starts[first]]
    return opens_line and after in (".", ")")


def _original_span(text: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    begin, finish = offsets[start], offsets[end]
    # offsets[end] lies past any invisible characters dropped after the span; trim them.
    while finish > begin and (text[finish - 1].isspace() or text[finish - 1] in INVISIBLE_CHARS):
        finish -= 1
    return begin, finish


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _two_decimals(amount: Decimal) -> tuple[str, str]:
    rounded = amount.quantize(Decimal("0.01"))
    whole, _, fraction = f"{rounded:f}".partition(".")
    return whole, fraction.rstrip("0")


def _group_western(amount: Decimal) -> str:
    whole, fraction = _two_decimals(amount)
    grouped = f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def _group_indian(amount: Decimal) -> str:
    whole, fraction = _two_decimals(amount)
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    grouped = ",".join(([head] if head else []) + groups + [tail])
    return f"{grouped}.{fraction}" if fraction else grouped
