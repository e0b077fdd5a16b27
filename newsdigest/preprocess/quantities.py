"""Numbers with their scale, unit and qualifier, found in Hindi, English or mixed text.

A quantity is, in this order: an optional qualifier (करीब, more than), an optional currency sign
or code (₹ $ € £ Rs रु. INR USD EUR GBP), a number, any scale words, an optional unit, and an
optional qualifier after it (से ज्यादा, से कम, के करीब, or more). Its span covers all of them.

Numbers: digits in any script (२५ = 25), Indian (2,50,000) or Western (88,000) grouping, decimals;
a glued suffix k, mn, bn, cr, tn (and m or b right after a currency: $2bn, $3m) or unit (15KG,
163CC); every Hindi cardinal 0-99 (from indic-numtowords, with the common variant spellings such as
अठारह/अट्ठारह), collectives (तीनों), one..twenty, tens, dozen; डेढ़ 1.5 and ढाई 2.5; सवा x = x + 0.25, साढ़े x = x + 0.5,
पौने x = x - 0.25, and before a bare scale word 1.25, 1.5 and 0.75 times it (सवा लाख = 125,000).
Scale words multiply and may be stacked (1.5 लाख करोड़ = 1.5e12); a following smaller pair adds
(1 लाख 20 हजार = 120,000), and so does a last number of the next lower order (12 हजार 500 =
12,500): हजार/हज़ार सौ लाख करोड़ अरब खरब, hundred thousand million billion trillion lakh crore
(and plurals). "/-" after a rupee amount (₹5,000/-) belongs to it.

Unit codes: "percent", "INR", "USD", "EUR", "GBP", the ISO codes of :data:`CLDR_CURRENCIES` (by the last
word of their CLDR names: yen, yuan, rand, रूबल ...), and the measure words "km", "km/h", "m",
"kg", "tonne", "hectare", "decade", "year", "month", "week", "day" (दिवसीय, "-day", too), "hour", "minute",
"second". Anything else (लोग, people) is not a
unit: the quantity then has unit None.

Qualifiers: "more_than" (से ज्यादा/ज़्यादा/अधिक/ऊपर, के पार, कम से कम, more than, over, above, at
least, or more), "less_than" (से कम, तक = up to, less than, fewer than, under, below, up to),
"about" (करीब/क़रीब, करीब-करीब, लगभग, तकरीबन, के करीब, के आसपास, about, nearly, around,
approximately, roughly, almost, some, or so).

Not reported, so that a digest does not list them as figures:
- a number written in words with no scale, unit, currency or qualifier, unless a noun follows it
  (पांच लोगों की मौत is a count; एक फोटो, दो ने कहा, one of them are not);
- a bare number, with no scale, unit or currency (a qualifier does not count), that is
  * a year: four digits between 1800 and 2100 (2024 में; around 2000);
  * part of a date (10 मार्च, March 10, 10/03, 16 और 27 तारीख) or a time (10:30, 10 बजे, 5 pm);
  * the first day of a range or list of dates (18 से 25 नवम्बर, 9 और 10 मई), the end of a range of
    years (2016 से 18 के बीच) or a decade (90 के दशक);
  * an ordinal, rank, label or list number (10 वीं, नंबर 1, No. 1, धारा 144, धारा 4 (3), रैंक 197, क्लास 6 से
    10, पेपर 1, `1.` or `(1)` opening a line or following a sentence's end), a title ('रेड 2'), a model name
    between codes (RTR 160 4V), a number after a letter (टी 20, G 7) or after a capitalised name before a
    colon or postposition (Don 3:, CID 2 में), a house number (3 कामराज मार्ग);
- a number in words before a time word (दोपहर तीन बजे, सवा दो बजे), and a collective after a demonstrative
  (इन तीनों ऐप्स: the apps were counted where they were named) or in चारों ओर.
Matching runs on the normalized text, so nukta and quote variants and invisible characters do
not matter; offsets are mapped back to the given text.
"""

from __future__ import annotations

import functools

from dataclasses import asdict, dataclass
from decimal import Decimal, localcontext

import regex

from newsdigest.preprocess.hindi import MONTHS, POSTPOSITIONS, hindi_cardinals
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
    unit: str | None = None  # glued to the numeral: 15KG, 163CC


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

# Collective forms count too: तीनों (all three) ... दसों; not दोनों (both), which news uses as a pronoun
_COLLECTIVES = {"तीनों": 3, "चारों": 4, "पांचों": 5, "छहों": 6, "सातों": 7, "आठों": 8, "नौवों": 9,
                "दसों": 10}

_NUMBER_WORDS = _decimals(
    {
        **hindi_cardinals(), **_COLLECTIVES, "डेढ़": "1.5", "ढाई": "2.5", "अढ़ाई": "2.5",
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    }
)
_ARTICLES = {"a", "an"}
_COLLECTIVE_KEYS = {_key(w) for w in _COLLECTIVES}
_ALIKE = {_key(w) for w in "सा सी से".split()}
_DEMONSTRATIVES = {_key(w) for w in "इन उन ये वे इन्हीं उन्हीं".split()}
_SIDES = {_key(w) for w in "ओर तरफ तरफ़".split()}
_INDEFINITE = {_key(w) for w in "एक one".split()}
# Words after which a number word does not count a noun: postpositions, conjunctions, verbs, particles.
_POSTPOSITION_KEYS = {_key(w) for w in POSTPOSITIONS}
_NOT_COUNTED = _POSTPOSITION_KEYS | {_key(w) for w in (
    "और या व तथा एवं भी ही तो है हैं था थे थी थीं हो होगा होंगे हुए हुई हुआ "
    "कर करने करना करें किया किए किये गए गई गया रहे रहा रही सकते सकता सकती बार गुना नंबर वां वीं वें "
    "अब फिर लगभग तकरीबन तक़रीबन करीब क़रीब साथ मिलकर"  # adverbs: "चारों अब रुककर", "चारों लगभग एक-सी गति से"
).split()}
_LATIN_WORD = regex.compile(r"[a-z]+")
_NOT_COUNTED_EN = frozenset(
    "of and or to in on at by for from with the a an is are was were be been has have had will would can "
    "could may might said says more less than times out up down off over under about".split())
_DEVANAGARI_WORD = regex.compile(r"[\p{Devanagari}&&[\p{L}\p{M}]]+", flags=regex.VERSION1)
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
        **_words("year", "साल सालों वर्ष वर्षों बरस years year yrs"),
        **_words("decade", "दशक दशकों decade decades"),
        **_words("month", "महीना महीने महीनों माह months month"),
        **_words("week", "हफ्ता हफ्ते हफ्तों सप्ताह weeks week"),
        **_words("day", "दिन दिनों दिवसीय days day"),
        **_words("hour", "घंटा घंटे घंटों hours hour hrs"),
        **_words("minute", "मिनट मिनटों minutes minute mins min"),
        **_words("second", "सेकंड सेकेंड seconds second secs"),
    }
)
_PRE_QUALIFIERS = _Phrases(
    {
        **_words("about", "करीब लगभग तकरीबन about nearly around approximately roughly almost some"),
        "करीब - करीब": "about", "लगभग - लगभग": "about", "कम से कम": "more_than", "at least": "more_than",
        "up to": "less_than", "upto": "less_than",
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
        "के पार": "more_than", "से पार": "more_than", "तक": "less_than", "से ज़्यादा": "more_than",
    }
)
_MONTHS = {_key(word) for word in MONTHS}
_TIME_WORDS = {_key(word) for word in "बजे बजकर am pm a.m p.m o'clock".split()}
_ORDINAL_SUFFIXES = {_key(word) for word in "वां वीं वें".split()}
_NUMBER_LABELS = {_key(word) for word in (
    "नंबर नम्बर नं क्रमांक no number # धारा अनुच्छेद सेक्शन आर्टिकल section article रैंक rank टॉप top "
    "सीजन season क्लास कक्षा class पेपर paper"
).split()}
_DATE_WORDS = {_key(word) for word in "तारीख तारीखों तिथि".split()}
_LETTER_WORDS = {_key(w) for w in "टी जी बी सी डी ए".split()}
_STREET_WORDS = {_key(w) for w in "मार्ग रोड लेन गली".split()}
_RANK_WORDS = {_key(word) for word in "रैंक rank".split()}
_DECADE_WORDS = {_key(word) for word in "दशक दशकों".split()}
_LIST_JOINERS = {_key(word) for word in "और व , or and".split()}
_RANGE_JOINERS = _LIST_JOINERS | {_key(word) for word in "या से - – to".split()}
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{N}]*")
_SENTENCE_ENDS = {"।", ".", "?", "!", "\u0965"}
_MODEL_CODE = regex.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*|\d+[A-Za-z]+")
_CLOSING_QUOTES = set("'\"\u2019\u201d")

_NUMERAL = regex.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?P<decimals>\.\d+)?"
    r"(?:(?P<suffix>k|mn|m|bn|b|cr|tn)|-?(?P<unit>kg|km|cc|gb|mb|mah|kmph|mm|cm|ml))?",
    flags=regex.IGNORECASE,
)
_GLUED_UNITS = {"kg": "kg", "km": "km", "cc": "cc", "gb": "GB", "mb": "MB", "mah": "mAh", "kmph": "km/h",
                "mm": "mm", "cm": "cm", "ml": "ml"}
_YEAR = regex.compile(r"\d{4}")
_MAX_DIGITS = 100  # a longer run of digits is no figure
_PRECISION = 200  # significant digits of the arithmetic: every digit of the longest figure, times any scale
_STARTERS = (
    _PRE_QUALIFIERS.first_words | _CURRENCY_PREFIXES.first_words | set(_MODIFIERS) | set(_NUMBER_WORDS) | _ARTICLES
)


def find_quantities(text: str) -> list[Quantity]:
    """Return the quantities in `text`, in order, with spans into `text` (see the module docstring)."""
    with localcontext() as exact:  # a 40-digit number keeps every digit (the default context keeps 28)
        exact.prec = _PRECISION
        return _find_quantities(text)


def _find_quantities(text: str) -> list[Quantity]:
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


# Currencies besides the four above, read by the last word of their CLDR names (Babel, in English, British
# English and Hindi): "3 trillion yen", "500 million rand", "2 अरब युआन". A word that another unit or
# currency already has (dollar, pound, rupee) or that English uses otherwise (won, real) is not one.
CLDR_CURRENCIES = ("JPY", "CNY", "ZAR", "IDR", "MXN", "RUB", "CHF", "SAR", "AED", "BDT", "THB", "MYR", "TRY",
                   "NGN", "KES", "ILS", "PLN", "SEK", "NOK", "DKK")
CURRENCIES = frozenset({"INR", "USD", "EUR", "GBP", *CLDR_CURRENCIES})  # every currency unit code


@functools.lru_cache(maxsize=1)
def _cldr_currency_words() -> dict[str, str]:
    """Folded currency word -> ISO code, for the words exactly one of :data:`CLDR_CURRENCIES` has."""
    from babel.numbers import get_currency_name

    taken = {phrase[-1] for phrase in _UNITS} | {phrase[-1] for phrase in _CURRENCY_PREFIXES}
    words: dict[str, set[str]] = {}
    for code in CLDR_CURRENCIES:
        for locale, count in (("en", 1), ("en", 2), ("en_GB", 2), ("hi", 1)):
            word = _key(get_currency_name(code, count=count, locale=locale).split()[-1])
            words.setdefault(word, set()).add(code)
    return {w: codes.pop() for w, codes in words.items() if len(codes) == 1 and w not in taken and len(w) > 2}


def _unit_at(tokens: _Tokens, i: int) -> tuple[object, int]:
    """The unit or currency word(s) at token ``i`` (:data:`_UNITS`, then :data:`CLDR_CURRENCIES`) and the
    index after them."""
    unit, end = _UNITS.match(tokens, i)
    if unit is None and i < tokens.count:
        code = _cldr_currency_words().get(tokens.key[i])
        if code is not None:
            return code, i + 1
    return unit, end


def _parse(tokens: _Tokens, i: int, normalized: str) -> tuple[int, Decimal, str | None, str | None] | None:
    """Return (index after the quantity, value, qualifier, unit) for a quantity at token `i`."""
    j = i
    pre_qualifier, j = _PRE_QUALIFIERS.match(tokens, j)
    currency, j = _CURRENCY_PREFIXES.match(tokens, j)
    number = _number(tokens, j, currency is not None)
    if number is None:
        return None
    first_number, j = j, number.end
    if currency is not None and tokens.text[j:j + 2] == ["/", "-"]:  # ₹5,000/- : "and no paise"
        j += 2
    unit, after_unit = _unit_at(tokens, j)
    if number.unit is not None:
        unit, after_unit = number.unit, j
    if unit is not None and currency in (None, unit):
        j = after_unit
    else:
        unit = currency
    post_qualifier, j = _POST_QUALIFIERS.match(tokens, j)
    if unit is None:
        unit, j = _unit_at(tokens, j)
    qualifier = post_qualifier or pre_qualifier
    if (number.spelled and tokens.key[first_number] in _INDEFINITE and number.end + 1 < tokens.count
            and tokens.text[number.end] == "-" and tokens.key[number.end + 1] in _ALIKE):
        return None  # एक-सी गति, एक-सा: "alike", not a number
    if unit is None and number.scale == 1:
        if number.spelled and number.end < tokens.count and tokens.key[number.end] in _TIME_WORDS:
            return None  # दोपहर तीन बजे, सवा दो बजे: a clock time
        if number.spelled and qualifier is None and not _counts_a_noun(tokens, first_number, j):
            return None
        if not number.spelled and _is_label(tokens, first_number, normalized):
            return None
    return j, number.value, qualifier, unit


def _number(tokens: _Tokens, i: int, after_currency: bool) -> _Number | None:
    number = _scaled_number(tokens, i, after_currency)
    if number is None or number.scale == 1:
        return number
    smallest = number.scale
    # A following smaller pair adds up: 1 लाख 20 हजार, and a last plain number too: 12 हजार 500.
    while (part := _scaled_number(tokens, number.end, after_currency)) and part.scale < smallest:
        if part.scale == 1 and not (smallest / 10 <= part.value < smallest and part.spelled == number.spelled):
            break
        number = _Number(number.value + part.value, part.end, number.spelled, number.scale)
        smallest = part.scale
        if part.scale == 1:
            break
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
        if len(numeral["number"]) > _MAX_DIGITS:
            return None  # a run of digits this long is no figure (and would not fit the exact context)
        base = Decimal(numeral["number"].replace(",", "") + (numeral["decimals"] or ""))
        scale = Decimal(_SUFFIXES.get(suffix, 1))
        spelled = False
        i += 1
        if numeral["unit"]:
            return _Number(base, i, False, scale, _GLUED_UNITS[numeral["unit"].lower()])
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


def _counts_a_noun(tokens: _Tokens, i: int, j: int) -> bool:
    """A number word with nothing else is a count when a noun follows it (पांच लोगों की मौत, छह जवान,
    तीनों आरोपी); not the indefinite एक/one, nor a word before a postposition or a verb (दो ने कहा)."""
    if tokens.key[i] in _INDEFINITE or j >= tokens.count or (i > 0 and tokens.key[i - 1] in _ARTICLES):
        return False  # "a dozen eggs" is a way of speaking, not a figure
    nxt = tokens.key[j]
    if tokens.key[i] in _COLLECTIVE_KEYS and (nxt in _SIDES or (i > 0 and tokens.key[i - 1] in _DEMONSTRATIVES)):
        return False  # चारों ओर, "all around": an idiom; इन तीनों ऐप्स, "these three apps": named before
    if _LATIN_WORD.fullmatch(nxt):  # four wickets, six people; not "two of them", "three and"
        return nxt not in _NOT_COUNTED_EN
    return bool(_DEVANAGARI_WORD.fullmatch(nxt)) and nxt not in _NOT_COUNTED or (
        tokens.text[j] == "-" and j + 1 < tokens.count and tokens.key[j + 1] in _NUMBER_WORDS)


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
    if _YEAR.fullmatch(text[i]) and 1800 <= int(text[i]) <= 2100:
        return True
    if before in _MONTHS or after in _MONTHS or after in _TIME_WORDS or after in _ORDINAL_SUFFIXES:
        return True
    if after in _DATE_WORDS or (after in _LIST_JOINERS and i + 2 < tokens.count and (
            key[i + 2] in _DATE_WORDS or (i + 3 < tokens.count and key[i + 3] in _DATE_WORDS))):
        return True  # फरवरी की 16 और 27 तारीख
    if (after in _RANGE_JOINERS and i + 3 < tokens.count and _NUMERAL.fullmatch(text[i + 2])
            and (key[i + 3] in _MONTHS or key[i + 3] in _DATE_WORDS)):
        return True  # the first day of a range or list of dates: 18 से 25 नवम्बर, 9 और 10 मई, 27 या 28 अगस्त
    if i > 1 and key[i - 1] in _RANGE_JOINERS and _YEAR.fullmatch(text[i - 2]) and len(text[i]) == 2:
        return True  # the end of a range of years: 2016 से 18 के बीच, 2019-20
    if after in ("के", "का", "की") and i + 2 < tokens.count and key[i + 2] in _DECADE_WORDS and len(text[i]) in (2, 4):
        return True  # a decade of years: 90 के दशक, 1990 के दशक में
    if after[:1] in _CLOSING_QUOTES and i > 0 and not _NUMERAL.fullmatch(text[i - 1]):
        return True  # a title: 'रेड 2', फिल्म 100%'
    if i > 0 and i + 1 < tokens.count and _MODEL_CODE.fullmatch(text[i - 1]) and _MODEL_CODE.fullmatch(text[i + 1]):
        return True  # a model name between codes: Apache RTR 160 4V
    label = key[i - 2] if before in (".", "-") and i > 1 else before
    if label in _NUMBER_LABELS or after in _RANK_WORDS or (
            after == ")" and i + 2 < tokens.count and key[i + 2] in _RANK_WORDS):
        return True  # नंबर 1, नंबर- 1, No. 1; (AIR 113) रैंक
    if i > 2 and before in _RANGE_JOINERS and _NUMERAL.fullmatch(text[i - 2]) and key[i - 3] in _NUMBER_LABELS:
        return True  # the end of a range of labels: क्लास 6 से 10 तक
    if i > 2 and before == "(" and _NUMERAL.fullmatch(text[i - 2]) and key[i - 3] in _NUMBER_LABELS:
        return True  # a sub-clause: धारा 4 (3)
    if i > 0 and (before in _LETTER_WORDS or (len(text[i - 1]) == 1 and text[i - 1].isascii()
                                              and text[i - 1].isupper() and text[i - 1] != "I")):
        return True  # a letter and a number name a thing: टी 20, T 20, जी 7
    if (i > 0 and len(text[i]) <= 2 and _CAPITALISED.fullmatch(text[i - 1])
            and (after in (":", "") or after in _POSTPOSITION_KEYS)):
        return True  # a sequel or version in a name: "Don 3:", "CID 2 में", "Windows 11 पर"
    if any(k < tokens.count and key[k] in _STREET_WORDS for k in (i + 2, i + 3)) and _DEVANAGARI_WORD.fullmatch(after):
        return True  # an address: (3 कामराज मार्ग)
    # 10:30, 10/03: a numeral joined to another by ':' (or a visarga typed for it) or '/'.
    if after in (":", "\u0903", "/") and i + 2 < tokens.count and _NUMERAL.fullmatch(text[i + 2]):
        return True
    if before in (":", "\u0903", "/") and i > 1 and _NUMERAL.fullmatch(text[i - 2]):
        return True
    first = i - 1 if before == "(" else i
    # a list number opens a line or follows a sentence's end ("... जाएगी। 2. राहुल"), not "5. 2"
    after_stop = (first > 0 and text[first - 1] in _SENTENCE_ENDS and after == "."
                  and not (first > 1 and _NUMERAL.fullmatch(text[first - 2])))
    opens_line = first == 0 or "\n" in normalized[tokens.ends[first - 1] : tokens.starts[first]] or after_stop
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
