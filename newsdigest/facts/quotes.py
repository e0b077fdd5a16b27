"""Quotes with their speaker: direct ('' "" “” ‘’, over several sentences; type "quote") and reported
speech (type "reported", never shown in quotation marks), following the news-hi annotation guidelines.

Hindi: ``X ने कहा- ''...''``, ``X ने कहा कि ...``, ``X के मुताबिक ...``, ``"..." उन्होंने लिखा``,
``X ने Y को 'quote' करार दिया``, ``एक यूजर ने लिखा- ...`` (no marks); English: ``X said: "..."``,
``"...," X told reporters``, ``"...," said X``, ``X said (that) ...``, ``..., X said.``, ``According to X, ...``.
Quotation marks pair by direction, so marks glued to the next word, typed the wrong way or never closed
(an extract that cut them) still give their quote. The introduction may sit in the sentence before
(``वह कहते हैं.`` + quote) and the attribution in the sentence after (``“...?” X ने पूछा।``). A quotation
that is a whole sentence of its own is speech even with no verb (dialogue); it is given the speaker only
in an article that quotes one person alone (``extra["via"]`` = "only_voice"), or that of the quote or reported
speech it directly follows ("continued": the next paragraph of the same speaker). Quotes in the headline are
not reported.

The speaker is an entity from the NER output: the Hindi agent nearest the speech verb (marked with ने,
का कहना, की ओर से) — a name, a pronoun (उन्होंने/वह/वो: the subject of its sentence or of one before,
``extra["via"]`` = "pronoun"), a title (पूर्व मुख्यमंत्री ने: the person introduced with it, "title"),
"कंपनी ने"/"the company" (the main organisation, "nominal") or a plain noun (पिता ने: none); otherwise
the mention next to the speech verb (``facts.speakers``). Names inside quotations are never the speaker. A role stated next to
the speaker (मेटा के प्रवक्ता एंडी स्टोन, MMRCL managing director Ashwini Bhide, an IndiGo spokesperson)
goes to ``extra["role"] = {"hi", "en"}`` and its organisation to ``extra["role_org"]``.
Not quotes: a phrase in quotation marks with no speech verb around it ('साइबर अटैक'), a quoted title or
term the sentence goes on with ('द कश्मीर फाइल्स' की प्रशंसा), quoted items listed as names.
"""
from __future__ import annotations

import regex

from ..preprocess.hindi import DEVANAGARI
from ..schema import Fact
from . import FactContext, MentionRef, trim_span
from .speakers import (AGENT_WORD, LEFT, RIGHT, ROLES, SPEECH_ANY, SPEECH_EN, SPEECH_HI, SUBJECT_PRONOUN, find_role,
                       find_speaker, named_in_full, role_elsewhere)

__all__ = ["find_quotes", "ROLES"]

# Verbs that introduce a quote right after them but attribute none before them ('...' को सब सही मानते हैं)
_INTRO_ONLY_HI = r"(?:मानते|मानती|मानना|बोल\s+(?:पड़ा|पड़ी|पड़े|पड़ीं|उठा|उठी|उठे))"
_INTRO_END = regex.compile(
    rf"{LEFT}(?:(?:{SPEECH_HI}|{_INTRO_ONLY_HI})(?:\s+(?:गया|गई|जाता|जाती))?(?:\s+(?:था|है|हैं|थे|थी|थीं))?(?:\s+कि)?"
    rf"|{SPEECH_EN}(?:\s+[\p{{Ll}}]+){{0,2}}?)"
    r"\s*[-–—:,.]*\s*$", regex.IGNORECASE)
_ATTR_AFTER = regex.compile(
    rf"^\s*[,.]?\s*(?P<attr>[^\"\n]{{0,160}}?){LEFT}(?P<verb>{SPEECH_HI}|{SPEECH_EN}){RIGHT}(?P<tail>[^\"\n]{{0,60}})",
    regex.IGNORECASE)
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
    regex.compile(rf"(?P<pre>.*?){LEFT}(?P<verb>कहा|बताया|लिखा|दावा\s+किया|जानकारी\s+दी)(?:\s+(?:है|था))?\s*,?\s+कि\s+(?P<q>.+)"),
    # "कहा-" / "लिखा-" / "कहा :" introduce speech (not "कहा-सुनी", a quarrel); so do बोले-, पूछा-, कविता पढ़ी-
    regex.compile(rf"(?P<pre>.*?){LEFT}(?P<verb>{_DASH_INTRO_HI})(?:\s+(?:है|हैं|था|थे|थी|थीं))?\s*[-–—:]\s*"
                  r"(?!सुन[ीा](?![\p{L}\p{M}]))(?P<q>.+)"),
    regex.compile(rf"(?P<pre>.*?){LEFT}(?P<verb>का\s+कहना)\s+है\s+कि\s+(?P<q>.+)"),
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
    _continue_speakers(ctx, facts, unattributed)
    for f in facts:  # "...," नडेला ने लिखा: the role was given where the person was introduced
        if f.speaker and "role" not in f.extra:
            role = role_elsewhere(ctx, f.speaker)
            if role:
                f.extra["role"] = {"hi": role[0], "en": role[1]}
                if role[2]:
                    f.extra["role_org"] = role[2]
    return facts


_CONTINUATION_GAP = regex.compile(r"[\s\"'“”‘’.।!?,:;-]*")


def _continue_speakers(ctx: FactContext, facts: list[Fact], unattributed: list[Fact]) -> None:
    """A quote with no attribution of its own that follows another quote or reported speech with nothing
    but marks and spaces between them, or only the previous quote's own attribution, continues it (the next
    paragraph of the same speaker, which news opens with a quote mark of its own: '...," he said. "We are
    looking at ...'): it is that speaker's."""
    by_end = sorted((f for f in facts if f.speaker), key=lambda f: f.span[1])
    for f in sorted(unattributed, key=lambda f: f.span[0]):
        if f.speaker:
            continue
        prev = [p for p in by_end if p.span[1] <= f.span[0]]
        if prev and _continues(ctx, prev[-1], f):
            f.speaker, f.extra["via"] = prev[-1].speaker, "continued"
            by_end = sorted(by_end + [f], key=lambda x: x.span[1])


def _continues(ctx: FactContext, prev: Fact, f: Fact) -> bool:
    """Does quote ``f`` continue ``prev``? Nothing but marks between them, or only ``prev``'s own
    attribution in one sentence: '"...," said David Frost, BCC director general. "Manufacturing ...'."""
    gap = ctx.text[prev.span[1]:f.span[0]]
    if _CONTINUATION_GAP.fullmatch(gap):
        return True
    if prev.type != "quote" or "\n" in gap or len(gap) > 160:
        return False
    clause = gap.strip(" \t\"'“”‘’,")
    if not clause or clause[-1] not in ".।" or regex.search(r"[.।!?]\s", clause[:-1]):
        return False
    start = prev.span[1]
    names = any(m.entity.id == prev.speaker for m in ctx.mentions_in(start, f.span[0]))
    return names or bool(SUBJECT_PRONOUN.search(clause))


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

    Marks of one kind pair left to right. A quotation that ends at a sentence stop right before the next
    opening mark is closed there (a quote over several paragraphs opens each one and closes only the last:
    '"... decades to come. "It is therefore vital ..."'). A quotation whose closing mark never comes (an extract that
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
                inner = norm[open_at + 1:pos].rstrip()
                if inner and inner[-1] in "।.?!" and "\n" not in inner:
                    # a quoted paragraph that the next one continues opens without closing: '... come. "It is'
                    spans.append((open_at, pos, open_at + 1, open_at + 1 + len(inner), True))
                else:
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
        spoken = SPEECH_ANY.search(before)
        if _listed_names(ctx.norm, spans, k):
            continue
        if intro:  # "X ने कहा, '...'": the introduction names the speaker, whatever follows the quote
            speaker, role, via = find_speaker(ctx, before_start, open_pos, quote_start=open_pos, quoted=quoted)
        if attr and speaker is None:
            # a Hindi speaker comes before the verb; "..., said X" names one after it
            hindi_verb = regex.match(f"[{DEVANAGARI}]", attr.group("verb"))
            zone = (ctx.orig(after_n), ctx.orig(after_n + (attr.end("verb") if hindi_verb else attr.end())))
            speaker, role, via = find_speaker(ctx, zone[0], zone[1], quote_start=open_pos, quoted=quoted)
            if speaker is None and not AGENT_WORD.search(ctx.norm_slice(*zone)):
                # "X ने Y को 'quote' करार दिया": the agent is before the quote
                speaker, role, via = find_speaker(ctx, before_start, open_pos, quote_start=open_pos, quoted=quoted)
        if not intro and not attr:
            if spoken and _quoted_words(ctx.norm, os_, oe, before, rest):
                # "X ने कहा कि ये सब 'सरकार के एजेंटों' ने कराया": words quoted in reported speech
                verb_end = ctx.orig(ctx.to_norm(before_start) + spoken.end())
                speaker, role, via = find_speaker(ctx, before_start, verb_end, quote_start=open_pos, quoted=quoted)
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
            role = find_role(ctx, m, s)
            return _indirect_fact(ctx, q_start, e, m, role, None)
    match = _ACCORDING_EN.match(sentence)
    if match:
        spk_s, spk_e = ctx.orig(ns + match.start("spk")), ctx.orig(ns + match.end("spk"))
        speaker, role, via = find_speaker(ctx, spk_s, spk_e, quote_start=s)
        if speaker is not None:
            return _indirect_fact(ctx, ctx.orig(ns + match.start("q")), e, speaker, role, via)
    match = _INDIRECT_EN[1].match(sentence)
    if match:
        post_s, post_e = ctx.orig(ns + match.start("post")), ctx.orig(ns + match.end("verb"))
        speaker, role, via = find_speaker(ctx, post_s, post_e, quote_start=s)
        if speaker is not None:
            return _indirect_fact(ctx, s, ctx.orig(ns + match.end("q")), speaker, role, via)
    for pattern in _INDIRECT_HI + _INDIRECT_EN[:1]:
        match = pattern.match(sentence)
        if match:
            verb_pos = ctx.orig(ns + match.start("verb"))
            speaker, role, via = find_speaker(ctx, s, verb_pos, quote_start=s)
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
        speaker, surname = named_in_full(ctx, speaker, (start, end), quoted)
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
