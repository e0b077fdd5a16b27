"""NER over articles: sentence windows in, character spans of PER/ORG/LOC out."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import regex

from ..schema import EntitySpan
from .tagging import bio_spans, is_alnum, postprocess, word_spans


VISARGA = "\u0903"
# Words that say what kind of organisation follows (the news-hi guidelines keep them out of the name).
ORG_DESCRIPTORS = frozenset("""
    वेबसाइट मॉनिटरिंग कंपनी प्लेटफॉर्म प्लेटफार्म ऐप एप सर्विस पोर्टल फर्म स्टार्टअप ब्रांड चैनल अखबार संस्था
    website monitoring company platform app firm startup brand
""".split())
# nouns that, right before a name, say the name is an organisation's (कंपनी मेटा, समाचार एजेंसी रॉयटर्स)
ORG_NOUNS = ORG_DESCRIPTORS | {"एजेंसी", "agency"}
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


@dataclass
class Window:
    """A run of words of one sentence that fits the encoder (most sentences are one window)."""

    sentence: int
    spans: list[tuple[int, int]]  # word offsets into the article text
    words: list[str]


def is_shouting(words: list[str]) -> bool:
    """An all-caps Latin sentence (a wire headline, a pasted telex): 12+ Latin letters, 90% upper case."""
    letters = [c for w in words for c in w if c.isascii() and c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def recase(word: str) -> str:
    """'MUSK' -> 'Musk' for the model's eyes; one character for one, so offsets stay valid."""
    if len(word) > 1 and word.isascii() and word.isalpha() and word.isupper():
        return word[0] + word[1:].lower()
    return word


def make_windows(text: str, sentences: list[tuple[int, int]], encoder) -> list[Window]:
    """Word windows for every sentence; a long sentence is cut at words, never truncated.

    The model learned names from their capitals, so an all-caps sentence is shown to it in title
    case ("ELON MUSK SAID" -> "Elon Musk Said"); spans still point at the original text.
    """
    windows = []
    for si, (s, e) in enumerate(sentences):
        spans = [(s + a, s + b) for a, b in word_spans(text[s:e])]
        if not spans:
            continue
        words = [text[a:b] for a, b in spans]
        if is_shouting(words):
            words = [recase(w) for w in words]
        for a, b in encoder.split_window(words):
            windows.append(Window(si, spans[a:b], words[a:b]))
    return windows


def spans_from_logits(text: str, window: Window, logits: np.ndarray, label_pos: list[int]) -> list[EntitySpan]:
    """postprocess: per-piece logits of one window -> entity spans with offsets into ``text``."""
    labels, scores = postprocess(logits, label_pos)
    out = []
    found = _split_hyphenated_pairs(_join_adjacent_people(bio_spans(labels, scores), window.words), window)
    tagged = {i for ws, we, _, _ in found for i in range(ws, we)}
    for ws, we, typ, score in found:
        # a name never starts or ends with punctuation the model may have tagged
        while ws < we and not is_alnum(window.words[ws]):
            ws += 1
        while we > ws and not is_alnum(window.words[we - 1]):
            we -= 1
        if ws < we:
            ws = _hyphen_joined(window, ws, tagged)
        # a descriptor in front of an organisation's name is no part of it: "वेबसाइट मॉनिटरिंग डाउनडिटेक्टर"
        while typ == "ORG" and we - ws > 1 and window.words[ws].casefold() in ORG_DESCRIPTORS:
            ws += 1
        if ws == we or all(w.casefold() in DETERMINERS for w in window.words[ws:we]):
            continue  # an article or determiner alone is never a name ("The" as an ORG); "The Oval" is one
        if typ == "LOC" and we - ws > 1 and _ends_with_organisation_head(window.words[ws:we]):
            typ = "ORG"  # रासरा पुलिस स्टेशन, साजा थाने: a police station, a university, a hospital is an ORG
        elif typ == "PER" and ws > 0 and window.words[ws - 1].casefold() in ORG_NOUNS:
            typ = "ORG"  # named right after the noun that says what it is: समाचार एजेंसी रिया नोवोस्ती
        if we - ws == 1 and _is_rank_or_degree(window.words[ws]):
            continue  # "तीसरे प्रयास में बने IAS", "चॉकलेट पर पीएचडी": a rank or a degree names nobody
        if typ == "ORG":
            ws, we = _institution_bounds(window.words, ws, we)
        elif typ == "PER":
            ws, we = _person_bounds(window.words, ws, we)
            if we - ws == 1 and _is_title(window.words[ws]):
                continue  # a title alone (श्री, मंत्री) names nobody
        start, end = window.spans[ws][0], window.spans[we - 1][1]
        while start < end and text[start] in ZERO_WIDTH:  # a zero-width space glued to the name's front
            start += 1
        while end > start and text[end - 1] in ZERO_WIDTH:
            end -= 1
        if _letter(text[start:end]):
            continue  # one Devanagari letter is a word (न ... न, "neither ... nor"), never a name
        if text[end - 2:end] in ("'s", "’s") and end - start > 3:  # "Mumbai's" names Mumbai
            end -= 2
        elif text[end - 1] == VISARGA and end - start > 2:  # a visarga used as a colon: "बाग़पतः" names बाग़पत
            end -= 1
        out.append(EntitySpan(start, end, typ, text[start:end], score))
    return out


def _hyphen_joined(window: Window, ws: int, tagged: set[int]) -> int:
    """A Latin name is whole across a glued hyphen: the model may tag "In" of CERT-In or "Packard" of
    Hewlett-Packard alone. A capitalised Latin word joined in front by "-" with no space, that no
    other span holds, joins the span (the new start is returned); two names side by side
    (India-Pakistan, both tagged) stay two, and so do a name and the adjective after it (US-German
    talks) or a combining form before it (Sino-US ties)."""
    words, spans = window.words, window.spans
    while (ws >= 2 and words[ws - 1] == "-" and ws - 2 not in tagged
           and spans[ws - 2][1] == spans[ws - 1][0] and spans[ws - 1][1] == spans[ws][0]
           and _LATIN_NAME_WORD.fullmatch(words[ws]) and _LATIN_NAME_WORD.fullmatch(words[ws - 2])
           and not _COMBINING_FORM.fullmatch(words[ws - 2])):
        ws -= 2
    return ws


_LATIN_NAME_WORD = regex.compile(r"\p{Lu}[\p{Latin}\p{N}]*")
# English combining forms of peoples and places (a closed class of word formation, not names)
_COMBINING_FORM = regex.compile(r"(?:Indo|Sino|Anglo|Franco|Afro|Euro|Russo|Austro|Greco|Italo|Hispano|Judeo"
                                r"|Turco|Perso|Nippo|Arabo|Germano|Polono|Serbo|Irano|Pan|Trans|Pro|Anti|Non|Ex)")


def _split_hyphenated_pairs(spans: list[tuple[int, int, str, float]],
                            window: Window) -> list[tuple[int, int, str, float]]:
    """Two names of several words each, glued by a hyphen, are two names: "टाइम्स नाउ-ईटीजी रिसर्च" (two
    pollsters), "India Today-Axis My India". No news-hi entity (train or dev) has two or more words on
    both sides of a glued hyphen; a side of one space-separated word stays whole (कोका-कोला, Hewlett-Packard,
    पाकिस्तान तहरीक-ए-इंसाफ)."""
    words, offsets = window.words, window.spans

    def glued(i: int) -> bool:  # word i touches word i + 1
        return offsets[i][1] == offsets[i + 1][0]

    def several(a: int, b: int) -> bool:  # words a..b-1 hold a space: two or more written words
        return any(not glued(i) for i in range(a, b - 1))

    out: list[tuple[int, int, str, float]] = []
    for ws, we, typ, score in spans:
        cut = next((h for h in range(ws + 2, we - 2) if words[h] == "-" and glued(h - 1) and glued(h)
                    and several(ws, h) and several(h + 1, we)), None)
        if cut is None:
            out.append((ws, we, typ, score))
        else:
            out.extend([(ws, cut, typ, score), (cut + 1, we, typ, score)])
    return out


def _letter(word: str) -> bool:
    """One non-Latin letter (after zero-width characters): न, ई — a word, never a name alone."""
    word = "".join(c for c in word if c not in ZERO_WIDTH)
    return len(word) <= 1 and not word.isascii()


def _join_adjacent_people(spans: list[tuple[int, int, str, float]],
                          words: list[str]) -> list[tuple[int, int, str, float]]:
    """Two one-word person spans with no word between them are one name the model cut in two (अल्लू |
    अर्जुन, नागा | चैतन्य); longer ones are two people more often than not (अनन्या पांडे | आयुष्मान खुराना,
    measured on news-hi train), and a comma or a hyphen between two people keeps them apart (अक्षय-सलमान)."""
    out: list[tuple[int, int, str, float]] = []
    for s in spans:
        p = out[-1] if out else None
        if (p and s[2] == "PER" == p[2] and s[0] == p[1] and p[1] - p[0] == 1 and s[1] - s[0] == 1
                and (len(out) < 2 or out[-2][1] != p[0] or out[-2][2] != "PER")
                and not (_letter(words[p[0]]) or _letter(words[s[0]]))):
            p = out.pop()
            n_p, n_s = p[1] - p[0], s[1] - s[0]
            s = (p[0], s[1], "PER", (p[3] * n_p + s[3] * n_s) / (n_p + n_s))
        out.append(s)
    return out


def _ends_with_organisation_head(words: list[str]) -> bool:
    from ..names.phrases import ends_with_organisation_head

    return ends_with_organisation_head(words)


def _is_title(word: str) -> bool:
    from ..preprocess.hindi import PERSON_HONORIFICS, PERSON_TITLES

    return word in PERSON_TITLES or word in PERSON_HONORIFICS


def _is_rank_or_degree(word: str) -> bool:
    from ..preprocess.hindi import DEGREES, RANK_TITLES

    return word in RANK_TITLES or word in DEGREES


def _person_bounds(words: list[str], ws: int, we: int) -> tuple[int, int]:
    """A person's span without the titles before the name and the honorifics after it (महंत नरेंद्र गिरि ->
    नरेंद्र गिरि, महमूद साहब -> महमूद; ``preprocess.hindi``); a span that is only a title is no person (the caller drops it)."""
    from ..preprocess.hindi import PERSON_HONORIFICS, PERSON_TITLES, RANK_TITLES

    while we - ws > 1 and (words[ws] in PERSON_TITLES or words[ws] in RANK_TITLES):
        ws += 1
        while we - ws > 1 and words[ws] == ".":  # डॉ. राजेंद्र
            ws += 1
    while we - ws > 1 and words[we - 1] in PERSON_HONORIFICS:
        we -= 1
    return ws, we


def _institution_bounds(words: list[str], ws: int, we: int) -> tuple[int, int]:
    """An organisation's span that ends on an institutional head word (``names.phrases``) takes in the
    modifiers right before it: चुनाव + "आयोग", भारतीय + "नौसेना" (the news-hi guidelines name the body
    whole). Conjunctions never join ("केंद्र और" + "गुजरात सरकार"). Head words after a span are left
    out: "कांग्रेस सरकार" and "आईपीएल टीम" name the party and the league (measured on news-hi train)."""
    from ..names.phrases import CONJUNCTIONS, institution_kind

    if institution_kind(words[we - 1]) in ("head", "of"):
        while ws > 0 and institution_kind(words[ws - 1]) == "mod" and words[ws - 1] not in CONJUNCTIONS:
            ws -= 1
    return ws, we


def sentence_embeddings(n_sentences: int, windows: list[Window], outputs, hidden: int) -> np.ndarray:
    """Mean of content-piece states per sentence, L2-normalised; zeros for empty sentences."""
    sums = np.zeros((n_sentences, hidden), dtype=np.float64)
    counts = np.zeros(n_sentences, dtype=np.float64)
    for w, o in zip(windows, outputs):
        sums[w.sentence] += o.pooled
        counts[w.sentence] += o.n_pieces
    emb = sums / np.maximum(counts, 1)[:, None]
    norm = np.linalg.norm(emb, axis=1, keepdims=True)
    return (emb / np.maximum(norm, 1e-12)).astype(np.float32)
