"""Key facts of an article: quantities, quotes, dates, times, durations and events.

``extract_facts(digest)`` reads ``digest.text``, ``digest.sentences`` and ``digest.entities`` (the
NER output) and returns ``Fact`` objects in span order with ids F1, F2, ...; it adds nothing else
to the digest except warnings. Every fact satisfies ``digest.text[f.span[0]:f.span[1]] == f.text``
and ``f.sentence`` is the index of the sentence its span starts in.

Rules run on the normalized text (quote styles unified, invisible characters removed) and every
span is mapped back to the caller's text. A fact is only reported when the text states it: a
number without a clear subject keeps ``subject=None`` rather than a guess.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass

from ..preprocess.hindi import DEVANAGARI
from ..schema import Digest, Entity, Fact

__all__ = ["extract_facts", "FactContext", "TYPE_ORDER"]

TYPE_ORDER = ("date", "time", "duration", "quantity", "quote", "reported", "event")


@dataclass(frozen=True)
class MentionRef:
    start: int
    end: int
    entity: Entity


class FactContext:
    """The article prepared once for every fact rule: normalized text, offset maps, mention index.

    Positions named ``pos``/``start``/``end`` are offsets into the original text; ``n*`` names are
    offsets into ``self.norm``.
    """

    def __init__(self, digest: Digest):
        from ..preprocess import digits_to_ascii, normalize_with_map, split_sentences

        self.digest = digest
        self.text = digest.text
        norm, self.omap = normalize_with_map(digest.text)
        # Devanagari digits -> ASCII keeps the length, so the offset map still holds.
        self.norm = digits_to_ascii(norm)
        self.sentences: list[tuple[int, int]] = list(digest.sentences) or split_sentences(digest.text)
        self._sentence_starts = [s for s, _ in self.sentences]
        refs = []
        for entity in digest.entities:
            for m in entity.mentions:
                if 0 <= m.start < m.end <= len(self.text):
                    refs.append(MentionRef(m.start, m.end, entity))
        refs.sort(key=lambda r: (r.start, -r.end))
        kept: list[MentionRef] = []
        for r in refs:  # nested or overlapping mentions: keep the first, longest one
            if kept and r.start < kept[-1].end:
                continue
            kept.append(r)
        self.mentions = kept
        self._mention_starts = [r.start for r in kept]

    # -- offsets ---------------------------------------------------------------------------
    def orig(self, n: int) -> int:
        return self.omap[n]

    def to_norm(self, pos: int) -> int:
        return bisect.bisect_left(self.omap, pos)

    def orig_span(self, ns: int, ne: int) -> tuple[int, int]:
        return self.omap[ns], self.omap[ne]

    def norm_slice(self, start: int, end: int) -> str:
        """The normalized text between two original offsets."""
        return self.norm[self.to_norm(start):self.to_norm(end)]

    # -- sentences ---------------------------------------------------------------------------
    def sentence_index(self, pos: int) -> int | None:
        if not self.sentences:
            return None
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        return max(i, 0)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        i = self.sentence_index(pos)
        return self.sentences[i] if i is not None else (0, len(self.text))

    # -- mentions ------------------------------------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[MentionRef]:
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def overlaps_mention(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._mention_starts, end) - 1
        while i >= 0:
            r = self.mentions[i]
            if r.end <= start:
                return False
            if r.start < end:
                return True
            i -= 1
        return False

    def last_mention_before(self, pos: int, types: tuple[str, ...] = ("PER",)) -> MentionRef | None:
        i = bisect.bisect_left(self._mention_starts, pos) - 1
        while i >= 0:
            r = self.mentions[i]
            if r.end <= pos and r.entity.type in types:
                return r
            i -= 1
        return None

    def after(self, pos: int, chars: int = 40) -> str:
        """Normalized text right after an original offset (for postposition checks)."""
        n = self.to_norm(pos)
        return self.norm[n:n + chars]


# -- small text helpers shared by the rules --------------------------------------------------

_WORD_RE = re.compile(rf"[\w{DEVANAGARI}]+")


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def trim_span(text: str, start: int, end: int, chars: str = " \t\r\n,;:-–—।.|") -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace and punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def lexical_centrality(text: str, sentences: list[tuple[int, int]]) -> list[float]:
    """Cosine of each sentence's TF-IDF vector with the whole article's: a model-free centrality."""
    bags = [Counter(words(text[s:e])) for s, e in sentences]
    if not bags:
        return []
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
    doc: Counter = Counter()
    for bag in bags:
        doc.update(bag)
    doc_vec = {w: c * idf[w] for w, c in doc.items()}
    doc_norm = math.sqrt(sum(v * v for v in doc_vec.values())) or 1.0
    out = []
    for bag in bags:
        vec = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if not norm:
            out.append(0.0)
            continue
        out.append(sum(v * doc_vec[w] for w, v in vec.items()) / (norm * doc_norm))
    return out


def extract_facts(digest: Digest) -> list[Fact]:
    """Find the key facts of ``digest`` (see the module docstring); ids F1.. in span order."""
    from .events import find_events
    from .quantities import find_quantity_facts
    from .quotes import find_quotes
    from .temporal import find_temporal

    if not digest.text.strip():
        return []
    ctx = FactContext(digest)
    facts: list[Fact] = []
    temporal = find_temporal(ctx)
    facts.extend(temporal)
    facts.extend(find_quantity_facts(ctx, taken=[f.span for f in temporal]))
    facts.extend(find_quotes(ctx))
    facts.extend(find_events(ctx))
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    facts.sort(key=lambda f: (f.span[0], order.get(f.type, 99), f.span[1]))
    for i, f in enumerate(facts, 1):
        f.id = f"F{i}"
        f.sentence = ctx.sentence_index(f.span[0])
    if not facts:
        digest.warnings.append("facts: no quantities, quotes, dates or events were found in the article")
    return facts
