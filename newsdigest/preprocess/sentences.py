"""Sentence and word spans on the caller's own text (never on a normalized copy).

`split_sentences` is a single left-to-right regex scan, linear in the length of the text. A
sentence ends:
- at a danda '।', a double danda '॥', or a '|' typed as a danda after Devanagari, always,
  even right after a number (`सन 1947। इसके` is two sentences);
- at '?' or '!' followed by whitespace, the end of the text or a Devanagari letter, unless the
  next word starts with a lowercase Latin letter ("Wow! what a catch");
- at '.', '...' or '…' followed by whitespace or the end, in English, Hindi or mixed text, unless
  the word before it is a known abbreviation (डॉ. श्री. प्रो. Mr. Dr. Inc. ...), a single letter
  (an initial), a dotted abbreviation (U.S. e.g. a.m.), a number opening its line or sentence
  (a list item: `1. ...`), or the next word starts with a lowercase Latin letter.
  Decimals (7.5, ₹3.25) never end a sentence: no whitespace follows their '.'. Devanagari
  dotted abbreviations (ई.पू., सी.बी.आई., यू.एस.) are abbreviations too;
- at a '.' glued to the next word with no space, as BBC Hindi often prints it: between Devanagari
  letters ("था.नेटो"), unless the dotted run is an abbreviation (each short segment closed by a
  dot) or the word before is one (डॉ.शर्मा); and between a lowercase Latin word and a capitalised
  one ("on.The");
- after a reader's call to action glued to the next word with nothing between, as crawled pages print a
  link's text: "आपबीती पढ़िएलेकिन जल्द ही" is "… पढ़िए" and "लेकिन जल्द ही" (पढ़िए, सुनिए, देखिए, क्लिक
  करें; not देखिएगा or करेंगे, which are words); `split_words` cuts the glued word there too;
- at a blank line, always;
- at a single line break (LF, CRLF, CR, U+2028/U+2029), since a line without final punctuation is
  a heading; except when the line ends in ',' or ';' or the next line starts with a lowercase
  Latin letter (hard-wrapped text).
Closing quotes and brackets after the end mark (" ” ’ ' '' ) ] ») stay with their sentence when
whitespace or the end follows them; otherwise they open the next sentence.

No sentence is longer than MAX_SENTENCE_CHARS: a longer one (a text without punctuation, say) is
cut after the last clause mark (, ; :) followed by a space within the limit (past its first third),
else at the last whitespace within the limit, or, in a run with no whitespace at all, between two
grapheme clusters. Nothing is dropped: the spans cover every visible character of the text.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from newsdigest.preprocess.hindi import DEVANAGARI
from newsdigest.preprocess.normalize import INVISIBLE_CHARS as _INVISIBLE

__all__ = ["split_sentences", "split_words", "MAX_SENTENCE_CHARS"]

MAX_SENTENCE_CHARS = 400

# Stripped from the edges of sentences: whitespace and invisible format characters.
_CONTENT = regex.compile(rf"[^\s{_INVISIBLE}]")
_LAST_CONTENT = regex.compile(rf"[^\s{_INVISIBLE}]", flags=regex.REVERSE)
_CLAUSE_END = regex.compile(r"[,;:،](?=\s)")
_LAST_SPACE = regex.compile(r"\s", flags=regex.REVERSE)
_LAST_WORD = regex.compile(r"\S+", flags=regex.REVERSE)

_BREAK = r"(?:\r\n|[\n\r\v\f\x85\u2028\u2029])"
_LINE_SPACE = r"[^\S\r\n\v\f\x85\u2028\u2029]"
_LINE_BREAKS = regex.compile(_BREAK)
_PREVIOUS_BREAK = regex.compile(_BREAK, flags=regex.REVERSE)
# A call to action glued to the next sentence with nothing between, as crawled BBC Hindi pages print a link's
# text ("आपबीती पढ़िएलेकिन जल्द ही", "क्लिक करेंहालांकि"): the imperative ends a sentence when a Devanagari
# letter (no vowel sign) follows it, but not the future or polite endings that make one word of it
# (देखिएगा, करेंगे, पढ़ेंगी)
_GLUED_CALL = (r"(?<=(?:पढ़िए|पढ़िए|सुनिए|देखिए|क्लिक\s?करें))"
               r"(?=[\u0904-\u0939\u0958-\u0961\u0972-\u097f])(?!(?:गा|गी|गे)(?![\p{L}\p{M}]))")
_GLUED_CALL_AT = regex.compile(_GLUED_CALL, flags=regex.VERSION1)
_EVENT = regex.compile(
    rf"(?P<newline>{_BREAK}(?:{_LINE_SPACE}*{_BREAK})*)"
    rf"|(?P<danda>[\u0964\u0965]+|(?<=[{DEVANAGARI}])(?:[\p{{Zs}}{_INVISIBLE}]*\|)+)"
    r"|(?P<mark>[?!]+)"
    r"|(?P<dot>\.+|\u2026+)"
    rf"|(?P<call>{_GLUED_CALL})",
    flags=regex.VERSION1,
)
_CLOSERS = regex.compile(r"(?:[\"'\u2018\u2019\u201c\u201d\u2033\u00bb\u203a)\]}])*")
_OPENERS = "\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u2039([{"
_TOKEN = regex.compile(r"\S+")
_CLOSING = "\"'\u2018\u2019\u201c\u201d\u2033\u00bb\u203a)]},;:"
_LINE_REST = regex.compile(rf"{_LINE_SPACE}*")
_DEVANAGARI_LETTER = regex.compile(r"[\p{Devanagari}&&\p{L}]", flags=regex.VERSION1)
_DEVANAGARI_SEGMENT = r"(?:[\p{Devanagari}&&\p{L}][\p{Devanagari}&&\p{M}]*){1,3}"
_LOWER_LATIN = regex.compile(r"[\p{Latin}&&\p{Ll}]", flags=regex.VERSION1)
_DOTTED_ABBREVIATION = regex.compile(r"(?:\p{Latin}\.)+\p{Latin}|" + _DEVANAGARI_SEGMENT + r"(?:\." + _DEVANAGARI_SEGMENT + r")+",
    flags=regex.VERSION1,
)
# A glued dot between Devanagari letters ends a sentence ("था.नेटो"), unless the dotted run is an
# abbreviation: short segments (letter names, syllables), each closed by a dot (ई.पू., सी.बी.आई.).
_GLUED_DEVANAGARI_ABBREVIATION = regex.compile(r"(?:" + _DEVANAGARI_SEGMENT + r"\.){2,}", flags=regex.VERSION1)
_STICKY_END = regex.compile(r"(?<=[\p{Devanagari}&&[\p{L}\p{M}]]|\p{Ll}{2})", flags=regex.VERSION1)
_NUMBER = regex.compile(r"\p{N}+")
_NEXT_CAPITALISED = regex.compile(r"\p{Lu}\p{Ll}")
_MARK_OR_JOINER = regex.compile(r"[\p{M}\u200c\u200d\u094d]")

# Compared lowercased, without the final '.'.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr sen rep gov gen col lt capt sgt mt rev hon
    inc ltd co corp bros vs approx dept est fig vol ed eds rs
    jan feb mar apr jun jul aug sep sept oct nov dec
    डॉ डा श्री श्रीमती सुश्री प्रो कु सौ चि स्व पं मो सं रु लि प्रा नं क्र जि मि
    ए बी सी डी ई एफ जी एच आई जे के एल एम एन ओ पी क्यू आर एस टी यू वी डब्ल्यू एक्स वाई जेड ज़ेड
    """.split()
)
# "No." abbreviates "number" only before a numeral: "the answer was no. We left" ends there.
_NUMBER_SIGNS = frozenset({"no", "nos"})

_WORD = regex.compile(
    r"[\p{L}\p{M}\p{N}\p{Cf}]+"
    r"(?:(?:(?<=[\p{Latin}\p{N}])\.(?=[\p{Latin}\p{N}])"
    r"|(?<=\p{N}),(?=\p{N})"
    r"|(?<=[\p{Latin}\p{N}])['\u2019](?=[\p{L}\p{M}\p{N}])"
    r"|(?<=\p{N})-(?=[\p{L}\p{N}])|-(?=\p{N}|\p{Ll})(?<=[\p{Latin}\p{M}\p{L}]-))"
    r"[\p{L}\p{M}\p{N}\p{Cf}]+)*"
    r"|\S",
    flags=regex.VERSION1,
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return `(start, end)` spans of the sentences of `text`, in order.

    Spans index the given text, do not overlap, carry no surrounding whitespace, and together
    cover every visible character; the rules are in the module docstring.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _cuts(text):
        spans.extend(_pieces(text, start, cut))
        start = cut
    spans.extend(_pieces(text, start, len(text)))
    return spans


def split_words(text: str) -> list[tuple[int, int]]:
    """Return `(start, end)` spans of the words of `text`: the tokenizer the NER model sees.

    A word is a run of letters, marks, digits and format characters (ZWJ, ZWNJ) in any script;
    inside a run, '.' may join Latin letters or digits (U.S, 2.5, e.g, amazon.com), ',' may join
    digits (2,50,000), an apostrophe may join a Latin letter or a digit to what follows (O'Brien,
    Reddy’s; Devanagari has no apostrophe, so बनोगे’नरेंद्र is a closing quote and a name), and '-'
    joins a word to a number or a lowercase Latin word (कोविड-19, co-founder). A hyphen between two names stands alone, so a
    pair stays two names (भारत-पाक, Jean-Pierre: each part is a word). A full stop glued between
    Devanagari words is a word of its own (था.नेटो). Every other visible character is a word of its
    own: । is one word, '' two. This is the one tokenizer of the library: the NER model reads it.
    """
    spans = [match.span() for match in _WORD.finditer(text)]
    glued = [m.start() for m in _GLUED_CALL_AT.finditer(text)]
    if not glued:
        return spans
    out = []
    for s, e in spans:  # a call to action glued to the next word is a word of its own (पढ़िए|लेकिन)
        for cut in (g for g in glued if s < g < e):
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def _cuts(text: str) -> Iterator[int]:
    length = len(text)
    sentence_start = 0
    for event in _EVENT.finditer(text):
        kind = event.lastgroup
        end = event.end()
        if kind == "newline":
            if _is_paragraph_break(event.group()) or _breaks_line(text, event.start(), end):
                sentence_start = end
                yield end
            continue
        if kind == "call":
            sentence_start = end
            yield end
            continue
        after = _CLOSERS.match(text, end).end()
        followed_by_space = after == length or text[after].isspace()
        cut = None
        if kind == "danda":
            cut = after if followed_by_space else end
        elif kind == "mark":
            if followed_by_space:
                following = _CONTENT.search(text, after)
                if not (following and _LOWER_LATIN.match(text, following.start())):
                    cut = after
            elif _DEVANAGARI_LETTER.match(text, after):
                cut = end
        elif followed_by_space:
            if _dot_ends_sentence(text, event.start(), after, sentence_start):
                cut = after
        elif _glued_stop(text, event.start(), end, sentence_start):
            cut = end
        if cut is not None:
            sentence_start = cut
            yield cut


def _is_paragraph_break(breaks: str) -> bool:
    return "\u2029" in breaks or len(_LINE_BREAKS.findall(breaks)) > 1


def _breaks_line(text: str, start: int, end: int) -> bool:
    before = _LAST_CONTENT.search(text, _line_start(text, start), start)
    after = _LINE_REST.match(text, end).end()
    if before is None or after == len(text) or not _CONTENT.match(text, after):
        return True
    if text[before.start()] in ",;":
        return False
    return not _LOWER_LATIN.match(text, after)


def _line_start(text: str, pos: int) -> int:
    # The reverse scan stops at the previous line break, so each line is read once.
    previous = _PREVIOUS_BREAK.search(text, 0, pos)
    return previous.end() if previous else 0


def _dot_ends_sentence(text: str, dot: int, after: int, sentence_start: int) -> bool:
    following = _CONTENT.search(text, after)
    if following and _LOWER_LATIN.match(text, following.start()):
        return False
    word_match = _LAST_WORD.search(text, max(sentence_start, dot - 64), dot)
    if word_match is None or word_match.end() != dot:
        return True
    word = word_match.group().lstrip(_OPENERS).lower()
    if not word:
        return True
    if word in _NUMBER_SIGNS:
        return not (following and following.group().isdigit())
    if word in _ABBREVIATIONS or _DOTTED_ABBREVIATION.fullmatch(word):
        return False
    if len(word) == 1 and word.isalpha():
        return False
    if _NUMBER.fullmatch(word):
        opening = _CONTENT.search(text, sentence_start, dot)
        return opening is None or opening.start() != word_match.start()
    return True


def _glued_stop(text: str, dot: int, end: int, sentence_start: int) -> bool:
    """A full stop with no space after it ("था.नेटो", "said.The"): a sentence end between words."""
    if end - dot != 1 or end >= len(text) or not _STICKY_END.match(text, dot):
        return False
    if _DEVANAGARI_LETTER.match(text, end):
        word = _LAST_WORD.search(text, max(sentence_start, dot - 64), dot)
        if word is None or word.end() != dot:
            return False
        if word.group().lstrip(_OPENERS).lower() in _ABBREVIATIONS:
            return False  # डॉ.शर्मा
        token = _TOKEN.match(text, word.start())
        return not _GLUED_DEVANAGARI_ABBREVIATION.fullmatch(token.group().lstrip(_OPENERS).rstrip(_CLOSING))
    if _NEXT_CAPITALISED.match(text, end) and text[dot - 1].islower():
        word = _LAST_WORD.search(text, max(sentence_start, dot - 64), dot)
        return word is not None and word.group().lower() not in _ABBREVIATIONS
    return False


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    first = _CONTENT.search(text, start, end)
    if first is None:
        return
    last = _LAST_CONTENT.search(text, start, end)
    start, end = first.start(), last.end()
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        clause = None
        for clause in _CLAUSE_END.finditer(text, start + MAX_SENTENCE_CHARS // 3, limit):
            pass
        if clause is not None:
            cut = clause.end()
        else:
            space = _LAST_SPACE.search(text, start + 1, limit + 1)
            cut = space.start() if space else _cluster_boundary(text, start, limit)
        piece_end = _LAST_CONTENT.search(text, start, cut).end()
        yield start, piece_end
        start = _CONTENT.search(text, cut, end).start()
    yield start, end


def _cluster_boundary(text: str, start: int, limit: int) -> int:
    cut = limit
    while cut > start + 1 and (_MARK_OR_JOINER.match(text, cut) or text[cut - 1] in "\u094d\u200d"):
        cut -= 1
    return cut
