"""Induce Hindi <-> English word pairs from the base encoder's own embeddings (``models/word-pairs-hi-en``).

    PYTHONPATH=. python training/induce_word_pairs.py --out models/word-pairs-hi-en

The parallel-text lexicon (``models/lexicon-hi-en``) knows the words of its 17,308 sentence pairs only
(7,744 Hindi words), so common news nouns such as शिकायत (complaint), बजट (budget) or रन (runs) are missing
from it. multilingual-e5-small, the encoder the library runs on, places a Hindi word and its English
translation close together, so this script reads the missing pairs off it (bilingual lexicon induction
from a multilingual encoder): every word of both word lists is embedded alone ("query: " + word, mean of
the last hidden states, as e5 is used), and a pair is scored by CSLS (Conneau et al., 2018: twice the
cosine less each word's mean cosine to its K nearest words of the other language, which keeps "hub"
words from being everybody's nearest). Per word the best MAX_PAIRS of the other language are written
with their cosine and CSLS score and whether the pair is mutual (each the other's best), if the cosine is
at least STORE_MIN_COSINE and CSLS at least STORE_MIN_CSLS; what a lookup accepts above those is decided
at run time (``newsdigest.summary.word_pairs``).

Word lists: wordfreq's ``top_n_list`` (Hindi and English, N_WORDS each, letters only, no function
words). Words are keyed as lookups fold them (``summary.lexicon.hindi_fold``/``english_fold``; of two
spellings that fold alike the commoner's pairs are kept), and the file is read as it is. Deterministic:
the same encoder and wordfreq give the same file.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

N_WORDS = {"hi": 30_000, "en": 30_000}
K = 10  # neighbours for the CSLS penalty
MAX_PAIRS = 3
# pairs below these are never accepted at run time (newsdigest.summary.word_pairs decides above them)
STORE_MIN_COSINE = 0.9
STORE_MIN_CSLS = 0.02
BATCH = 512
CHUNK = 2048


def word_list(lang: str, n: int) -> list[str]:
    import regex
    from wordfreq import top_n_list

    from newsdigest.summary.lexicon import is_function_word

    letters = regex.compile(r"[\p{Devanagari}]+" if lang == "hi" else r"[a-z]+")
    out = []
    for w in top_n_list(lang, n):
        if len(w) >= (2 if lang == "hi" else 3) and letters.fullmatch(w) and not is_function_word(w, lang):
            out.append(w)
    return out


def embed(words: list[str], base_dir: Path):
    """L2-normalised e5 embeddings [len(words), hidden] of the words, one at a time as queries."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer, model = AutoTokenizer.from_pretrained(base_dir), AutoModel.from_pretrained(base_dir).eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(words), BATCH):
            batch = tokenizer(["query: " + w for w in words[i:i + BATCH]], padding=True, return_tensors="pt")
            hidden = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            out.append(torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1))
    return torch.cat(out)


def neighbours(src, tgt):
    """(top-MAX_PAIRS target indices by CSLS [S, MAX_PAIRS], their cosines, CSLS scores, best target by CSLS,
    mean cosine of each source's K nearest targets [S])."""
    import torch

    r_src = torch.cat([(src[i:i + CHUNK] @ tgt.T).topk(K, dim=1).values.mean(1) for i in range(0, len(src), CHUNK)])
    r_tgt = torch.cat([(tgt[i:i + CHUNK] @ src.T).topk(K, dim=1).values.mean(1) for i in range(0, len(tgt), CHUNK)])
    idx, cos, csls = [], [], []
    for i in range(0, len(src), CHUNK):
        sim = src[i:i + CHUNK] @ tgt.T
        score = 2 * sim - r_src[i:i + CHUNK, None] - r_tgt[None, :]
        top = score.topk(MAX_PAIRS, dim=1)
        idx.append(top.indices)
        csls.append(top.values)
        cos.append(sim.gather(1, top.indices))
    return torch.cat(idx), torch.cat(cos), torch.cat(csls)


def build(base_dir: Path) -> dict:
    import torch

    torch.manual_seed(0)
    words = {lang: word_list(lang, n) for lang, n in N_WORDS.items()}
    emb = {lang: embed(ws, base_dir) for lang, ws in words.items()}
    tables = {}
    best = {}
    for src, tgt in (("hi", "en"), ("en", "hi")):
        idx, cos, csls = neighbours(emb[src], emb[tgt])
        best[src] = idx[:, 0].tolist()
        tables[src] = (idx.tolist(), cos.tolist(), csls.tolist())
    from newsdigest.summary.lexicon import english_fold, hindi_fold

    out: dict[str, dict] = {"hi_en": {}, "en_hi": {}}
    for src, tgt, key in (("hi", "en", "hi_en"), ("en", "hi", "en_hi")):
        idx, cos, csls = tables[src]
        fold = hindi_fold if src == "hi" else english_fold
        for i, w in enumerate(words[src]):
            if fold(w) in out[key]:
                continue  # keyed as lookups fold words (nukta, chandrabindu): the commoner spelling's pairs
            pairs = []
            for j, c, s in zip(idx[i], cos[i], csls[i]):
                if c >= STORE_MIN_COSINE and s >= STORE_MIN_CSLS:
                    pairs.append([words[tgt][j], round(c, 4), round(s, 4), int(best[tgt][j] == i)])
            if pairs:
                out[key][fold(w)] = pairs
    return {"format": 1, "method": "CSLS nearest words of multilingual-e5-small word embeddings",
            "settings": {"n_words": N_WORDS, "k": K, "max_pairs": MAX_PAIRS, "prefix": "query: ",
                         "pooling": "mean", "store_min_cosine": STORE_MIN_COSINE, "store_min_csls": STORE_MIN_CSLS},
            "counts": {"hi": len(words["hi"]), "en": len(words["en"]), "hi_with_pairs": len(out["hi_en"]),
                       "en_with_pairs": len(out["en_hi"])}, **out}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--out", type=Path, default=REPO / "models" / "word-pairs-hi-en")
    ap.add_argument("--base-model", default=None, help="the base encoder's folder (default: the cached e5)")
    args = ap.parse_args(argv)
    from newsdigest.encode.base import resolve_base_model

    base_dir = Path(resolve_base_model(args.base_model))
    t0 = time.time()
    data = build(base_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "word_pairs.json"
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                    encoding="utf-8")
    print(json.dumps({"out": str(path), "bytes": path.stat().st_size, **data["counts"],
                      "seconds": round(time.time() - t0, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
