"""Person and place names in both scripts: एलन मस्क <-> Elon Musk.

>>> from newsdigest.names import to_english, to_hindi
>>> to_english("मार्क जुकरबर्ग")   # 'Mark Zuckerberg'
>>> to_hindi("Andy Stone")          # 'एंडी स्टोन'

Names are transliterated word by word with a small character-level model shipped in ``models/translit/``
(``translit/`` under ``$NEWSDIGEST_MODELS`` when it is set), loaded on first use. Three layers around it:
a whole name that is a country or region takes its CLDR name in the other language (भारत -> India;
``names.gazetteer``); a word the model spells as it sounds takes the established spelling from a
word-frequency list when the model finds that spelling likely (जुकरबर्ग -> Zuckerberg; ``names.lexicon``);
Hindi letter names are read as Latin initials and acronyms (एसबीआई -> SBI, डी. वाई. -> D. Y.), and
all-caps acronyms are spelled out in Hindi (SBI -> एसबीआई). Only letters of the source script are
rewritten: Latin words in ``to_english``, Devanagari words in ``to_hindi``, digits, punctuation and other
scripts (Urdu, Tamil...) come back unchanged, so ``to_english("Mark जुकरबर्ग")`` gives "Mark Zuckerberg". A "word"
longer than 40 letters is not a name and is also kept as it is.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from ..errors import ModelNotFoundError
from ._text import (DEVANAGARI_RUN, LATIN_RUN, LETTER_NAMES_HI, Vocab, hindi_key, latin_key, name_key,
                    spell_letters, split_runs)

__all__ = ["Transliterator", "to_english", "to_hindi", "to_english_batch", "to_hindi_batch", "model_info"]

from ..resources import ENV_MODELS, model_dir as _model_dir  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "translit"  # the repository's copy
WEIGHTS, CONFIG = "model.safetensors", "config.json"
_BATCH = 256
_CACHE_SIZE = 200_000
MAX_WORD = 40  # longer letter runs are kept as they are (and cannot stall a batch)


class Transliterator:
    """Hindi <-> English name transliteration with one model; loads it on the first call.

    ``model_dir`` defaults to ``translit/`` of the project's models (:mod:`newsdigest.resources`:
    ``$NEWSDIGEST_MODELS``, else the models shipped with the package).
    ``beam`` overrides the beam width saved in the model's config (1 = greedy).
    ``lexicon`` (default on) respells a word with the established spelling from a word-frequency list
    when the model finds it a likely transliteration (जुकरबर्ग -> Zuckerberg, not Jukarbarg); see
    :mod:`newsdigest.names.lexicon`. ``lexicon=False`` gives the model's own spelling.
    ``gazetteer`` (default on) names countries and regions by their CLDR names in the other language
    (भारत -> India, China -> चीन); see :mod:`newsdigest.names.gazetteer`.
    ``memory`` (default on) spells names and words as annotated Hindi news spells them (भाजपा -> BJP,
    सनी देओल -> Sunny Deol), from ``names.json`` next to the model when it has one; see
    :mod:`newsdigest.names.memory`.
    ``store`` (default off; on for the shared default and a Digester's own) keeps the words' spellings on disk
    across runs, keyed by the model, the lexicons and this code; see :mod:`newsdigest.names.store`.
    """

    def __init__(self, model_dir: str | os.PathLike | None = None, beam: int | None = None,
                 lexicon: bool = True, gazetteer: bool = True, memory: bool = True, store: bool = False):
        self.model_dir = _model_dir("translit", model_dir)
        self.beam = beam
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.memory = memory
        self.store = store
        self._store = None  # names.store.SpellingStore, opened on first use when ``store``
        self._cache: dict[tuple, str] = {}  # (direction, lexicon, weight, word key) -> result
        self._raw: dict[tuple[str, str], str] = {}  # (direction, word key) -> the model's own output
        self._model = None
        self._names = None  # the name memory (names.memory.NameMemory), read on first use
        self._vocab: Vocab | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_model(cls, model, vocab: Vocab, beam: int = 1, lexicon: bool = False,
                   gazetteer: bool = False) -> "Transliterator":
        """Wrap an in-memory model (training uses this to score its dev split)."""
        t = cls(model_dir=".", beam=beam, lexicon=lexicon, gazetteer=gazetteer, memory=False)
        t._model, t._vocab = model, vocab
        return t

    def info(self) -> str:
        """One line naming the model, read from its config without loading torch or the weights."""
        try:
            config = json.loads((self.model_dir / CONFIG).read_text(encoding="utf-8"))
        except OSError:
            return f"none ({self.model_dir} has no {CONFIG})"
        t = config.get("training", {})
        beam = self.beam or config.get("beam", 1)
        spell = ""
        if self.lexicon:
            from importlib.metadata import PackageNotFoundError, version

            try:
                spell = f", wordfreq {version('wordfreq')} spelling lexicon"
            except PackageNotFoundError:
                spell = ", wordfreq spelling lexicon (wordfreq not installed)"
        if self.gazetteer:
            from .gazetteer import source

            spell += f", {source()}"
        memory = self._memory()
        if memory:
            n = sum(len(memory.whole.get(d, {})) for d in ("en", "hi"))
            spell += f", name memory of {n:,} news names"
        return f"{self.model_dir.name} char GRU seq2seq, {t.get('parameters', '?')} params, beam {beam}{spell}"

    def to_english_batch(self, names: Iterable[str], labels: Iterable[str | None] | None = None) -> list[str]:
        """Names in Latin script; ``labels`` (PER/ORG/LOC per name, when known) choose the sources:
        places and institutional words are translated in organisations and places, never in people."""
        return self._transliterate(list(names), "en", labels)

    def to_hindi_batch(self, names: Iterable[str], labels: Iterable[str | None] | None = None) -> list[str]:
        return self._transliterate(list(names), "hi", labels)

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            config_path, weights_path = self.model_dir / CONFIG, self.model_dir / WEIGHTS
            if not (config_path.is_file() and weights_path.is_file()):
                raise ModelNotFoundError(
                    f"no transliteration model in {self.model_dir} (expected {CONFIG} and {WEIGHTS}). "
                    f"Point {ENV_MODELS} at a folder whose translit/ was written by training/train_translit.py, "
                    "or train one: "
                    "PYTHONPATH=. python training/train_translit.py --data ../shared/data/translit --out models/translit"
                )
            from ._model import NumpySeq2Seq

            config = json.loads(config_path.read_text(encoding="utf-8"))
            vocab = Vocab(config["vocab"])
            model = NumpySeq2Seq.from_file(weights_path, pad=vocab.pad)  # the torch model's weights, numpy inference
            if self.beam is None:
                self.beam = int(config.get("beam", 1))
            self._vocab, self._model = vocab, model

    def _transliterate(self, names: list[str], to: str, labels=None) -> list[str]:
        for n in names:
            if not isinstance(n, str):
                raise TypeError(f"names must be str, got {type(n).__name__}: {n!r}")
        labels = [None] * len(names) if labels is None else list(labels)
        if len(labels) != len(names):
            raise ValueError(f"{len(labels)} labels for {len(names)} names")
        segs = None
        memory = self._memory()
        if self.gazetteer:
            from .phrases import segment

            spelled = (lambda word: memory.word(name_key(word), to)) if memory and to == "en" else None
            segs = {it: segment(it[0], to, it[1], spelled) for it in dict.fromkeys(zip(names, labels))}
        out = self._transliterate_sources(names, to, labels, segs)
        if memory:  # a name the gazetteers render whole (अमेरिका = America, पंजाब पुलिस) keeps their rendering;
            # one the parallel-text lexicon translated word by word is the memory's when it knows it
            from .phrases import Translated

            fixed = {it: all(r is not None and not isinstance(r, Translated) for t, r in runs if t)
                     for it, runs in (segs or {}).items()}
            out = [r if fixed.get((n, label)) else (memory.name(n, to, label, rendered=r) or r)
                   for n, label, r in zip(names, labels, out)]
            if segs:
                out = [_one_country(segs[(n, label)], r, memory, to) for n, label, r in zip(names, labels, out)]
        return out

    def _memory(self):
        """The name memory of the model folder, read once per instance (None when turned off)."""
        if not self.memory:
            return None
        if self._names is None:
            from .memory import load

            self._names = load(self.model_dir)
        return self._names

    def _transliterate_sources(self, names: list[str], to: str, labels: list, segs: dict | None) -> list[str]:
        if not names:
            return []
        if segs is not None:
            items = list(zip(names, labels))
            done: dict[tuple[str, str | None], str] = {}
            group = {it: spelling_group(it[0], it[1], to) for it in segs}
            by_group = {(it[0], group[it]): runs for it, runs in segs.items()}
            labels_used = sorted(set(group.values()), key=lambda x: x or "")
            if len(labels_used) > 1:  # one model pass for every word of every type not yet spelled for it
                need: set[str] = set()
                for label in labels_used:
                    words = list(dict.fromkeys(t for it, runs in by_group.items() if it[1] == label
                                               for t, r in runs if r is None and t))
                    keys = self._word_keys(words, to)[3] if words else []
                    known = self._known(to, label, keys)
                    need.update(k for k in keys if k not in known)
                self._model_outputs(sorted(need), to)
            for label in labels_used:
                rest = list(dict.fromkeys(t for it, runs in by_group.items() if it[1] == label
                                          for t, r in runs if r is None and t))
                if rest:
                    outs = self._transliterate_words(rest, to, label)
                    if to == "en" and label == "LOC":  # a one-word place: Shamali -> Shamli, the town's spelling
                        from .phrases import near_city_spelling

                        single = {it[0] for it in segs if it[1] == "LOC" and len(it[0].split()) == 1}
                        outs = [(near_city_spelling(o) or o) if t in single else o for t, o in zip(rest, outs)]
                    done.update(((t, label), o) for t, o in zip(rest, outs))
            joined = {it: " ".join(done.get((t, group[it]), t) if r is None else r for t, r in runs if (r or t))
                      for it, runs in segs.items()}
            return [joined[it] if it[0].split() else it[0] for it in items]
        return self._transliterate_words(names, to)

    def _word_keys(self, names: list[str], to: str):
        """(key function, pieces, whole-word pieces, sorted model keys) of the letter runs of ``names``."""
        run, key = (DEVANAGARI_RUN, name_key) if to == "en" else (LATIN_RUN, latin_key)
        pieces = [[(p, is_word and len(p) <= MAX_WORD) for p, is_word in split_runs(n, run)] for n in names]
        wholes = pieces
        if to == "en":
            pieces = [_letters_to_latin(name) for name in pieces]
        else:  # camel-case words are transliterated whole and part by part; the choice comes below
            pieces = [_split_camel_case(name, lambda p: False) for name in pieces]
        both = pieces + wholes if to == "hi" and self.lexicon else pieces
        keys = sorted({key(p) for name in both for p, is_word in name if is_word} - {""})
        return key, pieces, wholes, keys

    def _model_outputs(self, keys: list[str], to: str) -> list[str]:
        """The model's own output per key; each key is decoded once (it does not depend on the entity type)."""
        fresh = [k for k in keys if (to, k) not in self._raw]
        if fresh:
            self._raw.update(((to, k), o) for k, o in zip(fresh, self._forward(fresh, to)))
        return [self._raw[(to, k)] for k in keys]

    def _spelling_store(self):
        """The on-disk store of word spellings (names.store), or None when off."""
        if self.store and self._store is None:
            from .store import open_store

            self._store = open_store(self.model_dir, self.beam) or False
        return self._store or None

    def _spelling_of(self, to: str, label: str | None) -> tuple[tuple, str]:
        """What a word's spelling depends on besides the word: the in-process cache's key prefix and the
        store's flags (the lexicon on or off, the entity type's word-list weight, people's names)."""
        weight, people = lexicon_weight(to, label), to == "en" and label == "PER"
        return (to, self.lexicon, weight, people), f"{int(self.lexicon)}:{weight}:{int(people)}"

    def _cached(self, to: str, label: str | None, keys: list[str]) -> dict[str, str]:
        """The spellings of ``keys`` already worked out, in this process or (when on) in the store."""
        prefix, flags = self._spelling_of(to, label)
        hits = {k: v for k in keys if (v := self._cache.get((*prefix, k))) is not None}
        store = self._spelling_store()
        missing = [k for k in keys if k not in hits]
        if store is not None and missing:
            found = store.get_many(to, flags, missing)
            self._cache.update(((*prefix, k), v) for k, v in found.items())
            hits.update(found)
        return hits

    def _fixed(self, to: str, label: str | None, keys: list[str]) -> dict[str, str]:
        """Words spelled without the model: Hindi letter names, the name memory's words, and the English
        words that join a name's words as Hindi writes them (The = द, not थे)."""
        done: dict[str, str] = {}
        if to == "hi":
            done = {k: LETTER_NAMES_HI[k] for k in keys if k in LETTER_NAMES_HI}
        memory = self._memory()
        if memory:
            done.update((k, w) for k in keys if k not in done and (w := memory.word(k, to, entity_type(label))))
        if to == "hi" and label != "PER":
            done.update((k, CONNECTORS_HI[k]) for k in keys if k not in done and k in CONNECTORS_HI)
        return done

    def _known(self, to: str, label: str | None, keys: list[str]) -> dict[str, str]:
        """Words whose spelling needs no model run: fixed ones, then those already worked out."""
        done = self._fixed(to, label, keys)
        done.update(self._cached(to, label, [k for k in keys if k not in done]))
        return done

    def _transliterate_words(self, names: list[str], to: str, label: str | None = None) -> list[str]:
        key, pieces, wholes, keys = self._word_keys(names, to)
        done = self._fixed(to, label, keys)
        weight = lexicon_weight(to, label)
        remembered = set(done)
        people = to == "en" and label == "PER"  # no closed compounds of English words for people
        done.update(self._cached(to, label, [k for k in keys if k not in done]))
        todo = [k for k in keys if k not in done]
        if todo:
            outputs = self._model_outputs(todo, to)
            if self.lexicon and to == "en" and label in ("ORG", PLACE_PHRASE):
                outputs = self._respell_organisation(todo, outputs, weight)
            elif self.lexicon:
                outputs = self._respell(todo, outputs, to, weight, people)
            done.update(zip(todo, outputs))
            if len(self._cache) > _CACHE_SIZE:
                self._cache.clear()
                self._raw.clear()
            prefix, flags = self._spelling_of(to, label)
            self._cache.update(((*prefix, k), o) for k, o in zip(todo, outputs))
            store = self._spelling_store()
            if store is not None:
                store.put_many(to, flags, dict(zip(todo, outputs)))
        if to == "en" and entity_type(label) in ("ORG", "LOC"):  # an English word the model spells otherwise: Guardian
            from .phrases import loanword

            done.update((k, w) for k in keys if k not in remembered and (w := loanword(k, done.get(k))))
        if to == "hi" and self.lexicon and label != "PER":  # an English word spelled as no Hindi text does: Airways
            done.update((k, w) for k in keys if k not in remembered and (w := hindi_loan(k, done.get(k))))
        if to == "hi" and self.lexicon:
            from .lexicon import Lexicon

            hindi = Lexicon.load("hi").zipf
            pieces = [_split_camel_case(name, lambda p: hindi_key(done.get(key(p), "")) in hindi)
                      for name in wholes]
            pieces = [self._spell_acronyms(_join_initials(name), done) for name in pieces]
        return [self._postprocess(name, key, done, to) for name in pieces]

    def _respell_organisation(self, keys: list[str], outputs: list[str], weight: float) -> list[str]:
        """An organisation's words (or a place's of several words) respelled with ``weight``, the word-list
        weight of their group (they are mostly English words), except Hindi's own common words
        (:func:`hindi_own_word`), which are respelled as any word is: राष्ट्रीय जनता दल is Rashtriya Janata Dal,
        not "Deal"; स्वयंसेवक संघ not "Song"."""
        from .lexicon import WEIGHT

        own = [hindi_own_word(k) for k in keys]
        out = list(outputs)
        for is_own, w in ((True, WEIGHT["en"]), (False, weight)):
            idx = [i for i, o in enumerate(own) if o == is_own]
            if idx:
                for i, o in zip(idx, self._respell([keys[i] for i in idx], [outputs[i] for i in idx], "en", w)):
                    out[i] = o
        return out

    @staticmethod
    def _spell_acronyms(pieces: list[tuple[str, bool]], done: dict[str, str]) -> list[tuple[str, bool]]:
        """An all-caps word of 2-5 letters is read letter by letter ("SBI" -> एसबीआई, "ICC" -> आईसीसी)
        unless it has four or five letters and Hindi text knows only the model's reading as a word (NASA ->
        नासा, ISRO -> इसरो); two or three letters are always letters (RR is आरआर, not the word रियर; SRH
        is not श्री)."""
        from .lexicon import Lexicon

        zipf = Lexicon.load("hi").zipf
        out = list(pieces)
        for i, (p, is_word) in enumerate(pieces):
            if is_word and len(p) >= 3 and p.endswith("s") and p[:-1].isascii() and p[:-1].isupper():
                p = p[:-1]  # a plural acronym (NBFCs, MPs) is written as the acronym: एनबीएफसी
            if is_word and 2 <= len(p) <= 5 and p.isascii() and p.isupper():
                spelled = "".join(LETTER_NAMES_HI[c] for c in p.lower())
                if len(p) <= 3 or hindi_key(spelled) in zipf or done.get(latin_key(p)) not in zipf:
                    out[i] = (spelled, False)
        return out

    def _forward(self, keys: list[str], to: str) -> list[str]:
        """Model outputs for unique word keys, decoded in length-sorted batches."""
        if self._model is None:
            self._load()
        import numpy as np

        vocab = self._vocab
        order = sorted(range(len(keys)), key=lambda i: (len(keys[i]), keys[i]))
        out: list[str] = [""] * len(keys)
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            seqs = [vocab.encode_source(keys[i], to) for i in idx]
            src = np.full((len(seqs), max(map(len, seqs))), vocab.pad, dtype=np.int64)
            for row, s in enumerate(seqs):
                src[row, : len(s)] = s
            hyps = self._model.beam_search(src, vocab.bos, vocab.eos, beam=self.beam, max_len=2 * src.shape[1] + 6)
            for i, h in zip(idx, hyps):
                out[i] = vocab.decode(h)
        return out

    def _respell(self, keys: list[str], outputs: list[str], to: str, weight: float | None = None,
                 people: bool = False) -> list[str]:
        """Replace outputs by better-known spellings from the word list (see names.lexicon)."""
        from .lexicon import ALPHA, WEIGHT, WEIGHT_PRONOUNCED, WEIGHT_SAID, Lexicon, choose

        exclude = institution_words() if people else frozenset()
        weight = WEIGHT[to] if weight is None else weight
        lex, alpha = Lexicon.load(to), ALPHA[to]
        said = self._pronounced(keys, to)
        if to == "en":
            # an English word whose pronunciation spells the Hindi word, unless that is Hindi's own (मंच) or
            # the word is a person's (मेसी is Messi, not "messy"; वान is Van, not "wan")
            said = [None if people or hindi_own_word(k) else _SaidAs(k) for k in keys]
        bonus = WEIGHT_PRONOUNCED if to == "hi" else WEIGHT_SAID
        if 0 < alpha < 1:  # both directions: the second is scored only where it can change the choice
            candidates, scores = self._bounded_scores(keys, outputs, to, alpha, weight, not people, exclude, said,
                                                      bonus)
            return choose(outputs, candidates, scores, lex.frequencies(), weight, compounds=lex.compound_zipf,
                          preferred=said, bonus=bonus)
        candidates, scores = self.candidate_scores(keys, outputs, to, [alpha], compounds=not people,
                                                   exclude=exclude)
        return choose(outputs, candidates, scores[alpha], lex.frequencies(), weight, compounds=lex.compound_zipf,
                      preferred=said, bonus=bonus)

    def _bounded_scores(self, keys: list[str], outputs: list[str], to: str, alpha: float, weight: float,
                        compounds: bool, exclude: frozenset[str], preferred: list | None = None,
                        bonus: float = 0.0) -> tuple[list[list[str]], list[list[float]]]:
        """``candidate_scores`` for one ALPHA strictly between 0 and 1, with the second direction,
        log P(word | candidate), scored only for the candidates that can still be chosen: that term is never
        above 0, so ALPHA * log P(candidate | word) + WEIGHT * zipf bounds a candidate's total, and one whose
        bound is below the best total already known cannot win (:func:`names.lexicon.choose` picks the
        highest total). The others get -inf, so the choice is the one the full scoring makes, bit for bit
        (``tests/test_names_lexicon.py``). On the 40 articles of ``benchmarks/throughput.py`` 610 of 2,367
        reverse pairs are scored."""
        import math

        from .lexicon import COMPOUND_MARGIN, Lexicon, preferred_match

        lex = Lexicon.load(to)
        preferred = preferred or [None] * len(keys)
        extra = lambda i, c: bonus if preferred_match(c, preferred[i]) else 0.0  # noqa: E731  (choose()'s bonus)
        freq, compound = lex.frequencies(), lex.compound_zipf
        candidates = self._candidates(keys, outputs, to, compounds, exclude)
        flat = [(k, c) for k, cands in zip(keys, candidates) for c in cands]
        it = iter(self.score([k for k, _ in flat], [c for _, c in flat], to))
        fwd = [[next(it) for _ in cands] for cands in candidates]
        bound = [[alpha * f + weight * freq.get(c, 0.0) + extra(i, c) for f, c in zip(fs, cands)]
                 for i, (fs, cands) in enumerate(zip(fwd, candidates))]
        total: list[dict[int, float]] = [{} for _ in keys]  # word -> candidate index -> model score
        back = "hi" if to == "en" else "en"

        def run(pairs: list[tuple[int, int]]) -> None:
            rev = self.score([candidates[i][j] for i, j in pairs], [keys[i] for i, j in pairs], back)
            for (i, j), r in zip(pairs, rev):
                total[i][j] = alpha * fwd[i][j] + (1 - alpha) * r

        def best(i: int) -> float:  # the best total among the scored candidates that choose() may pick
            s0 = total[i][0]
            return max(s + weight * freq.get(candidates[i][j], 0.0) + extra(i, candidates[i][j])
                       for j, s in total[i].items()
                       if not (candidates[i][j] in compound and s < s0 - COMPOUND_MARGIN))

        run([(i, j) for i, b in enumerate(bound) for j in sorted({0, max(range(len(b)), key=b.__getitem__)})])
        run([(i, j) for i, b in enumerate(bound) for j in range(len(b)) if j not in total[i] and b[j] >= best(i)])
        return candidates, [[total[i].get(j, -math.inf) for j in range(len(cands))]
                            for i, cands in enumerate(candidates)]

    def _candidates(self, keys: list[str], outputs: list[str], to: str, compounds: bool = True,
                    exclude: frozenset[str] = frozenset()) -> list[list[str]]:
        """Lexicon candidates of each word, its model output first (see ``candidate_scores``)."""
        from .lexicon import Lexicon, latin_keys
        from .phonetic import script_key

        lex = Lexicon.load(to)
        known = set(self._vocab.index)

        def sound(k: str, out: str) -> list[str]:  # the input's keys, then the output's
            return (sorted(latin_keys(k)) if to == "hi" else [script_key(k)]) + [script_key(out)]

        said = self._pronounced(keys, to)
        candidates = [lex.shortlist(out, sound(k, out) + ([script_key(p)] if p else []), known)
                      for k, out, p in zip(keys, outputs, said)]
        never = _function_words(to)  # "with" is no spelling of वित्त, "but" none of बट, थे none of "The"
        candidates = [c[:1] + [w for w in c[1:] if w not in exclude and w not in never] for c in candidates]
        for cands, p in zip(candidates, said):  # the dictionary's spelling competes too (names.pronounce)
            if p and p not in cands and set(p) <= known:
                cands.append(p)
        if to == "en" and compounds:  # not for people: their names are no English words said alike
            from .pronounce import said_as

            for k, cands in zip(keys, candidates):
                cands.extend(c for c in lex.compounds(k, known) if c not in cands)
                cands.extend(c for c in said_as(k) if c not in cands and set(c) <= known and c not in never)
        return candidates

    def _pronounced(self, keys: list[str], to: str) -> list[str | None]:
        """Into Hindi: each English word as its pronunciation spells it (names.pronounce), else None."""
        if to != "hi" or not self.lexicon:
            return [None] * len(keys)
        from .lexicon import MIN_ZIPF_PRONOUNCED, word_zipf
        from .pronounce import spelling

        return [spelling(k) if word_zipf(k, "en") >= MIN_ZIPF_PRONOUNCED else None for k in keys]

    def candidate_scores(self, keys: list[str], outputs: list[str], to: str,
                         alphas: list[float], compounds: bool = True, exclude: frozenset[str] = frozenset()
                         ) -> tuple[list[list[str]], dict[float, list[list[float]]]]:
        """Lexicon candidates of each word (its model output first) and, per ALPHA in ``alphas``, their
        scores ALPHA * log P(candidate | word) + (1 - ALPHA) * log P(word | candidate).

        Each direction is scored once, and only if some ALPHA needs it (``benchmarks/tune_lexicon.py``
        asks for several at a time).
        """
        candidates = self._candidates(keys, outputs, to, compounds, exclude)
        flat = [(k, c) for k, cands in zip(keys, candidates) for c in cands]
        zeros = [0.0] * len(flat)
        fwd = self.score([k for k, _ in flat], [c for _, c in flat], to) if any(a > 0 for a in alphas) else zeros
        back = "hi" if to == "en" else "en"  # log P(word | candidate): the model's other direction
        rev = self.score([c for _, c in flat], [k for k, _ in flat], back) if any(a < 1 for a in alphas) else zeros
        scores = {}
        for a in alphas:
            it = iter([a * f + (1 - a) * r for f, r in zip(fwd, rev)])
            scores[a] = [[next(it) for _ in cands] for cands in candidates]
        return candidates, scores

    def score(self, sources: list[str], targets: list[str], to: str, length_penalty: float = 0.6) -> list[float]:
        """log P(target | source) / len(target)**length_penalty, as beam search ranks hypotheses.

        Sources and targets are model keys (see ``hindi_key``/``latin_key``).
        """
        if self._model is None:
            self._load()
        import numpy as np

        vocab = self._vocab
        out = [0.0] * len(sources)
        order = sorted(range(len(sources)), key=lambda i: (len(sources[i]), len(targets[i])))
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            srcs = [vocab.encode_source(sources[i], to) for i in idx]
            tgts = [vocab.encode_target(targets[i]) for i in idx]
            src = np.full((len(idx), max(map(len, srcs))), vocab.pad, dtype=np.int64)
            tgt = np.full((len(idx), max(map(len, tgts))), vocab.pad, dtype=np.int64)
            for row, (s_ids, t_ids) in enumerate(zip(srcs, tgts)):
                src[row, : len(s_ids)] = s_ids
                tgt[row, : len(t_ids)] = t_ids
            tgt_in = np.concatenate([np.full((len(idx), 1), vocab.bos, dtype=np.int64), tgt[:, :-1]], 1)
            if hasattr(self._model, "target_log_probs"):  # numpy inference: only the picked entries
                picked = self._model.target_log_probs(src, tgt_in, tgt)
            else:  # the torch model (training, tests)
                logp = self._model.log_probs(src, tgt_in)
                picked = np.where(tgt == vocab.pad, 0.0, np.take_along_axis(logp, tgt[..., None], 2)[..., 0])
            lengths = (tgt != vocab.pad).sum(1)
            for row, i in enumerate(idx):
                out[i] = float(picked[row].sum() / float(lengths[row]) ** length_penalty)
        return out

    @staticmethod
    def _postprocess(pieces: list[tuple[str, bool]], key, done: dict[str, str], to: str) -> str:
        parts = []
        for k, (p, is_word) in enumerate(pieces):
            result = done.get(key(p)) if is_word else None
            between_hyphens = 0 < k < len(pieces) - 1 and pieces[k - 1][0] == pieces[k + 1][0] == "-"
            if to == "en" and p == IZAFE_HI and between_hyphens:
                parts.append("e")  # the Persian izafe of a compound name: लश्कर-ए-तैयबा = Lashkar-e-Taiba
            elif not result:  # not a word, or the model produced nothing: keep the input
                parts.append(p)
            elif to == "en":
                parts.append(result[:1].upper() + result[1:])
            else:
                parts.append(result)
        return "".join(parts)


class _SaidAs:
    """Into English: matches a candidate whose pronunciation (names.pronounce) is spelled as the Hindi word
    is (व्हाइटहॉल = Whitehall, ब्रदर = Brother), nuktas aside."""

    __slots__ = ("words",)

    def __init__(self, key: str):
        from .pronounce import said_as

        self.words = frozenset(said_as(key))

    def matches(self, candidate: str) -> bool:
        return candidate in self.words


def _one_country(runs: list[tuple[str, str | None]], rendered: str, memory, to: str) -> str:
    """A place named twice in a row, in two of its forms: संयुक्त राज्य अमेरिका is "United States" (CLDR),
    not "United States America", because news accepts "United States" for अमेरिका too (the name memory)."""
    from .phrases import Translated

    if len(runs) != 2 or runs[0][1] is None or not (runs[1][1] is None or isinstance(runs[1][1], Translated)):
        return rendered
    forms = {f.casefold() for f in memory.forms(runs[1][0], to, "LOC")}
    return runs[0][1] if runs[0][1].casefold() in forms else rendered


# The Persian izafe "of" between the hyphens of a compound name, written "e" in English (Tehreek-e-Insaf,
# Jamaat-e-Islami, Sar-e-Pul, as news-hi writes all of them)
IZAFE_HI = "ए"
# English function words that join the words of a name (Bank of India, Tom and Jerry, The Hindu), as
# Hindi writes them in a name (द हिंदू, मेक इन इंडिया): a convention of the script, like the letter names
CONNECTORS_HI = {"the": "द", "of": "ऑफ", "and": "एंड", "for": "फॉर", "from": "फ्रॉम", "in": "इन", "on": "ऑन",
                 "at": "एट", "to": "टू"}
NAME_CONNECTORS = frozenset(CONNECTORS_HI)


@functools.lru_cache(maxsize=2)
def _function_words(to: str) -> frozenset[str]:
    """The function words of the target language (summary.lexicon), which the word list never offers as the
    spelling of a name's word unless the model itself spells it so; English keeps the name connectors."""
    from ..summary.lexicon import _FUNCTION_EN, _FUNCTION_HI

    return frozenset(_FUNCTION_HI) if to == "hi" else frozenset(_FUNCTION_EN) - NAME_CONNECTORS


@functools.lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """The English words of the institutional nouns of ``names.phrases`` (navy, police, party, court ...):
    a person's name word is never respelled as one of them by the word list (अजय आर नवी is Navi, not
    "Navy"); people's names are never translated, so these words have no business there."""
    from .phrases import INSTITUTIONS

    return frozenset(w for _, en, kind in INSTITUTIONS if kind in ("head", "of", "pre")
                     for w in en.lower().split())


# A Devanagari word this common in Hindi text (wordfreq's Zipf scale: दल 5.2, संघ 5.3, मंच) that the
# parallel-text lexicon translates by an English word of another sound (sound keys less alike than
# OWN_WORD_SOUND: दल / parties 0.0, संघ / union 0.4; न्यूज / news 0.5 and सुपर / super are loanwords) is
# Hindi's own word. Words the lexicon lacks (टुडे, एंटी) are not judged so.
HINDI_OWN_ZIPF = 4.0
OWN_WORD_SOUND = 0.5


def hindi_loan(key: str, spelled: str | None) -> str | None:
    """The Devanagari spelling Hindi text gives the English word ``key`` of an organisation's or place's name
    (Airways = एयरवेज, Agriculture = एग्रीकल्चर: the encoder's word pairs, ``summary.word_pairs.hindi_loanword``),
    when the model's spelling is no word of the Hindi word list (एयरवाय्स, अग्रिकुल्टुर); else None, and the model's
    spelling stands (टेलीग्राफ). The pairs hold wordfreq's 30,000 commonest English words only."""
    from ..summary.word_pairs import hindi_loanword
    from .lexicon import listed_hindi_zipf

    if not spelled or listed_hindi_zipf(spelled) > 0.0:
        return None
    return hindi_loanword(key)


def hindi_own_word(key: str) -> bool:
    """Whether a Devanagari name word (its model key) is a common Hindi word of Hindi's own, translated
    rather than borrowed (:data:`HINDI_OWN_ZIPF`, :data:`OWN_WORD_SOUND`)."""
    from ..summary.lexicon import load_lexicon
    from .lexicon import Lexicon
    from .phonetic import script_key
    from .phrases import _likeness

    if Lexicon.load("hi").zipf.get(key, 0.0) < HINDI_OWN_ZIPF:
        return False
    english = load_lexicon().english(key)
    return bool(english) and _likeness(script_key(key), script_key(english[0])) < OWN_WORD_SOUND


# The spelling group of a place's name of two or more words into English: its words are spelled as an
# organisation's are, Hindi's own words apart, with a word-list weight between a place's and an
# organisation's (War Memorial Stadium, Red Lake, Royal Navy Ship, Balkan Peninsula), while the name memory
# still reads them as a place's.
PLACE_PHRASE = "LOC+"


def spelling_group(name: str, label: str | None, to: str) -> str | None:
    """The group whose word spellings ``name``'s words take: :data:`PLACE_PHRASE` for a place of two or
    more words into English, else the entity type itself (a one-word place keeps the places' weight)."""
    return PLACE_PHRASE if to == "en" and label == "LOC" and len(name.split()) > 1 else label


def entity_type(group: str | None) -> str | None:
    """The entity type of a spelling group (:func:`spelling_group`)."""
    return "LOC" if group == PLACE_PHRASE else group


def lexicon_weight(to: str, label: str | None) -> float:
    """The weight of word frequency in the spelling choice: organisations' names are mostly English words
    written in Devanagari (वॉट्सएप = WhatsApp, करप्शन = Corruption), so frequency counts for more there,
    and a little more than for other words in places' names of several words (:data:`PLACE_PHRASE`)."""
    from .lexicon import WEIGHT, WEIGHT_ORG, WEIGHT_PLACE_PHRASE

    if to == "en" and label == "ORG":
        return WEIGHT_ORG
    return WEIGHT_PLACE_PHRASE if to == "en" and label == PLACE_PHRASE else WEIGHT[to]


_LONE_LETTERS = frozenset("QWXZ")
_WORD_LETTER_NAMES = frozenset({"के", "जी", "ए"})  # letter names that are also Hindi words (of, honorific, a)  # letter names that are no Hindi word
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


_INITIAL_GAP = re.compile(r"[. ]*")


def _join_initials(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Two or more initials in a row are one word, as Hindi news writes them: J P Nadda and J.P. Nadda are
    जेपी नड्डा, A.P.J. Abdul Kalam एपीजे (all 18 names with initials in news-hi train and dev; they were
    जे पी and ए.पी.जे.). The letters become one all-caps piece that :meth:`Transliterator._spell_acronyms`
    reads letter by letter; the dots and spaces between them go, one space stays before the next word."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(pieces):
        j, letters = i, []
        while (j < len(pieces) and pieces[j][1] and len(pieces[j][0]) == 1 and pieces[j][0].isascii()
               and pieces[j][0].isupper()):
            letters.append(pieces[j][0])
            if j + 1 < len(pieces) and not pieces[j + 1][1] and _INITIAL_GAP.fullmatch(pieces[j + 1][0]):
                j += 2
            else:
                j += 1
                break
        if len(letters) < 2:
            out.append(pieces[i])
            i += 1
            continue
        out.append(("".join(letters), True))
        gap = pieces[j - 1][0] if not pieces[j - 1][1] else ""
        if gap and j < len(pieces):
            out.append((" ", False))
        i = j
    return out


def _split_camel_case(pieces: list[tuple[str, bool]], keep_whole) -> list[tuple[str, bool]]:
    """Brand names glued in camel case are spelled part by part and written as one word
    (SpiceJet -> स्पाइस + जेट = स्पाइसजेट, iPhone -> आईफोन), unless ``keep_whole(word)``: with the
    lexicon, when the whole word's spelling is a known Hindi word (YouTube -> यूट्यूब)."""
    out = []
    for p, is_word in pieces:
        parts = _CAMEL.split(p) if is_word else [p]
        if len(parts) > 1 and keep_whole(p):
            parts = [p]
        out.extend((q, is_word) for q in parts)
    return out


def _letters_to_latin(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Hindi spellings of Latin letters become the letters, copied through as they are.

    A word of two or more letter names is an acronym (एसबीआई -> SBI); a single letter name is an
    initial when a dot follows it or it stands next to another initial (डी. वाई. चंद्रचूड़ ->
    D. Y. Chandrachud; के एल राहुल -> K L Rahul). Elsewhere के, ए, ई are ordinary words. A name that is one
    letter name and nothing else is that letter when the letter name is no Hindi word (एक्स -> X, the
    platform; क्यू, डब्ल्यू, ज़ेड); वाई (Wai, a town), सी, पी stay words.
    """
    spelled = [spell_letters(hindi_key(p)) if is_word else None for p, is_word in pieces]
    out = list(pieces)
    words = [i for i, (_, is_word) in enumerate(pieces) if is_word]
    for i, s in enumerate(spelled):
        if s is None:
            continue
        dotted = i + 1 < len(pieces) and pieces[i + 1][0].startswith(".")
        near = any(0 <= j < len(pieces) and spelled[j] is not None and len(spelled[j]) == 1
                   and pieces[(i + j) // 2][0].isspace() for j in (i - 2, i + 2))
        alone = len(pieces) == 1 and s in _LONE_LETTERS
        # a letter name before another word of a name is an initial (अजय आर नवी = Ajay R Navi, आर माधवन)
        middle = (len(s) == 1 and len(words) >= 2 and i != words[-1]
                  and hindi_key(pieces[i][0]) not in _WORD_LETTER_NAMES)
        if len(s) >= 2 or dotted or near or alone or middle:
            out[i] = (s, False)
    return out


@functools.lru_cache(maxsize=1)
def default_transliterator() -> Transliterator:
    """The shared Transliterator of the project's model folder (loaded on its first call)."""
    return Transliterator(store=True)


_CURRENT: contextvars.ContextVar[Transliterator | None] = contextvars.ContextVar("newsdigest_names", default=None)


@contextlib.contextmanager
def using(transliterator: Transliterator):
    """Within the block (this thread or task), the module functions below spell with ``transliterator``:
    a Digester built with ``translit_model=`` runs its stages in one, so no stage falls back to the default."""
    token = _CURRENT.set(transliterator)
    try:
        yield transliterator
    finally:
        _CURRENT.reset(token)


def current() -> Transliterator:
    """The Transliterator of the innermost :func:`using` block, else the default one."""
    return _CURRENT.get() or default_transliterator()


def to_english_batch(names: Iterable[str], labels: Iterable[str | None] | None = None) -> list[str]:
    """Devanagari words of each name in Latin script, title-cased; results in input order.
    ``labels``: the entity type of each name (PER/ORG/LOC) when known."""
    return current().to_english_batch(names, labels)


def to_hindi_batch(names: Iterable[str], labels: Iterable[str | None] | None = None) -> list[str]:
    """Latin words of each name in Devanagari; results in input order."""
    return current().to_hindi_batch(names, labels)


def model_info() -> str:
    """The current model in one line."""
    return current().info()


def to_english(name: str) -> str:
    """``to_english("मार्क जुकरबर्ग")`` -> "Mark Zuckerberg"; Latin, digits and other scripts are kept as they are."""
    return to_english_batch([name])[0]


def to_hindi(name: str) -> str:
    """``to_hindi("Andy Stone")`` -> "एंडी स्टोन"; Devanagari, digits and other scripts are kept as they are."""
    return to_hindi_batch([name])[0]
