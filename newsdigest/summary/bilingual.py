"""The other-language summary written from the structured facts, with no translation model.

A headline and bullets for a reader of the other language, each bullet one checked fact of the digest:

- the headline names the lead actor (the most salient entity, with the second when the lead sentence
  names both), the title's topic word when the lexicon knows it (English only: "Assam and Kaziranga
  flood"), and the article's first figure with what it measures and who reports it ("Facebook and Meta:
  more than 500,000 outage reports, says Downdetector");
- a figure bullet says how many of what, for whom and according to whom ("Downdetector recorded more
  than 500,000 outage reports for Facebook and more than 88,000 for Instagram."); the article's first
  figure is always one of them;
- a quote bullet gives the speaker, the role and the quoted words in their own language, marked so
  (``said (in Hindi): "..."`` / ``ने कहा (अंग्रेज़ी में): "..."``); at most two speakers, direct
  quotes first. Reported speech (not verbatim) is not shown in the other language.

Names come from the entities (``name_en``/``name_hi``), numbers from the facts in the target language's
convention (500,000 / 5 लाख), units, months and language names from CLDR (Babel), and the counted nouns
from the lexicon induced from parallel text (:mod:`newsdigest.summary.lexicon`). Hindi is written with
the oblique plural before a postposition (उड़ानों की संख्या) and the verb agreeing with its subject
(संख्या ... रही, आंकड़ा ... रहा). A counted noun the lexicon cannot render stays in the source
language, in quotation marks; nothing is added that the facts do not hold.
"""
from __future__ import annotations

import regex

from ..schema import Digest, Entity, Fact, Summary
from . import lexicon as lx

__all__ = ["summary_from_facts", "headline_from_facts", "describe_fact", "format_quantity", "entity_name",
           "render_counted", "first_figure", "LANG_NAMES"]


def _lang_names() -> dict[str, dict[str, str]]:
    # CLDR's language names; "हिंदी" is how Hindi news spells its own language (CLDR: हिन्दी)
    return {"hi": {"hi": "हिंदी", "en": lx.language_name("en", "hi")},
            "en": {"hi": lx.language_name("hi", "en"), "en": lx.language_name("en", "en")}}


LANG_NAMES = _lang_names()
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
_GENITIVE_HI = ("की", "के", "का")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_MAX_QUOTE_WORDS = 30
_FIRST_SENTENCE = regex.compile(r".+?[।.?!](?=\s)")
TOPIC_MAX_ZIPF = 5.6  # commoner words (most, about, over) say nothing about the story
TOPIC_MAX_ZIPF_HI = 5.0  # देश, सरकार, योजना, वर्ग are in every article; बाढ़, अंतरिक्ष are a story
# Hindi's most frequent words are its own (मौत, रन, आय), whatever English word they sound like; loanwords
# news uses a lot (केस 4.9, विकेट 4.8, आउटेज 0) are below this
LOANWORD_MAX_ZIPF_HI = 5.0


def entity_name(entity: Entity | None, lang: str) -> str:
    """The entity's name in ``lang``; the other script's name only when it has none."""
    if entity is None:
        return ""
    first, second = (entity.name_en, entity.name_hi) if lang == "en" else (entity.name_hi, entity.name_en)
    return (first or second or "").strip()


_SCALE_WORDS = {"dozen": 12, "hundred": 100, "thousand": 10**3, "lakh": 10**5, "million": 10**6, "crore": 10**7,
                "billion": 10**9, "trillion": 10**12}


def _scale_of(fact: Fact, src: str) -> int | None:
    """A counted "noun" that is a scale word (मिलियन, दर्जन after the number) multiplies it instead."""
    counted = fact.extra.get("counted")
    if not counted or len(counted.split()) != 1 or fact.unit:
        return None
    word = counted.lower() if src == "en" else (_english_word(counted, lx.load_lexicon()) or "")
    return _SCALE_WORDS.get(word.lower().rstrip("s"))


def format_quantity(fact: Fact, lang: str) -> str:
    """"more than 500,000" / "5 लाख से ज्यादा" / "about ₹370 billion" / "करीब 37,000 करोड़ रुपये" /
    "12.69 kilometres" / "12.69 किलोमीटर"."""
    from ..preprocess import format_number

    value = fact.value
    scale = _scale_of(fact, "en" if regex.match(r"[A-Za-z]", fact.extra.get("counted") or "") else "hi")
    if scale and isinstance(value, (int, float)):
        value = value * scale
    n = format_number(value, lang)
    if fact.unit in _CURRENCY:
        n = _CURRENCY[fact.unit][0 if lang == "en" else 1].format(n=n)
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


# -- counted nouns -----------------------------------------------------------------------------------

def _english_word(word: str, lexicon: lx.Lexicon) -> str | None:
    """One Hindi word in English: the lexicon's best content word, else an English loanword read back
    (रिपोर्ट = report) when the spelling the transliteration model gives is a common English word. A
    plural the lexicon lacks is looked up by its stem (पार्टियों -> पार्टी), and the English made plural."""
    if regex.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", word):
        return word  # a word the Hindi text writes in Latin letters ("Windows डिवाइस") is kept
    for form, plural in [(word, False)] + [(stem, True) for stem in _hindi_stems(word)]:
        for cand in lexicon.english(form):
            if not lx.is_function_word(cand, "en") and cand.isalpha():
                return lx.english_plural(cand) if plural else cand
    # a stem is never read as a loanword: मरीज(ों) would come back as "marriage"
    return _loanword(word)


def _hindi_stems(word: str) -> list[str]:
    """Singular forms a Hindi plural may come from: पार्टियों -> पार्टी, बच्चों -> बच्चा/बच्च, मैचों -> मैच,
    महिलाओं -> महिला, सीटें -> सीट."""
    if word.endswith("ियों") or word.endswith("ियां"):
        return [word[:-4] + "ी"]
    if word.endswith("ों"):
        return [word[:-2], word[:-2] + "ा"]
    if word.endswith("ओं"):
        return [word[:-2]]
    if word.endswith("ें") or word.endswith("एं"):
        return [word[:-2]]
    return []


def _loanword(word: str) -> str | None:
    """An English loanword written in Devanagari, read back: the transliteration model with the
    organisation-name weighting of the English word list (:mod:`newsdigest.names.lexicon`) spells
    आउटेज as Outage; kept only when that is a common English word (बयान gives Bayan, which is not) and
    the Hindi word is not one of Hindi's most frequent words."""
    if len(word) < 3 or not _DEVANAGARI.search(word) or _is_plural_hi(word):
        return None  # an English loanword is not inflected as a Hindi plural (मरीजों is Hindi)
    from wordfreq import zipf_frequency

    from ..errors import ModelNotFoundError
    from ..names import to_english_batch

    if zipf_frequency(word, "hi") >= LOANWORD_MAX_ZIPF_HI:
        return None  # मौत is a Hindi word, not "mouth"
    try:
        guess = to_english_batch([word], ["ORG"])[0].lower()
    except ModelNotFoundError:
        return None  # no transliteration model: the word stays in the source language
    if len(guess) >= 4 and guess.isalpha() and zipf_frequency(guess, "en") >= 3.0:
        return guess
    return None


def _hindi_loanword(word: str) -> str | None:
    """An English noun as Hindi news writes the loanword (wicket = विकेट), when the transliteration is a
    word of the Hindi word list (so फ्लिघ्ट for flight is never written)."""
    if len(word) < 4 or not word.isalpha():
        return None
    from wordfreq import zipf_frequency

    from ..errors import ModelNotFoundError
    from ..names import to_hindi

    low = word.lower()
    for form in ([low[:-1]] if low.endswith("s") and not low.endswith("ss") else []) + [low]:
        try:
            guess = to_hindi(form)
        except ModelNotFoundError:
            return None
        if zipf_frequency(guess, "hi") >= 2.5:
            return guess
    return None


def _hindi_word(word: str, lexicon: lx.Lexicon, case: str = "direct") -> str | None:
    """One English word in Hindi. Only a direct form (स्कूल, उड़ानें) is offered for the direct case: the
    direct plural of an oblique form (उड़ानों) depends on a gender the lexicon does not hold, while the
    oblique is derived from either form where it is needed."""
    low = word.lower()
    forms = [low] + ([low[:-1]] if low.endswith("s") and len(low) > 3 else [])
    for form in forms:
        cands = [c for c in lexicon.hindi(form) if not lx.is_function_word(c, "hi") and _DEVANAGARI.search(c)]
        direct = [c for c in cands if not c.endswith(("ों", "ओं"))]
        if direct or (cands and case == "oblique"):
            return (direct or cands)[0]
    return _hindi_loanword(word)


def _is_plural_hi(word: str) -> bool:
    return word.endswith(("ें", "एं", "ों", "ओं", "यां", "याँ"))


def render_counted(counted: str | None, src: str, tgt: str, value=None, case: str = "direct",
                   lexicon: lx.Lexicon | None = None) -> tuple[str, bool]:
    """(what a number counts, in ``tgt``; True if it could be rendered), else the source words in
    quotation marks. ``case="oblique"`` gives the Hindi oblique plural (before की, में, से)."""
    if not counted:
        return "", True
    if src == tgt:
        oblique = tgt == "hi" and case == "oblique" and (value is None or value != 1)
        return (lx.oblique_plural(counted) if oblique else counted), True
    lexicon = lexicon if lexicon is not None else lx.load_lexicon()
    words = counted.split()
    many = value is None or value != 1
    if tgt == "en":
        k = next((i for i, w in enumerate(words) if w in _GENITIVE_HI), None)
        if k is not None and 0 < k < len(words) - 1:
            head = [_english_word(w, lexicon) for w in words[:k]]
            tail = [_english_word(w, lexicon) for w in words[k + 1:]]
            if all(tail) and not all(head):
                t = " ".join(tail)  # "आउटेज की रिपोर्ट" without आउटेज: still "reports"
                return (lx.english_plural(t) if many else t), True
            if all(head) and all(tail):
                h, t = " ".join(head), " ".join(tail)
                if _is_plural_hi(words[k - 1]) or h.endswith("s"):
                    # "जानवरों की मौत" -> "deaths of animals"
                    return f"{lx.english_plural(t) if many else t} of {lx.english_plural(h)}", True
                return f"{h} {lx.english_plural(t) if many else t}", True  # "आउटेज की रिपोर्ट": outage reports
        elif k is None:
            out = [_english_word(w, lexicon) for w in words]
            if not all(out) and len(out) > 1 and out[-1]:
                out = out[-1:]
            if all(out):
                phrase = " ".join(out)
                return (lx.english_plural(phrase) if many else phrase), True
        return f'"{counted}"', False
    out = [_hindi_word(w, lexicon, case) for w in words]
    if not all(out) and len(words) > 1 and out[-1]:
        out = out[-1:]  # "outage reports": the head noun alone still says what is counted
    if all(out):
        phrase = " ".join(out)
        if case == "oblique" and many:
            phrase = lx.oblique_plural(phrase)
        return phrase, True
    return f'"{counted}"', False


def _is_plural_en(counted: str) -> bool:
    last = counted.split()[-1].lower()
    return last.endswith("s") and not last.endswith("ss") or last in ("people", "children", "men", "women")


# -- figures -----------------------------------------------------------------------------------------

def _figure_facts(digest: Digest) -> list[Fact]:
    """Quantities that say something on their own: with a unit or a counted noun."""
    return [f for f in digest.facts if f.type == "quantity" and f.value is not None and f.sentence is not None
            and (f.unit or f.extra.get("counted"))]


def first_figure(digest: Digest) -> Fact | None:
    """The article's first figure: its first quantity fact with a unit or a counted noun."""
    figures = _figure_facts(digest)
    return min(figures, key=lambda f: f.span[0]) if figures else None


_PARTICIPLE_EN = regex.compile(r"[a-z]+(?:ed|en)")


def participle(fact: Fact, src: str, tgt: str) -> str | None:
    """The English participle of a Hindi quantity's predicate ("रद्द" -> "cancelled", "प्रभावित" ->
    "affected"; :func:`newsdigest.facts.quantities`), from the induced lexicon; None when it has none."""
    word = fact.extra.get("predicate")
    if not word or src != "hi" or tgt != "en":
        return None
    return next((w for w in lx.load_lexicon().english(word) if _PARTICIPLE_EN.fullmatch(w)), None)


def _phrase(fact: Fact, src: str, tgt: str, with_counted: bool = True) -> str:
    q = format_quantity(fact, tgt)
    done = participle(fact, src, tgt)
    if not with_counted or _scale_of(fact, src):
        return f"{q} {done}" if done else q
    counted, _ = render_counted(fact.extra.get("counted"), src, tgt, fact.value)
    return " ".join(p for p in (q, counted, done) if p)


def _passive(fact: Fact, src: str, tgt: str) -> str | None:
    """"about 8.5 million Windows devices were affected": a counted figure with what happened to it."""
    done = participle(fact, src, tgt)
    counted = fact.extra.get("counted")
    if not done or not counted or _scale_of(fact, src):
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


def _counts_hi(fact: Fact, src: str) -> str | None:
    """The Hindi oblique plural of what a plain count counts, for "{x} की संख्या"; None when the fact is
    an amount (a unit) or its noun is not a plural the lexicon renders. A Hindi text's own oblique
    plural ("10 बैंकों और ...") is used as it stands: "बैंकों की संख्या 10"."""
    counted = fact.extra.get("counted")
    if src == "hi" and counted and not fact.unit and not _scale_of(fact, src):
        return counted if counted.endswith(("ों", "ओं")) and len(counted.split()) == 1 else None
    if fact.unit or not counted or src != "en" or not _is_plural_en(counted) or _scale_of(fact, src):
        return None
    text, ok = render_counted(counted, src, "hi", fact.value, case="oblique")
    return text if ok else None


_CHANGE_WORDS = {"en": {"fall": "fell", "rise": "rose"}, "hi": {"fall": "गिरावट", "rise": "बढ़ोतरी"}}


def _change_clause(digest: Digest, fact: Fact, src: str, tgt: str) -> str | None:
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
    if counted and not _scale_of(fact, src):  # "rose 23 points" / "23 अंकों की बढ़ोतरी"
        unit, ok = render_counted(counted, src, tgt, fact.value, case="oblique" if tgt == "hi" else "direct")
        if ok:
            q = f"{q} {unit}"
    if tgt == "en":
        what = render_counted(measured, src, tgt)[0] if measured else ""
        if src == "en" and what and not (fact.subject and what[:1].isupper()):
            what = what[:1].lower() + what[1:]  # "Shares were down 11%": the sentence's capital
        who = f"{subject}'s {what}" if subject and what else subject or what
        return f"{_capitalise(who)} {_CHANGE_WORDS[tgt][change]} {q}" if who else None
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
    clause = _change_clause(digest, fact, src, tgt)
    if clause is None:
        return None
    source = entity_name(digest.entity(fact.extra.get("source")), tgt)
    if tgt == "en":
        return f"{clause}, according to {source}." if source else f"{clause}."
    return f"{source} के मुताबिक, {clause}।" if source else f"{clause}।"


def _quantity_sentence(digest: Digest, group: list[Fact], src: str, tgt: str) -> str:
    changes = [_change_sentence(digest, f, src, tgt) for f in group]
    if any(changes):  # each change is its own clause; the other figures of the sentence keep theirs
        return " ".join(c or _quantity_sentence(digest, [f], src, tgt) for c, f in zip(changes, group))
    first = group[0]
    source_name = entity_name(digest.entity(first.extra.get("source")), tgt)
    shared = len(group) > 1 and all(f.extra.get("counted") == first.extra.get("counted") for f in group)
    if tgt == "en":
        parts = []
        for k, f in enumerate(group):
            subject = entity_name(digest.entity(f.subject), tgt)
            phrase = _phrase(f, src, tgt, with_counted=not (shared and k > 0))
            parts.append(f"{phrase} for {subject}" if subject else phrase)
        joined = _join(parts, tgt)
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
                return f"{subject}: {_phrase(first, src, tgt)}."
            return f"The figure for {subject} was {_phrase(first, src, tgt)}."
        place = _place_of(digest, first)
        if place:
            return f"In {place}: {joined}."
        if passive:
            return f"{_capitalise(passive)}."
        return f"The {'figures given are' if len(group) > 1 else 'figure given is'} {joined}."
    counts = _counts_hi(first, src) if shared or len(group) == 1 else None
    parts = []
    for k, f in enumerate(group):
        subject = entity_name(digest.entity(f.subject), tgt)
        if counts is not None:
            # "फेसबुक के लिए आउटेज रिपोर्टों की संख्या 5 लाख से ज्यादा": the oblique plural before की
            phrase = (f"{counts} की संख्या " if k == 0 else "") + format_quantity(f, tgt)
        else:
            phrase = ("आंकड़ा " if k == 0 else "") + _phrase(f, src, tgt, with_counted=not (shared and k > 0))
        parts.append(f"{subject} के लिए {phrase}" if subject else phrase)
    joined = _join(parts, tgt)
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


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s and s[0].isalpha() else s


def _join(parts: list[str], lang: str) -> str:
    word = "and" if lang == "en" else "और"
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


# -- quotes ------------------------------------------------------------------------------------------

def _quote_lang(digest: Digest, fact: Fact) -> str:
    qlang = fact.extra.get("lang") or digest.lang
    if qlang in ("hi", "en"):
        return qlang
    return "hi" if _DEVANAGARI.search(fact.text) else "en"


def _quote_sentence(digest: Digest, fact: Fact, tgt: str, max_words: int = 40) -> str | None:
    speaker = digest.entity(fact.speaker)
    if speaker is None:
        return None
    name = entity_name(speaker, tgt)
    role = fact.extra.get("role") or {}
    role_name = role.get(tgt, "")
    org_name = entity_name(digest.entity(fact.extra.get("role_org")), tgt)
    quote = " ".join(fact.text.split())
    first = _FIRST_SENTENCE.match(quote)
    if first and first.end() < len(quote) and len(first.group().split()) >= 4:
        quote = first.group().rstrip() + " …"  # the first sentence says what the speaker said
    words = quote.split()
    if len(words) > max_words:
        quote = " ".join(words[:max_words]).rstrip(" …") + " …"
    qlang = _quote_lang(digest, fact)
    if qlang == tgt:
        mark = ""
    else:
        mark = f" ({LANG_NAMES[tgt][qlang]} में)" if tgt == "hi" else f" (in {LANG_NAMES[tgt][qlang]})"
    reported = fact.type == "reported"
    if tgt == "en":
        if speaker.type == "ORG" and role_name:
            who = f"A {role_name} for {name}"
        elif role_name and org_name:
            prep = "for" if role_name.startswith("spokes") else "of"
            who = f"{name}, {role_name} {prep} {org_name},"
        elif role_name:
            who = f"{name}, {role_name},"
        else:
            who = name
        return f"{who} said{mark} that {quote}" if reported else f'{who} said{mark}: "{quote}"'
    if speaker.type == "ORG" and role.get("hi"):
        who = f"{name} के {role['hi']}"
    elif role.get("hi") and org_name:
        who = f"{org_name} के {role['hi']} {name}"
    elif role.get("hi"):
        who = f"{role['hi']} {name}"
    else:
        who = name
    return f"{who} ने कहा{mark} कि {quote}" if reported else f'{who} ने कहा{mark}: "{quote}"'


# -- headline ----------------------------------------------------------------------------------------

def _lead_sentence(digest: Digest) -> tuple[int, int]:
    if digest.title:
        start = digest.text.find(digest.title)
        if start >= 0:
            return start, start + len(digest.title)
    return digest.sentences[0] if digest.sentences else (0, min(len(digest.text), 300))


def _lead_actors(digest: Digest, tgt: str) -> list[Entity]:
    """The most salient entity, and the next one when the lead sentence names both."""
    ranked = [e for e in digest.entities if entity_name(e, tgt)]
    if not ranked:
        return []
    lead = ranked[0]
    s, e = _lead_sentence(digest)
    in_lead = lambda ent: any(s <= m.start < e for m in ent.mentions)  # noqa: E731
    second = next((x for x in ranked[1:4] if in_lead(x) and x.salience >= 0.5 * lead.salience
                   and entity_name(x, tgt) not in entity_name(lead, tgt)), None)
    return [lead] + ([second] if second else [])


_HI_WORD = regex.compile(r"[\p{Devanagari}\p{M}]+")
_POSTPOSITION = r"(?:का|की|के|में|से|पर|को|ने|तक)(?![\p{L}\p{M}])"
_EN_WORD = regex.compile(r"[A-Za-z]+")


def topic_word(digest: Digest, src: str, tgt: str, lexicon: lx.Lexicon | None = None) -> str | None:
    """The lead sentence's word that the article repeats most (बाढ़, election), in ``tgt``, when the
    lexicon renders it as a common word; names and function words are never topics."""
    from wordfreq import zipf_frequency

    lexicon = lexicon if lexicon is not None else lx.load_lexicon()
    if not digest.title:
        return None  # the topic is a word of the title, repeated in the article
    s, e = _lead_sentence(digest)
    spans = [(m.start, m.end) for ent in digest.entities for m in ent.mentions]
    pattern = _HI_WORD if src == "hi" else _EN_WORD
    body = digest.text.lower() if src == "en" else lx.hindi_fold(digest.text)
    best = None
    for m in pattern.finditer(digest.text, s, e):
        word = m.group()
        if any(a < m.end() and m.start() < b for a, b in spans) or lx.is_function_word(word, src):
            continue
        if src == "en" and (word[:1].isupper() or len(word) < 4):
            continue  # a capitalised English word is a name or the headline's capital
        key = lx.hindi_fold(word) if src == "hi" else word.lower()
        count = len(regex.findall(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(key)}(?![\p{{L}}\p{{M}}])", body))
        if count < 3 or any(f.span[0] <= m.start() < f.span[1] for f in digest.facts if f.type == "quantity"):
            continue
        if src == "hi" and not regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(key)}\s+{_POSTPOSITION}", body):
            continue  # a noun is followed by a postposition somewhere (बाढ़ से); तैयार, जारी are not
        if tgt == "en":
            cands = [c for c in lexicon.english(word) if c.isalpha() and not lx.is_function_word(c, "en")]
            cand = cands[0] if cands else None
            if cand is None or len(cand) < 4 or regex.search(r"(?:ed|ing|ly|est)$", cand) \
                    or not 3.0 <= zipf_frequency(cand, "en") <= TOPIC_MAX_ZIPF \
                    or zipf_frequency(word, "hi") > TOPIC_MAX_ZIPF_HI or key not in lexicon_keys(lexicon, cand):
                continue
        else:
            if zipf_frequency(word.lower(), "en") > TOPIC_MAX_ZIPF:
                continue
            cand = _hindi_word(word, lexicon)
            if cand is None or lx.is_function_word(cand, "hi") or len(cand) < 3:
                continue
        if best is None or count > best[0]:
            best = (count, cand)
    return best[1] if best else None


def lexicon_keys(lexicon: lx.Lexicon, english: str) -> set[str]:
    """The folded Hindi words whose translation ``english`` is (a mutual pair is what a topic needs)."""
    return {lx.hindi_fold(h) for h in lexicon.hindi(english)[:1]}


def headline_from_facts(digest: Digest, tgt: str, src: str | None = None) -> str:
    """"{lead actors} {topic}: {first figure}[ for {subject}][, says {source}]", e.g. "Assam and Kaziranga
    flood: 29 districts"; without a figure, the actors (and the topic); without entities, the figure; else
    empty. Hindi headlines have no topic word."""
    src = src or ("hi" if tgt == "en" else "en")
    actors = _lead_actors(digest, tgt)
    names = [entity_name(a, tgt) for a in actors]
    # Hindi headlines name the actors and the figure; a lone Hindi noun after the names reads badly
    topic = topic_word(digest, src, tgt) if tgt == "en" and actors else None
    head = _join(names, tgt) + (f" {topic}" if topic else "")
    figure = first_figure(digest)
    if figure is None:
        return head
    change = _change_clause(digest, figure, src, tgt)
    if change:  # "CrowdStrike's shares fell about 11%": the clause names its own actor
        source = entity_name(digest.entity(figure.extra.get("source")), tgt)
        said = (f", says {source}" if tgt == "en" else f", {source} के मुताबिक") if source else ""
        return f"{change}{said}" if figure.subject or not head else f"{head}: {change}{said}"
    if not head:
        return _capitalise(_phrase(figure, src, tgt)) if tgt == "en" else _phrase(figure, src, tgt)
    counts = _counts_hi(figure, src) if tgt == "hi" else None
    phrase = f"{counts} की संख्या {format_quantity(figure, tgt)}" if counts else _phrase(figure, src, tgt)
    subject = digest.entity(figure.subject)
    if subject is not None and subject.id not in {a.id for a in actors}:
        phrase += f" for {entity_name(subject, tgt)}" if tgt == "en" else ""
        if tgt == "hi":
            phrase = f"{entity_name(subject, tgt)} के लिए {phrase}"
    source = digest.entity(figure.extra.get("source"))
    if source is not None:
        phrase += f", says {entity_name(source, tgt)}" if tgt == "en" else f", {entity_name(source, tgt)} के मुताबिक"
    return f"{head}: {phrase}"


# -- the summary -------------------------------------------------------------------------------------

def _groups(digest: Digest) -> dict[int, list[Fact]]:
    groups: dict[int, list[Fact]] = {}
    for f in _figure_facts(digest):
        groups.setdefault(f.sentence, []).append(f)
    return groups


def _renders(group: list[Fact], src: str, tgt: str) -> bool:
    """A figure bullet is only worth it when each figure has a unit or a counted noun in ``tgt``."""
    return all(f.unit or _scale_of(f, src) or render_counted(f.extra.get("counted"), src, tgt, f.value)[1]
               for f in group)


def summary_from_facts(digest: Digest, src: str, tgt: str, sentence_rank: dict[int, float] | None = None,
                       max_bullets: int = 5) -> Summary:
    """A headline and up to ``max_bullets`` one-fact bullets in ``tgt`` built from ``digest.facts`` and
    its entities (see the module docstring), in the order of the article."""
    rank = sentence_rank or {}
    bullets: list[tuple[int, str]] = []
    first = first_figure(digest)
    groups = _groups(digest)
    ranked = sorted(groups.values(), key=lambda g: (
        first is None or first not in g,  # the article's first figure always
        not any(f.subject or f.extra.get("source") for f in g),
        -rank.get(g[0].sentence, 0.0), g[0].sentence))
    shown: list[set] = []
    for group in ranked:
        if len(bullets) >= 2:
            break
        values = {(f.value, f.unit) for f in group}
        if any(values <= seen for seen in shown):
            continue  # the title's figures again in the body
        if first in group or _renders(group, src, tgt):
            shown.append(values)
            bullets.append((group[0].span[0], _quantity_sentence(digest, group[:3], src, tgt)))
    quotes = [f for f in digest.facts if f.type == "quote" and digest.entity(f.speaker) is not None]
    top = {e.id for e in digest.entities[:5]}
    central = lambda f: f.speaker in top or f.extra.get("role_org") in top  # noqa: E731 - Meta's spokesperson
    quotes.sort(key=lambda f: (digest.entity(f.speaker).type != "PER", not central(f),
                               -rank.get(f.sentence, 0.0), f.span[0]))
    used_speakers: set[str] = set()
    for f in quotes:
        if len(bullets) >= max_bullets or len(used_speakers) >= 2:
            break
        if not central(f) and used_speakers:
            break  # a second quote only from a central speaker: quotes where they matter
        if f.speaker in used_speakers or len(f.text.split()) < 3:
            continue
        sentence = _quote_sentence(digest, f, tgt, max_words=_MAX_QUOTE_WORDS)
        if sentence:
            used_speakers.add(f.speaker)
            bullets.append((f.span[0], sentence))
    bullets.sort()
    texts = []
    for _, b in bullets:
        if b not in texts:
            texts.append(b)
    return Summary(headline=headline_from_facts(digest, tgt, src), bullets=texts[:max_bullets], method="from_facts")


def describe_fact(digest: Digest, fact: Fact, lang: str) -> str:
    """One line about a fact in `lang` (the facts list of the Markdown rendering)."""
    src = "hi" if digest.lang in ("hi", "mixed") else "en"
    name = lambda eid: entity_name(digest.entity(eid), lang)  # noqa: E731
    if fact.type == "quantity":
        return _quantity_sentence(digest, [fact], src, lang)
    if fact.type in ("quote", "reported"):
        if fact.type == "reported" and digest.entity(fact.speaker) is None:
            return (f"Reported, no speaker named: {fact.text}" if lang == "en" else f"बिना वक्ता का कथन: {fact.text}")
        return _quote_sentence(digest, fact, lang) or (
            f'Unattributed quote: "{fact.text}"' if lang == "en" else f'बिना वक्ता का उद्धरण: "{fact.text}"')
    if fact.type in ("date", "time", "duration"):
        label = {"date": ("Date", "तारीख"), "time": ("Time", "समय"), "duration": ("Duration", "अवधि")}[fact.type]
        value = fact.value or fact.extra.get("weekday") or "—"
        rel = fact.extra.get("relative")
        rel_text = f", {rel}" if rel and lang == "en" else f", {_RELATIVE_HI.get(rel, rel)}" if rel else ""
        return f"{label[0 if lang == 'en' else 1]}: {value}{rel_text} (“{fact.text}”)"
    if fact.type == "event":
        subject = name(fact.subject)
        predicate = fact.extra.get("predicate", "")
        obj = fact.extra.get("object")
        if lang == "en":
            return f"{subject}: {predicate}" + (f" — {obj}" if obj else "") + (
                " (in Hindi)" if src == "hi" else "")
        return f"{subject}: {predicate}" + (f" — {obj}" if obj else "") + (" (अंग्रेज़ी में)" if src == "en" else "")
    return fact.text


_RELATIVE_HI = {"after": "बाद", "before": "पहले", "past": "पिछले", "next": "अगले", "within": "के भीतर",
                "every": "हर"}
