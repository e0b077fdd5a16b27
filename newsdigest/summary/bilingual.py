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
from the lexicon induced from parallel text (:mod:`newsdigest.summary.lexicon`). The parts: ``counted``
(nouns), ``figures`` (figure sentences), ``headline``; this module writes the quotes and puts it together. Hindi is written with
the oblique plural before a postposition (उड़ानों की संख्या) and the verb agreeing with its subject
(संख्या ... रही, आंकड़ा ... रहा). A counted noun the lexicon cannot render stays in the source
language, in quotation marks; nothing is added that the facts do not hold.
"""
from __future__ import annotations

import regex

from ..schema import Digest, Fact, Summary
from . import lexicon as lx
from .counted import DEVANAGARI, render_counted
from .figures import (english_participle, entity_name, figure_facts, first_figure, format_quantity,
                      quantity_sentence, scale_of)
from .headline import headline_from_facts

__all__ = ["summary_from_facts", "headline_from_facts", "describe_fact", "format_quantity", "entity_name",
           "render_counted", "first_figure", "LANG_NAMES"]


def _lang_names() -> dict[str, dict[str, str]]:
    # CLDR's language names; "हिंदी" is how Hindi news spells its own language (CLDR: हिन्दी)
    return {"hi": {"hi": "हिंदी", "en": lx.language_name("en", "hi")},
            "en": {"hi": lx.language_name("hi", "en"), "en": lx.language_name("en", "en")}}


LANG_NAMES = _lang_names()
_MAX_QUOTE_WORDS = 30
_FIRST_SENTENCE = regex.compile(r".+?[।.?!](?=\s)")


# -- quotes ------------------------------------------------------------------------------------------

def _quote_lang(digest: Digest, fact: Fact) -> str:
    qlang = fact.extra.get("lang") or digest.lang
    if qlang in ("hi", "en"):
        return qlang
    return "hi" if DEVANAGARI.search(fact.text) else "en"


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


# -- the summary -------------------------------------------------------------------------------------

def _groups(digest: Digest) -> dict[int, list[Fact]]:
    groups: dict[int, list[Fact]] = {}
    for f in figure_facts(digest):
        groups.setdefault(f.sentence, []).append(f)
    return groups


def _renders(group: list[Fact], src: str, tgt: str) -> bool:
    """A figure bullet is only worth it when each figure has a unit or a counted noun in ``tgt``."""
    return all(f.unit or scale_of(f, src) or render_counted(f.extra.get("counted"), src, tgt, f.value)[1]
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
            bullets.append((group[0].span[0], quantity_sentence(digest, group[:3], src, tgt)))
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


# the light verbs and auxiliaries that follow a Hindi predicate's content word (जारी कर दिया है, सामना करना पड़ा)
_AUXILIARIES_HI = frozenset("""
कर करना करने करते करता करती किया की किए किये कीं दिया दी दिए दिये दें देना ले लिया ली लिए लेना हो होना
हुआ हुई हुए हुईं है हैं था थी थे थीं गया गई गए गईं गयी गये जा जाता जाती जाते पड़ा पड़ी पड़े पड़ रहा रही
रहे चुका चुकी चुके सकता सकती सकते जाएगा जाएगी जाएंगे
""".split())
# the word right after the content word must be a light verb of its own: घोषणा की, सामना करना, शामिल है
# (a verb's own auxiliaries there, लगाया था, माना जाता, लड़ रहे, mean the first word is itself a verb)
_LIGHT_HI = frozenset("कर करना करने किया की किए किये कीं दिया दी दिए दिये हुआ हुई हुए हुईं हो है हैं".split())


def _event_english(predicate: str, obj: str | None) -> str | None:
    """An event's predicate in English when it is one content word the induced lexicon translates by a
    participle, followed only by light verbs and auxiliaries (जारी कर दिया है = issued, दर्ज की है =
    recorded, कोशिश की है = tried; not a verb with its own auxiliaries, लगाया था, माना जाता है), with its
    object when that is one word the lexicon renders; else None (चुटकी ली, an idiom, stays in Hindi)."""
    words = predicate.split()
    if len(words) < 2 or words[1] not in _LIGHT_HI or any(w not in _AUXILIARIES_HI for w in words[2:]):
        return None
    if words[0] == "जारी" and words[1] in ("है", "हैं"):
        return None  # जारी है is "goes on", जारी किया "issued": the lexicon's participle is the second
    done = english_participle(words[0])
    if done is None:
        return None
    what, ok = render_counted(obj, "hi", "en", 1) if obj and len(obj.split()) == 1 else ("", False)
    return f"{done} — {what}" if ok else done  # an object of several words is not rendered word by word


def describe_fact(digest: Digest, fact: Fact, lang: str) -> str:
    """One line about a fact in `lang` (the facts list of the Markdown rendering)."""
    src = "hi" if digest.lang in ("hi", "mixed") else "en"
    name = lambda eid: entity_name(digest.entity(eid), lang)  # noqa: E731
    if fact.type == "quantity":
        return quantity_sentence(digest, [fact], src, lang)
    if fact.type in ("quote", "reported"):
        if fact.type == "reported" and digest.entity(fact.speaker) is None:
            return (f"Reported, no speaker named: {fact.text}" if lang == "en" else f"बिना वक्ता का कथन: {fact.text}")
        return _quote_sentence(digest, fact, lang) or (
            f'Unattributed quote: "{fact.text}"' if lang == "en" else f'बिना वक्ता का उद्धरण: "{fact.text}"')
    if fact.type in ("date", "time", "duration"):
        from .when import temporal_text

        label = {"date": ("Date", "तारीख"), "time": ("Time", "समय"), "duration": ("Duration", "अवधि")}[fact.type]
        value = temporal_text(fact, lang) or fact.value or "—"
        source = "" if value == fact.text else f" (“{fact.text}”)"
        return f"{label[0 if lang == 'en' else 1]}: {value}{source}"
    if fact.type == "event":
        subject = name(fact.subject)
        predicate = fact.extra.get("predicate", "")
        obj = fact.extra.get("object")
        if lang == "en":
            english = _event_english(predicate, obj) if src == "hi" else None
            if english:  # "Meta: issued — statement", from जारी कर दिया है — बयान
                return f"{subject}: {english}"
            return f"{subject}: {predicate}" + (f" — {obj}" if obj else "") + (
                " (in Hindi)" if src == "hi" else "")
        return f"{subject}: {predicate}" + (f" — {obj}" if obj else "") + (" (अंग्रेज़ी में)" if src == "en" else "")
    return fact.text

