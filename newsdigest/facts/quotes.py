"""Quotes with their speaker: direct ('' "" “” ‘’, over several sentences; type "quote") and reported
speech (type "reported", never shown in quotation marks), following the news-hi annotation guidelines.

Hindi: ``X ने कहा- ''...''``, ``X ने कहा कि ...``, ``X के मुताबिक ...``, ``"..." उन्होंने लिखा``,
``X ने Y को 'quote' करार दिया``, ``एक यूजर ने लिखा- ...`` (no marks); English: ``X said: "..."``,
``"...," X told reporters``, ``"...," said X``, ``X said (that) ...``, ``..., X said.``, ``According to X, ...``.
Quotation marks pair by direction, so marks glued to the next word, typed the wrong way or never closed
(an extract that cut them) still give their quote. The introduction may sit in the sentence before
(``वह कहते हैं.`` + quote) and the attribution in the sentence after (``“...?” X ने पूछा।``). A quotation
that is a whole sentence of its own is speech even with no verb (dialogue); it is given the speaker only
in an article that quotes one person alone (``extra["via"]`` = "only_voice"). Quotes in the headline are
not reported.

The speaker is an entity from the NER output: the Hindi agent nearest the speech verb (marked with ने,
का कहना, की ओर से) — a name, a pronoun (उन्होंने/वह/वो: the subject of its sentence or of one before,
``extra["via"]`` = "pronoun"), a title (पूर्व मुख्यमंत्री ने: the person introduced with it, "title"),
"कंपनी ने"/"the company" (the main organisation, "nominal") or a plain noun (पिता ने: none); otherwise
the mention next to the speech verb. Names inside quotations are never the speaker. A role stated next to
the speaker (मेटा के प्रवक्ता एंडी स्टोन, MMRCL managing director Ashwini Bhide, an IndiGo spokesperson)
goes to ``extra["role"] = {"hi", "en"}`` and its organisation to ``extra["role_org"]``.
Not quotes: a phrase in quotation marks with no speech verb around it ('साइबर अटैक'), a quoted title or
term the sentence goes on with ('द कश्मीर फाइल्स' की प्रशंसा), quoted items listed as names.
"""
from __future__ import annotations

import regex

from ..schema import Fact
from . import FactContext, MentionRef, trim_span

__all__ = ["find_quotes", "ROLES"]

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


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_L = r"(?<![\p{L}\p{M}\p{N}])"
_R = r"(?![\p{L}\p{M}\p{N}])"
_ROLE_HI_RE = regex.compile(rf"{_L}(?P<role>{_alt(_ROLE_BY_HI)})\s*$")
_ROLE_EN_RE = regex.compile(rf"{_L}(?P<role>{_alt(_ROLE_BY_EN)})\s*$", regex.IGNORECASE)
_ROLE_AFTER_HI = regex.compile(rf"^\s*(?:के|की)\s+(?:एक\s+)?(?P<role>{_alt(_ROLE_BY_HI)}){_R}")
_ROLE_AFTER_EN = regex.compile(rf"^\s+(?P<role>{_alt(_ROLE_BY_EN)}){_R}", regex.IGNORECASE)
_ROLE_APPOSITION_EN = regex.compile(
    rf"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:\p{{Ll}}+\s+)?(?P<role>{_alt(_ROLE_BY_EN)})\s+(?:of|for|at)\s+(?:the\s+)?",
    regex.IGNORECASE)

_SPEECH_HI = (r"(?:कहा|कहते|कहती|कहना|लिखा|लिखते|लिखती|बताया|बताते|बताती|बोले|बोलीं|बोला|पोस्ट\s+किया"
              r"|पोस्ट\s+कर|ट्वीट\s+किया|ट्वीट\s+कर|करार\s+दिया|जोड़ा|दावा\s+किया|टिप्पणी\s+की|अपील\s+की"
              r"|आरोप\s+लगाया|व्यंग्य\s+किया|कटाक्ष\s+किया|सवाल\s+उठाया|सवाल\s+किया|पूछा|चेतावनी\s+दी"
              r"|नारे\s+लगा(?:ए|या|ने|ते|ती|ईं|ई))")
_SPEECH_EN = (r"(?:said|says|say|told|tells|wrote|writes|added|adds|tweeted|posted|stated|explained|noted"
              r"|insisted|declared|announced|called|calls|described|warned|asked|replied|recalled|admitted"
              r"|urged|argued)")
# Verbs that introduce a quote right after them but attribute none before them ('...' को सब सही मानते हैं)
_INTRO_ONLY_HI = r"(?:मानते|मानती|मानना|बोल\s+(?:पड़ा|पड़ी|पड़े|पड़ीं|उठा|उठी|उठे))"
_SPEECH_ANY = regex.compile(rf"{_L}(?:{_SPEECH_HI}|{_SPEECH_EN}){_R}", regex.IGNORECASE)
_INTRO_END = regex.compile(
    rf"{_L}(?:(?:{_SPEECH_HI}|{_INTRO_ONLY_HI})(?:\s+(?:गया|गई|जाता|जाती))?(?:\s+(?:था|है|हैं|थे|थी|थीं))?(?:\s+कि)?"
    rf"|{_SPEECH_EN}(?:\s+[\p{{Ll}}]+){{0,2}}?)"
    r"\s*[-–—:,.]*\s*$", regex.IGNORECASE)
_ATTR_AFTER = regex.compile(
    rf"^\s*[,.]?\s*(?P<attr>[^\"\n]{{0,160}}?){_L}(?P<verb>{_SPEECH_HI}|{_SPEECH_EN}){_R}(?P<tail>[^\"\n]{{0,60}})",
    regex.IGNORECASE)

_PRONOUN = regex.compile(r"(?<![\p{L}\p{M}])(?:उन्होंने|उन्होने|उनके|उनका|उनकी|उसने|उन्हों|वह|वो|वे|he|she)(?![\p{L}\p{M}])",
                         regex.IGNORECASE)
# The agent of a Hindi speech verb: a word marked with ने (का कहना, का मानना, की ओर से), or a pronoun
# with ने fused in; relative जिसने/जिन्होंने refers to the name before it.
_AGENT_WORD = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?P<pronoun>उन्होंने|उन्होने|उसने|इन्होंने)|(?P<relative>जिसने|जिन्होंने|जिन्होने)"
    r"|ने|का\s+कहना|का\s+मानना|की\s+ओर\s+से)(?![\p{L}\p{M}])")
_SUBJECT_AFTER = regex.compile(r"^\s*(?:ने|का\s+कहना|का\s+मानना|की\s+ओर\s+से|कहते|कहती|बताते|बताती|मानते|मानती|लिखते"
                               r"|लिखती|बोले|बोलीं)(?![\p{L}\p{M}])")
_PRONOUN_BEFORE_AGENT = regex.compile(r"(?<![\p{L}\p{M}])(?:उन्होंने|उन्होने|वह|वो|वे)\s*$")
_INSTITUTION = regex.compile(r"\s*(?:सरकार|पुलिस|प्रशासन|विभाग|मंत्रालय|बोर्ड)\s*")
_SUCH_AS = regex.compile(r"\s*(?:जैसे|जैसी|समेत|सहित)\s+[\p{L}\p{M}]+\s*")
_AND = regex.compile(r"\s*(?:,|और|एवं|तथा)\s*")
_NOT_SUBJECT = regex.compile(r"^\s*(?:को|से|में|पर|के|की|का|तक)(?![\p{L}\p{M}])")
_NOMINAL_ORG = regex.compile(r"(?<![\p{L}\p{M}])(?:कंपनी|company|the\s+firm|मंत्रालय)(?=\s+(?:ने|said|says|का\s+कहना))",
                             regex.IGNORECASE)
_ROLE_NOMINAL = regex.compile(
    rf"{_L}(?:the\s+)?(?P<former>(?:पूर्व|former)\s+)?(?P<role>{_alt(list(_ROLE_BY_HI) + list(_ROLE_BY_EN))})"
    r"\s+(?:ने|said|says|told|added)(?![\p{L}\p{M}])", regex.IGNORECASE)
_ROLE_BEFORE_AGENT = regex.compile(
    rf"{_L}(?P<former>(?:पूर्व|former)\s+)?(?P<role>{_alt(list(_ROLE_BY_HI) + list(_ROLE_BY_EN))})\s*$", regex.IGNORECASE)
_NOMINAL_BEFORE_AGENT = regex.compile(r"(?<![\p{L}\p{M}])(?:कंपनी|मंत्रालय|company)\s*$", regex.IGNORECASE)
# After a quote, a postposition, conjunction or noun of naming means the phrase is part of the sentence
# (a title, a term); "'...' के नारे" (slogans) reproduces what was said.
_CONTINUES = regex.compile(r"^\s*(?:का|की|के|को|में|से|पर|ने|तक|और|एवं|या|व|नाम|नामक|शब्द|वाला|वाली|वाले)(?![\p{L}\p{M}])")
_SLOGAN = regex.compile(r"^\s*(?:का|की|के)\s+नार(?:े|ा|ों)(?![\p{L}\p{M}])")
_LIST_JOIN = regex.compile(r"\s*(?:,|और|एवं|या|तथा|व)\s*")
_BOTH = regex.compile(r"\s*(?:दोनों|सभी|जैसे|जैसी)(?![\p{L}\p{M}])")
_NE = regex.compile(r"(?<![\p{L}\p{M}])ने(?![\p{L}\p{M}])")

# A headline is short and carries no danda and no final full stop ("..", "…" are not stops).
_HEADLINE_MAX = 200
_SENTENCE_STOP = regex.compile(r"[।॥]|(?<!\.)\.[\"']*$")

_OPENING_MARKS = "‘“„"
_CLOSING_MARKS = "’”"
_QUOTE_MARK = regex.compile(r"[\"']")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")

_DASH_INTRO_HI = (r"(?:कहा|लिखा|बताया|बोले|बोलीं|बोला|बोली|पूछा|कहते|कहती|लिखते|लिखती|ट्वीट\s+किया|पोस्ट\s+किया"
                  r"|पढ़ी|पढ़ा|पढ़ीं|सुनाई|सुनाया)")
_INDIRECT_HI = [
    regex.compile(rf"(?P<pre>.*?){_L}(?P<verb>कहा|बताया|लिखा|दावा\s+किया|जानकारी\s+दी)(?:\s+(?:है|था))?\s*,?\s+कि\s+(?P<q>.+)"),
    # "कहा-" / "लिखा-" / "कहा :" introduce speech (not "कहा-सुनी", a quarrel); so do बोले-, पूछा-, कविता पढ़ी-
    regex.compile(rf"(?P<pre>.*?){_L}(?P<verb>{_DASH_INTRO_HI})(?:\s+(?:है|हैं|था|थे|थी|थीं))?\s*[-–—:]\s*"
                  r"(?!सुन[ीा](?![\p{L}\p{M}]))(?P<q>.+)"),
    regex.compile(rf"(?P<pre>.*?){_L}(?P<verb>का\s+कहना)\s+है\s+कि\s+(?P<q>.+)"),
]
_ACCORDING_HI = regex.compile(r"^\s*(?:के|की)\s+(?:मुताबिक|मुताबिक़|अनुसार)\s*,?\s*")
_INDIRECT_EN = [
    regex.compile(r"^(?P<pre>.*?)\b(?P<verb>said|says|told\s+[\p{Ll}]+|added(?=\s+that)|wrote|stated|announced|explained)"
                  r"(?:\s+on\s+\p{Lu}\p{Ll}+,?)?\s+(?:that\s+)?(?!on\s|in\s|at\s|last\s|this\s)(?P<q>[^\"]+)$",
                  regex.IGNORECASE),
    regex.compile(r"^(?P<q>[^\"]+?),\s+(?P<post>[^,\"]{1,80}?)\s+(?P<verb>said|says|added|told\s+\w+)(?:\s+on\s+[^.]{1,40})?\s*[.!]?$",
                  regex.IGNORECASE),
]
_AND_SAID = regex.compile(
    r"\s*,?\s*(?:and|और)\s+(?:said|added|कहा|बताया)\s+(?:that\s+|कि\s+)?(?P<q>[^\"]+)", regex.IGNORECASE)
_ACCORDING_EN = regex.compile(r"^\s*according\s+to\s+(?P<spk>[^,]{1,80}),\s*(?P<q>.+)$", regex.IGNORECASE)


def find_quotes(ctx: FactContext) -> list[Fact]:
    headline_end = _headline_end(ctx)
    spans = _quote_spans(ctx)
    # the closed quotations' words: never a speaker or an antecedent (a stray mark's run is no quotation)
    quoted = tuple((ctx.orig(qs), ctx.orig(qe)) for _, _, qs, qe, closed in spans if closed)
    facts, unattributed = _direct_quotes(ctx, spans, headline_end, quoted)
    covered = {ctx.sentence_index(f.span[0]) for f in facts} | {ctx.sentence_index(f.span[1] - 1) for f in facts}
    for f in list(facts):  # "... called India 'the best team' and said his side had been beaten ..."
        s, e = ctx.sentence_span(f.span[1] - 1)
        tail_start = ctx.to_norm(f.span[1]) + 1
        tail = _AND_SAID.match(ctx.norm, tail_start, ctx.to_norm(e))
        if tail and f.speaker:
            speaker = next(m for m in ctx.mentions if m.entity.id == f.speaker)
            fact = _indirect_fact(ctx, ctx.orig(tail.start("q")), e, speaker, None, "coordinated")
            if fact is not None:
                facts.append(fact)
    for i, (s, e) in enumerate(ctx.sentences):
        if i in covered:
            continue
        fact = _indirect_quote(ctx, s, e, in_headline=s < headline_end)
        if fact is not None:
            facts.append(fact)
    voices = [f.speaker for f in facts if f.speaker]
    people = {m.entity.id for m in ctx.mentions if m.entity.type == "PER"}
    if len(voices) >= 2 and len(set(voices)) == 1 and voices[0] in people:
        # an article that quotes one person only, more than once (a profile, an interview): its unattributed
        # quotes are theirs
        for f in unattributed:
            f.speaker, f.extra["via"] = voices[0], "only_voice"
    for f in facts:  # "...," नडेला ने लिखा: the role was given where the person was introduced
        if f.speaker and "role" not in f.extra:
            role = _role_elsewhere(ctx, f.speaker)
            if role:
                f.extra["role"] = {"hi": role[0], "en": role[1]}
                if role[2]:
                    f.extra["role_org"] = role[2]
    return facts


def _role_elsewhere(ctx: FactContext, entity_id: str):
    for m in ctx.mentions:
        if m.entity.id == entity_id and m.entity.type == "PER":
            role = _role(ctx, m, ctx.sentence_span(m.start)[0])
            if role:
                return role
    return None


# -- direct quotes ----------------------------------------------------------------------------

def _quote_marks(ctx: FactContext) -> list[tuple[int, str, bool, bool]]:
    """(position in the normalized text, '"' or "'", can open, can close) of each quotation mark.

    A mark opens before a word (not glued to one before it) and closes after text; curly marks also keep
    the direction they had in the caller's text (‘ “ open, ’ ” close). Marks glued on both sides
    (``है।'अगला``, ``था."वह``) can do either, and the pairing decides. An apostrophe between Latin
    letters is no mark.
    """
    norm, marks = ctx.norm, []
    for i, ch in enumerate(norm):
        if ch not in "\"'":
            continue
        prev = norm[i - 1] if i else " "
        nxt = norm[i + 1] if i + 1 < len(norm) else " "
        if ch == "'" and prev.isascii() and prev.isalpha() and nxt.isascii() and nxt.isalpha():
            continue  # Sharma's, don't
        orig = ctx.text[ctx.orig(i)]
        can_open = not nxt.isspace() and not _WORD_CHAR.match(prev)
        can_close = not prev.isspace()
        if orig in _OPENING_MARKS:  # a glued one may still close: `हैं.“अगला`
            can_open = True
        elif orig in _CLOSING_MARKS:  # `कहा,’ये`: a closing mark typed for an opening one
            can_close = True
        elif not can_open and not can_close:  # a mark with spaces on both sides: `कहा, " यहां`
            can_open = can_close = True
        marks.append((i, ch, can_open, can_close))
    return marks


def _quote_spans(ctx: FactContext) -> list[tuple[int, int, int, int, bool]]:
    """(outer start, outer end, inner start, inner end, closed) of the quotations in the normalized text.

    Marks of one kind pair left to right. A quotation whose closing mark never comes (an extract that
    cut it, or a paragraph that ends first) runs to the first mark after a sentence stop, the next
    opening mark or the end of its paragraph, and is ``closed=False``. Single quotes inside a double
    quotation are part of it; single quotes around one are a stray mark paired with a far one.
    """
    norm = ctx.norm
    marks = _quote_marks(ctx)

    def unclosed(start: int, limit: int):
        end = min(limit, _paragraph_end(norm, start))
        for pos, _, _, can_close in marks:
            if start < pos < end and can_close and norm[pos - 1] in "।.?!":
                return start, pos + 1, start + 1, pos, False
        return start, end, start + 1, end, False

    found: dict[str, list] = {'"': [], "'": []}
    for kind, spans in found.items():
        open_at = None
        for pos, k, can_open, can_close in marks:
            if k != kind:
                continue
            if open_at is not None and "\n" in norm[open_at:pos]:
                spans.append(unclosed(open_at, pos))
                open_at = None
            if open_at is None:
                if can_open:
                    open_at = pos
            elif can_close:
                if pos - open_at > 2:
                    spans.append((open_at, pos + 1, open_at + 1, pos, True))
                open_at = None
            else:  # a second opening mark: the first quotation was never closed
                spans.append(unclosed(open_at, pos))
                open_at = pos
        if open_at is not None:
            spans.append(unclosed(open_at, len(norm)))
    spans = list(found['"'])
    for span in found["'"]:  # one that crosses a double quotation paired a stray mark
        if not any(s < span[1] and span[0] < e for s, e, *_ in found['"']):
            spans.append(span)
    return sorted(spans)


def _paragraph_end(norm: str, pos: int) -> int:
    end = norm.find("\n", pos)
    return len(norm) if end == -1 else end


def _headline_end(ctx: FactContext) -> int:
    """End of the headline (quotes there are not reported, as in the annotation guidelines): the
    digest's title line, or the whole text when it is one short line with no sentence stop in it."""
    text = ctx.text
    title = (ctx.digest.title or "").strip()
    if title and text.lstrip().startswith(title):
        return text.index(title) + len(title)
    body = ctx.norm.strip()
    if "\n" in body or len(body) > _HEADLINE_MAX or _SENTENCE_STOP.search(body):
        return 0
    return len(text)


def _direct_quotes(ctx: FactContext, spans, headline_end: int, quoted: tuple) -> tuple[list[Fact], list[Fact]]:
    """The direct quotes, and among them those that stand alone with no attribution at all."""
    facts, unattributed = [], []
    for k, (os_, oe, qs, qe, closed) in enumerate(spans):
        open_pos, close_pos = ctx.orig(os_), ctx.orig(oe)
        if open_pos < headline_end:
            continue
        s1 = ctx.sentence_span(open_pos)[0]
        e2 = ctx.sentence_span(max(open_pos, close_pos - 1))[1]
        before_start = s1
        before = ctx.norm[ctx.to_norm(s1):os_]
        if not before.strip() and ctx.sentence_index(open_pos):
            # the splitter ended the sentence at the introduction: "... ने कहा:" / "वह कहते हैं." + "quote"
            prev = ctx.sentences[ctx.sentence_index(open_pos) - 1]
            prev_text = ctx.norm_slice(prev[0], open_pos)
            if prev_text.rstrip().endswith(":") or _INTRO_END.search(prev_text.rstrip().rstrip(".")):
                before_start, before = prev[0], prev_text
        after_n = oe
        after = rest = ctx.norm[oe:ctx.to_norm(e2)]  # (rest: the quote's own sentence after it)
        i2 = ctx.sentence_index(max(open_pos, close_pos - 1))
        if closed and not after.strip(" ।.") and i2 + 1 < len(ctx.sentences):
            # the sentence ended with the quote: "“...?” कामिनी ने धीमे से कहा।" attributes it in the next one
            nxt = ctx.sentences[i2 + 1]
            nxt_text = ctx.norm_slice(*nxt)
            if "\n" not in ctx.norm_slice(close_pos, nxt[0]) and not _QUOTE_MARK.search(nxt_text):
                after_n, after = ctx.to_norm(nxt[0]), nxt_text  # (one that opens a quote of its own is that one's)
        speaker, role, via, standalone = None, None, None, False
        intro = _INTRO_END.search(before)
        attr = _ATTR_AFTER.match(after)
        if attr and not (_attribution_fits(attr.group("attr"))
                         and _quote_stands_alone(before, after, attr, ctx.norm[qs:qe])):
            attr = None
        spoken = _SPEECH_ANY.search(before)
        if _listed_names(ctx.norm, spans, k):
            continue
        if intro:  # "X ने कहा, '...'": the introduction names the speaker, whatever follows the quote
            speaker, role, via = _speaker(ctx, before_start, open_pos, quote_start=open_pos, quoted=quoted)
        if attr and speaker is None:
            # a Hindi speaker comes before the verb; "..., said X" names one after it
            hindi_verb = regex.match(r"[\u0900-\u097f]", attr.group("verb"))
            zone = (ctx.orig(after_n), ctx.orig(after_n + (attr.end("verb") if hindi_verb else attr.end())))
            speaker, role, via = _speaker(ctx, zone[0], zone[1], quote_start=open_pos, quoted=quoted)
            if speaker is None and not _AGENT_WORD.search(ctx.norm_slice(*zone)):
                # "X ने Y को 'quote' करार दिया": the agent is before the quote
                speaker, role, via = _speaker(ctx, before_start, open_pos, quote_start=open_pos, quoted=quoted)
        if not intro and not attr:
            if spoken and _quoted_words(ctx.norm, os_, oe, before, rest):
                # "X ने कहा कि ये सब 'सरकार के एजेंटों' ने कराया": words quoted in reported speech
                verb_end = ctx.orig(ctx.to_norm(before_start) + spoken.end())
                speaker, role, via = _speaker(ctx, before_start, verb_end, quote_start=open_pos, quoted=quoted)
            elif closed and not (before.strip() or rest.strip(" ।.")):
                standalone = True  # a quotation that is a whole sentence of its own (dialogue, testimony)
            else:
                continue
        start, end = trim_span(ctx.text, ctx.orig(qs), ctx.orig(qe), chars=" \t\n,")
        if start >= end or (speaker is None and len(ctx.text[start:end].split()) < 3):
            continue
        facts.append(_quote_fact(ctx, start, end, speaker, role, via, direct=True, quoted=quoted))
        if standalone:
            unattributed.append(facts[-1])
    return facts, unattributed


def _quote_stands_alone(before: str, after: str, attr, inner: str) -> bool:
    """A speech verb after the quote attributes it only when the quote is words of their own: it opens
    its clause, ends with a stop or comma, or the verb follows at once (``को 'गद्दार' करार दिया``); never
    a phrase the sentence goes on with (``'द कश्मीर फाइल्स' की प्रशंसा करते हुए कहा``)."""
    if _SLOGAN.match(after):
        return True
    if _CONTINUES.match(after):
        return False
    return (not attr.group("attr").strip() or not before.strip() or before.rstrip()[-1:] in "।.?!:,;-–—"
            or after.lstrip()[:1] in ",.।?!-–—" or inner.rstrip()[-1:] in ",.।?!…")


def _quoted_words(norm: str, os_: int, oe: int, before: str, after: str) -> bool:
    """Quoted words inside reported speech are the speaker's when they stand alone (``कहा कि वे 'लौटेंगे।'``)
    or run to three words or more; a quoted term is shorter (``मोदी जी का ‘कैश-मुक्त’ भारत``)."""
    inner = norm[os_ + 1:oe - 1]
    if (before.rstrip()[-1:] in ",:;-–—" or inner.rstrip()[-1:] in ".।?!…"
            or not after.strip(" ।.") or after.lstrip()[:1] in ",.।?!"):
        return True
    return len(inner.split()) >= 3


def _listed_names(norm: str, spans, k: int) -> bool:
    """Quoted items listed together with the sentence going on after the last one are names (titles,
    terms): ``'अनकही' और 'मैं ज़िंदा हूं' में``, ``‘X’ और ‘Y’ दोनों``; a list of slogans that ends the
    sentence is not (``लिखा था कि ‘...’ और ‘...।’``)."""
    first = last = k
    while first > 0 and _LIST_JOIN.fullmatch(norm, spans[first - 1][1], spans[first][0]):
        first -= 1
    while last + 1 < len(spans) and _LIST_JOIN.fullmatch(norm, spans[last][1], spans[last + 1][0]):
        last += 1
    if first == last:
        return False
    rest = norm[spans[last][1]:spans[last][1] + 30]
    return bool(_CONTINUES.match(rest) or _BOTH.match(rest))


def _attribution_fits(attr: str) -> bool:
    """The words between a quote and its speech verb are few (``'...,' उन्होंने कहा``), or more when they
    hold the agent (``'...' अपने नोट में संस्था के अध्यक्ष महंत X ने लिखा``), more still when the agent
    opens them."""
    words = attr.split()
    if len(words) <= 8:
        return True
    if len(words) <= 16 and _NE.search(attr):
        return True
    return len(words) <= 24 and bool(_NE.search(" ".join(words[:4])))  # "’X ने ... पूछे जाने पर कहा"


# -- indirect quotes --------------------------------------------------------------------------

def _indirect_quote(ctx: FactContext, s: int, e: int, in_headline: bool = False) -> Fact | None:
    ns = ctx.to_norm(s)
    sentence = ctx.norm[ns:ctx.to_norm(e)]
    # X के मुताबिक/अनुसार ...: the mention right before the phrase
    for m in ctx.mentions_in(s, e):
        according = _ACCORDING_HI.match(ctx.after(m.end, 40))
        if according and m.entity.type != "LOC":  # a place is never the source of a figure (पेरिस के मुताबिक)
            q_start = ctx.orig(ctx.to_norm(m.end) + according.end())
            role = _role(ctx, m, s)
            return _indirect_fact(ctx, q_start, e, m, role, None)
    match = _ACCORDING_EN.match(sentence)
    if match:
        spk_s, spk_e = ctx.orig(ns + match.start("spk")), ctx.orig(ns + match.end("spk"))
        speaker, role, via = _speaker(ctx, spk_s, spk_e, quote_start=s)
        if speaker is not None:
            return _indirect_fact(ctx, ctx.orig(ns + match.start("q")), e, speaker, role, via)
    match = _INDIRECT_EN[1].match(sentence)
    if match:
        post_s, post_e = ctx.orig(ns + match.start("post")), ctx.orig(ns + match.end("verb"))
        speaker, role, via = _speaker(ctx, post_s, post_e, quote_start=s)
        if speaker is not None:
            return _indirect_fact(ctx, s, ctx.orig(ns + match.end("q")), speaker, role, via)
    for pattern in _INDIRECT_HI + _INDIRECT_EN[:1]:
        match = pattern.match(sentence)
        if match:
            verb_pos = ctx.orig(ns + match.start("verb"))
            speaker, role, via = _speaker(ctx, s, verb_pos, quote_start=s)
            introduced = pattern is _INDIRECT_HI[1] and not in_headline
            if speaker is not None or introduced:  # "एक यूजर ने लिखा- ...": a quote whose speaker is not named
                fact = _indirect_fact(ctx, ctx.orig(ns + match.start("q")), e, speaker, role, via)
                if fact is not None and introduced:
                    fact.type, fact.extra["direct"] = "quote", True  # "कहा- ..." introduces speech: a direct quote
                return fact
    return None


def _indirect_fact(ctx, start, end, speaker, role, via) -> Fact | None:
    start, end = trim_span(ctx.text, start, end, chars=" \t\n,;:-–—।.|\"'")
    if len(ctx.text[start:end].split()) < 3:
        return None
    return _quote_fact(ctx, start, end, speaker, role, via, direct=False)


def _quote_fact(ctx, start, end, speaker: MentionRef | None, role, via, direct: bool, quoted: tuple = ()) -> Fact:
    from ..preprocess import detect_lang

    if speaker is not None:
        speaker, surname = _named_in_full(ctx, speaker, (start, end), quoted)
        if surname:
            via = via or "surname"
    # reported speech ("उन्होंने कहा कि ...", "he said that ...") is a fact of its own, never a quote
    fact = Fact(id="", type="quote" if direct else "reported", text=ctx.text[start:end], span=(start, end),
                speaker=speaker.entity.id if speaker else None)
    fact.extra["direct"] = direct
    fact.extra["lang"] = detect_lang(fact.text)
    if role:
        fact.extra["role"] = {"hi": role[0], "en": role[1]}
        if role[2]:
            fact.extra["role_org"] = role[2]
    if via:
        fact.extra["via"] = via
    return fact


# -- speaker and role -----------------------------------------------------------------------------

def _last_name_word(entity) -> tuple[int, str]:
    words = (entity.name_en or "").casefold().split()
    return len(words), words[-1] if words else ""


def _named_in_full(ctx: FactContext, m: MentionRef, quote: tuple[int, int],
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


def _speaker(ctx: FactContext, start: int, end: int, quote_start: int, quoted: tuple = ()):
    """The entity that speaks in the attribution zone [start, end); (mention, role, via) or Nones.

    Hindi marks the agent with ने (का कहना, की ओर से); the one nearest the verb speaks: a name, a pronoun
    (उन्होंने: its antecedent), a relative pronoun (``X, जिसने``: X), a title (पूर्व मुख्यमंत्री ने: the
    person introduced with it), "कंपनी ने" (the company) or a plain noun (एक यूजर ने, पिता ने: no entity).
    Names and pronouns inside quotations (``quoted``: their spans) are the quote's words, never its
    attribution, and no pronoun's antecedent."""
    def outside(m):
        return not any(qs <= m.start and m.end <= qe for qs, qe in quoted)

    zone = [m for m in ctx.mentions_in(start, end) if outside(m)]
    zone_text = _blank_quoted(ctx, start, end, quoted)
    zn = ctx.to_norm(start)
    agents = list(_AGENT_WORD.finditer(zone_text))
    if agents:
        agent = agents[-1]
        pos = ctx.orig(zn + agent.start())
        if agent.group("pronoun"):
            m = _antecedent(ctx, min(quote_start, pos), quoted, with_orgs=agent.group("pronoun") == "उसने")
            return (m, None, "pronoun") if m is not None else (None, None, None)
        if agent.group("relative"):
            m = next((m for m in reversed(zone) if m.end <= pos and m.entity.type == "PER"), None)
            if m is not None:
                return m, _role(ctx, m, start), "pronoun"
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
                return m, _role(ctx, m, start), None
            after_role = _ROLE_AFTER_HI.match(gap)
            if after_role and m.entity.type == "ORG" and not gap[after_role.end():].strip():
                # "इंडिगो के प्रवक्ता ने": the organisation speaks through its spokesperson
                hi = after_role.group("role")
                return m, (hi, _ROLE_BY_HI.get(hi, hi), None), None
            if _SUCH_AS.fullmatch(gap):  # "X और Y जैसे नेताओं ने": the first one named
                k = len(before_agent) - 1
                while k and _AND.fullmatch(ctx.norm_slice(before_agent[k - 1].end, before_agent[k].start)):
                    k -= 1
                return before_agent[k], _role(ctx, before_agent[k], start), None
        titled = _ROLE_BEFORE_AGENT.search(head)
        if titled:  # "पूर्व मुख्यमंत्री ने कहा": the person introduced earlier with that title
            m = _by_title(ctx, titled, min(quote_start, start), quoted)
            if m is not None:
                return m, _role(ctx, m, 0), "title"
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
        m = people[0] if len(people) > 1 and _SPEECH_ANY.search(ctx.norm_slice(people[0].end, end)) else people[-1]
        return m, _role(ctx, m, start), None
    nominal = _NOMINAL_ORG.search(zone_text)
    if nominal and not any(m.entity.type == "PER" for m in zone):
        m = _main_org_before(ctx, min(quote_start, start + nominal.start()))
        if m is not None:
            return m, None, "nominal"
    titled = _ROLE_NOMINAL.search(zone_text)
    if titled and not zone:
        m = _by_title(ctx, titled, min(quote_start, start), quoted)
        if m is not None:
            return m, _role(ctx, m, 0), "title"
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
        r = _role(ctx, m, 0)
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
            if _SUBJECT_AFTER.match(after) or (not ctx.norm_slice(s, m.start).strip(" \n\"'-–—:")
                                               and not _NOT_SUBJECT.match(after)):
                subject = m
        if subject is None:
            text = _blank_quoted(ctx, s, e, quoted)
            titled = list(_ROLE_NOMINAL.finditer(text))
            if titled:
                subject = _by_title(ctx, titled[-1], s + 0, quoted)
            elif with_orgs and _NOMINAL_ORG.search(text):
                subject = _main_org_before(ctx, e)
        if subject is not None:
            return subject
    return next((m for m in reversed(ctx.mentions_in(0, pos)) if m.entity.type in types and outside(m)), None)


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


def _role(ctx: FactContext, m: MentionRef, zone_start: int):
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
