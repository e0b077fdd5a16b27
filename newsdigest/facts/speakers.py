"""Who speaks a quote, and in what role: the speaker resolution of :mod:`newsdigest.facts.quotes`.

``find_speaker`` picks the entity that speaks in an attribution zone: the Hindi agent nearest the speech
verb (marked with ने, का कहना, की ओर से), a pronoun resolved to the subject of its sentence or of one
before, a title resolved to the person introduced with it, "कंपनी ने"/"the company" to the main
organisation, else the mention next to the speech verb; names inside quotations never speak.
``find_role`` reads a role stated next to the speaker (मेटा के प्रवक्ता एंडी स्टोन, MMRCL managing
director Ashwini Bhide) in either script; ``named_in_full`` prefers the mention that names the speaker in
full. The speech-verb patterns live here too, since attribution and quote detection share them.
"""
from __future__ import annotations

import regex

from . import FactContext, MentionRef

__all__ = ["ROLES", "find_speaker", "find_role", "role_elsewhere", "named_in_full"]

# (Hindi, English) role names; matched longest first in either script.
ROLES: list[tuple[str, str]] = [
    ("प्रवक्ता", "spokesperson"), ("सीईओ", "CEO"), ("मुख्य कार्यकारी अधिकारी", "chief executive"),
    ("पीएम", "Prime Minister"), ("प्रधानमंत्री", "Prime Minister"), ("मुख्यमंत्री", "Chief Minister"),
    ("वित्त मंत्री", "Finance Minister"),
    ("गृह मंत्री", "Home Minister"), ("रक्षा मंत्री", "Defence Minister"), ("विदेश मंत्री", "External Affairs Minister"),
    ("कानून मंत्री", "Law Minister"), ("केंद्रीय मंत्री", "Union Minister"), ("मंत्री", "minister"),
    ("राष्ट्रपति", "President"), ("उपराष्ट्रपति", "Vice President"), ("अध्यक्ष", "president"),
    ("चेयरमैन", "chairman"), ("प्रबंध निदेशक", "managing director"), ("निदेशक", "director"),
    ("महासचिव", "general secretary"), ("सचिव", "secretary"), ("नेता प्रतिपक्ष", "Leader of the Opposition"),
    ("मुख्य न्यायाधीश", "Chief Justice"), ("प्रधान न्यायाधीश", "Chief Justice"), ("न्यायाधीश", "judge"),
    ("सह-संस्थापक", "co-founder"), ("संस्थापक", "founder"), ("मुख्य कोच", "head coach"), ("कोच", "coach"),
    ("कप्तान", "captain"), ("प्रमुख", "chief"), ("सांसद", "MP"), ("विधायक", "MLA"),
    ("वरिष्ठ वकील", "senior advocate"), ("वकील", "lawyer"), ("मालिक", "owner"), ("अधिकारी", "official"),
    ("प्रदेश अध्यक्ष", "state president"), ("मैनेजर", "manager"), ("स्पोर्टिंग डायरेक्टर", "sporting director"),
    ("विश्लेषक", "analyst"), ("पार्टनर", "partner"), ("सीएफओ", "CFO"),
]
_EN_EXTRA = {"spokesman": "प्रवक्ता", "spokeswoman": "प्रवक्ता", "chief executive officer": "मुख्य कार्यकारी अधिकारी",
             "chairperson": "अध्यक्ष", "chair": "अध्यक्ष", "head": "प्रमुख", "chief financial officer": "सीएफओ"}
_ROLE_BY_HI = {hi: en for hi, en in ROLES}
_ROLE_BY_EN = {en.lower(): hi for hi, en in ROLES} | _EN_EXTRA
_ROLE_BY_HI["CEO"] = "CEO"
_ROLE_BY_HI["PM"] = "Prime Minister"
_ROLE_BY_HI["IT मंत्री"] = "IT Minister"


def alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


LEFT = r"(?<![\p{L}\p{M}\p{N}])"
RIGHT = r"(?![\p{L}\p{M}\p{N}])"
_ROLE_HI_RE = regex.compile(rf"{LEFT}(?P<role>{alt(_ROLE_BY_HI)})\s*$")
_ROLE_EN_RE = regex.compile(rf"{LEFT}(?P<role>{alt(_ROLE_BY_EN)})\s*$", regex.IGNORECASE)
_ROLE_AFTER_HI = regex.compile(rf"^\s*(?:के|की)\s+(?:एक\s+)?(?P<role>{alt(_ROLE_BY_HI)}){RIGHT}")
_ROLE_AFTER_EN = regex.compile(rf"^\s+(?P<role>{alt(_ROLE_BY_EN)}){RIGHT}", regex.IGNORECASE)
_ROLE_APPOSITION_EN = regex.compile(
    rf"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:\p{{Ll}}+\s+)?(?P<role>{alt(_ROLE_BY_EN)})\s+(?:of|for|at)\s+(?:the\s+)?",
    regex.IGNORECASE)

SPEECH_HI = (r"(?:कहा|कहते|कहती|कहना|लिखा|लिखते|लिखती|बताया|बताते|बताती|बोले|बोलीं|बोला|पोस्ट\s+किया"
              r"|पोस्ट\s+कर|ट्वीट\s+किया|ट्वीट\s+कर|करार\s+दिया|जोड़ा|दावा\s+किया|टिप्पणी\s+की|अपील\s+की"
              r"|आरोप\s+लगाया|व्यंग्य\s+किया|कटाक्ष\s+किया|सवाल\s+उठाया|सवाल\s+किया|पूछा|चेतावनी\s+दी"
              r"|नारे\s+लगा(?:ए|या|ने|ते|ती|ईं|ई))")
SPEECH_EN = (r"(?:said|says|say|told|tells|wrote|writes|added|adds|tweeted|posted|stated|explained|noted"
              r"|insisted|declared|announced|called|calls|described|warned|asked|replied|recalled|admitted"
              r"|urged|argued|saying|adding)")
SPEECH_ANY = regex.compile(rf"{LEFT}(?:{SPEECH_HI}|{SPEECH_EN}){RIGHT}", regex.IGNORECASE)
_PRONOUN = regex.compile(r"(?<![\p{L}\p{M}])(?:उन्होंने|उन्होने|उनके|उनका|उनकी|उसने|उन्हों|वह|वो|वे|he|she)(?![\p{L}\p{M}])",
                         regex.IGNORECASE)
# The agent of a Hindi speech verb: a word marked with ने (का कहना, का मानना, की ओर से), or a pronoun
# with ने fused in; relative जिसने/जिन्होंने refers to the name before it.
AGENT_WORD = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?P<pronoun>उन्होंने|उन्होने|उसने|इन्होंने)|(?P<relative>जिसने|जिन्होंने|जिन्होने)"
    r"|ने|का\s+कहना|का\s+मानना|की\s+ओर\s+से)(?![\p{L}\p{M}])")
_SUBJECT_AFTER = regex.compile(r"^\s*(?:ने|का\s+कहना|का\s+मानना|की\s+ओर\s+से|कहते|कहती|बताते|बताती|मानते|मानती|लिखते"
                               r"|लिखती|बोले|बोलीं)(?![\p{L}\p{M}])")
_HONORIFIC = regex.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|श्री|श्रीमती|सुश्री|डॉ|डॉक्टर)\.?\s*)+$")
# whom or where the words were said to is no speaker: "he told BBC Radio 4's Today programme", "speaking to the BBC"
_ADDRESSEE = regex.compile(r"(?<![\p{L}\p{M}])(?:told|tells|telling|speaking\s+to|interview\s+with|wrote\s+in|writing\s+in"
                           r"|quoted\s+in|quoted\s+by)\s+(?:[\p{L}\p{N}'’.]+\s+){0,4}$", regex.IGNORECASE)
# a pronoun as the subject of a clause: a sentence with one names its subject by it ("..., he said that ...")
SUBJECT_PRONOUN = regex.compile(r"(?<![\p{L}\p{M}])(?:उन्होंने|उन्होने|उसने|he|she|they)(?![\p{L}\p{M}])",
                             regex.IGNORECASE)
_PRONOUN_BEFORE_AGENT = regex.compile(r"(?<![\p{L}\p{M}])(?:उन्होंने|उन्होने|वह|वो|वे)\s*$")
_INSTITUTION = regex.compile(r"\s*(?:सरकार|पुलिस|प्रशासन|विभाग|मंत्रालय|बोर्ड)\s*")
_SUCH_AS = regex.compile(r"\s*(?:जैसे|जैसी|समेत|सहित)\s+[\p{L}\p{M}]+\s*")
_AND = regex.compile(r"\s*(?:,|और|एवं|तथा)\s*")
_NOT_SUBJECT = regex.compile(r"^\s*(?:को|से|में|पर|के|की|का|तक)(?![\p{L}\p{M}])")
_NOMINAL_ORG = regex.compile(r"(?<![\p{L}\p{M}])(?:कंपनी|company|the\s+firm|मंत्रालय)(?=\s+(?:ने|said|says|का\s+कहना))",
                             regex.IGNORECASE)
_ROLE_NOMINAL = regex.compile(
    rf"{LEFT}(?:the\s+)?(?P<former>(?:पूर्व|former)\s+)?(?P<role>{alt(list(_ROLE_BY_HI) + list(_ROLE_BY_EN))})"
    r"\s+(?:ने|said|says|told|added)(?![\p{L}\p{M}])", regex.IGNORECASE)
_ROLE_BEFORE_AGENT = regex.compile(
    rf"{LEFT}(?P<former>(?:पूर्व|former)\s+)?(?P<role>{alt(list(_ROLE_BY_HI) + list(_ROLE_BY_EN))})\s*$", regex.IGNORECASE)
_NOMINAL_BEFORE_AGENT = regex.compile(r"(?<![\p{L}\p{M}])(?:कंपनी|मंत्रालय|company)\s*$", regex.IGNORECASE)


def role_elsewhere(ctx: FactContext, entity_id: str):
    for m in ctx.mentions:
        if m.entity.id == entity_id and m.entity.type == "PER":
            role = find_role(ctx, m, ctx.sentence_span(m.start)[0])
            if role:
                return role
    return None


def _last_name_word(entity) -> tuple[int, str]:
    words = (entity.name_en or "").casefold().split()
    return len(words), words[-1] if words else ""


def named_in_full(ctx: FactContext, m: MentionRef, quote: tuple[int, int],
                   quoted: tuple = ()) -> tuple[MentionRef, bool]:
    """A person named by a surname alone (गोस्वामी, "Goswami") whom linking could not join to one full
    name, because the article names several people with it (केके गोस्वामी, कृष्णकांत गोस्वामी), is the
    one named in full last before this mention, outside the quote itself and outside any quotation
    (``quoted``: a name addressed in a quoted letter is not its writer); (mention, True) then."""
    if m.entity.type != "PER":
        return m, False
    n, word = _last_name_word(m.entity)
    if n != 1 or not word:
        return m, False
    last = None
    for other in ctx.mentions:
        if other.start >= m.start:
            break
        if other.entity is m.entity or other.entity.type != "PER" or quote[0] <= other.start < quote[1] \
                or any(qs <= other.start < qe for qs, qe in quoted):
            continue
        k, w = _last_name_word(other.entity)
        if k >= 2 and w == word:
            last = other
    return (last, True) if last is not None else (m, False)


def find_speaker(ctx: FactContext, start: int, end: int, quote_start: int, quoted: tuple = ()):
    """The entity that speaks in the attribution zone [start, end); (mention, role, via) or Nones.

    Hindi marks the agent with ने (का कहना, की ओर से); the one nearest the verb speaks: a name, a pronoun
    (उन्होंने: its antecedent), a relative pronoun (``X, जिसने``: X), a title (पूर्व मुख्यमंत्री ने: the
    person introduced with it), "कंपनी ने" (the company) or a plain noun (एक यूजर ने, पिता ने: no entity).
    Names and pronouns inside quotations (``quoted``: their spans) are the quote's words, never its
    attribution, and no pronoun's antecedent."""
    def outside(m):
        return not any(qs <= m.start and m.end <= qe for qs, qe in quoted)

    zone = [m for m in ctx.mentions_in(start, end) if outside(m)
            and not _ADDRESSEE.search(ctx.norm_slice(max(start, m.start - 60), m.start))]
    zone_text = _blank_quoted(ctx, start, end, quoted)
    zn = ctx.to_norm(start)
    agents = list(AGENT_WORD.finditer(zone_text))
    if agents:
        agent = agents[-1]
        pos = ctx.orig(zn + agent.start())
        if agent.group("pronoun"):
            m = _antecedent(ctx, min(quote_start, pos), quoted, with_orgs=agent.group("pronoun") == "उसने")
            return (m, None, "pronoun") if m is not None else (None, None, None)
        if agent.group("relative"):
            m = next((m for m in reversed(zone) if m.end <= pos and m.entity.type == "PER"), None)
            if m is not None:
                return m, find_role(ctx, m, start), "pronoun"
            m = _antecedent(ctx, min(quote_start, pos), quoted)
            return (m, None, "pronoun") if m is not None else (None, None, None)
        head = zone_text[:agent.start()]
        if _PRONOUN_BEFORE_AGENT.search(head):  # "उन्होंने ने कहा" (a typo), "वह ने"
            m = _antecedent(ctx, min(quote_start, pos), quoted)
            return (m, None, "pronoun") if m is not None else (None, None, None)
        before_agent = [m for m in zone if m.end <= pos]
        if before_agent:
            m = before_agent[-1]
            gap = ctx.norm_slice(m.end, pos)
            if not gap.strip() or _INSTITUTION.fullmatch(gap):  # "शाहबाज सरकार ने": the government of
                return m, find_role(ctx, m, start), None
            after_role = _ROLE_AFTER_HI.match(gap)
            if after_role and m.entity.type == "ORG" and not gap[after_role.end():].strip():
                # "इंडिगो के प्रवक्ता ने": the organisation speaks through its spokesperson
                hi = after_role.group("role")
                return m, (hi, _ROLE_BY_HI.get(hi, hi), None), None
            if _SUCH_AS.fullmatch(gap):  # "X और Y जैसे नेताओं ने": the first one named
                k = len(before_agent) - 1
                while k and _AND.fullmatch(ctx.norm_slice(before_agent[k - 1].end, before_agent[k].start)):
                    k -= 1
                return before_agent[k], find_role(ctx, before_agent[k], start), None
        titled = _ROLE_BEFORE_AGENT.search(head)
        if titled:  # "पूर्व मुख्यमंत्री ने कहा": the person introduced earlier with that title
            m = _by_title(ctx, titled, min(quote_start, start), quoted)
            if m is not None:
                return m, find_role(ctx, m, 0), "title"
        if _NOMINAL_BEFORE_AGENT.search(head):
            m = _main_org_before(ctx, min(quote_start, pos))
            if m is not None:
                return m, None, "nominal"
        return None, None, None  # a noun the text names no entity for
    pronoun = _PRONOUN.search(zone_text)
    if pronoun and not any(m.start >= ctx.orig(zn + pronoun.start()) for m in zone):
        # "वह कहते हैं" (no name after the pronoun): its antecedent
        m = _antecedent(ctx, min(quote_start, start), quoted)
        if m is not None:
            return m, None, "pronoun"
    people = [m for m in zone if m.entity.type == "PER"]
    if people:
        # the person named last before the speech verb speaks ("Kohli, Rohit said", "फ़ारुख़ मुझे बख़्श दो
        # दीप्ति कहती हैं"), or the first one after it ("said Rohit Sharma")
        verb = SPEECH_ANY.search(zone_text) if len(people) > 1 else None
        m = people[-1]
        if verb is not None:
            at = ctx.orig(zn + verb.start())
            before = [p for p in people if p.end <= at]
            m = before[-1] if before else next((p for p in people if p.start >= at), people[-1])
        return m, find_role(ctx, m, start), None
    nominal = _NOMINAL_ORG.search(zone_text)
    if nominal and not any(m.entity.type == "PER" for m in zone):
        m = _main_org_before(ctx, min(quote_start, start + nominal.start()))
        if m is not None:
            return m, None, "nominal"
    titled = _ROLE_NOMINAL.search(zone_text)
    if titled and not zone:
        m = _by_title(ctx, titled, min(quote_start, start), quoted)
        if m is not None:
            return m, find_role(ctx, m, 0), "title"
    orgs = [m for m in zone if m.entity.type == "ORG"]
    if orgs:
        m = orgs[-1]
        after_role = _ROLE_AFTER_HI.match(ctx.after(m.end, 40)) or _ROLE_AFTER_EN.match(ctx.after(m.end, 40))
        if after_role:
            return m, _role_pair(after_role.group("role"), None), None
        return m, None, None
    return None, None, None


def _by_title(ctx: FactContext, titled, before: int, quoted) -> MentionRef | None:
    """The person last introduced with the title matched in ``titled`` (a former one for पूर्व/former)."""
    role = _role_pair(titled.group("role"), None)
    former = bool(titled.groupdict().get("former"))
    for m in reversed(ctx.mentions_in(0, before)):
        if m.entity.type != "PER" or any(qs <= m.start and m.end <= qe for qs, qe in quoted):
            continue
        r = find_role(ctx, m, 0)
        if r and (r[0] == role[0] or r[1].lower() == role[1].lower()):
            before = ctx.norm_slice(max(0, m.start - 60), m.start)
            if former == bool(regex.search(rf"(?:पूर्व|former|ex-)\s*(?:{regex.escape(r[0])}|{regex.escape(r[1])})\s*$",
                                           before, regex.IGNORECASE)):
                return m
    return None


def _antecedent(ctx: FactContext, pos: int, quoted, with_orgs: bool = False) -> MentionRef | None:
    """What a pronoun at ``pos`` refers to: the subject of its sentence or of one of the three before
    (a name marked with ने or a speech verb, or opening its sentence; a title marked with ने), skipping
    sentences whose subject is itself a pronoun; else the last person named before it. उसने may
    also be an organisation (मंत्रालय ने ... उसने कहा)."""
    types = ("PER", "ORG") if with_orgs else ("PER",)

    def outside(m):
        return not any(qs <= m.start and m.end <= qe for qs, qe in quoted)

    i = ctx.sentence_index(pos) or 0
    for j in range(i, max(i - 4, -1), -1):
        s, e = ctx.sentences[j]
        e = min(e, pos)
        subject = None
        for m in ctx.mentions_in(s, e):
            if m.entity.type not in types or not outside(m):
                continue
            after = ctx.after(m.end, 30)
            if _SUBJECT_AFTER.match(after) or (_opens_clause(ctx.norm_slice(s, m.start))
                                               and not _NOT_SUBJECT.match(after)):
                subject = m
        if subject is None:
            text = _blank_quoted(ctx, s, e, quoted)
            if SUBJECT_PRONOUN.search(text):
                continue  # "... hosted by finance minister Gordon Brown, he said that ...": a pronoun is its subject
            titled = list(_ROLE_NOMINAL.finditer(text))
            if titled:
                subject = _by_title(ctx, titled[-1], s + 0, quoted)
            elif with_orgs and _NOMINAL_ORG.search(text):
                subject = _main_org_before(ctx, e)
        if subject is not None:
            return subject
    return next((m for m in reversed(ctx.mentions_in(0, pos)) if m.entity.type in types and outside(m)), None)


_ROLE_WORDS = frozenset(w for role in _ROLE_BY_EN for w in role.split())
_LEAD_WORDS = frozenset("the a an former then deputy vice acting senior".split())


def _opens_clause(before: str) -> bool:
    """Is a name with ``before`` in front of it in its sentence the subject that opens it? Nothing before it,
    or only honorifics and a title after an opening phrase and comma: "Mr Chidambaram is ...", "On Monday,
    defence lawyer Reid Weingarten tried ..." (one word may qualify the title); not "... hosted by UK
    finance minister Gordon Brown"."""
    latin = regex.search(r"\p{Latin}", before) is not None
    head = (regex.split(r"[,;]", before)[-1] if latin else before).strip(" \n\"'-–—:")
    if not head or _HONORIFIC.fullmatch(head):
        return True
    if not latin:
        return False
    words = head.split()
    roles = [k for k, w in enumerate(words) if w.lower().strip(".") in _ROLE_WORDS]
    rest = [w for k, w in enumerate(words) if k not in roles and w.lower() not in _LEAD_WORDS
            and not _HONORIFIC.fullmatch(w) and not w[:1].isupper()]
    return bool(roles) and len(rest) <= 1 and (not rest or words.index(rest[0]) + 1 in roles)


def _blank_quoted(ctx: FactContext, start: int, end: int, quoted) -> str:
    """The normalized text of [start, end) with the quotations in it blanked out (same length)."""
    ns = ctx.to_norm(start)
    text = list(ctx.norm[ns:ctx.to_norm(end)])
    for qs, qe in quoted:
        a, b = max(ctx.to_norm(qs), ns) - ns, min(ctx.to_norm(qe) - ns, len(text))
        if a < b:
            text[a:b] = " " * (b - a)
    return "".join(text)


def _main_org_before(ctx: FactContext, pos: int) -> MentionRef | None:
    """The organisation named most often before `pos` (ties: the latest): what "the company" means."""
    counts: dict[str, int] = {}
    last: dict[str, MentionRef] = {}
    for m in reversed(ctx.mentions_in(0, pos)):  # "पेरेंट कंपनी मेटा", "Meta, the company"
        if m.entity.type == "ORG" and (regex.search(r"(?:कंपनी|company)\s*$", ctx.norm_slice(max(0, m.start - 12), m.start))
                                       or regex.match(r"^\s*(?:कंपनी|,\s*the\s+company)", ctx.after(m.end, 20))):
            return m
    for m in ctx.mentions_in(0, pos):
        if m.entity.type == "ORG":
            counts[m.entity.id] = counts.get(m.entity.id, 0) + 1
            last[m.entity.id] = m
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], last[k].start))
    return last[best]


def find_role(ctx: FactContext, m: MentionRef, zone_start: int):
    """(hi, en, org entity id) of a role stated next to the speaker mention, or None."""
    lo = max(zone_start, m.start - 60)
    before = ctx.norm_slice(lo, m.start)
    org = None
    role = _ROLE_HI_RE.search(before) or _ROLE_EN_RE.search(before)
    if role:
        role_start = ctx.orig(ctx.to_norm(lo) + role.start())
        for o in reversed(ctx.mentions_in(lo, role_start)):
            if o.entity.type == "ORG" and regex.fullmatch(r"\s*(?:के|की|का|'s)?\s*", ctx.norm_slice(o.end, role_start)):
                org = o.entity.id
            break
        return _role_pair(role.group("role"), org)
    after = ctx.after(m.end, 80)
    apposition = _ROLE_APPOSITION_EN.match(after)
    if apposition:
        org_at = ctx.orig(ctx.to_norm(m.end) + apposition.end())
        for o in ctx.mentions_in(org_at, org_at + 80)[:1]:
            if o.start == org_at and o.entity.type == "ORG":
                org = o.entity.id
        return _role_pair(apposition.group("role"), org)
    return None


def _role_pair(text: str, org: str | None):
    key = regex.sub(r"\s+", " ", text.strip())
    if key in _ROLE_BY_HI:
        return key, _ROLE_BY_HI[key], org
    hi = _ROLE_BY_EN.get(key.lower())
    return (hi or key), key, org
