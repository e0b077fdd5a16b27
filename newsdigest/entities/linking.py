"""Merge NER mentions into entities across scripts and short forms, and name them in both scripts.

"Elon Musk", "एलन मस्क" and a later "मस्क" become one entity: Devanagari mentions are
romanised with the project's transliteration model and every mention is reduced to a
phonetic skeleton (consonant classes, vowels dropped) that both spellings share.
"""
from __future__ import annotations

from collections import Counter

import regex

from ..names.phonetic import is_devanagari, script_key, skeleton
from ..schema import Entity, EntitySpan, Mention

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# a web address written as a mention (cisce.org, www.bbc.co.uk): where it is read, never the entity's name
_ADDRESS = regex.compile(r"(?:https?://)?(?:www\.)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,6}(?:/\S*)?", regex.I)


def _romanise(texts: list[str], labels: list[str | None] | None = None) -> dict[str, str]:
    """Latin forms of the Devanagari texts; each text named as the type most of its mentions have."""
    votes: dict[str, Counter] = {}
    for t, lab in zip(texts, labels or [None] * len(texts)):
        if is_devanagari(t):
            votes.setdefault(t, Counter())[lab] += 1
    if not votes:
        return {}
    from ..names import to_english_batch

    deva = sorted(votes)
    kinds = [min(votes[t], key=lambda k: (-votes[t][k], k or "")) for t in deva]
    return dict(zip(deva, to_english_batch(deva, kinds)))


def _split_lists(spans: list[EntitySpan], toks, article: "_ArticleWords") -> list[EntitySpan]:
    """'Facebook Instagram' in a headline is two names when each word is a name on its own elsewhere.

    A word counts as a name on its own when the model tagged it alone somewhere, or, when another word
    of the span was, when it stands apart elsewhere in the other script: इंस्टाग्राम after a comma,
    not next to फेसबुक (sound keys of four or more consonant classes, as in :func:`_propagate`).
    "Elon Musk" stays whole: एलन never stands without मस्क.
    """
    singles = {" ".join(toks(s.text)) for s in spans if len(toks(s.text)) == 1}
    out = []
    for sp in spans:
        words = [(m.start(), m.end()) for m in _TOKEN.finditer(sp.text)]
        keys = toks(sp.text)
        # only organisations are listed side by side; a person or place is often named by one of its
        # words alone (बलबीर गिरी ... गिरी, हिमाचल प्रदेश ... हिमाचल), which does not make it two names
        if sp.label == "ORG" and len(words) >= 2 and len(keys) == len(words):
            alone = [k in singles for k in keys]
            if any(alone) and not all(alone):
                sounds = [script_key(sp.text[a:b]) for a, b in words]
                alone = [ok or article.apart(sp.text[a:b], sounds) for ok, (a, b) in zip(alone, words)]
            if all(alone):
                out.extend(EntitySpan(sp.start + a, sp.start + b, sp.label, sp.text[a:b], sp.score)
                           for a, b in words)
                continue
        out.append(sp)
    return out


def _split_glued_people(spans: list[EntitySpan]) -> list[EntitySpan]:
    """Two people named side by side and tagged as one ("सहकलाकार फ़ारुख़ शेख दीप्ति के ख़ास दोस्तों") are two
    mentions when the article names each alone: the front is a full name of two or more words that is
    a person's whole mention elsewhere, the rest is one too, and the glued span occurs only once. Without
    the split, every later "दीप्ति" joins the glued name and her quotes go to "Farooq Sheikh Deepti"."""
    def key(t: str) -> str:  # by sound, so that शेख and शेख़ are one word
        return " ".join(script_key(w) for w in _TOKEN.findall(t))

    people = Counter(key(sp.text) for sp in spans if sp.label == "PER")
    out = []
    for sp in spans:
        words = list(_TOKEN.finditer(sp.text)) if sp.label == "PER" else []
        cut = None
        if len(words) >= 3 and people[key(sp.text)] == 1:
            for k in range(2, len(words)):
                front = sp.text[:words[k - 1].end()]
                rest = sp.text[words[k].start():]
                if people[key(front)] and people[key(rest)]:
                    cut = (words[k - 1].end(), words[k].start())
                    break
        if cut is None:
            out.append(sp)
            continue
        out.append(EntitySpan(sp.start, sp.start + cut[0], sp.label, sp.text[:cut[0]], sp.score))
        out.append(EntitySpan(sp.start + cut[1], sp.end, sp.label, sp.text[cut[1]:], sp.score))
    return out


def _trim_stray_first_words(spans: list[EntitySpan], article: "_ArticleWords") -> list[EntitySpan]:
    """A word the model glued in front of a person's name is dropped when the article shows it is no part
    of it: the rest of the span is a person's whole mention elsewhere, and the word itself stands outside
    every name elsewhere in the article ("इंडस्ट्री के रुख़ से ख़ुश जूही" ... "जूही कहती हैं" ... "काफ़ी ख़ुश हैं":
    the adjective ख़ुश, not a name). A word the article also uses in another person's name, or alone as
    one, stays (फ़तेह अली ख़ान beside नुसरत फ़तेह अली ख़ान)."""
    people = {sp.text for sp in spans if sp.label == "PER"}
    name_words = Counter(w for t in people for w in set(_TOKEN.findall(t)))  # in how many distinct names
    covered = [(sp.start, sp.end) for sp in spans]
    out = []
    for sp in spans:
        first = _TOKEN.search(sp.text) if sp.label == "PER" else None
        rest = sp.text[first.end():].lstrip() if first and first.start() == 0 else ""
        if (rest and rest in people and name_words[first.group()] == 1
                and article.outside(first.group(), covered)):
            start = sp.end - len(rest)
            out.append(EntitySpan(start, sp.end, sp.label, rest, sp.score))
        else:
            out.append(sp)
    return out


class _ArticleWords:
    """The words of an article with their sound keys ("" for punctuation), for cross-script evidence."""

    def __init__(self, text: str):
        from .tagging import word_spans

        self.spans = word_spans(text)
        self.words = [text[a:b] for a, b in self.spans]
        sound = {w: script_key(w) if _TOKEN.fullmatch(w) else "" for w in set(self.words)}
        self.keys = [sound[w] for w in self.words]

    def outside(self, word: str, covered: list[tuple[int, int]]) -> bool:
        """Does ``word`` occur as a word of the article outside every span of ``covered``?"""
        return any(w == word and not any(a <= s < b for a, b in covered)
                   for w, (s, _) in zip(self.words, self.spans))

    def apart(self, word: str, span_sounds: list[str]) -> bool:
        """Does ``word`` occur in the other script, not next to another word of its span?"""
        key = script_key(word)
        if len(key) < 4:
            return False
        others = {k for k in span_sounds if k != key}
        deva = is_devanagari(word)
        for i, k in enumerate(self.keys):
            if k != key or is_devanagari(self.words[i]) == deva:
                continue
            near = {self.keys[j] for j in (i - 1, i + 1) if 0 <= j < len(self.keys)}
            if not near & others:
                return True
        return False


def _demonym(word: str, name_ends: set[str]) -> bool:
    """A word in ी that sounds like a name whose mentions do not end in an i sound is the people of
    that place (फ्रांसीसी, अमरीकी, ब्रितानी for फ्रांस, America, Britain), not the place."""
    return word.endswith("\u0940") and not name_ends & {"\u0940", "\u093f", "i", "y", "e"}


def _propagate(text: str, article: _ArticleWords, entities: list[Entity], title_end: int,
               lead_end: int) -> None:
    """Label consistency within the article: every other occurrence of a found name joins its entity.

    Occurrences are the same surface, or a single word of the other script that sounds the same
    (फेसबुक for Facebook); only keys of four or more consonant classes are matched across scripts,
    so short words (मत ~ Meta) never are. The first form seen in the other script names the entity.
    """
    taken = sorted((m.start, m.end) for e in entities for m in e.mentions)

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for e in entities:
        surfaces = {m.text for m in e.mentions}
        sounds = {script_key(m.text) for m in e.mentions if _TOKEN.fullmatch(m.text)}
        sounds = {k for k in sounds if len(k) >= 4}
        found: list[tuple[int, int]] = []
        for surface in surfaces:
            i = text.find(surface)
            while i != -1:
                j = i + len(surface)
                edge_ok = (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not _TOKEN.match(text, j))
                if edge_ok and free(i, j):
                    found.append((i, j))
                i = text.find(surface, i + 1)
        if sounds:
            ends = {m.text[-1:].lower() for m in e.mentions}
            found += [(a, b) for (a, b), w, k in zip(article.spans, article.words, article.keys)
                      if k in sounds and free(a, b) and w not in surfaces
                      and not _demonym(w, ends)]
        for a, b in sorted(set(found)):
            if not free(a, b):
                continue
            e.mentions.append(Mention(a, b, text[a:b]))
            taken.append((a, b))
            e.salience += 1 + (1.5 if a < title_end else 0) + (1.0 if a < lead_end else 0)
        if found:
            e.mentions.sort(key=lambda m: m.start)
            deva = [m.text for m in e.mentions if is_devanagari(m.text)]
            lat = [m.text for m in e.mentions if not is_devanagari(m.text)]
            if deva and not any(is_devanagari(s) for s in surfaces):
                e.name_hi = Counter(deva).most_common(1)[0][0]
            if lat and all(is_devanagari(s) for s in surfaces):
                e.name_en = Counter(lat).most_common(1)[0][0]


class _Cluster:
    def __init__(self):
        self.spans: list[EntitySpan] = []
        self.keys: set[str] = set()  # full-name skeletons
        self.tokens: set[str] = set()  # token skeletons of the longest forms

    def add(self, span: EntitySpan, key: str, toks: list[str]):
        self.spans.append(span)
        self.keys.add(key)
        self.tokens |= set(toks)


_IN = regex.compile(r"\s+में(?![\p{L}\p{M}])")
_AGENT = regex.compile(r"\s+ने(?![\p{L}\p{M}])")


def _in_a_place(text: str, spans: list[EntitySpan]) -> bool:
    """Whether a one-word name the model typed as a person's is where something is: its mentions are
    followed by में (in) more often than by ने (the agent's mark). Of the 339 news-hi train and dev names
    followed by में, 262 are places, 76 organisations and 1 a person (ग्वांतानामो में रहे is no person).
    A name of several words may be a person's glued to a place (हरभजन सिंह मोहाली में): left as it is."""
    if any(len(s.text.split()) > 1 for s in spans):
        return False
    inside = sum(bool(_IN.match(text, s.end)) for s in spans)
    return inside > 0 and inside > sum(bool(_AGENT.match(text, s.end)) for s in spans)


def _vote(spans: list[EntitySpan]) -> str:
    """The entity type: labels weighted by the model's scores (ties by label name)."""
    votes = Counter()
    for s in spans:
        votes[s.label] += s.score
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _merge_short_forms(clusters: list["_Cluster"]) -> list["_Cluster"]:
    """A short-form cluster joins the one longer name that contains its words and has its type.

    Mentions join clusters one at a time, so a short form the model labelled with a second type
    (मस्क once ORG, once PER) can start a cluster of its own before its other mentions arrive;
    judged as a whole, by its voted type, it belongs to the full name (एलन मस्क).
    """
    out = list(clusters)
    for short in sorted(clusters, key=lambda c: c.spans[0].start):
        if any(len(k.split()) > 1 for k in short.keys):
            continue
        typ = _vote(short.spans)
        if typ == "LOC":  # places are not short forms of longer places (see link_entities)
            continue
        homes = [c for c in out if c is not short and short.tokens <= c.tokens
                 and any(len(k.split()) > 1 for k in c.keys) and _vote(c.spans) == typ]
        if len(homes) == 1:
            homes[0].spans.extend(short.spans)
            homes[0].keys |= short.keys
            out.remove(short)
    return out


def _merge_plurals(clusters: list["_Cluster"]) -> list["_Cluster"]:
    """A one-word organisation and its plural form are one name (थ्रेड and थ्रेड्स, Thread and Threads:
    sound keys that differ by a final s); the plural cluster, the brand's own spelling, takes the other."""
    out = list(clusters)
    single = {next(iter(c.keys)): c for c in clusters if len(c.keys) == 1 and " " not in next(iter(c.keys))
              and _vote(c.spans) == "ORG"}
    for key, c in sorted(single.items()):
        plural = single.get(key + "s")
        if plural is not None and plural in out and c in out and len(key) >= 3:
            plural.spans.extend(c.spans)
            plural.keys |= c.keys
            out.remove(c)
    return out


_NAME_WORD = regex.compile(r"[\p{L}\p{N}]+")
_NOT_INITIALS = {"of", "and", "the", "for", "de", "du", "la", "von", "van"}
_LATIN_ACRONYM = regex.compile(r"[A-Z]{2,6}")


def _initials(form: str) -> str:
    """'Mumbai Metro Rail Corporation Ltd' -> 'MMRCL'; 'Bandra-Kurla Complex' -> 'BKC'."""
    return "".join(w[0].upper() for w in _NAME_WORD.findall(form) if w.casefold() not in _NOT_INITIALS)


def _acronym(cluster: "_Cluster") -> str | None:
    """The letters, when every mention of a cluster is one acronym (MMRCL, or एमएमआरसीएल in Hindi)."""
    from ..names._text import hindi_key, spell_letters

    found = set()
    for s in cluster.spans:
        if _LATIN_ACRONYM.fullmatch(s.text):
            found.add(s.text)
        elif is_devanagari(s.text) and _TOKEN.fullmatch(s.text):
            found.add(spell_letters(hindi_key(s.text)))
        else:
            return None
    return found.pop() if len(found) == 1 and None not in found else None


def _merge_acronyms(clusters: list["_Cluster"], latin=lambda t: t) -> list["_Cluster"]:
    """An acronym joins the one name of its type whose initials it spells (MMRCL = Mumbai Metro Rail
    Corporation Ltd, written out in Latin somewhere in the article; RBI = भारतीय रिज़र्व बैंक, whose English
    name ``latin`` gives: Reserve Bank of India)."""
    out = list(clusters)
    for ac in clusters:
        letters = _acronym(ac)
        if not letters:
            continue
        typ = _vote(ac.spans)
        homes = [c for c in out if c is not ac and _vote(c.spans) == typ and any(
            len(_NAME_WORD.findall(latin(s.text))) >= 2 and _initials(latin(s.text)) == letters
            for s in c.spans)]
        if len(homes) == 1:
            homes[0].spans.extend(ac.spans)
            homes[0].keys |= ac.keys
            out.remove(ac)
    return out


_MATRA = regex.compile(r"[\u093e-\u094c\u0962\u0963]")


def _first_akshara(word: str) -> str:
    """The first letter of a Devanagari word with its vowel sign: भारतीय -> भा, जनता -> ज, पार्टी -> पा."""
    return word[:2] if len(word) > 1 and _MATRA.fullmatch(word[1]) else word[:1]


def _syllabic_acronym(form: str) -> str | None:
    """भारतीय जनता पार्टी -> भाजपा: the first aksharas of a Devanagari name of two to six words."""
    from ..names._text import hindi_key

    words = hindi_key(form).replace("\u093c", "").split()
    if not 2 <= len(words) <= 6 or not all(is_devanagari(w) for w in words):
        return None
    return "".join(_first_akshara(w) for w in words)


def _merge_syllabic_acronyms(clusters: list["_Cluster"]) -> list["_Cluster"]:
    """A one-word Devanagari organisation that the first aksharas of a longer one of the article spell is
    that organisation: भाजपा = भारतीय जनता पार्टी, राजग = राष्ट्रीय जनतांत्रिक गठबंधन, बसपा = बहुजन समाज पार्टी.
    Only when exactly one longer organisation spells it; the full name names the entity."""
    from ..names._text import hindi_key

    out = list(clusters)
    spelled = {id(c): {_syllabic_acronym(s.text) for s in c.spans} for c in clusters if _vote(c.spans) == "ORG"}
    for ac in clusters:
        forms = {hindi_key(s.text).replace("\u093c", "") for s in ac.spans}
        if len(forms) != 1 or _vote(ac.spans) != "ORG":
            continue
        word = forms.pop()
        if len(word) < 2 or " " in word or not is_devanagari(word):
            continue
        homes = [c for c in out if c is not ac and word in spelled.get(id(c), ())]
        if len(homes) == 1:
            homes[0].spans.extend(ac.spans)
            homes[0].keys |= ac.keys
            out.remove(ac)
    return out


_SUCH_AS = frozenset({"जैसे", "जैसी", "जैसा"})
# nouns for titled works: a list of them names films, songs and books, not entities
_WORKS = ("फ़िल्म", "फिल्म", "गाने", "गानों", "गीत", "किताब", "पुस्तक", "सीरियल", "धारावाहिक", "शो", "एल्बम", "उपन्यास")
_CONJUNCTIONS = frozenset({"और", "तथा", "या", "एवं", "व", "and", "or", "&"})
LIST_COMMON_ZIPF = 5.0  # a word this frequent in Hindi or English text is no missed name in a list


def _complete_lists(text: str, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Items of a list of names take the type its found items share: in "इंस्टाग्राम, फेसबुक, थ्रेड्स, वॉट्सएप
    और मैसेंजर जैसे प्लेटफार्मों" the model finds two platforms; the other one-word items join them. A list is
    items split by commas and a conjunction; it needs two or more found items of one type, at least a
    third of all items, and no item of another type (one found item is enough when जैसे, "such as", follows
    the list: "थ्रेड्स, वॉट्सएप और मैसेंजर जैसे दूसरे ऐप्स"); a word the model tagged elsewhere in the article, in
    either script, counts as found. Very common words (LIST_COMMON_ZIPF) are never added."""
    from ..names.lexicon import Lexicon
    from ..names._text import hindi_key
    from .tagging import word_spans

    words = word_spans(text)
    by_start = {s.start: s for s in spans}
    known = {}  # a word the model tagged elsewhere in the article counts as found here too
    heard = {}  # and so does its spelling in the other script (वॉट्सएप beside WhatsApp in the headline)
    for s in sorted(spans, key=lambda s: (s.text, s.label)):
        known.setdefault(s.text, s)
        if len(key := script_key(s.text)) >= 4 and " " not in s.text:
            heard.setdefault(key, s)
    items: list[tuple[int, int, EntitySpan | None]] = []
    tentative: set[EntitySpan] = set()
    out = list(spans)

    def flush(after: str = "", kind: str = ""):
        found = [sp for _, _, sp in items if sp is not None]
        types = {sp.label for sp in found}
        # "X, Y और Z जैसे ऐप्स": the list says its items are of one kind, so one found item is enough;
        # "... जैसी फ़िल्मों": titles of works, which are no entities (GUIDELINES), so none is added
        if after in _SUCH_AS and kind.startswith(_WORKS):
            items.clear()
            return
        enough = 1 if after in _SUCH_AS else 2
        if len(items) >= 3 and len(found) >= enough and len(types) == 1 and 3 * len(found) >= len(items):
            label = types.pop()
            out.extend(sp for _, _, sp in items if sp in tentative)
            hi, en = Lexicon.load("hi").zipf, None
            for a, b, sp in items:
                w = text[a:b]
                if sp is None and _TOKEN.fullmatch(w) and not w.isdigit():
                    if is_devanagari(w):
                        common = hi.get(hindi_key(w), 0.0) >= LIST_COMMON_ZIPF
                    else:
                        en = en or Lexicon.load("en").zipf
                        common = w.islower() or en.get(w.lower(), 0.0) >= LIST_COMMON_ZIPF
                    if not common:
                        out.append(EntitySpan(a, b, label, w, min(s.score for s in found)))
        items.clear()

    k = 0
    expect_item = True
    while k < len(words):
        a, b = words[k]
        w = text[a:b]
        sp = by_start.get(a)
        if expect_item and sp is not None:
            items.append((sp.start, sp.end, sp))
            k += 1  # at least one word: a span may end inside its last word (आईपीएलः)
            while k < len(words) and words[k][1] <= sp.end:
                k += 1
            expect_item = False
            continue
        if expect_item and _TOKEN.fullmatch(w):
            other = known.get(w)
            if other is None and len(sound := script_key(w)) >= 4:
                other = heard.get(sound)
                if other is not None and is_devanagari(other.text) == is_devanagari(w):
                    other = None  # the same script and another spelling: फ्रांसीसी is not फ्रांस
            if other is not None:
                found_here = EntitySpan(a, b, other.label, w, other.score)
                if other.text == w:
                    out.append(found_here)
                else:  # heard in the other script: a mention only when the list holds
                    tentative.add(found_here)
                items.append((a, b, found_here))
            else:
                items.append((a, b, None))
            expect_item = False
        elif not expect_item and (w == "," or w in _CONJUNCTIONS):
            expect_item = True
        else:
            was_waiting = not expect_item
            if items and was_waiting:
                kind = text[words[k + 1][0]:words[k + 1][1]] if k + 1 < len(words) else ""
                flush(w, kind)
            items.clear()
            expect_item = True
            if was_waiting:
                continue  # this word may start the next list
        k += 1
    if items:
        flush()
    return sorted(out, key=lambda s: s.start)


def link_entities(text: str, spans: list[EntitySpan], title_end: int = 0,
                  lead_end: int = 0) -> list[Entity]:
    """Group mention spans of one article into entities with names in both scripts."""
    if not spans:
        return []
    spans = _complete_lists(text, spans)
    roman = _romanise([s.text for s in spans], [s.label for s in spans])

    def latin(t: str) -> str:
        return roman.get(t, t)

    def toks(t: str) -> list[str]:
        return [k for k in (skeleton(w) for w in _TOKEN.findall(latin(t))) if k]

    article = _ArticleWords(text)
    spans = _trim_stray_first_words(_split_glued_people(_split_lists(spans, toks, article)), article)
    fresh = [s for s in spans if s.text not in roman]  # pieces of split spans: romanised like the rest
    if fresh:
        roman.update(_romanise([s.text for s in fresh], [s.label for s in fresh]))
    clusters: list[_Cluster] = []
    # longest names first, so short forms ("मस्क") find the full name they abbreviate
    order = sorted(spans, key=lambda s: (-len(toks(s.text)), -len(s.text), s.start))
    for sp in order:
        tk = toks(sp.text)
        if not tk:
            continue
        key = " ".join(tk)
        match = [c for c in clusters if key in c.keys]
        if not match and len(tk) < 3 and sp.label != "LOC":
            # a short form matches a longer name containing all its tokens, when unambiguous; not for
            # places: दिल्ली is not नई दिल्ली, असम is not ऊपरी असम
            match = [c for c in clusters if set(tk) <= c.tokens
                     and any(s.label == sp.label for s in c.spans)]
            if len(match) > 1:
                match = []
        if match:
            match[0].add(sp, key, tk)
        else:
            c = _Cluster()
            c.add(sp, key, tk)
            clusters.append(c)

    clusters = _merge_plurals(_merge_syllabic_acronyms(_merge_acronyms(_merge_short_forms(clusters), latin)))
    entities = []  # (mentions, type, whether the type is not the one the names were romanised for)
    for c in clusters:
        ms = sorted(c.spans, key=lambda s: s.start)
        typ = _vote(ms)
        retyped = typ == "PER" and _in_a_place(text, ms)
        entities.append((ms, "LOC" if retyped else typ, retyped))

    def best_form(forms: list[str], every: list[str]) -> str | None:
        """The fullest form (एलन मस्क over मस्क), unless it is a description in front of a name the
        article uses more often, in either script: three or more words before it ("अमेरिकी साइबर
        सिक्योरिटी कंपनी क्राउडस्ट्राइक" once, "CrowdStrike" six times) -> only the name's words. A web
        address (cisce.org beside CISCE) is the name only when it is the sole form."""
        if not forms:
            return None
        cnt, total = Counter(forms), Counter(every)
        best = sorted(cnt, key=lambda f: (bool(_ADDRESS.fullmatch(f)), -len(_TOKEN.findall(f)), -cnt[f],
                                          -len(f), f))[0]
        toks = list(_TOKEN.finditer(best))
        keys = [script_key(t.group()) for t in toks]
        for f in sorted(total, key=lambda f: (-total[f], f)):
            fk = [script_key(w) for w in _TOKEN.findall(f)]
            if fk and total[f] > total[best] and len(keys) - len(fk) >= 3 and keys[-len(fk):] == fk:
                return best[toks[-len(fk)].start():]
        return best

    out = []
    en_missing = []
    for ms, typ, retyped in entities:
        deva = [m.text for m in ms if is_devanagari(m.text)]
        lat = [m.text for m in ms if not is_devanagari(m.text)]
        every = deva + lat
        name_hi = best_form(deva, every)
        name_en = best_form(lat, every)
        if name_en and _LATIN_ACRONYM.fullmatch(name_en) and name_hi and len(_TOKEN.findall(name_hi)) >= 2:
            name_en = None  # RR beside राजस्थान रॉयल्स, RBI beside भारतीय रिज़र्व बैंक: the name, spelled out
        if name_en is None:
            name_en = (roman[name_hi] if name_hi in roman and not retyped
                       else _romanise([name_hi], [typ]).get(name_hi, name_hi))
        if name_hi is None:
            en_missing.append(len(out))
        n = len(ms)
        sal = n + sum(1.5 for m in ms if m.start < title_end) + sum(1.0 for m in ms if m.start < lead_end)
        out.append(Entity(id="", type=typ, name_hi=name_hi or "", name_en=name_en,
                          mentions=[Mention(m.start, m.end, m.text) for m in ms], salience=sal))
    if en_missing:
        from ..names import to_hindi_batch

        hi = to_hindi_batch([out[i].name_en for i in en_missing], [out[i].type for i in en_missing])
        for i, h in zip(en_missing, hi):
            out[i].name_hi = h
    _propagate(text, article, out, title_end, lead_end)
    top = max(e.salience for e in out)
    for e in out:
        e.salience = e.salience / top
    out.sort(key=lambda e: (-e.salience, e.mentions[0].start))
    for i, e in enumerate(out, 1):
        e.id = f"E{i}"
    return out
