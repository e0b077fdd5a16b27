"""Quantity facts: a number from ``find_quantities`` with what it counts, whom it is about, and who reports it.

"डाउनडिटेक्टर ने फेसबुक के लिए 5 लाख से ज्यादा ... आउटेज की रिपोर्ट दर्ज की" gives value 500000,
qualifier "more_than", subject = Facebook's entity, ``extra["source"]`` = Downdetector's entity and
``extra["counted"]`` = "आउटेज की रिपोर्ट" (borrowed from the next number across "और").

A figure that gives a change says which way and of what: "CrowdStrike के शेयर करीब 11% गिर गए" and
"CrowdStrike shares fell about 11%" give ``extra["change"]`` = "fall" ("rise" for बढ़े, rose) and
``extra["measured"]`` = "शेयर" / "shares" (the noun before the number; the subject is CrowdStrike). A
level reached ("fell to 500", "गिरकर 500") is not a change by that amount and is not marked. An English
percentage that is no change gets ``extra["measured"]`` too when its clause names what it is a level of:
"pushed the unemployment rate to 5.2%" -> "unemployment rate", "annual growth of just 0.2%". A Hindi
noun after a genitive right after the number is what an amount is of, not what it counts: "21 लाख की रीच"
gives ``extra["amount_of"]`` = "की" (a reach of 2.1 million).

Numbers inside an entity name (Metro Line 3) and time spans (handled as durations) are skipped.
"""
from __future__ import annotations

import unicodedata

import regex

from ..preprocess.hindi import hindi_cardinals
from ..preprocess.quantities import CURRENCIES
from ..schema import Fact
from . import FactContext, MentionRef
from .temporal import TIME_UNITS

__all__ = ["find_quantity_facts"]

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'][\p{L}\p{M}\p{N}]+)*|\S")

_GENITIVE_HI = {"का", "की", "के"}
_STOP_HI = set("""
में पर से तक को ने लिए और तथा व या एवं लेकिन किंतु परंतु जबकि बल्कि तो भी ही नहीं न
है हैं था थे थी थीं हो हुआ हुई हुए हुईं होगा होगी होंगे होने होना गया गई गए गईं गयी गये
किया की किए कीं कर करना करने करके करता करती करते करेगा करेगी करेंगे कराया
दिया दी दिए दीं दे देने रहा रही रहे रहीं सकता सकती सकते चुका चुकी चुके चुकीं जाएगा जाएगी जाएंगे
जा जाता जाती जाते जाने लगा लगी लगे लगीं मिला मिली मिले मिलीं मिलेगा मिलेगी मिलेंगे पड़ा पड़ी पड़े
दर्ज जारी शुरू पेश खत्म बंद रद्द तय प्रभावित पहुंच पहुंचा पहुंची पहुंचे बताया बताई कहा
यह ये वह वे इस उस इन उन जो जिस जिन जिसमें जिनमें यानी अब भी प्रति तक़रीबन करीब लगभग
समेत सहित रहने होने करने जाने देने लेने रखा रखी रखे गिर गिरा गिरी गिरे बढ़ बढ़कर बढ़ाकर घटकर
सबसे बारे हर वाला वाली वाले वालों हमारा हमारी हमारे बरामद दिखाई का के अभी सिर्फ सिर्फ़ केवल
अपना अपनी अपने बीच दौरान बाद पहले साथ तहत नीचे ऊपर कुल
""".split())
_AUX = set("है हैं था थे थी थीं हो गया गई गए गईं गयी गये रहा रही रहे जाएगा जाएगी जाएंगे".split())
_VERBS_HI = set("""
जीता जीती जीतीं जीते बनाए बनाया बनाई बेचे बेचा बेची डूबे डूबा डूबी गिरे गिरा गिरी बढ़ा बढ़ी बढ़े घटा घटी घटे
मारे गई गए हुईं उड़ीं खरीदे खरीदा लगाए लगाया पहुंचे पहुंचीं भेजे भेजा चले चली
""".split())
_HEAD_NOUNS = set("""
लोग लोगों यात्री यात्रियों गांव गांवों जिलों जिले सीटें सीटों वोट वोटों उड़ानें उड़ानों बच्चे बच्चों
महिलाओं महिलाएं पुरुषों मौतें मामले मामलों लोगो परिवारों परिवार छात्रों किसानों मरीजों कर्मचारियों
""".split())
_STOP_EN = set("""
a an the of for in on at to from by with and or but than as per over under into about
is are was were be been being has have had will would can could may might shall should must do does did
it its this that these those which who whom whose there here their his her our your my
said says told added wrote reported recorded according more less fewer than up down out off
also only just still even nearly almost about around so such each every other another while whereas
when before after because since although though despite
now then next last ago later year month week day today
against during above below across through within without beyond among amid toward towards plus if much
overall earlier year-earlier year-on-year month-on-month higher lower smaller larger bigger greater
""".split())
_REPORTING_HI = regex.compile(
    r"दर्ज|रिपोर्ट|बताया|बताई|बताए|कहा|जानकारी|अनुमान|आंकड़|आँकड़|दावा|सूचना|खुलासा")
_REPORTING_EN = regex.compile(
    r"\b(?:record(?:ed|s)?|report(?:ed|s)?|said|says|estimat(?:ed|es)|counted|tracked|showed|shows|data)\b",
    regex.IGNORECASE)
# "भारतीय रिज़र्व बैंक (RBI) के मुताबिक": an abbreviation in brackets may stand between
_ACCORDING_HI = regex.compile(r"^\s*(?:\([^()]{1,40}\)\s*|\)\s*)?(?:के|की)\s+(?:मुताबिक|मुताबिक़|अनुसार)")
_ACCORDING_EN = regex.compile(r"\baccording\s+to\s+(?:the\s+)?$", regex.IGNORECASE)
_AGENT_HI = regex.compile(r"^\s*ने(?![\p{L}\p{M}])")
_ABOUT_HI = regex.compile(
    r"^\s*(?!(?:के|की)\s+(?:मुताबिक|अनुसार))(?:के\s+लिए|को|के|की|का|में|पर)(?![\p{L}\p{M}])(?:\s+[\p{L}\p{M}]+){0,3}\s*$")
_FOR_EN = regex.compile(r"^(?:\s+[\p{L}-]+){0,3}?\s+(?:for|of|at|in)\s+(?:the\s+)?$", regex.IGNORECASE)
# which way a figure moved. Hindi: the verb after the number ("11% गिर गए", "5% तक बढ़ी") or the noun of
# the change ("11% की गिरावट"); English: the verb before it ("fell 11%", "rose by 5%", "were down 11%")
# or the noun after it ("an 11% drop")
_VERB_FORMS_HI = r"(?:ा|ी|े|ीं|कर)?"
_CHANGE_VERB_HI = (r"(?P<fall>(?:गिर|घट|लुढ़क|फिसल|टूट){v}|नीचे(?=\s+(?:आ|चल|गिर|लुढ़क|फिसल)))"
                   r"|(?P<rise>(?:बढ़|उछल|चढ़){v}|ऊपर(?=\s+(?:आ|चढ़|उठ|पहुंच|गए|गया|गई)))").format(v=_VERB_FORMS_HI)
_CHANGE_HI = regex.compile(unicodedata.normalize("NFC", (
    r"^\s*(?:तक\s+)?(?:{verb}"
    r"|की\s+(?:(?P<fall>गिरावट|कमी)|(?P<rise>बढ़त|बढ़ोतरी|बढ़ोत्तरी|वृद्धि|इजाफा|इज़ाफ़ा|उछाल|तेजी|तेज़ी)))"
    r"(?![\p{{L}}\p{{M}}])").format(verb=_CHANGE_VERB_HI)))
# after a counted noun only a verb, and only when an entity moved: "सेंसेक्स 500 अंक लुढ़का" (not "16 विकेट
# गिरे", wickets fell; not "एक अरब डॉलर धनराशि की कमी", a shortage)
_CHANGE_AFTER_COUNTED_HI = regex.compile(unicodedata.normalize("NFC", (
    r"^\s*(?:तक\s+)?(?:{verb})(?![\p{{L}}\p{{M}}])").format(verb=_CHANGE_VERB_HI)))
_CHANGE_EN_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:(?P<fall>fell|dropped|declined|slid|slumped|plunged|tumbled|sank|decreased|down)"
    r"|(?P<rise>rose|jumped|climbed|gained|surged|soared|grew|increased|up))(?:\s+by)?\s*$", regex.IGNORECASE)
_CHANGE_EN_AFTER = regex.compile(
    r"^[\s-]*(?:(?P<fall>fall|drop|decline|slide|plunge)|(?P<rise>rise|jump|gain|surge|increase))(?![\p{L}])",
    regex.IGNORECASE)
_IN_NOUN_EN = regex.compile(
    r"\s+in\s+(?:the\s+)?([a-z][a-z-]*(?:\s+(?!(?:of|for|to|from|at|in|on|by|and|or|as)\b)[a-z][a-z-]*)?)(?![\p{L}-])")
_OF_EN = {"at", "in", "of", "for"}
_CLAUSE_EN = {"but", "while", "whereas", "when", "as", "after", "before", "because", "since", "with", "that"}
_DETERMINERS_EN = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}
_BEFORE_CHANGE = set(unicodedata.normalize("NFC", """
करीब क़रीब लगभग तकरीबन तक़रीबन में about around nearly almost some were was are is has have had been
closed ended finished opened edged तो भी ही
""").split())
# a time is when a figure moved, not what moved ("इस वर्ष 15 पायदान ऊपर चढ़े")
_TIME_NOUNS = set(unicodedata.normalize("NFC", """
वर्ष साल सालों महीने महीना महीनों दिन दिनों सप्ताह हफ्ते हफ़्ते घंटे घंटों तिमाही
year years month months week weeks day days hour hours
""").split())
_AGE_HI = frozenset({"वर्षीय"})  # the adjective of age after a number: "75 वर्षीय" = 75-year-old
_CLAUSE_BREAK = regex.compile(r"[,;:()\"।]|\s(?:लेकिन|जबकि|but|while|whereas)\s")


def find_quantity_facts(ctx: FactContext, taken: list[tuple[int, int]] = ()) -> list[Fact]:
    from ..preprocess import find_quantities

    quantities = [
        q for q in find_quantities(ctx.text)
        if q.unit not in TIME_UNITS
        and not any(q.start < e and s < q.end for s, e in taken)
        and not ctx.overlaps_mention(q.start, q.end)
    ]
    facts = []
    for q in quantities:
        fact = Fact(id="", type="quantity", text=q.text, span=(q.start, q.end), value=q.value,
                    qualifier=q.qualifier, unit=q.unit)
        sentence = ctx.sentence_span(q.start)
        subject = _subject(ctx, q.start, q.end, sentence)
        source = _source(ctx, q.start, sentence, subject)
        fact.subject = subject.entity.id if subject else None
        if source is not None:
            fact.extra["source"] = source.entity.id
        counted = _counted(ctx, q.end, sentence[1])
        if counted and counted.split()[0] in _AGE_HI:
            fact.extra["age"] = True  # "75 वर्षीय ब्लाटर": a person's age, not what the number counts
            counted = None
        if counted:
            fact.extra["counted"] = counted
            genitive = _genitive_next(ctx, q.end, sentence[1])
            if genitive:  # "21 लाख से ज्यादा की रीच": a reach of more than 2.1 million, not 2.1 million reaches
                fact.extra["amount_of"] = genitive
        predicate = _predicate(ctx, q.end, counted, sentence[1])
        if predicate:
            fact.extra["predicate"] = predicate
        change = _change(ctx, q.start, q.end, sentence, counted, moved=subject is not None)
        if change:
            fact.extra["change"], measured, owner = change
            if measured:
                fact.extra["measured"] = measured
            if owner is not None:
                fact.subject = owner.entity.id
            fact.extra.pop("predicate", None)  # the change says what happened
            if counted and (_CHANGE_HI.match(" " + counted) or _CHANGE_HI.match(" की " + counted)
                            or _CHANGE_EN_AFTER.match(counted)):
                del fact.extra["counted"]  # "11% की गिरावट": the change is not what is counted
        elif q.unit == "percent" and not counted:
            measured = _measure_en(ctx, q.start, sentence)
            if measured:
                fact.extra["measured"] = measured  # "the unemployment rate to 5.2%": what the rate is of
        facts.append(fact)
    _mark_conversions(ctx, facts)
    _share_counted(ctx, facts)
    return facts


# English measures a bare percentage is given of, and the words between them and the number
_MEASURE_EN = regex.compile(
    r"(?:(?<![\w-])(?P<mod>[a-z][a-z-]+)\s+)?(?P<head>growth|inflation|unemployment|rates?|profits?|sales|revenues?"
    r"|earnings|output|gdp|stake|turnover|deficit|surplus)(?![\w-])(?P<gap>(?:\s+[\w'-]+){0,5}?)\s*$",
    regex.IGNORECASE)
_CHANGE_WORD_EN = regex.compile(
    r"(?<![\p{L}])(?:slump|slumped|fell|fall|falls|drop|dropped|declin\w*|slid|slip\w*|dip\w*|plung\w*|tumbl\w*|sank|"
    r"decreas\w*|down|rose|rise|rises|rising|jump\w*|climb\w*|gain\w*|surg\w*|soar\w*|grew|grow\w*|increas\w*|up|"
    r"advanc\w*|cut|raise\w*|lift\w*|boost\w*)(?![\p{L}])", regex.IGNORECASE)
# a word before the measure that is no modifier of it: a verb or a function word ("saw profits", "with growth")
_NOT_MODIFIER_EN = frozenset("""
saw see seen sees kept keep keeps predicting predicted forecast forecasts expects expected expect said says had has
have having with without about of in on at to for from by and or but the a an its their his her our your this that
these those which who whom was were is are be been being would will could should may might enjoying enjoyed
""".split())
_VAGUE_RATE_EN = frozenset("annual annualised annualized monthly quarterly yearly current average new faster slower "
                           "higher lower record steady".split())


def _measure_en(ctx: FactContext, start: int, sentence: tuple[int, int]) -> str | None:
    """What an English bare percentage measures, when the clause names it just before the number: "the
    unemployment rate to 5.2%" -> "unemployment rate", "annual growth of just 0.2%" -> "annual growth",
    "interest rates at 2%" -> "interest rates"; at most five words between, no clause break, no digit."""
    before = ctx.text[sentence[0]:start]
    if not regex.search(r"[A-Za-z]", before[-40:]):
        return None
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    found = list(_MEASURE_EN.finditer(clause, overlapped=True))
    if not found:
        return None
    m = max(found, key=lambda x: (x.end("head"), x.end("head") - x.start()))  # the last head, with its modifier
    gap = m.group("gap")
    if regex.search(r"\d", gap) or (_CHANGE_WORD_EN.search(gap) and not regex.search(r"\sto$", gap)):
        return None  # "saw profits slump 27%": a change the change rules did not read; "fell to 4.3%" is a level
    head = m.group("head")
    mod = m.group("mod")
    if mod and (not mod.islower() or mod in _NOT_MODIFIER_EN or mod.endswith(("ed", "ing", "ly"))):
        mod = None  # "US growth": a name is the subject, not part of the measure
    if head.lower() in ("rate", "rates") and (not mod or mod in _VAGUE_RATE_EN):
        return None  # "a rate of 20%", "an annual rate of 3.8%": the rate of what, the clause does not say
    return f"{mod} {head}" if mod else head


_CONVERSION_GAP = regex.compile(r"\s*[(;,]\s*")


def _mark_conversions(ctx: FactContext, facts: list[Fact]) -> None:
    """An amount in another currency in brackets right after an amount is the same amount converted, not a
    figure of its own: "$900m (£479m)", "£5.7bn ($10.7bn; 8.2bn euros)", "10 करोड़ डॉलर (करीब 830 करोड़
    रुपये)" (``extra["conversion"]``; the summaries leave it out)."""
    ordered = sorted(facts, key=lambda f: f.span)
    anchor: Fact | None = None
    for prev, cur in zip(ordered, ordered[1:]):
        gap = ctx.text[prev.span[1]:cur.span[0]]
        if cur.unit in CURRENCIES and prev.unit in CURRENCIES and _CONVERSION_GAP.fullmatch(gap):
            if "(" in gap:
                anchor = prev
            if anchor is not None and cur.unit != anchor.unit:
                cur.extra["conversion"] = True
                continue
        anchor = None


def _subject(ctx: FactContext, start: int, end: int, sentence: tuple[int, int]) -> MentionRef | None:
    before = [m for m in ctx.mentions_in(sentence[0], start)]
    # English "... 500,000 outage reports for Facebook": the entity after the number.
    after = ctx.mentions_in(end, sentence[1])
    if after:
        gap = ctx.norm_slice(end, after[0].start)
        if _FOR_EN.match(gap) and not _CLAUSE_BREAK.search(gap):
            return after[0]
    for m in reversed(before):
        gap = ctx.norm_slice(m.end, start)
        if _CLAUSE_BREAK.search(gap) or len(gap.split()) > 6:
            return None
        if _ABOUT_HI.match(gap):
            return m
        if _AGENT_HI.match(gap):
            # "X ने ... दर्ज की" reports the number; otherwise X did it ("IndiGo ने 200 उड़ानें रद्द कीं").
            verb_zone = ctx.norm_slice(end, sentence[1])
            return None if _REPORTING_HI.search(verb_zone) else m
        if regex.match(r"^(?:'s|’s)?\s+[\p{Ll}\s-]*$", gap) and not _REPORTING_EN.search(gap):
            return m  # English: "IndiGo cancelled about 200", "Musk's post got 2.1 million"
        # a mention followed by another postposition (से, तक...) is not what the number is about
        return None
    return None


def _source(ctx: FactContext, start: int, sentence: tuple[int, int],
            subject: MentionRef | None) -> MentionRef | None:
    sentence_norm = ctx.norm_slice(*sentence)
    candidates = []
    for m in ctx.mentions_in(*sentence):
        if subject is not None and m.entity.id == subject.entity.id:
            continue
        after = ctx.after(m.end, 30)
        before = ctx.norm_slice(max(sentence[0], m.start - 20), m.start)
        if _ACCORDING_HI.match(after) or _ACCORDING_EN.search(before):
            candidates.append((0, m))
        elif m.end <= start and _AGENT_HI.match(after) and _REPORTING_HI.search(sentence_norm):
            candidates.append((1, m))
        elif regex.match(r"^\s+(?:said|says|reported|recorded|estimated|data)\b", after, regex.IGNORECASE):
            candidates.append((1, m))
        elif regex.search(r"\b(?:data\s+from|figures\s+from|reported\s+by)\s+(?:the\s+)?$", before,
                          regex.IGNORECASE):
            candidates.append((0, m))
    return min(candidates, key=lambda c: (c[0], abs(c[1].start - start)))[1] if candidates else None


def _genitive_next(ctx: FactContext, end: int, sentence_end: int) -> str | None:
    """The Hindi genitive postposition right after the number, if any: the noun after it is what the amount
    is of ("21 लाख की रीच", "50 करोड़ रुपये का निवेश"), not a count of that noun."""
    first = next(_TOKEN.finditer(ctx.norm, ctx.to_norm(end), ctx.to_norm(sentence_end)), None)
    return first.group() if first is not None and first.group() in _GENITIVE_HI else None


def _counted(ctx: FactContext, end: int, sentence_end: int) -> str | None:
    """The noun the number counts: "88,000 से अधिक आउटेज की रिपोर्ट दर्ज" -> "आउटेज की रिपोर्ट"."""
    ns, ne = ctx.to_norm(end), ctx.to_norm(sentence_end)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(ctx.norm, ns, ne)][:10]
    if tokens and tokens[0][2] == "-" :  # "12.69-km stretch" (the unit glued with a hyphen)
        tokens = tokens[1:]
    content: list[tuple[int, int]] = []
    i = 0
    if tokens and tokens[0][2] in _GENITIVE_HI:  # "21 लाख से ज्यादा की रीच"
        i = 1
    genitive_used = False
    while i < len(tokens) and len(content) < 3:
        s, e, word = tokens[i]
        if ctx.overlaps_mention(ctx.orig(s), ctx.orig(e)):
            break
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if (word in _GENITIVE_HI and content and not genitive_used and _is_content(nxt)
                and nxt not in _HEAD_NOUNS):
            genitive_used = True  # "आउटेज की रिपोर्ट", "जानवरों की मौत"
            i += 1
            continue
        if (not content and regex.fullmatch(r"\p{Lu}[\p{Latin}]+", word) and regex.match(r"\p{Devanagari}", nxt)
                and _is_content(nxt) and nxt not in _HEAD_NOUNS):
            content.append((s, e))  # "85 लाख Windows डिवाइस": a name in Latin letters before the Hindi noun
            i += 1
            continue
        if not _is_content(word) or nxt.lower() in _AUX or (content and genitive_used is False and len(content) >= 2):
            break
        content.append((s, e))
        i += 1
        if word in _HEAD_NOUNS or (content and regex.match(r"\p{Latin}", word) and not _is_content(nxt)):
            # "52 लोगों की जान": the people are what is counted
            break
        if _plural_en(word) and not _plural_en(nxt):
            break  # an English plural ends its noun phrase: "two films addressing ...", "four children together"
    if not content:
        return None
    start, stop = ctx.orig(content[0][0]), ctx.orig(content[-1][1])
    return ctx.text[start:stop]


# light verbs that make a verb of the word before them: रद्द कीं, प्रभावित हुए, गिरफ्तार किए गए
_LIGHT_VERBS_HI = set("""
कर किया की कीं किए किये करना करनी करने करते करता करती करके करनी कराया कराई कराए
हुआ हुई हुईं हुए हो होना होने होते होती होता गया गई गए गईं गयी गये
""".split())
_DEVANAGARI_WORD = regex.compile(r"[\p{Devanagari}]+")
_NOT_PREDICATE = _STOP_HI - {"रद्द", "प्रभावित", "बंद", "दर्ज", "बरामद"}  # stop words that can say what happened


def _predicate(ctx: FactContext, end: int, counted: str | None, sentence_end: int) -> str | None:
    """What happened to what the number counts, when a Hindi noun or participle with a light verb says it:
    "करीब 200 उड़ानें रद्द कीं" -> "रद्द", "85 लाख डिवाइस प्रभावित हुए" -> "प्रभावित". The word as the text
    writes it; the English side renders it (summary.bilingual) or leaves it out."""
    pos = end
    if counted:
        at = ctx.text.find(counted, end, sentence_end)
        if at < 0:
            return None
        pos = at + len(counted)
    ns, ne = ctx.to_norm(pos), ctx.to_norm(sentence_end)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(ctx.norm, ns, ne)][:4]
    # a word of a name after the number ("85 लाख Windows डिवाइस") may stand between: up to two words
    for i in range(min(3, len(tokens) - 1)):
        s, e, word = tokens[i]
        if not _DEVANAGARI_WORD.fullmatch(word) or word in _NOT_PREDICATE:
            if word in _GENITIVE_HI or not regex.match(r"[\p{L}]", word):
                return None
            continue
        if tokens[i + 1][2] in _LIGHT_VERBS_HI:
            # "... रिपोर्ट दर्ज की" tells who reported the figure (the source), not what happened
            return None if _REPORTING_HI.match(word) else ctx.text[ctx.orig(s):ctx.orig(e)]
    return None


def _change(ctx: FactContext, start: int, end: int, sentence: tuple[int, int],
            counted: str | None = None, moved: bool = False) -> tuple[str, str | None, MentionRef | None] | None:
    """("fall" or "rise", the noun before the number that moved, the entity it belongs to) for a figure
    that gives a change; the last two may be None. The Hindi verb may follow the counted noun when
    an entity (``moved``: the fact has a subject) is what moved ("सेंसेक्स 500 अंक लुढ़क गया")."""
    after = ctx.norm_slice(end, sentence[1])
    before = ctx.norm_slice(sentence[0], start)
    m = _CHANGE_HI.match(after)
    at = ctx.text.find(counted, end, sentence[1]) if counted and m is None and moved else -1
    if at >= 0 and not ctx.text[end:at].strip():
        m = _CHANGE_AFTER_COUNTED_HI.match(ctx.norm_slice(at + len(counted), sentence[1]))
    verb_start = start
    if m is None:
        m = _CHANGE_EN_BEFORE.search(before) or _CHANGE_EN_AFTER.match(after)
        if m is not None and m.re is _CHANGE_EN_BEFORE:
            verb_start = ctx.orig(ctx.to_norm(sentence[0]) + m.start())
    if m is None:
        return None
    if m.re is _CHANGE_EN_AFTER:  # "an 11% drop in revenue": what moved is after the change
        rest = _IN_NOUN_EN.match(after, m.end())
        base = ctx.to_norm(end)
        measured = rest and ctx.text[ctx.orig(base + rest.start(1)):ctx.orig(base + rest.end(1))]
        owner = None
    else:
        measured, owner = _measured(ctx, sentence[0], verb_start)
    return ("fall" if m.group("fall") else "rise"), measured or None, owner


def _measured(ctx: FactContext, sentence_start: int, pos: int) -> tuple[str | None, MentionRef | None]:
    """The noun just before ``pos`` (the number, or an English verb of change), and the entity it belongs
    to when a phrase says so: "CrowdStrike के शेयर" -> "शेयर", "पेट्रोल की कीमत" -> "पेट्रोल की कीमत",
    "CrowdStrike's shares" -> "shares"; up to three words with one genitive, never into an entity mention
    or across a clause break. English puts the noun before a preposition: "Profits at Indian drugmaker
    Dr Reddy's fell" -> "Profits", "Allied Domecq shares in London rose" -> ("shares", Allied Domecq)."""
    tokens = [(m.start(), m.end(), m.group())
              for m in _TOKEN.finditer(ctx.norm, ctx.to_norm(sentence_start), ctx.to_norm(pos))][-12:]
    opening = _TOKEN.search(ctx.norm, ctx.to_norm(sentence_start), ctx.to_norm(pos))
    first = opening.start() if opening else -1

    def noun(s: int, word: str) -> bool:  # a capital that only starts the sentence ("Shares were down") is no name
        return _is_content(word) or (s == first and word[:1].isupper() and _is_content(word.lower()))

    words: list[tuple[int, int, str]] = []
    k = len(tokens) - 1
    while k >= 0:
        s, e, word = tokens[k]
        if ctx.overlaps_mention(ctx.orig(s), ctx.orig(e)) or len(words) >= 3 or word == "s":
            break  # a name, or its possessive "’s"
        if not words and word.lower() in _BEFORE_CHANGE:
            k -= 1
            continue  # a qualifier outside the number's span, "कीमत में", "shares were down"
        if word in _GENITIVE_HI and words and words[-1][2] not in _GENITIVE_HI:
            words.append((s, e, word))
            k -= 1
            continue
        if not noun(s, word) or (words and word.lower() in _TIME_NOUNS):
            break  # "इस वर्ष सूचकांक": the time is when it moved
        words.append((s, e, word))
        k -= 1
    while words and words[-1][2] in _GENITIVE_HI:
        words.pop()  # "CrowdStrike के शेयर": the genitive belongs to the name
    owner = None
    # English: the words found (or a name) are the object of a preposition; the noun before it moved
    j = k
    if words:  # "Turnover for the quarter", "Shares in the retailer"
        while j >= 0 and tokens[j][2].lower() in _DETERMINERS_EN:
            j -= 1
    elif j >= 0 and ctx.overlaps_mention(ctx.orig(tokens[j][0]), ctx.orig(tokens[j][1])):
        # "Profits at Indian drugmaker Dr Reddy's", "Shares in storage and delivery firm Exel"
        while j >= 0 and ctx.overlaps_mention(ctx.orig(tokens[j][0]), ctx.orig(tokens[j][1])):
            j -= 1
        stop = j - 5
        while j > stop and j >= 0 and tokens[j][2].lower() not in _OF_EN and regex.match(r"\p{Latin}", tokens[j][2]) \
                and tokens[j][2].lower() not in _CLAUSE_EN:
            j -= 1
    if 0 < j and tokens[j][2].lower() in _OF_EN and regex.match(r"\p{Latin}", tokens[j - 1][2]):
        head = tokens[j - 1]
        if noun(head[0], head[2]):
            before = ctx.mentions_in(sentence_start, ctx.orig(head[0]))
            if before and not ctx.norm_slice(before[-1].end, ctx.orig(head[0])).strip():
                owner = before[-1]  # "Allied Domecq shares in London"
            words = [head]
        else:
            words = []  # "people out of work": the words found are not what moved
    if not words or words[0][2].lower() in _TIME_NOUNS:
        return None, owner
    return ctx.text[ctx.orig(words[-1][0]):ctx.orig(words[0][1])], owner


def _plural_en(word: str) -> bool:
    """A plural English noun by its form: "films", "children" (not "glass", "is", "this")."""
    low = word.lower()
    if low in ("people", "children", "men", "women"):
        return True
    return (regex.fullmatch(r"[a-z]{3,}s", low) is not None and not low.endswith(("ss", "us", "is"))
            and low not in _STOP_EN)


# a verb's infinitive this common in Hindi text (wordfreq's Zipf scale: बनाना 5.0, जीतना 4.1, खेलना 4.3) makes
# its stem + कर a conjunctive participle ("24 रन बनाकर", having made 24 runs), not a noun: नौकर, शंकर, टक्कर
# have no such infinitive
PARTICIPLE_INFINITIVE_ZIPF = 3.5


def _conjunctive_participle(word: str) -> bool:
    """Whether a Devanagari word is a verb's conjunctive participle (बनाकर, देकर, लेकर, होकर)."""
    if len(word) < 4 or not word.endswith("कर"):
        return False
    from ..names.lexicon import listed_hindi_zipf

    return listed_hindi_zipf(word[:-2] + "ना") >= PARTICIPLE_INFINITIVE_ZIPF


def _is_content(word: str) -> bool:
    low = word.lower()
    if low in _STOP_HI or low in _STOP_EN or low in _VERBS_HI or not regex.match(r"[\p{L}]", word):
        return False
    if _conjunctive_participle(word):  # "24 रन बनाकर": the runs are counted, not "बनाकर"
        return False
    if word in hindi_cardinals():  # "पंद्रह-बीस साल", "दो-तीन कमरे": a range's other end, not a noun
        return False
    if regex.fullmatch(r"[a-z]+(?:ed|ly)", low):  # "40 lifted", "220 million now"
        return False
    if regex.match(r"\p{Lu}", word):  # a capitalised word after a number starts a name, not a noun
        return False
    return True


def _share_counted(ctx: FactContext, facts: list[Fact]) -> None:
    """"5 लाख से ज्यादा और ... 88,000 से अधिक आउटेज की रिपोर्ट": both count the reports."""
    for a, b in zip(facts, facts[1:]):
        if "counted" in a.extra or "counted" not in b.extra or "change" in a.extra or "change" in b.extra:
            continue
        if ctx.sentence_index(a.span[0]) != ctx.sentence_index(b.span[0]):
            continue
        gap = ctx.norm_slice(a.span[1], b.span[0])
        if regex.match(r"^\s*(?:और|व|तथा|एवं|,|and|or)\s", gap) and len(gap.split()) <= 8:
            a.extra["counted"] = b.extra["counted"]
