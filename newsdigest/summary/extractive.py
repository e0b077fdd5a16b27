"""Extractive selection: score each sentence, pick a few with MMR, keep document order.

Scores come from the learned linear scorer in ``models/sentence-scorer/`` when it is there (a
JSON file of weights over the features below, trained by ``training/train_sentence_scorer.py``)
and from a hand-set heuristic otherwise. Features per sentence: position among body sentences,
length, centrality (cosine with the article's mean embedding; TF-IDF cosine without embeddings),
overlap with the title, similarity to the first body sentence, and fact and entity density.

Only body sentences are candidates: not the title line, not headings (a short line without a
final stop), not "ये भी पढ़ें"/"Also read" promotions, not fragments under four words.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import regex

from ..schema import Digest

__all__ = ["FEATURES", "SentenceScorer", "candidate_sentences", "sentence_features", "select",
           "extract", "shorten", "DEFAULT_SCORER_DIR", "load_default_scorer", "load_scorer", "lexical_similarity"]

DEFAULT_SCORER_DIR = Path(__file__).resolve().parents[2] / "models" / "sentence-scorer"  # the repository's copy
WEIGHTS_FILE = "scorer.json"

FEATURES = ["pos_inv", "relpos", "is_first", "log_words", "centrality", "lex_centrality", "title_overlap",
            "sim_first", "fact_count", "entity_density", "salience", "has_number", "has_quote",
            "centrality_rank"]

_PROMO = regex.compile(
    r"(?:ये|यह)\s+भी\s+पढ़ें|और\s+पढ़ें|also\s+read|read\s+more|यहां\s+क्लिक|यहाँ\s+क्लिक|click\s+here"
    # calls to action addressed to the reader ("… फ़ॉलो भी कर सकते हैं", "डाउनलोड करें"), not news about
    # downloads or followers ("users can download the app" stays a candidate)
    r"|(?:फ़ॉलो|फॉलो|क्लिक|सब्सक्राइब|सब्स्क्राइब)\s*(?:भी\s*)?(?:कर\s+सकते|करें|कीजिए|करिए)"
    r"|(?:डाउनलोड|ज्वॉइन|जॉइन|लाइक|शेयर)\s+(?:करें|कीजिए|करिए)(?![\p{L}\p{M}])"
    r"|\bfollow\s+us\b|\bsubscribe\s+to\s+our\b|\bsign\s+up\s+for\s+our\b"
    # a link's text ending in "read" / "listen" / "watch" addressed to the reader ("आपबीती पढ़िए")
    r"|(?:पढ़िए|पढ़िए|सुनिए|देखिए)\s*$"
    # photo captions and credits
    r"|इमेज\s+(?:स्रोत|कैप्शन)|image\s+(?:source|caption)|getty\s+images|फ़ाइल\s+फ़ोटो|फाइल\s+फोटो",
    regex.IGNORECASE)
# A bracketed aside holding a call to action ("(… एंड्रॉएड ऐप के लिए यहां क्लिक करें. आप हमें … फ़ॉलो
# भी कर सकते हैं.)") is boilerplate as a whole, with every sentence the splitter made of it.
_ASIDE = regex.compile(r"\((?:[^()]{0,900})(?:\)|$)")
MAX_BULLET_CHARS = 400
# Third-person pronouns and demonstratives that open a sentence by pointing back at the one before.
_PRONOUN_OPEN = regex.compile(
    r"^(?:उन्होंने|उन्हें|उनके|उनकी|उनका|उनसे|उनको|उसने|उसके|उसकी|उसका|उसे|उससे|उसको|वह|वे|वो|इन्होंने|इसने|इसके|इसकी"
    r"|इसका|इससे|इसमें|इसे|इन्हें|इनके|इनकी|इनका|he|she|they|it|his|her|their|its|this|these|those)(?![\p{L}\p{M}])",
    regex.IGNORECASE)
_END_MARK = regex.compile(r"[।॥.?!\"'”’)\]]\s*$")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_DATELINE = regex.compile(r"^[^\n:।.]{1,60}?:\s+(?=\S)")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _is_title(digest: Digest, i: int) -> bool:
    if i != 0 or not digest.title:
        return False
    s, e = digest.sentences[0]
    return digest.text[s:e].strip() == digest.title.strip()


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of bracketed asides that hold a call to action (see ``_ASIDE``)."""
    return [m.span() for m in _ASIDE.finditer(text) if _PROMO.search(m.group())]


def _inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    s, e = span
    covered = sum(max(0, min(e, b) - max(s, a)) for a, b in ranges)
    return covered * 2 >= max(e - s, 1)


def candidate_sentences(digest: Digest) -> list[int]:
    """Indexes of the sentences that may become bullets (or the headline of an untitled article).

    Never candidates: the title line, headings (a short line without a final stop), promotions and
    calls to action ("ये भी पढ़ें", "… फ़ॉलो भी कर सकते हैं", "Also read"), photo captions and credits,
    sentences mostly inside a bracketed aside holding a call to action, fragments under four words.
    """
    out = []
    asides = boilerplate_spans(digest.text)
    for i, (s, e) in enumerate(digest.sentences):
        text = digest.text[s:e]
        if _is_title(digest, i) or _PROMO.search(text) or len(_words(text)) < 4:
            continue
        if asides and _inside((s, e), asides):
            continue
        line_alone = (s == 0 or digest.text[s - 1] == "\n") and (e == len(digest.text) or digest.text[e:e + 1] in ("\n", ""))
        if line_alone and not _END_MARK.search(text) and len(_words(text)) <= 12:
            continue  # a heading
        out.append(i)
    return out


def opens_with_pronoun(text: str) -> bool:
    """True when the sentence starts with a pronoun that points back ("उनके …", "He …")."""
    m = _DATELINE.match(text)
    return bool(_PRONOUN_OPEN.match(text[m.end():] if m else text))


def lexical_similarity(texts: list[str]) -> np.ndarray:
    """TF-IDF cosine similarity matrix of short texts (the fallback when there are no embeddings)."""
    bags = [_words(t) for t in texts]
    vocab: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            vocab.setdefault(w, len(vocab))
    if not vocab:
        return np.zeros((len(texts), len(texts)))
    m = np.zeros((len(texts), len(vocab)))
    for i, bag in enumerate(bags):
        for w in bag:
            m[i, vocab[w]] += 1
    df = (m > 0).sum(0)
    m *= np.log((1 + len(texts)) / (1 + df)) + 1
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = m / np.where(norms == 0, 1, norms)
    return m @ m.T


def sentence_features(digest: Digest, candidates: list[int], embeddings: np.ndarray | None) -> np.ndarray:
    """[len(candidates), len(FEATURES)] features (see the module docstring)."""
    n = len(candidates)
    feats = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return feats
    texts = [digest.text[slice(*digest.sentences[i])] for i in candidates]
    lex = lexical_similarity(texts)
    lex_c = lex.mean(1)
    if embeddings is not None and len(embeddings) == len(digest.sentences):
        emb = np.asarray(embeddings, dtype=np.float64)[candidates]
        mean = emb.mean(0)
        mean /= np.linalg.norm(mean) or 1.0
        central = emb @ mean
        sim_first = emb @ emb[0]
    else:
        central, sim_first = lex_c, lex[0]
    title = set(_words(digest.title or ""))
    facts_per = {}
    for f in digest.facts:
        if f.sentence is not None and f.type != "event":
            facts_per[f.sentence] = facts_per.get(f.sentence, 0) + 1
    mention_count = {}
    salience = {}
    starts = [s for s, _ in digest.sentences]
    import bisect
    for ent in digest.entities:
        for m in ent.mentions:
            k = bisect.bisect_right(starts, m.start) - 1
            mention_count[k] = mention_count.get(k, 0) + 1
            salience[k] = salience.get(k, 0.0) + ent.salience
    order = np.argsort(-central)
    rank = np.empty(n)
    rank[order] = np.arange(n)
    for r, i in enumerate(candidates):
        words = _words(texts[r])
        nw = max(len(words), 1)
        feats[r] = [
            1.0 / (1 + r), r / max(n - 1, 1), float(r == 0), math.log1p(nw), central[r], lex_c[r],
            len(title & set(words)) / len(title) if title else 0.0, sim_first[r],
            min(facts_per.get(i, 0), 3), mention_count.get(i, 0) / nw, min(salience.get(i, 0.0), 3.0),
            float(bool(regex.search(r"\p{N}", texts[r]))), float(bool(regex.search(r"[\"“”‘’']{1,2}\S", texts[r]))),
            1.0 - rank[r] / max(n - 1, 1),
        ]
    return feats


@dataclass
class SentenceScorer:
    """A linear model over standardized features (and, optionally, the sentence embedding)."""

    weights: dict[str, dict]  # "with_embeddings" / "without_embeddings" -> {mean, std, w, b, emb_w}
    selection: dict = field(default_factory=dict)
    name: str = "learned"

    @classmethod
    def load(cls, directory: str | os.PathLike) -> "SentenceScorer":
        data = json.loads((Path(directory) / WEIGHTS_FILE).read_text(encoding="utf-8"))
        if data.get("features") != FEATURES:
            raise ValueError(f"{directory}: the scorer was trained on features {data.get('features')}, "
                             f"this version computes {FEATURES}; retrain with training/train_sentence_scorer.py")
        return cls(weights=data["models"], selection=data.get("selection", {}),
                   name=data.get("name", "learned"))

    def score(self, feats: np.ndarray, embeddings: np.ndarray | None) -> np.ndarray:
        """Linear score per candidate: standardized features, plus (when the model has them) weights
        on the sentence's encoder state and on that state relative to the article's mean state."""
        key = "with_embeddings" if embeddings is not None and "with_embeddings" in self.weights else "without_embeddings"
        model = self.weights[key]
        x = (feats - np.asarray(model["mean"])) / np.asarray(model["std"])
        out = x @ np.asarray(model["w"]) + model["b"]
        if embeddings is not None:
            emb = np.asarray(embeddings, dtype=np.float64)
            if model.get("emb_w") is not None:
                out = out + emb @ np.asarray(model["emb_w"])
            if model.get("ctx_w") is not None:
                out = out + (emb - emb.mean(0)) @ np.asarray(model["ctx_w"])
        return out


def heuristic_scores(feats: np.ndarray) -> np.ndarray:
    """Centrality plus a strong lead prior: news is front-loaded."""
    col = {name: feats[:, i] for i, name in enumerate(FEATURES)}
    return (col["centrality"] + 0.8 * col["pos_inv"] + 0.3 * col["title_overlap"] + 0.2 * col["sim_first"]
            + 0.05 * col["fact_count"])


_DEFAULT: dict[str, SentenceScorer | None] = {}


def load_scorer(folder) -> SentenceScorer:
    """The scorer in ``folder`` (``scorer.json``): a ModelNotFoundError when it is not there or unreadable."""
    from ..errors import ModelNotFoundError

    try:
        return SentenceScorer.load(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelNotFoundError(f"no sentence scorer in {folder}: {exc}") from None


def load_default_scorer() -> SentenceScorer | None:
    """The project's scorer (``sentence-scorer/`` of :func:`newsdigest.resources.models_root`); None when
    absent or unreadable."""
    from ..errors import ModelNotFoundError
    from ..resources import model_dir

    directory = model_dir("sentence-scorer")
    key = str(directory)
    if key not in _DEFAULT:
        try:
            _DEFAULT[key] = load_scorer(directory)
        except ModelNotFoundError:
            _DEFAULT[key] = None
    return _DEFAULT[key]


def select(scores: np.ndarray, similarity: np.ndarray, k: int, lam: float = 0.7,
           lengths: list[int] | None = None, max_words: int | None = None,
           forced: tuple[int, ...] = (), dangling: dict[int, int] | None = None,
           dangling_penalty: float = 1.0) -> list[int]:
    """MMR: up to `k` positions (into `scores`) balancing score and novelty; in input order.

    ``forced`` positions are taken first (the lead sentence, when the scorer says so).
    ``dangling`` maps a position whose sentence opens with a back-pointing pronoun to the position
    of the sentence just before it: such a sentence loses ``dangling_penalty`` (in score standard
    deviations) unless that sentence is already chosen, so another sentence does the job when one can.
    """
    n = len(scores)
    if n == 0 or k <= 0:
        return []
    dangling = dangling or {}
    z = (scores - scores.mean()) / (scores.std() or 1.0)
    # Encoder embeddings of one article are all fairly similar: measure redundancy above that baseline.
    off = similarity[~np.eye(n, dtype=bool)] if n > 1 else np.zeros(1)
    base = float(np.clip(off.mean(), 0.0, 0.95))
    similarity = np.clip((similarity - base) / (1.0 - base), 0.0, 1.0)
    chosen: list[int] = [i for i in forced if i < n][:k]
    total = sum(lengths[i] for i in chosen) if lengths else 0
    while len(chosen) < min(k, n):
        best, best_val = None, -math.inf
        for i in range(n):
            if i in chosen:
                continue
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            value = lam * z[i] - (1 - lam) * redundancy * 3.0
            if i in dangling and dangling[i] not in chosen:
                value -= dangling_penalty
            if value > best_val:
                best, best_val = i, value
        if best is None:
            break
        if max_words and lengths and chosen and total + lengths[best] - max_words > max_words - total:
            break  # the next sentence would overshoot the budget by more than stopping falls short of it
        chosen.append(best)
        total += lengths[best] if lengths else 0
        if max_words and total >= max_words:
            break
    return sorted(chosen)


def bullet_count(n_candidates: int) -> int:
    """At most 3 bullets for a short article, up to 5 for a long one (never more than there are sentences)."""
    want = 3 if n_candidates <= 25 else 4 if n_candidates <= 50 else 5
    return min(want, n_candidates)


# The summary's length in words: ILSUM's human summaries run 25-55 words (median 39) for ~250-word
# articles; a longer article gets more, growing with the square root of its length (a design choice:
# ILSUM has no long articles to learn it from), within bullet_count's limit. The learned scorer's
# selection settings may override the base budget (it is tuned on ILSUM val).
BUDGET_WORDS = 45
BUDGET_ARTICLE_WORDS = 250


def word_budget(article_words: int, base: float = BUDGET_WORDS) -> float:
    return base * max(1.0, article_words / BUDGET_ARTICLE_WORDS) ** 0.5


def extract(digest: Digest, embeddings: np.ndarray | None, scorer: SentenceScorer | None = None,
            k: int | None = None) -> tuple[list[int], np.ndarray, list[int]]:
    """(chosen sentence indexes in document order, scores of the candidates, candidate indexes)."""
    candidates = candidate_sentences(digest)
    if not candidates:
        return [], np.zeros(0), []
    emb = None
    if embeddings is not None and len(embeddings) == len(digest.sentences):
        emb = np.asarray(embeddings, dtype=np.float64)
    feats = sentence_features(digest, candidates, emb)
    cand_emb = emb[candidates] if emb is not None else None
    forced: tuple[int, ...] = ()
    if scorer is not None:
        scores = scorer.score(feats, cand_emb)
        lam = scorer.selection.get("mmr_lambda", 0.7)
        if scorer.selection.get("keep_lead"):
            forced = (0,)  # news is front-loaded: the first body sentence is always a bullet
    else:
        scores = heuristic_scores(feats)
        lam = 0.7
    texts = [digest.text[slice(*digest.sentences[c])] for c in candidates]
    similarity = cand_emb @ cand_emb.T if cand_emb is not None else lexical_similarity(texts)
    lengths = [len(_words(t)) for t in texts]
    budget = None
    if k is None:  # adaptive: as many sentences as the word budget takes, up to bullet_count
        k = bullet_count(len(candidates))
        base = scorer.selection.get("budget_words", BUDGET_WORDS) if scorer is not None else BUDGET_WORDS
        budget = word_budget(sum(lengths), base)
    position = {c: p for p, c in enumerate(candidates)}
    dangling = {p: position.get(c - 1, -1) for p, c in enumerate(candidates) if opens_with_pronoun(texts[p])}
    penalty = scorer.selection.get("dangling_penalty", 1.0) if scorer is not None else 1.0
    picked = select(scores, similarity, k, lam, lengths=lengths, max_words=budget, forced=forced,
                    dangling=dangling, dangling_penalty=penalty)
    return [candidates[p] for p in picked], scores, candidates


def quote_end_sentence(digest: Digest, i: int, max_extra: int = 3) -> int:
    """The last sentence of a direct quote that opens in sentence `i` (so a bullet never cuts a quote)."""
    s, e = digest.sentences[i]
    last = i
    for f in digest.facts:
        if f.type == "quote" and f.extra.get("direct") and s <= f.span[0] < e and f.span[1] > e:
            while last + 1 < len(digest.sentences) and last - i < max_extra and digest.sentences[last][1] < f.span[1]:
                last += 1
    return last


def bullet_text(digest: Digest, i: int, last: int | None = None, max_chars: int = MAX_BULLET_CHARS) -> str:
    """Sentences i..last as a bullet: one line, without a leading dateline ("MUMBAI: ", "नई दिल्ली: ")
    or a bracket left dangling by the sentence split, at most ``max_chars`` (see :func:`clip`)."""
    s = digest.sentences[i][0]
    e = digest.sentences[last if last is not None else i][1]
    text = " ".join(digest.text[s:e].split())
    m = _DATELINE.match(text)
    if m and len(m.group().split()) <= 6 and len(text) - m.end() > 20:
        text = text[m.end():]
    text = regex.sub(r"\s*[(\[]$", "", text)  # "… है.(" where an aside opens after the stop
    if text.count(")") > text.count("(") and text.startswith(")"):
        text = text[1:].lstrip()
    if text[-1:] in ",;:،":  # a long sentence the splitter cut after a clause: say it goes on
        text = text.rstrip(",;:، ") + " …"
    elif text and not _END_MARK.search(text) and digest.text[e:e + 1] in (" ", "\t"):
        text += " …"  # cut by the splitter inside a clause (no end mark, the text goes on in the line)
    return clip(text, max_chars)


_CLAUSE_MARKS = (";", ":", ",", " लेकिन ", " जबकि ", " क्योंकि ", " और ", " but ", " while ", " because ",
                 " and ")


def clip(text: str, max_chars: int = MAX_BULLET_CHARS) -> str:
    """``text`` when it fits; else its longest leading clause that does (cut before "," ";" or a
    conjunction, at least a third of the limit long), marked with " …"; else whole words, marked so.
    Never cuts inside a word."""
    if len(text) <= max_chars:
        return text
    limit = max_chars - 2
    head = text[:limit + 1]
    best = -1
    for mark in _CLAUSE_MARKS:
        cut = head.rfind(mark, 0, limit)
        if cut >= max_chars // 3:
            best = max(best, cut)
    if best < 0:
        best = head.rfind(" ", 0, limit)
        if best <= 0:
            best = limit
    return text[:best].rstrip(" ,;:") + " …"


# an opening that only says where the news comes from: "टाइम्स ऑफ इंडिया में छपी ख़बर के अनुसार," /
# "According to the Times of India," (a headline is what follows it)
_ATTRIBUTION = regex.compile(r"^(?:According to [^,]{1,80}|[^,]{1,80}?(?:के अनुसार|के मुताबिक़?|के हवाले से)),\s+")
# a conjunction that links the sentence to the one before it: no way to open a headline
_LINKING_OPEN = regex.compile(r"^(?:लेकिन|मगर|परंतु|परन्तु|हालांकि|हालाँकि|किंतु|किन्तु|But|However|Yet),?\s+")


def _list_comma(head: str, cut: int) -> bool:
    """The comma at ``cut`` separates items of a list ("चीन, आयरलैंड, बांग्लादेश"): a neighbouring item
    between two commas is at most two words long."""
    before, after = head[:cut].split(","), head[cut + 1:].split(",")
    return (len(after) > 1 and len(after[0].split()) <= 2) or (len(before) > 1 and len(before[-1].split()) <= 2)


def shorten(text: str, max_words: int = 14) -> str:
    """A headline from a sentence: cut at a clause boundary when it is long, drop the final stop. An
    opening conjunction that links it to the sentence before ("लेकिन", "हालांकि", "However,") and an opening
    attribution ("X के अनुसार,", "According to X,") are left out, and a comma between the items of a list is
    no clause boundary."""
    text = " ".join(text.split()).rstrip(" ।.|")
    for opening in (_LINKING_OPEN, _ATTRIBUTION):
        intro = opening.match(text)
        if intro and len(text[intro.end():].split()) >= 4:
            text = text[intro.end():]
            text = text[:1].upper() + text[1:]  # "three people were killed" opens the headline: "Three"
    words = text.split()
    if len(words) <= max_words:
        return text
    head = " ".join(words[:max_words])
    for mark in (",", ";", " लेकिन ", " जबकि ", " but ", " while "):
        cut = head.rfind(mark)
        while mark == "," and cut >= len(head) // 3 and _list_comma(head, cut):
            cut = head.rfind(mark, 0, cut)
        if cut >= len(head) // 3:
            return head[:cut].rstrip(" ,;")
    return head.rstrip(" ,;:") + " …"
