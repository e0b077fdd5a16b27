"""Train the Hindi <-> English name transliteration model shipped in models/translit/.

    PYTHONPATH=. python training/train_translit.py --data ../shared/data/translit --out models/translit

One character-level GRU seq2seq with attention serves both directions (a direction tag starts the source).
Training pairs are words: a multi-word name is split into aligned words when both scripts have the same
number of words, and dropped otherwise (a full name whose words cannot be aligned teaches little).
Only permissively licensed sets are read (see SETS); xlit-iitb / xlit-crowd (non-commercial) and
freedict (GPL) never are. The dev split is 10% of the players of cricinfo-players/train (evaluate.is_dev_player);
cricinfo-players/holdout is not read here at all.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch  # noqa: E402
from safetensors.torch import save_file  # noqa: E402
from torch import nn  # noqa: E402

from newsdigest.names import CONFIG, WEIGHTS, Transliterator  # noqa: E402
from newsdigest.names._model import Seq2Seq  # noqa: E402
from newsdigest.names._text import DEVANAGARI_RUN, LATIN_RUN, Vocab, hindi_key, latin_key, words  # noqa: E402
from newsdigest.evaluation.names import edit_distance, is_dev_player, load_cricinfo, score  # noqa: E402
from newsdigest.names.itrans import romanize_word  # noqa: E402

# folder -> licence, as written in the model card
SETS = {
    "cricinfo-players/train.jsonl": "MIT (in-rolls/indicate compilation of ESPNcricinfo names)",
    "eci-names/candidates.jsonl": "MIT (in-rolls/indicate compilation of public ECI affidavits)",
    "indian-first-names/names.jsonl": "CC BY 3.0 (Indian Names Corpus, Alok Parlikar, CMU LTI)",
    "wikidata-hi-en/wikidata_20150427_hi_en_ur.jsonl": "CC0 (Wikidata labels via google/language-resources)",
    "dakshina-hi/train.jsonl": "CC BY-SA 4.0 (Google Dakshina v1.0, Roark et al. 2020)",
}
# Times each pair is seen per epoch. Cricinfo is the target domain (mostly non-Indian names) but has only
# ~520 distinct word pairs, Wikidata is the other source of English spellings; the rest are Indian words.
REPEAT = {"cricinfo": 20, "wikidata": 3}
MAX_SKELETON_DISTANCE = 0.34


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as f:
        return [json.loads(line) for line in f if line.strip()]


def _skeleton(latin: str) -> str:
    """Consonant outline of a romanization: vowels, h, y dropped, near-homophones merged, doubles collapsed."""
    s = latin.replace("ph", "f").replace("x", "ks").translate(str.maketrans("cqwz", "kkvj"))
    s = re.sub("[aeiouyh]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def plausible(hi: str, en: str) -> bool:
    """Noise filter: the rule-based reading of the Hindi word must have about the English consonants.

    Drops translations (port = बंदरगाह) and misaligned words (loga = एल) but keeps English spellings
    the rules cannot produce (carey = कैरी, white = व्हाइट).
    """
    if len(en) < 2 or not hi:
        return False
    a, b = _skeleton(romanize_word(hi)), _skeleton(en)
    return edit_distance(a, b) <= MAX_SKELETON_DISTANCE * max(len(a), len(b))


def aligned_words(hindi: str, english: str, drop_first: bool = False) -> list[tuple[str, str]]:
    """Word pairs (Hindi key, Latin key) of one name, or [] when the word counts differ."""
    hi, en = words(hindi, DEVANAGARI_RUN), words(english, LATIN_RUN)
    if drop_first and en and hi:
        hi, en = hi[1:], en[1:]
    if len(hi) != len(en):
        return []
    pairs = [(hindi_key(h), latin_key(e)) for h, e in zip(hi, en)]
    return [(h, e) for h, e in pairs if plausible(h, e)]


def load_pairs(data: Path, dakshina_words: int) -> tuple[dict[str, list[tuple[str, str, str]]], list[dict]]:
    """Examples ``(source key, direction, target key)`` per set, and the dev names (full names)."""
    by_set: dict[str, set[tuple[str, str, str]]] = defaultdict(set)

    def add(name: str, hi: str, en: str) -> None:
        by_set[name].update([(hi, "en", en), (en, "hi", hi)])

    dev: dict[int, dict] = {}
    for r in load_cricinfo(data / "cricinfo-players/train.jsonl"):
        if is_dev_player(r["id"]):
            dev[r["id"]] = r  # a player's records repeat; dev scores each player once
            continue
        for h, e in aligned_words(r["hindi"], r["english"]):
            add("cricinfo", h, e)
    for r in read_jsonl(data / "eci-names/candidates.jsonl"):
        for h, e in aligned_words(r["name_hindi"], r["name_english"]):
            add("eci", h, e)
        if r.get("relative_name_hindi"):
            late = r["relative_name_english"].strip().lower().startswith("late")
            for h, e in aligned_words(r["relative_name_hindi"], r["relative_name_english"], drop_first=late):
                add("eci", h, e)
    for r in read_jsonl(data / "indian-first-names/names.jsonl"):
        for h, e in aligned_words(r["devanagari"], r["latin"]):
            add("first-names", h, e)
    for r in read_jsonl(data / "wikidata-hi-en/wikidata_20150427_hi_en_ur.jsonl"):
        for h, e in aligned_words(r["hi"], r["en"]):
            add("wikidata", h, e)
    # Dakshina lists several casual romanizations per word; only the most attested one is kept (ties:
    # shortest, then alphabetical), for a fixed sample of words: it teaches Hindi spelling, not names.
    best: dict[str, tuple] = {}
    for r in read_jsonl(data / "dakshina-hi/train.jsonl"):
        for h, e in aligned_words(r["devanagari"], r["latin"]):
            rank = (-int(r.get("attestations", 1)), len(e), e)
            if h not in best or rank < best[h][0]:
                best[h] = (rank, e)
    sample = sorted(best, key=lambda h: hashlib.sha1(h.encode()).hexdigest())[:dakshina_words]
    for h in sample:
        add("dakshina", h, best[h][1])
    return {k: sorted(v) for k, v in by_set.items()}, [dev[i] for i in sorted(dev)]


def batches(examples: list[tuple[list[int], list[int]]], size: int, rng: random.Random) -> list[list[int]]:
    """Index batches of similar source length (less padding), in shuffled order."""
    order = list(range(len(examples)))
    rng.shuffle(order)
    chunks = [order[i : i + size * 50] for i in range(0, len(order), size * 50)]
    out = []
    for chunk in chunks:
        chunk.sort(key=lambda i: len(examples[i][0]))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def collate(examples, idx: list[int], vocab: Vocab) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    src = [examples[i][0] for i in idx]
    tgt = [examples[i][1] for i in idx]
    s = torch.full((len(idx), max(map(len, src))), vocab.pad, dtype=torch.long)
    t_in = torch.full((len(idx), max(map(len, tgt))), vocab.pad, dtype=torch.long)
    t_out = torch.full_like(t_in, vocab.pad)
    for row, (a, b) in enumerate(zip(src, tgt)):
        s[row, : len(a)] = torch.tensor(a)
        t_in[row, : len(b)] = torch.tensor([vocab.bos] + b[:-1])
        t_out[row, : len(b)] = torch.tensor(b)
    return s, t_in, t_out


def evaluate_dev(model: Seq2Seq, vocab: Vocab, dev: list[dict], beam: int) -> dict:
    model.eval()
    t = Transliterator.from_model(model, vocab, beam=beam)
    hi_en = score(t.to_english_batch([r["hindi"] for r in dev]), [r["english"] for r in dev], casefold=True)
    en_hi = score(t.to_hindi_batch([r["english"] for r in dev]), [r["hindi"] for r in dev], casefold=False)
    model.train()
    return {"hi_en": hi_en, "en_hi": en_hi}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="the shared translit folder (../shared/data/translit)")
    ap.add_argument("--out", type=Path, default=Path("models/translit"))
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--emb", type=int, default=48)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--dakshina-words", type=int, default=8000, help="Dakshina words sampled (of ~24,800)")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--beam", type=int, default=4, help="beam width saved in the config (chosen on dev)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(args.seed)
    started = time.time()

    by_set, dev = load_pairs(args.data, args.dakshina_words)
    counts = {k: {d: sum(1 for x in v if x[1] == d) for d in ("en", "hi")} for k, v in by_set.items()}
    print("word pairs per set (to en / to hi):", json.dumps(counts), "dev names:", len(dev), flush=True)
    train = [x for k, v in by_set.items() for x in v * REPEAT.get(k, 1)]
    vocab = Vocab.build([s + t for s, _, t in train])
    examples = [(vocab.encode_source(s, d), vocab.encode_target(t)) for s, d, t in train]
    model = Seq2Seq(len(vocab.symbols), emb=args.emb, hidden=args.hidden, dropout=args.dropout, pad=vocab.pad)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{len(examples)} examples per epoch, vocab {len(vocab.symbols)}, {n_params} parameters", flush=True)

    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps_per_epoch = -(-len(examples) // args.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch,
                                                pct_start=0.1)
    loss_fn = nn.CrossEntropyLoss(ignore_index=vocab.pad, label_smoothing=0.1)
    best, best_state, history = None, None, []
    for epoch in range(1, args.epochs + 1):
        model.train()
        total, n = 0.0, 0
        for idx in batches(examples, args.batch_size, rng):
            src, t_in, t_out = collate(examples, idx, vocab)
            logits = model(src, t_in)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), t_out.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total, n = total + loss.item(), n + 1
        metrics = evaluate_dev(model, vocab, dev, beam=1)
        history.append({"epoch": epoch, "loss": round(total / n, 4), "dev_greedy": metrics,
                         "minutes": round((time.time() - started) / 60, 1)})
        print(json.dumps(history[-1]), flush=True)
        if best is None or metrics["hi_en"]["cer"] < best["hi_en"]["cer"]:
            best, best_state = metrics, {k: v.detach().clone() for k, v in model.state_dict().items()}
            best_epoch = epoch
    model.load_state_dict(best_state)
    beams = {b: evaluate_dev(model, vocab, dev, beam=b) for b in (1, args.beam)}
    print("dev by beam width:", json.dumps(beams), flush=True)
    beam = args.beam if beams[args.beam]["hi_en"]["cer"] <= beams[1]["hi_en"]["cer"] else 1

    args.out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(args.out / WEIGHTS))
    config = {
        "format": "newsdigest-translit/1",
        "model": {"emb": args.emb, "hidden": args.hidden, "dropout": args.dropout},
        "beam": beam,
        "vocab": vocab.symbols,
        "training": {
            "command": "PYTHONPATH=. python training/train_translit.py " + " ".join(sys.argv[1:]),
            "sets": SETS,
            "word_pairs": counts,
            "repeat": REPEAT,
            "dakshina_words": args.dakshina_words,
            "parameters": n_params,
            "epochs": args.epochs,
            "best_epoch": best_epoch,
            "seed": args.seed,
            "wall_minutes": round((time.time() - started) / 60, 1),
            "dev": beams[beam],
            "history": history,
        },
    }
    (args.out / CONFIG).write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.out} (best epoch {best_epoch}, beam {beam}) in {config['training']['wall_minutes']} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
