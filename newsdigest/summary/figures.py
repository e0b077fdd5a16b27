"""Figures for the other-language summary: how many of what, for whom, according to whom.

``format_quantity`` writes a number in the target language's convention (500,000 / 5 लाख) with its
qualifier, unit or currency; the sentence builders say what a figure measures and how it changed
("CrowdStrike's shares fell about 11%.", "Downdetector recorded more than 500,000 outage reports for
Facebook."), reading the verb and the counted noun from the fact, never adding what it does not hold.
"""
from __future__ import annotations

import regex

from ..preprocess.quantities import CLDR_CURRENCIES
from ..schema import Digest, Entity, Fact
from . import lexicon as lx
from .counted import english_word, is_plural_en, render_counted


_QUALIFIERS = {
    "en": {"more_than": "more than {n}", "less_than": "less than {n}", "up_to": "up to {n}", "about": "about {n}"},
    "hi": {"more_than": "{n} से ज्यादा", "less_than": "{n} से कम", "up_to": "{n} तक", "about": "करीब {n}"},
}
# "less_than" covers both a bound (तक, up to) and a strict one (से कम, less than): the text says which
_UP_TO = regex.compile(r"(?:^|\s)(?:up\s*to|तक)(?:$|\s)", regex.IGNORECASE)
_CURRENCY = {"INR": ("₹{n}", "{n} रुपये"), "USD": ("${n}", "{n} डॉलर"), "GBP": ("£{n}", "{n} पाउंड"),
             "EUR": ("€{n}", "{n} यूरो")}
# the verb of "{source} {verb} {figures}", read from the words of the fact's own sentence
_REPORT_VERBS = (("दर्ज", "recorded"), ("रिपोर्ट की", "reported"), ("अनुमान", "estimated"),
                 ("recorded", "recorded"), ("reported", "reported"), ("estimated", "estimated"),
                 ("counted", "counted"))


def entity_name(entity: Entity | None, lang: str) -> str:
    """The entity's name in ``lang``; the other script's name only when it has none."""
    if entity is None:
        return ""
    first, second = (entity.name_en, entity.name_hi) if lang == "en" else (entity.name_hi, entity.name_en)
    return (first or second or "").strip()


_SCALE_WORDS = {"dozen": 12, "hundred": 100, "thousand": 10**3, "lakh": 10**5, "million": 10**6, "crore": 10**7,
                "billion": 10**9, "trillion": 10**12}


def scale_of(fact: Fact, src: str) -> int | None:
    """A counted "noun" that is a scale word (मिलियन, दर्जन after the number) multiplies it instead."""
    counted = fact.extra.get("counted")
    if not counted or len(counted.split()) != 1 or fact.unit:
        return None
    word = counted.lower() if src == "en" else (english_word(counted, lx.load_lexicon()) or "")
    return _SCALE_WORDS.get(word.lower().rstrip("s"))


def format_quantity(fact: Fact, lang: str) -> str:
    """"more than 500,000" / "5 लाख से ज्यादा" / "about ₹370 billion" / "करीब 37,000 करोड़ रुपये" /
    "12.69 kilometres" / "12.69 किलोमीटर"."""
    from ..preprocess import format_number

    value = fact.value
    scale = scale_of(fact, "en" if regex.match(r"[A-Za-z]", fact.extra.get("counted") or "") else "hi")
    if scale and isinstance(value, (int, float)):
        value = value * scale
    n = format_number(value, lang)
    if fact.unit in _CURRENCY:
        n = _CURRENCY[fact.unit][0 if lang == "en" else 1].format(n=n)
    elif fact.unit in CLDR_CURRENCIES:  # "3 trillion Japanese yen" / "3 लाख करोड़ जापानी येन"
        n = lx.currency_pattern(fact.unit, lang, plural=fact.value != 1).replace("{0}", n)
    elif fact.unit == "percent" and lang == "en":
        n = f"{n}%"
    elif fact.unit:
        pattern = lx.unit_pattern(fact.unit, lang, plural=fact.value != 1)
        if pattern:
            n = pattern.replace("{0}", n)
    qualifier = fact.qualifier or ""
    if qualifier == "less_than" and _UP_TO.search(fact.text or ""):
        qualifier = "up_to"
    return _QUALIFIERS[lang].get(qualifier, "{n}").format(n=n)


# -- figures -----------------------------------------------------------------------------------------

def figure_facts(digest: Digest) -> list[Fact]:
    """Quantities that say something on their own: with a unit or a counted noun (a person's age, "75
    वर्षीय", is neither: it is no figure of the news; nor is an amount converted into another currency, "£479m"
    after "$900m")."""
    return [f for f in digest.facts if f.type == "quantity" and f.value is not None and f.sentence is not None
            and (f.unit or f.extra.get("counted")) and not f.extra.get("age") and not f.extra.get("conversion")]


def first_figure(digest: Digest) -> Fact | None:
    """The article's first figure: its first quantity fact with a unit or a counted noun."""
    figures = figure_facts(digest)
    return min(figures, key=lambda f: f.span[0]) if figures else None


_PARTICIPLE_EN = regex.compile(r"[a-z]+(?:ed|en)")


def participle(fact: Fact, src: str, tgt: str) -> str | None:
    """The English participle of a Hindi quantity's predicate ("रद्द" -> "cancelled", "प्रभावित" ->
    "affected"; :func:`newsdigest.facts.quantities`), from the induced lexicon; None when it has none."""
    word = fact.extra.get("predicate")
    if not word or src != "hi" or tgt != "en":
        return None
    return english_participle(word)


def english_participle(word: str) -> str | None:
    """The first English participle the induced lexicon gives a Hindi word (रद्द -> "cancelled", जारी ->
    "issued"), or None."""
    return next((w for w in lx.load_lexicon().english(word) if _PARTICIPLE_EN.fullmatch(w)), None)


def measure_of(fact: Fact, src: str, tgt: str) -> str | None:
    """What a bare percentage measures ("unemployment rate", ``extra["measured"]`` of an English fact that
    is no change), in ``tgt``: the text's own words, or the lexicon's for every one of them (आर्थिक विकास);
    None otherwise."""
    measured = fact.extra.get("measured")
    if not measured or fact.extra.get("change") or fact.extra.get("counted"):
        return None
    if src == tgt:
        return measured
    text, ok = render_counted(measured, src, tgt, 1)
    return text if ok and len(text.split()) >= len(measured.split()) else None


def amount_of(fact: Fact, src: str, tgt: str) -> str | None:
    """A Hindi amount of something, the noun after a genitive (``extra["amount_of"]``): "a reach of more than
    2.1 million" / "21 लाख से ज्यादा की रीच"; None when the noun has no rendering or the fact is no such amount."""
    counted = fact.extra.get("counted")
    if not fact.extra.get("amount_of") or not counted or src != "hi" or scale_of(fact, src):
        return None
    q = format_quantity(fact, tgt)
    if tgt == "hi":  # the text's own genitive, which agrees with the noun
        return f"{q} {fact.extra['amount_of']} {counted}"
    noun, ok = render_counted(counted, src, tgt, 1)
    if not ok or regex.search(r"(?:ed|ing)$", noun.split()[-1]) and len(noun.split()) > 1:
        return None  # "proposal passed": a noun with a verb is no amount's noun
    if not fact.unit and not fact.qualifier and isinstance(fact.value, (int, float)) and fact.value < 1000:
        return None  # "अनुच्छेद 7 का हवाला": a small bare number before का is more often a label than an amount
    if noun.endswith("ing"):  # a mass noun: "spending of ₹1.05 million"
        return f"{noun} of {q}"
    article = "an" if noun[:1].lower() in "aeiou" else "a"
    return f"{article} {noun} of {q}"


def figure_phrase(fact: Fact, src: str, tgt: str, with_counted: bool = True) -> str:
    q = format_quantity(fact, tgt)
    done = participle(fact, src, tgt)
    if not with_counted or scale_of(fact, src):
        return f"{q} {done}" if done else q
    counted, _ = render_counted(fact.extra.get("counted"), src, tgt, fact.value)
    return " ".join(p for p in (q, counted, done) if p)


def _passive(fact: Fact, src: str, tgt: str) -> str | None:
    """"about 8.5 million Windows devices were affected": a counted figure with what happened to it."""
    done = participle(fact, src, tgt)
    counted = fact.extra.get("counted")
    if not done or not counted or scale_of(fact, src):
        return None
    what, ok = render_counted(counted, src, tgt, fact.value)
    if not ok:
        return None
    return f"{format_quantity(fact, tgt)} {what} {'was' if fact.value == 1 else 'were'} {done}"


def _source_verb(digest: Digest, fact: Fact) -> str | None:
    if fact.sentence is None or fact.sentence >= len(digest.sentences):
        return None
    sentence = digest.text[slice(*digest.sentences[fact.sentence])]
    return next((v for k, v in _REPORT_VERBS if k in sentence), None)


def counts_hi(fact: Fact, src: str) -> str | None:
    """The Hindi oblique plural of what a plain count counts, for "{x} की संख्या"; None when the fact is
    an amount (a unit) or its noun is not a plural the lexicon renders. A Hindi text's own oblique
    plural ("10 बैंकों और ...") is used as it stands: "बैंकों की संख्या 10"."""
    counted = fact.extra.get("counted")
    if src == "hi" and counted and not fact.unit and not scale_of(fact, src):
        return counted if counted.endswith(("ों", "ओं")) and len(counted.split()) == 1 else None
    if fact.unit or not counted or src != "en" or not is_plural_en(counted) or scale_of(fact, src):
        return None
    text, ok = render_counted(counted, src, "hi", fact.value, case="oblique")
    return text if ok else None


_CHANGE_WORDS = {"en": {"fall": "fell", "rise": "rose"}, "hi": {"fall": "गिरावट", "rise": "बढ़ोतरी"}}


def change_clause(digest: Digest, fact: Fact, src: str, tgt: str) -> str | None:
    """A figure that gives a change, as a clause: "CrowdStrike's shares fell about 11%" /
    "क्राउडस्ट्राइक: शेयरों में करीब 11 प्रतिशत की गिरावट" (the Hindi noun form needs no agreement
    with a gender the lexicon does not hold); None when the fact is no change or names nothing that moved."""
    change = fact.extra.get("change")
    if change not in ("fall", "rise"):
        return None
    subject = entity_name(digest.entity(fact.subject), tgt)
    measured = fact.extra.get("measured")
    q = format_quantity(fact, tgt)
    counted = fact.extra.get("counted")
    if counted and not scale_of(fact, src):  # "rose 23 points" / "23 अंकों की बढ़ोतरी"
        unit, ok = render_counted(counted, src, tgt, fact.value, case="oblique" if tgt == "hi" else "direct")
        if ok:
            q = f"{q} {unit}"
    if tgt == "en":
        what = render_counted(measured, src, tgt)[0] if measured else ""
        if src == "en" and what and not (fact.subject and what[:1].isupper()):
            what = what[:1].lower() + what[1:]  # "Shares were down 11%": the sentence's capital
        who = f"{subject}'s {what}" if subject and what else subject or what
        return f"{capitalise(who)} {_CHANGE_WORDS[tgt][change]} {q}" if who else None
    if not measured:
        where = subject
    elif src == "hi":  # the text's own words; a direct plural (कीमतें) before में is oblique (कीमतों)
        where = lx.oblique_plural(measured) if measured.endswith(("ें", "एं", "एँ")) else measured
    else:  # the singular: "बिक्री में", "शेयर में" (sales, shares)
        where = render_counted(measured, src, tgt, value=1)[0]
    if subject and measured:
        where = f"{subject}: {where}"
    return f"{where} में {q} की {_CHANGE_WORDS[tgt][change]}" if where else None


def _change_sentence(digest: Digest, fact: Fact, src: str, tgt: str) -> str | None:
    clause = change_clause(digest, fact, src, tgt)
    if clause is None:
        return None
    source = entity_name(digest.entity(fact.extra.get("source")), tgt)
    if tgt == "en":
        return f"{clause}, according to {source}." if source else f"{clause}."
    return f"{source} के मुताबिक, {clause}।" if source else f"{clause}।"


def quantity_sentence(digest: Digest, group: list[Fact], src: str, tgt: str) -> str:
    changes = [_change_sentence(digest, f, src, tgt) for f in group]
    if any(changes):  # each change is its own clause; the other figures of the sentence keep theirs
        return " ".join(c or quantity_sentence(digest, [f], src, tgt) for c, f in zip(changes, group))
    first = group[0]
    source_name = entity_name(digest.entity(first.extra.get("source")), tgt)
    amount = amount_of(first, src, tgt) if len(group) == 1 else None
    if amount:  # "Elon Musk: a reach of more than 2.1 million." / "एलन मस्क: 21 लाख से ज्यादा की रीच।"
        subject = entity_name(digest.entity(first.subject), tgt)
        if tgt == "en":
            said = f", according to {source_name}" if source_name else ""
            return f"{subject}: {amount}{said}." if subject else f"{capitalise(amount)}{said}."
        said = f"{source_name} के मुताबिक, " if source_name else ""
        return f"{said}{subject}: {amount}।" if subject else f"{said}{amount}।"
    measure = measure_of(first, src, tgt) if len(group) == 1 else None
    if measure:  # "Annual growth: 0.2%." / "वार्षिक विकास: 0.2 प्रतिशत।", for whom and according to whom
        subject = entity_name(digest.entity(first.subject), tgt)
        q = format_quantity(first, tgt)
        if tgt == "en":
            who = f" for {subject}" if subject else ""
            said = f", according to {source_name}" if source_name else ""
            return f"{capitalise(measure)}{who}: {q}{said}."
        who = f"{subject} के लिए " if subject else ""
        said = f"{source_name} के मुताबिक, " if source_name else ""
        return f"{said}{who}{measure}: {q}।"
    shared = len(group) > 1 and all(f.extra.get("counted") == first.extra.get("counted") for f in group)
    if tgt == "en":
        parts = []
        for k, f in enumerate(group):
            subject = entity_name(digest.entity(f.subject), tgt)
            phrase = figure_phrase(f, src, tgt, with_counted=not (shared and k > 0))
            parts.append(f"{phrase} for {subject}" if subject else phrase)
        joined = join_words(parts, tgt)
        passive = _passive(first, src, tgt) if len(group) == 1 and not first.subject else None
        if source_name:
            verb = _source_verb(digest, first)
            if verb:
                return f"{source_name} {verb} {joined}."
            if passive:  # "According to Microsoft, about 8.5 million Windows devices were affected."
                return f"According to {source_name}, {passive}."
            return f"According to {source_name}, {'the figures were' if len(group) > 1 else 'the figure was'} {joined}."
        if len(group) == 1 and first.subject:
            subject = entity_name(digest.entity(first.subject), tgt)
            if participle(first, src, tgt):  # "IndiGo: about 200 flights cancelled."
                return f"{subject}: {figure_phrase(first, src, tgt)}."
            return f"The figure for {subject} was {figure_phrase(first, src, tgt)}."
        place = _place_of(digest, first)
        if place:
            return f"In {place}: {joined}."
        if passive:
            return f"{capitalise(passive)}."
        return f"The {'figures given are' if len(group) > 1 else 'figure given is'} {joined}."
    counts = counts_hi(first, src) if shared or len(group) == 1 else None
    parts = []
    for k, f in enumerate(group):
        subject = entity_name(digest.entity(f.subject), tgt)
        if counts is not None:
            # "फेसबुक के लिए आउटेज रिपोर्टों की संख्या 5 लाख से ज्यादा": the oblique plural before की
            phrase = (f"{counts} की संख्या " if k == 0 else "") + format_quantity(f, tgt)
        else:
            phrase = ("आंकड़ा " if k == 0 else "") + figure_phrase(f, src, tgt, with_counted=not (shared and k > 0))
        parts.append(f"{subject} के लिए {phrase}" if subject else phrase)
    joined = join_words(parts, tgt)
    verb = "रही" if counts is not None else "रहा"  # agrees with संख्या (f.) / आंकड़ा (m.)
    lead = f"{source_name} के मुताबिक, " if source_name else ""
    return f"{lead}{joined} {verb}।"


_IN_PLACE = regex.compile(r"\s*में(?![\p{L}\p{M}])")


def _place_of(digest: Digest, fact: Fact) -> str:
    """The English name of the place the fact's sentence says it happened in ("असम में", "in Assam")
    before the number, if any."""
    if fact.sentence is None or fact.sentence >= len(digest.sentences):
        return ""
    start = digest.sentences[fact.sentence][0]
    places = [(m.start, e) for e in digest.entities if e.type == "LOC" for m in e.mentions
              if start <= m.start < fact.span[0] and (_IN_PLACE.match(digest.text, m.end)
                                                       or digest.text[max(0, m.start - 3):m.start].lower() == "in ")]
    return entity_name(min(places, key=lambda p: p[0])[1], "en") if places else ""


def capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s and s[0].isalpha() else s


def join_words(parts: list[str], lang: str) -> str:
    word = "and" if lang == "en" else "और"
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]
