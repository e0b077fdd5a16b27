"""The other-language summary written from the structured facts, with no translation model.

Each fact type has a sentence template in English and in Hindi. Entity names come from
``Entity.name_en``/``name_hi``, numbers are re-written with ``format_number`` in the target
language's convention (500,000 / 5 लाख), a quote stays in its own language and is marked so
(``said (in Hindi): "..."`` / ``ने कहा (अंग्रेज़ी में): "..."``). Nothing is added that the facts do
not hold: a counted noun that the small glossary below cannot render is given in the source
language, in quotation marks.
"""
from __future__ import annotations

from ..schema import Digest, Entity, Fact, Summary

__all__ = ["summary_from_facts", "describe_fact", "format_quantity", "entity_name", "LANG_NAMES"]

LANG_NAMES = {"hi": {"hi": "हिंदी", "en": "अंग्रेज़ी"}, "en": {"hi": "Hindi", "en": "English"}}

# Nouns that news numbers count, Hindi -> English (plural where the Hindi is). Written for this
# library; extend it rather than guessing.
_GLOSSARY_HI_EN = {
    "आउटेज": "outage", "रिपोर्ट": "reports", "रिपोर्टें": "reports", "रीच": "reach", "व्यूज": "views",
    "लोग": "people", "लोगों": "people", "यात्री": "passengers", "यात्रियों": "passengers", "उड़ानें": "flights",
    "उड़ानों": "flights", "सीटें": "seats", "सीटों": "seats", "वोट": "votes", "वोटों": "votes", "जिलों": "districts",
    "जिले": "districts", "गांव": "villages", "गांवों": "villages", "महिलाओं": "women", "महिलाएं": "women",
    "मौत": "deaths", "मौतें": "deaths", "जानवरों": "animals", "जंगली": "wild", "पशु": "animals", "पालतू": "domestic",
    "यूजर्स": "users", "यूजर": "users", "उपयोगकर्ताओं": "users", "किसानों": "farmers", "किसान": "farmers",
    "कर्मचारियों": "employees", "कर्मचारी": "employees", "छात्रों": "students", "बच्चों": "children",
    "मामले": "cases", "मामलों": "cases", "परिवारों": "families", "घरों": "houses", "बैंकों": "banks",
    "डिवाइस": "devices", "कंप्यूटरों": "computers", "शिविर": "camps", "राहत": "relief", "हेक्टेयर": "hectares",
    "फसल": "crops", "मतदाताओं": "voters", "पंजीकृत": "registered", "गैंडों": "rhinos", "स्टेशन": "stations",
    "रन": "runs", "विकेट": "wickets", "गोल": "goals", "मैच": "matches", "शेयर": "shares", "बॉन्ड": "bonds",
    "पोस्ट": "posts", "फॉलोअर्स": "followers", "गिग": "gig", "वर्कर्स": "workers", "मजदूरों": "workers",
    "उद्यमियों": "entrepreneurs", "कंपनियों": "companies", "सैनिकों": "soldiers", "घायल": "injured",
    "मरीजों": "patients", "टिकट": "tickets", "वाहन": "vehicles", "पेड़": "trees", "पेड़ों": "trees",
    "राजस्व": "revenue", "नुकसान": "loss", "कर्ज": "loan", "लोन": "loan", "निवेश": "investment",
}
_GLOSSARY_EN_HI = {
    "outage": "आउटेज", "reports": "रिपोर्ट", "reach": "रीच", "views": "व्यूज", "people": "लोग",
    "passengers": "यात्री", "commuters": "यात्री", "flights": "उड़ानें", "seats": "सीटें", "votes": "वोट",
    "districts": "जिले", "villages": "गांव", "women": "महिलाएं", "deaths": "मौतें", "animals": "जानवर",
    "users": "यूजर्स", "farmers": "किसान", "employees": "कर्मचारी", "staff": "कर्मचारी", "students": "छात्र",
    "children": "बच्चे", "cases": "मामले", "families": "परिवार", "houses": "घर", "banks": "बैंक",
    "devices": "डिवाइस", "computers": "कंप्यूटर", "stations": "स्टेशन", "runs": "रन", "wickets": "विकेट",
    "goals": "गोल", "matches": "मैच", "caps": "अंतरराष्ट्रीय मैच", "balls": "गेंदें", "overs": "ओवर",
    "shares": "शेयर", "people's": "लोगों", "agents": "एजेंट", "village-level": "गांव स्तर के",
    "borrowers": "कर्जदार", "customers": "ग्राहक", "loans": "कर्ज", "stores": "स्टोर", "trains": "ट्रेनें",
    "workers": "कर्मचारी", "jobs": "नौकरियां", "tickets": "टिकट", "vehicles": "वाहन", "trees": "पेड़",
    "points": "अंक", "followers": "फॉलोअर्स", "posts": "पोस्ट", "stretch": "हिस्सा", "corridor": "कॉरिडोर",
}
_GENITIVE_HI = ("की", "के", "का")
_QUALIFIERS = {
    "en": {"more_than": "more than {n}", "less_than": "less than {n}", "about": "about {n}"},
    "hi": {"more_than": "{n} से ज्यादा", "less_than": "{n} से कम", "about": "करीब {n}"},
}
_UNITS = {
    "INR": ("₹{n}", "{n} रुपये"), "USD": ("${n}", "{n} डॉलर"), "GBP": ("£{n}", "{n} पाउंड"),
    "EUR": ("€{n}", "{n} यूरो"), "percent": ("{n}%", "{n} प्रतिशत"), "km": ("{n} km", "{n} किलोमीटर"),
    "kg": ("{n} kg", "{n} किलोग्राम"), "tonne": ("{n} tonnes", "{n} टन"), "hectare": ("{n} hectares", "{n} हेक्टेयर"),
    "km/h": ("{n} km/h", "{n} किलोमीटर प्रति घंटा"), "m": ("{n} metres", "{n} मीटर"),
}
_REPORT_VERBS = {  # a word in the fact's sentence -> the English verb for "{source} {verb} ..."
    "दर्ज": "recorded", "रिपोर्ट की": "reported", "अनुमान": "estimated", "recorded": "recorded",
    "reported": "reported", "estimated": "estimated", "counted": "counted",
}
_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
_MONTHS_HI = ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर",
              "नवंबर", "दिसंबर"]


def entity_name(entity: Entity | None, lang: str) -> str:
    if entity is None:
        return ""
    first, second = (entity.name_en, entity.name_hi) if lang == "en" else (entity.name_hi, entity.name_en)
    return (first or second or "").strip()


def format_quantity(fact: Fact, lang: str) -> str:
    """"more than 500,000" / "5 लाख से ज्यादा" / "about ₹370 billion" / "करीब 37,000 करोड़ रुपये"."""
    from ..preprocess import format_number

    n = format_number(fact.value, lang)
    if fact.unit in _UNITS:
        n = _UNITS[fact.unit][0 if lang == "en" else 1].format(n=n)
    template = _QUALIFIERS[lang].get(fact.qualifier or "", "{n}")
    return template.format(n=n)


def _translate_counted(counted: str | None, src: str, tgt: str) -> tuple[str, bool]:
    """(the counted noun in `tgt`, True if it could be rendered); the source text in quotes otherwise."""
    if not counted:
        return "", True
    if src == tgt:
        return counted, True
    words = counted.split()
    if tgt == "en":
        if any(g in words for g in _GENITIVE_HI):
            k = next(i for i, w in enumerate(words) if w in _GENITIVE_HI)
            head, tail = words[:k], words[k + 1:]
            head_en = [_GLOSSARY_HI_EN.get(w) for w in head]
            tail_en = [_GLOSSARY_HI_EN.get(w) for w in tail]
            if all(head_en) and all(tail_en) and head_en and tail_en:
                h, t = " ".join(head_en), " ".join(tail_en)
                # "आउटेज की रिपोर्ट" -> "outage reports"; "जानवरों की मौत" -> "deaths of animals"
                return (f"{t} of {h}" if h.endswith("s") else f"{h} {t}"), True
        else:
            out = [_GLOSSARY_HI_EN.get(w) for w in words]
            if all(out):
                return " ".join(out), True
    else:
        out = [_GLOSSARY_EN_HI.get(w.lower()) for w in words]
        if all(out):
            return " ".join(out), True
    return f'"{counted}"', False


def _quantity_phrase(fact: Fact, src: str, tgt: str, with_counted: bool = True) -> str:
    q = format_quantity(fact, tgt)
    if not with_counted:
        return q
    counted, _ = _translate_counted(fact.extra.get("counted"), src, tgt)
    return f"{q} {counted}".strip()


def _quantity_sentence(digest: Digest, group: list[Fact], src: str, tgt: str) -> str:
    first = group[0]
    source = digest.entity(first.extra.get("source"))
    source_name = entity_name(source, tgt)
    shared = len(group) > 1 and all(f.extra.get("counted") == first.extra.get("counted") for f in group)
    parts = []
    for k, f in enumerate(group):
        subject = entity_name(digest.entity(f.subject), tgt)
        phrase = _quantity_phrase(f, src, tgt, with_counted=not (shared and k > 0))
        if tgt == "en":
            parts.append(f"{phrase} for {subject}" if subject else phrase)
        else:
            parts.append(f"{subject} के लिए {phrase}" if subject else phrase)
    joined = _join(parts, tgt)
    sentence_text = digest.text[slice(*digest.sentences[first.sentence])] if first.sentence is not None else ""
    if tgt == "en":
        if source_name:
            verb = next((v for k, v in _REPORT_VERBS.items() if k in sentence_text), None)
            if verb:
                return f"{source_name} {verb} {joined}."
            return f"According to {source_name}, the figures were {joined}." if len(group) > 1 else \
                f"According to {source_name}, the figure was {joined}."
        if len(group) == 1 and first.subject:
            subject = entity_name(digest.entity(first.subject), tgt)
            return f"The figure for {subject} was {_quantity_phrase(first, src, tgt)}."
        return f"The report gives {'figures' if len(group) > 1 else 'a figure'} of {joined}."
    # Hindi: "आंकड़ा ... रहा" agrees with आंकड़ा whatever the counted noun is.
    hi_parts = []
    for k, f in enumerate(group):
        subject = entity_name(digest.entity(f.subject), tgt)
        phrase = _quantity_phrase(f, src, tgt, with_counted=not (shared and k > 0))
        lead = "आंकड़ा " if k == 0 else ""
        hi_parts.append(f"{subject} के लिए {lead}{phrase}" if subject else f"{lead}{phrase}")
    joined = _join(hi_parts, tgt)
    if source_name:
        return f"{source_name} के मुताबिक, {joined} रहा।"
    if any(f.subject for f in group):
        return f"{joined} रहा।"
    return f"खबर में {_join([_quantity_phrase(f, src, tgt) for f in group], tgt)} का आंकड़ा दिया गया है।"


def _join(parts: list[str], lang: str) -> str:
    word = "and" if lang == "en" else "और"
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def _quote_sentence(digest: Digest, fact: Fact, tgt: str, max_words: int = 40) -> str | None:
    speaker = digest.entity(fact.speaker)
    if speaker is None:
        return None
    name = entity_name(speaker, tgt)
    role = fact.extra.get("role") or {}
    role_name = role.get(tgt, "")
    org = digest.entity(fact.extra.get("role_org"))
    org_name = entity_name(org, tgt)
    quote = " ".join(fact.text.split())
    words = quote.split()
    if len(words) > max_words:
        quote = " ".join(words[:max_words]) + " …"
    qlang = fact.extra.get("lang") or digest.lang
    qlang = qlang if qlang in ("hi", "en") else ("hi" if digest.lang in ("hi", "mixed") else "en")
    mark = "" if qlang == tgt else f" ({LANG_NAMES[tgt][qlang]} में)" if tgt == "hi" else f" (in {LANG_NAMES[tgt][qlang]})"
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


def _date_phrase(fact: Fact, tgt: str) -> str | None:
    value = fact.value or ""
    if fact.type != "date" or len(value) != 10 or fact.extra.get("year_inferred"):
        return None
    y, m, d = int(value[:4]), int(value[5:7]), int(value[8:])
    return f"{d} {_MONTHS_EN[m - 1]} {y}" if tgt == "en" else f"{d} {_MONTHS_HI[m - 1]} {y}"


def _overview(digest: Digest, tgt: str) -> str | None:
    top = sorted(digest.entities, key=lambda e: -e.salience)[:4]
    names = [entity_name(e, tgt) for e in top if entity_name(e, tgt)]
    if not names:
        return None
    date = next((p for p in (_date_phrase(f, tgt) for f in digest.facts) if p), None)
    if tgt == "en":
        tail = f" (events of {date})" if date else ""
        return f"This report concerns {_join(names, 'en')}{tail}."
    tail = f"; इसमें {date} की घटनाओं का ज़िक्र है" if date else ""
    return f"यह खबर {_join(names, 'hi')} से जुड़ी है{tail}।"


def headline_from_facts(digest: Digest, tgt: str) -> str:
    top = [entity_name(e, tgt) for e in sorted(digest.entities, key=lambda e: -e.salience)[:3]]
    top = [t for t in top if t]
    if not top:
        return "News summary" if tgt == "en" else "खबर का सार"
    return f"News about {_join(top, 'en')}" if tgt == "en" else f"{_join(top, 'hi')} से जुड़ी खबर"


def summary_from_facts(digest: Digest, src: str, tgt: str, sentence_rank: dict[int, float] | None = None,
                       max_bullets: int = 5) -> Summary:
    """A headline and up to five sentences in `tgt` built from ``digest.facts`` and entities."""
    rank = sentence_rank or {}
    importance = lambda f: (rank.get(f.sentence, 0.0), -(f.sentence or 0))  # noqa: E731
    bullets: list[tuple[int, str]] = []
    overview = _overview(digest, tgt)
    # quantities: one sentence per source sentence, the most important first
    groups: dict[int, list[Fact]] = {}
    for f in digest.facts:
        # a bare number ("19", "1") says nothing on its own: keep those with a unit or a counted noun
        if (f.type == "quantity" and f.value is not None and f.sentence is not None
                and (f.unit or f.extra.get("counted"))):
            groups.setdefault(f.sentence, []).append(f)
    ranked_groups = sorted(groups.values(), key=lambda g: (
        -(any(f.subject or f.extra.get("source") for f in g)), -importance(g[0])[0], g[0].sentence))
    for group in ranked_groups[:2]:
        bullets.append((group[0].span[0], _quantity_sentence(digest, group[:3], src, tgt)))
    quotes = [f for f in digest.facts if f.type in ("quote", "reported") and digest.entity(f.speaker) is not None]
    quotes.sort(key=lambda f: (f.type != "quote", digest.entity(f.speaker).type != "PER",
                               -importance(f)[0], f.span[0]))
    used_speakers = set()
    for f in quotes:
        if len([b for b in bullets]) >= max_bullets - 1 or len(used_speakers) >= 2:
            break
        if f.speaker in used_speakers:
            continue
        sentence = _quote_sentence(digest, f, tgt)
        if sentence:
            used_speakers.add(f.speaker)
            bullets.append((f.span[0], sentence))
    bullets.sort()
    texts = ([overview] if overview else []) + [b for _, b in bullets]
    return Summary(headline=headline_from_facts(digest, tgt), bullets=texts[:max_bullets], method="from_facts")


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
