"""Events: who did what, for the most central sentences that have a clear subject entity.

Hindi is SOV: the subject is the entity marked with ने (else the first entity marked with
को/का/की/के, or one that opens the sentence), the predicate is the final verb group
(``पेश किया``, ``जारी कर दिया है``) and the object is the noun phrase right before it
(``वित्त वर्ष 2025-26 का आम बजट``). English is SVO: an entity directly followed by a verb
group (``Narendra Modi inaugurated``), the object is what follows up to a preposition or comma.

Centrality is lexical (TF-IDF cosine with the whole article), so facts do not need the encoder.
The fact's span runs from the subject to the end of the predicate; ``extra`` holds
``predicate``, ``object`` (text) and ``object_entity`` (an entity id, when the object names one).
"""
from __future__ import annotations

import regex

from ..preprocess.hindi import DEVANAGARI, POSTPOSITIONS
from ..schema import Fact
from . import FactContext, MentionRef, lexical_centrality

__all__ = ["find_events", "event_count"]

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*|\S")
_AUX_HI = set("""
है हैं था थे थी थीं हो हुआ हुई हुए हुईं होगा होगी होंगे गया गई गए गईं गयी गये
किया की किए कीं किये कर करेगा करेगी करेंगे करता करती करते करना करने करा कराया कराई
दिया दी दिए दीं दिये रहा रही रहे रहीं सकता सकती सकते सकेगी सकेगा चुका चुकी चुके चुकीं
जाएगा जाएगी जाएंगे जाता जाती जाते जा लिया ली लिए लीं लेगा लेगी पड़ा पड़ी पड़े पड़ीं लगा लगी लगे लगीं
पाया पाई पाए मिला मिली मिले मिलीं मिलेगा मिलेगी मिलेंगे बना बनी बने दिखा दिखी
""".split())
_POSTPOSITIONS_HI = POSTPOSITIONS
_BOUNDARY_HI = set("ने को में पर से तक लिए और तथा लेकिन जबकि कि , ; : ( )".split())
_NOT_SUBJECT_AFTER = regex.compile(r"^\s*(?:के|की)\s+(?:मुताबिक|अनुसार|लिए|बाद|बीच|साथ)")
_REPORTED_SPEECH = regex.compile(
    r"(?:कहा|बताया|लिखा|कहना\s+है)\s*(?:था|है)?\s*(?:कि|[-–—:])|के\s+(?:मुताबिक|अनुसार)"
    r"|\b(?:said|says|told|according\s+to)\b", regex.IGNORECASE)
_PARTICLES_HI = set("भी ही तो अधिक ज्यादा ज़्यादा कम से".split())
_MARKER_HI = regex.compile(r"^\s*(?P<m>ने|को|का|की|के)(?![\p{L}\p{M}])")

_IRREGULAR_EN = set("""
said told won made took gave left became began beat built bought paid sold met led set put ran saw brought held hit lost
kept sent spent wrote struck rose fell got grew drew chose came went found thought fought caught taught
""".split())
_AUX_EN = set("has have had will would is was were are did does could can may might must should also not already just now "
              "then has been have been".split())
_PREP_EN = set("to on in at for from with by of into over under after before during about against as than , . ; :".split())


def event_count(n_sentences: int) -> int:
    """How many event facts to keep: 3 to 6, growing with the article."""
    return max(3, min(6, round(n_sentences / 5)))


def find_events(ctx: FactContext) -> list[Fact]:
    if not ctx.sentences or not ctx.mentions:
        return []
    centrality = lexical_centrality(ctx.text, ctx.sentences)
    candidates = []
    for i, (s, e) in enumerate(ctx.sentences):
        fact = _event(ctx, s, e)
        if fact is not None:
            candidates.append((centrality[i], i, fact))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    return [fact for _, _, fact in candidates[:event_count(len(ctx.sentences))]]


def _tokens(ctx: FactContext, s: int, e: int) -> list[tuple[int, int, str]]:
    """Words of the sentence as (orig start, orig end, normalized word)."""
    ns, ne = ctx.to_norm(s), ctx.to_norm(e)
    return [(ctx.orig(m.start()), ctx.orig(m.end()), m.group()) for m in _TOKEN.finditer(ctx.norm, ns, ne)]


def _event(ctx: FactContext, s: int, e: int) -> Fact | None:
    mentions = ctx.mentions_in(s, e)
    if not mentions:
        return None
    sentence = ctx.norm_slice(s, e)
    if '"' in sentence or _REPORTED_SPEECH.search(sentence):
        return None  # speech is a quote fact, not an event
    if regex.search(f"[{DEVANAGARI}]", sentence):
        return _event_hi(ctx, s, e, mentions)
    return _event_en(ctx, s, e, mentions)


def _event_hi(ctx: FactContext, s: int, e: int, mentions: list[MentionRef]) -> Fact | None:
    tokens = _tokens(ctx, s, e)
    while tokens and not regex.match(r"[\p{L}\p{M}\p{N}]", tokens[-1][2]):
        tokens.pop()
    if not tokens or tokens[-1][2] not in _AUX_HI:
        return None  # a heading or a sentence that does not end in a verb
    k = len(tokens) - 1
    while k > 0 and tokens[k - 1][2] in _AUX_HI:
        k -= 1
    if k == 0 or tokens[k - 1][2] in _POSTPOSITIONS_HI or ctx.overlaps_mention(tokens[k - 1][0], tokens[k - 1][1]):
        pred_first = k
    else:
        pred_first = k - 1  # the main verb or the noun of a light verb: "पेश किया", "जारी कर दिया"
    pred_start, pred_end = tokens[pred_first][0], tokens[-1][1]
    subject = _subject_hi(ctx, mentions, pred_start)
    if subject is None:
        return None
    # object: the noun phrase before the predicate, back to a case marker or the subject
    j = pred_first
    obj_tokens = []
    if j > 0 and tokens[j - 1][2] == "को":
        j -= 1
    while j > 0 and len(obj_tokens) < 8:
        word = tokens[j - 1][2]
        if word in _BOUNDARY_HI or tokens[j - 1][1] <= subject.end:
            break
        obj_tokens.insert(0, tokens[j - 1])
        j -= 1
    while obj_tokens and (obj_tokens[0][2] in _PARTICLES_HI or obj_tokens[0][2] in _POSTPOSITIONS_HI):
        obj_tokens.pop(0)
    if obj_tokens and obj_tokens[-1][2] in ("का", "की", "के"):
        obj_tokens = []  # "फैसले का स्वागत किया": the noun is part of the predicate
    return _fact(ctx, subject, (pred_start, pred_end), obj_tokens)


def _subject_hi(ctx: FactContext, mentions: list[MentionRef], pred_start: int) -> MentionRef | None:
    before = [m for m in mentions if m.end <= pred_start]
    marked = []
    for m in before:
        after = ctx.after(m.end, 30)
        if _NOT_SUBJECT_AFTER.match(after):
            continue
        marker = _MARKER_HI.match(after)
        if marker and marker.group("m") == "ने":
            return m
        if marker:
            marked.append(m)
    zone = ctx.norm_slice(ctx.sentence_span(mentions[0].start)[0], pred_start)
    if regex.search(r"(?<![\p{L}\p{M}])ने(?![\p{L}\p{M}])", zone):
        return None  # the agent (कई यूजर्स ने) is not a named entity
    if marked:
        return marked[0]
    sentence_start = ctx.sentence_span(mentions[0].start)[0]
    first = before[0] if before else None
    if first is not None and not ctx.norm_slice(sentence_start, first.start).strip(" ,।"):
        nxt = regex.match(r"\s*([\p{L}\p{M}]+)", ctx.after(first.end, 30))
        if nxt and nxt.group(1) not in _POSTPOSITIONS_HI:
            return first  # "भाजपा 48 सीटों पर जीती": a bare subject opening the sentence
    return None


def _event_en(ctx: FactContext, s: int, e: int, mentions: list[MentionRef]) -> Fact | None:
    tokens = _tokens(ctx, s, e)
    for m in mentions:
        i = next((k for k, t in enumerate(tokens) if t[0] >= m.end), None)
        if i is None or tokens[i][2] in ("'s", "’s", "'", "’"):
            continue
        if tokens[i][2] == "," and i + 1 < len(tokens):  # "Andy Stone, spokesperson for Meta, said"
            close = next((k for k in range(i + 1, min(len(tokens), i + 10)) if tokens[k][2] == ","), None)
            if close is None:
                continue
            i = close + 1
        k = i
        while k < len(tokens) and tokens[k][2].lower() in _AUX_EN:
            k += 1
        if k >= len(tokens):
            continue
        word = tokens[k][2]
        low = word.lower()
        if not (low in _IRREGULAR_EN or (regex.fullmatch(r"\p{Ll}+ed", word) and len(word) > 4)
                or (k > i and regex.fullmatch(r"\p{Ll}+", word))):
            continue
        pred_start, pred_end = tokens[i][0], tokens[k][1]
        obj = []
        j = k + 1
        while j < len(tokens) and len(obj) < 8:
            w = tokens[j][2]
            if w.lower() in _PREP_EN and obj:
                break
            if w in (",", ".", ";", ":", "!", "?"):
                break
            obj.append(tokens[j])
            j += 1
        while obj and obj[0][2].lower() in _PREP_EN:
            obj.pop(0)
        return _fact(ctx, m, (pred_start, pred_end), obj)
    return None


def _fact(ctx: FactContext, subject: MentionRef, predicate: tuple[int, int], obj_tokens) -> Fact:
    start, end = subject.start, predicate[1]
    fact = Fact(id="", type="event", text=ctx.text[start:end], span=(start, end), subject=subject.entity.id)
    fact.extra["predicate"] = ctx.text[predicate[0]:predicate[1]]
    if obj_tokens:
        os_, oe = obj_tokens[0][0], obj_tokens[-1][1]
        fact.extra["object"] = ctx.text[os_:oe]
        inside = ctx.mentions_in(os_, oe)
        if inside:
            fact.extra["object_entity"] = inside[0].entity.id
    return fact
