"""The headline of the other-language summary: the lead actors and the article's first figure.

It names the lead actor (the most salient entity, with the second when the lead sentence names both), the
title's topic word when the lexicon knows it (English only: "Assam and Kaziranga flood"), and the first
figure with what it measures and who reports it ("Facebook and Meta: more than 500,000 outage reports,
says Downdetector").
"""
from __future__ import annotations

import regex

from ..schema import Digest, Entity
from . import lexicon as lx
from .counted import hindi_word
from .figures import (amount_of, capitalise, change_clause, counts_hi, entity_name, figure_phrase, first_figure,
                      format_quantity, join_words, measure_of)


TOPIC_MAX_ZIPF = 5.6  # commoner words (most, about, over) say nothing about the story
TOPIC_MAX_ZIPF_HI = 5.0  # देश, सरकार, योजना, वर्ग are in every article; बाढ़, अंतरिक्ष are a story


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
    from ..names.lexicon import word_zipf

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
            if cand is None or len(cand) < 4 or regex.search(r"(?:ed|ing|ly|est)$", cand) or _is_time_unit(cand) \
                    or not 3.0 <= word_zipf(cand, "en") <= TOPIC_MAX_ZIPF \
                    or word_zipf(word, "hi") > TOPIC_MAX_ZIPF_HI or key not in lexicon_keys(lexicon, cand):
                continue
        else:
            if word_zipf(word, "en") > TOPIC_MAX_ZIPF:
                continue
            cand = hindi_word(word, lexicon)
            if cand is None or lx.is_function_word(cand, "hi") or len(cand) < 3:
                continue
        if best is None or count > best[0]:
            best = (count, cand)
    return best[1] if best else None


def _is_time_unit(word: str) -> bool:
    """"hours", "days": a measure of time, never what a story is about (घंटों ठप is no "hours" story);
    the words are CLDR's duration units, through Babel."""
    units = {"decade", "year", "month", "week", "day", "hour", "minute", "second"}
    return any(lx.unit_pattern(u, "en", plural=p).replace("{0}", "").strip() == word.lower()
               for u in units for p in (True, False))


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
    head = join_words(names, tgt) + (f" {topic}" if topic else "")
    figure = first_figure(digest)
    if figure is None:
        return head
    change = change_clause(digest, figure, src, tgt)
    if change:  # "CrowdStrike's shares fell about 11%": the clause names its own actor
        source = entity_name(digest.entity(figure.extra.get("source")), tgt)
        said = (f", says {source}" if tgt == "en" else f", {source} के मुताबिक") if source else ""
        return f"{change}{said}" if figure.subject or not head else f"{head}: {change}{said}"
    if not head:
        return capitalise(figure_phrase(figure, src, tgt)) if tgt == "en" else figure_phrase(figure, src, tgt)
    counts = counts_hi(figure, src) if tgt == "hi" else None
    measure = measure_of(figure, src, tgt)
    amount = amount_of(figure, src, tgt)
    phrase = (f"{counts} की संख्या {format_quantity(figure, tgt)}" if counts
              else f"{measure} {format_quantity(figure, tgt)}" if measure  # "US: annual growth 0.2%"
              else amount or figure_phrase(figure, src, tgt))  # "Elon Musk: a reach of more than 2.1 million"
    subject = digest.entity(figure.subject)
    if subject is not None and subject.id not in {a.id for a in actors}:
        phrase += f" for {entity_name(subject, tgt)}" if tgt == "en" else ""
        if tgt == "hi":
            phrase = f"{entity_name(subject, tgt)} के लिए {phrase}"
    source = digest.entity(figure.extra.get("source"))
    if source is not None:
        phrase += f", says {entity_name(source, tgt)}" if tgt == "en" else f", {entity_name(source, tgt)} के मुताबिक"
    return f"{head}: {phrase}"
