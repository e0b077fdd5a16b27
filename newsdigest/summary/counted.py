"""Counted nouns in the other language (the "flights" of "200 flights"), for the summary written from facts.

English words for Hindi nouns and back come from the lexicon induced from parallel text
(:mod:`newsdigest.summary.lexicon`), with Hindi stems tried for inflected forms (उड़ानें, उड़ानों), then from
the word pairs read off the encoder's embeddings where the lexicon has none (:mod:`.word_pairs`), loanwords
read through the transliteration model when the lexicon lacks them, and Hindi in the case its phrase needs
(the oblique plural before a postposition: उड़ानों की संख्या). ``render_counted`` returns None when it
cannot render a noun, so the caller can say so rather than guess.
"""
from __future__ import annotations

import regex

from ..preprocess.hindi import hindi_cardinals
from . import lexicon as lx
from . import word_pairs


_GENITIVE_HI = ("की", "के", "का")
DEVANAGARI = regex.compile(r"\p{Devanagari}")
# Hindi's most frequent words are its own (मौत, रन, आय), whatever English word they sound like; loanwords
# news uses a lot (केस 4.9, विकेट 4.8, आउटेज 0) are below this
LOANWORD_MAX_ZIPF_HI = 5.0
# an encoder word pair that sounds like its Hindi word is a loanword when the English word is this common
# (budget 4.6, career 4.6, runs 5.1; mott, har, moot are less)
LOANWORD_MIN_ZIPF_EN = 3.5


# -- counted nouns -----------------------------------------------------------------------------------

def english_word(word: str, lexicon: lx.Lexicon, pairs: bool = False) -> str | None:
    """One Hindi word in English: the lexicon's best content word, else an English loanword read back
    (रिपोर्ट = report) when the spelling the transliteration model gives is a common English word. A
    plural the lexicon lacks is looked up by its stem (पार्टियों -> पार्टी), and the English made plural.
    With ``pairs``, a word the lexicon does not know at all is looked up in the encoder's word pairs first
    (:func:`pair_english`)."""
    if regex.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", word):
        return word  # a word the Hindi text writes in Latin letters ("Windows डिवाइस") is kept
    forms = [(word, False)] + [(stem, True) for stem in _hindi_stems(word)]
    known = False
    for form, plural in forms:
        for cand in lexicon.english(form):
            known = True
            if not lx.is_function_word(cand, "en") and cand.isalpha():
                return lx.english_plural(cand) if plural else cand
    if pairs and not known and not lx.is_function_word(word, "hi") and word not in hindi_cardinals():
        # हर is "every" to the lexicon, a function word, and एक a number: no pair is asked for them
        found = pair_english(word)
        if found:
            return found
    # a stem is never read as a loanword: मरीज(ों) would come back as "marriage"
    return _loanword(word)


def pair_english(word: str) -> str | None:
    """The encoder's word pair for a Hindi word (:mod:`.word_pairs`), in the word's own number (रन = runs,
    शिकायतें = complaints, बजट = budget). A pair that sounds alike is a loanword only when the English word
    is common (LOANWORD_MIN_ZIPF_EN): मोटी (thick) is not "mott", nor हर "har"."""
    from ..names.lexicon import word_zipf
    from ..names.phonetic import script_key
    from ..names.phrases import LEXICON_SOUND, _likeness

    for cand in word_pairs.english(word):
        if not cand.isalpha():
            continue
        if _likeness(script_key(word), script_key(cand)) >= LEXICON_SOUND and word_zipf(cand, "en") < LOANWORD_MIN_ZIPF_EN:
            continue
        return cand
    return None


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
    if len(word) < 3 or not DEVANAGARI.search(word) or _is_plural_hi(word):
        return None  # an English loanword is not inflected as a Hindi plural (मरीजों is Hindi)
    from ..errors import ModelNotFoundError
    from ..names import to_english_batch
    from ..names.lexicon import word_zipf

    if word_zipf(word, "hi") >= LOANWORD_MAX_ZIPF_HI:
        return None  # मौत is a Hindi word, not "mouth"
    try:
        guess = to_english_batch([word], ["ORG"])[0].lower()
    except ModelNotFoundError:
        return None  # no transliteration model: the word stays in the source language
    if len(guess) >= 4 and guess.isalpha() and word_zipf(guess, "en") >= 3.0:
        return guess
    return None


def _hindi_loanword(word: str) -> str | None:
    """An English noun as Hindi news writes the loanword (wicket = विकेट), when the transliteration is a
    word of the Hindi word list (so फ्लिघ्ट for flight is never written)."""
    if len(word) < 4 or not word.isalpha():
        return None
    from ..errors import ModelNotFoundError
    from ..names import to_hindi
    from ..names.lexicon import word_zipf

    low = word.lower()
    for form in ([low[:-1]] if low.endswith("s") and not low.endswith("ss") else []) + [low]:
        try:
            guess = to_hindi(form)
        except ModelNotFoundError:
            return None
        if word_zipf(guess, "hi") >= 2.5:
            return guess
    return None


def hindi_word(word: str, lexicon: lx.Lexicon, case: str = "direct", pairs: bool = False) -> str | None:
    """One English word in Hindi. Only a direct form (स्कूल, उड़ानें) is offered for the direct case: the
    direct plural of an oblique form (उड़ानों) depends on a gender the lexicon does not hold, while the
    oblique is derived from either form where it is needed. With ``pairs``, a word the lexicon does not
    know at all is looked up in the encoder's word pairs too (:mod:`.word_pairs`; complaints = शिकायतें)."""
    low = word.lower()
    forms = [low] + ([low[:-1]] if low.endswith("s") and len(low) > 3 else [])
    unknown = pairs and not any(lexicon.hindi(form) for form in forms)
    for lookup in (lexicon.hindi,) + ((word_pairs.hindi,) if unknown else ()):
        for form in forms:
            cands = [c for c in lookup(form) if not lx.is_function_word(c, "hi") and DEVANAGARI.search(c)]
            direct = [c for c in cands if not c.endswith(("ों", "ओं"))]
            if lookup is word_pairs.hindi and is_plural_en(word):  # a plural's direct plural first
                direct.sort(key=lambda c: not _is_plural_hi(c))
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
            head = [english_word(w, lexicon) for w in words[:k]]
            tail = [english_word(w, lexicon) for w in words[k + 1:]]
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
            out = [english_word(w, lexicon) for w in words]
            if not all(out) and len(out) > 1 and out[-1]:
                out = out[-1:]
            if all(out):
                phrase = " ".join(out)
                return (lx.english_plural(phrase) if many else phrase), True
        # the encoder's word pairs, for a one-word noun only (शिकायतें = complaints): never inside a longer
        # phrase, where a word's nearest pair need not be its sense (ऊंची कक्षा, a high orbit, would be
        # "classes"), nor for a genitive's head, which the number seldom counts (दो कार्यकालों की वजह से:
        # because of two terms, not "2 reasons"; 67 स्पोर्ट्सकारों का मज़ा is no "67 funs")
        head_word = english_word(words[0], lexicon, pairs=True) if len(words) == 1 else None
        if head_word:
            return (lx.english_plural(head_word) if many else head_word), True
        return f'"{counted}"', False
    out = [hindi_word(w, lexicon, case) for w in words]
    if not all(out) and len(words) > 1 and out[-1]:
        out = out[-1:]  # "outage reports": the head noun alone still says what is counted
    if not all(out) and len(words) == 1:
        out = [hindi_word(words[0], lexicon, case, pairs=True)]  # as above, a one-word noun only
    if all(out):
        phrase = " ".join(out)
        if case == "oblique" and many:
            phrase = lx.oblique_plural(phrase)
        return phrase, True
    return f'"{counted}"', False


def is_plural_en(counted: str) -> bool:
    last = counted.split()[-1].lower()
    return last.endswith("s") and not last.endswith("ss") or last in ("people", "children", "men", "women")
