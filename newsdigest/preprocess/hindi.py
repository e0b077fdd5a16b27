"""Language data that several stages read, one home each: Hindi function words, titles, script ranges,
Hindi number words, month and weekday names (CLDR via Babel)."""
import functools

# Postpositions: a word before one is the noun phrase's end (मेटा ने, दो में से).
POSTPOSITIONS = frozenset("ने को का की के में से पर तक लिए".split())

# Titles and honorifics around a person's name; the news-hi guidelines keep them out of the name's span
# (महंत नरेंद्र गिरि names नरेंद्र गिरि, महमूद साहब names महमूद). Titles come before the name, honorifics after.
PERSON_TITLES = frozenset("""
श्री श्रीमती सुश्री डॉ डॉक्टर प्रो प्रोफेसर प्रोफ़ेसर जस्टिस न्यायमूर्ति महंत स्वामी मौलाना पंडित
कैप्टन कर्नल जनरल मेजर लेफ्टिनेंट एडवोकेट पीएम सीएम प्रधानमंत्री मुख्यमंत्री राष्ट्रपति राज्यपाल
उपराष्ट्रपति सांसद विधायक मंत्री केंद्रीय मिस्टर मिसेज मिसेज़ एडमिरल ब्रिगेडियर कमांडर इंस्पेक्टर
""".split())
PERSON_HONORIFICS = frozenset("जी साहब साहिब साब महाराज".split())
# Ranks of officials, written as acronyms (डीएम, an IAS officer) and degrees (पीएचडी, MBBS): the guidelines
# make them no entities ("titles", "degrees"), alone or in front of a name. Not एसपी/SP, which is also the
# Samajwadi Party.
RANK_TITLES = frozenset("""
डीएम एडीएम एसडीएम डीएसपी एसएसपी एसएचओ आईएएस आईपीएस DM ADM SDM DSP SSP SHO IAS IPS
""".split())
DEGREES = frozenset("""
पीएचडी एमबीबीएस एमबीए बीटेक एमटेक PhD Ph.D MBBS MBA BTech MTech
""".split())

# Character classes (bodies of a regex [...] class) of the Devanagari block, for the stages that ask
# "is this Hindi?": the whole block, and its letters and signs only (no dandas U+0964-0965, no digits
# U+0966-096F, no abbreviation sign U+0970), the alphabet of the names model.
DEVANAGARI = "\u0900-\u097f"
DEVANAGARI_LETTERS = "\u0900-\u0963\u0971-\u097f"

# Spellings of number words that news writes beside indic-numtowords' own
_CARDINAL_SPELLINGS = {5: "पांच", 6: "छह", 15: "पन्द्रह"}
# Spellings of month names that Hindi news writes beside CLDR's: the older CLDR form of October and the
# forms that generate_variants() cannot derive.
_MONTH_VARIANTS = {"अक्तूबर": 10}
_WEEKDAY_VARIANTS = {"बृहस्पतिवार": "Thursday", "वीरवार": "Thursday"}  # other names of गुरुवार
# Anusvara before a consonant of a class is written also as that class's nasal + virama (सितंबर = सितम्बर).
_CLASS_NASAL = {**dict.fromkeys("कखगघ", "ङ"), **dict.fromkeys("चछजझ", "ञ"), **dict.fromkeys("टठडढ", "ण"),
                **dict.fromkeys("तथदध", "न"), **dict.fromkeys("पफबभ", "म")}


def spelling_variants(word: str) -> set[str]:
    """``word`` and its common Hindi spelling variants: without nukta (फ़रवरी, फरवरी) and with an anusvara
    before a consonant written as the class nasal + virama (सितंबर, सितम्बर)."""
    out = {word}
    out.add(word.replace("\u093c", ""))
    for w in list(out):
        out.add("".join(_CLASS_NASAL[w[i + 1]] + "\u094d" if c == "\u0902" and i + 1 < len(w) and w[i + 1] in _CLASS_NASAL
                        else c for i, c in enumerate(w)))
    return out


@functools.lru_cache(maxsize=1)
def hindi_cardinals() -> dict[str, int]:
    """Hindi number words 0-99 from ``indic-numtowords`` (MIT), with the spellings news also uses:
    अठारह for अट्ठारह, निन्यानबे for निन्यानवे, a plain vowel for a nasalised one, and पांच, छह, पन्द्रह."""
    from indic_numtowords import num2words

    out: dict[str, int] = {}
    for n in range(100):
        word = num2words(n, lang="hi")
        for form in {word, word.replace("ट्ठ", "ठ"), word.replace("ठ", "ट्ठ") if "ट्ठ" not in word else word,
                     word.replace("नवे", "नबे"), word.replace("ौं", "ौ")}:
            out.setdefault(form, n)
    for n, forms in _CARDINAL_SPELLINGS.items():
        out.update(dict.fromkeys(forms.split(), n))
    return out


def _months() -> dict[str, int]:
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for n, name in get_month_names("wide", locale="hi").items():
        out.update(dict.fromkeys(spelling_variants(name), n))
    out.update(_MONTH_VARIANTS)
    for width in ("wide", "abbreviated"):
        out.update((name.lower(), n) for n, name in get_month_names(width, locale="en").items())
    out["sept"] = 9
    return out


def _weekdays() -> dict[str, str]:
    from babel.dates import get_day_names

    english = get_day_names("wide", locale="en")
    out = {name: english[i] for i, name in get_day_names("wide", locale="hi").items()}
    out.update(_WEEKDAY_VARIANTS)
    out.update((name.lower(), name) for name in english.values())
    return out


# MONTHS (month name -> number) and WEEKDAYS (weekday name -> English weekday), Hindi and English
# (lower-case), from CLDR through Babel with the spelling variants above; built on first use, so that the
# modules which only need the word lists or the script ranges do not load Babel.
_LAZY = {"MONTHS": _months, "WEEKDAYS": _weekdays}


def __getattr__(name: str):
    if name in _LAZY:
        value = globals()[name] = _LAZY[name]()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
