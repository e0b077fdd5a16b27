"""Tiny, randomly initialised seq2seq checkpoints of each architecture newsdigest loads.

Each builder trains a small tokenizer on the text below (our own Hindi and English sentences),
builds a model of a few thousand parameters and writes both with `save_pretrained` (safetensors),
exactly the layout of a checkpoint downloaded from the hub. Outputs are noise; these models test
the plumbing. Building all of them takes a few seconds on one core.
"""
from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

HINDI = """
सरकार ने नई योजना की घोषणा की है।
मुख्यमंत्री ने कहा कि राज्य में बारिश से भारी नुकसान हुआ है।
कंपनी के शेयर आज बाजार में गिर गए।
पुलिस ने मामले की जांच शुरू कर दी है।
दिल्ली में आज मौसम साफ रहेगा।
क्रिकेट टीम ने मैच जीत लिया और खिलाड़ियों ने जश्न मनाया।
अस्पताल में मरीजों की संख्या बढ़ रही है।
किसानों ने सरकार से मदद की मांग की है।
बैठक में कई बड़े फैसले लिए गए, लेकिन विपक्ष ने विरोध किया।
मंत्री ने बताया कि सड़क का काम जल्द पूरा होगा।
शहर में बिजली कटौती से लोग परेशान हैं।
स्कूल कल से फिर खुलेंगे।
रेलवे ने नई ट्रेन चलाने का फैसला किया है।
अदालत ने सुनवाई अगले हफ्ते तक टाल दी।
लोगों को अचानक परेशानी का सामना करना पड़ा।
कंपनी ने बयान जारी कर समस्या को स्वीकार किया।
प्रवक्ता ने कहा कि हम इस पर काम कर रहे हैं।
दुनियाभर के करोड़ों यूजर्स प्रभावित हुए।
करीब एक घंटे बाद सेवा फिर शुरू हो गई।
चुनाव आयोग ने मतदान की तारीख तय की।
"""

ENGLISH = """
The government has announced a new scheme.
The chief minister said that the rain caused heavy losses in the state.
The company's shares fell in the market today.
The police have started investigating the case.
The weather in Delhi will be clear today.
The cricket team won the match and the players celebrated.
The number of patients in the hospital is rising.
Farmers have asked the government for help.
Several big decisions were taken in the meeting, but the opposition protested.
The minister said the road work will be completed soon.
People in the city are troubled by power cuts.
Schools will reopen from tomorrow.
The railways have decided to run a new train.
The court adjourned the hearing until next week.
People suddenly had to face trouble.
The company issued a statement and acknowledged the problem.
The spokesperson said we are working on it.
Millions of users around the world were affected.
The service resumed after about an hour.
The election commission fixed the date of voting.
"""

NAMES = ["Meta", "Facebook", "Instagram", "Andy Stone", "Elon Musk", "मेटा", "एलन मस्क", "दिल्ली", "मुंबई"]
NUMBERS = ["5", "12", "500", "2024", "5,00,000", "३", "१०", "3.5", "1,250", "९९"]


def corpus() -> list[str]:
    """A few hundred lines: the sentences above plus variants with names and numbers."""
    base = [s for s in (HINDI + ENGLISH).splitlines() if s.strip()]
    lines = list(base)
    for i, (sentence, name, number) in enumerate(zip(itertools.cycle(base), itertools.cycle(NAMES),
                                                     itertools.cycle(NUMBERS))):
        if i >= 360:
            break
        lines.append(f"{name} {number} {sentence}" if i % 2 else f"{sentence} {number} {name}")
    return lines


def _spm(vocab_size: int = 320) -> bytes:
    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus()), model_writer=out, vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, hard_vocab_limit=False, minloglevel=2, num_threads=1)
    return out.getvalue()


def _pieces(model: bytes) -> list[tuple[str, float]]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]


def _small(**extra) -> dict:
    return dict(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, **extra)


def _save(model_class, config, tokenizer, folder: Path) -> Path:
    """Seeded random weights; a random model ends at once, so ask for a few tokens first."""
    import torch

    torch.manual_seed(0)
    model = model_class(config)
    model.generation_config.min_new_tokens = 3
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_marian(folder: Path, *, source_lang="hi", target_lang="en", max_length: int = 64) -> Path:
    """A one-pair Marian model (like Helsinki-NLP/opus-mt-hi-en): source/target.spm + vocab.json."""
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    model = _spm()
    work = folder / "_build"
    work.mkdir(exist_ok=True)
    (work / "source.spm").write_bytes(model)
    (work / "target.spm").write_bytes(model)
    pieces = [p for p, _ in _pieces(model) if p not in ("<unk>", "<s>", "</s>")]
    vocab = {"</s>": 0, "<unk>": 1, **{p: i + 2 for i, p in enumerate(pieces)}}
    vocab["<pad>"] = len(vocab)
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(str(work / "source.spm"), str(work / "target.spm"), str(work / "vocab.json"),
                                source_lang=source_lang, target_lang=target_lang, model_max_length=max_length)
    pad = vocab["<pad>"]
    config = MarianConfig(vocab_size=len(vocab), max_position_embeddings=max_length, pad_token_id=pad,
                          eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0, **_small())
    _save(MarianMTModel, config, tokenizer, folder)
    for f in work.iterdir():
        f.unlink()
    work.rmdir()
    return folder


def build_m2m100(folder: Path, *, max_length: int = 64) -> Path:
    """An M2M100 model: sentencepiece.bpe.model + vocab.json, language tokens __hi__ / __en__."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    model = _spm()
    work = folder / "_build"
    work.mkdir(exist_ok=True)
    (work / "sentencepiece.bpe.model").write_bytes(model)
    pieces = [p for p, _ in _pieces(model) if p not in ("<unk>", "<s>", "</s>")]
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, **{p: i + 4 for i, p in enumerate(pieces)}}
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(str(work / "vocab.json"), str(work / "sentencepiece.bpe.model"),
                                src_lang="en", tgt_lang="hi", model_max_length=1024)
    # language tokens and the "made-up words" sit after the sentencepiece vocabulary
    size = len(vocab) + len(tokenizer.lang_code_to_id) + tokenizer.num_madeup_words
    config = M2M100Config(vocab_size=size, max_position_embeddings=max_length, pad_token_id=1,
                          bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, **_small())
    _save(M2M100ForConditionalGeneration, config, tokenizer, folder)
    for f in work.iterdir():
        f.unlink()
    work.rmdir()
    return folder


def build_nllb(folder: Path, *, max_length: int = 64) -> Path:
    """An NLLB-style model: M2M100 weights, NllbTokenizer (BPE) with codes such as hin_Deva."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
                                  show_progress=False)
    bpe.train_from_iterator(corpus(), trainer)
    state = json.loads(bpe.to_str())["model"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in state["merges"]]
    tokenizer = NllbTokenizer(vocab=state["vocab"], merges=merges, src_lang="eng_Latn", model_max_length=1024)
    config = M2M100Config(vocab_size=len(tokenizer), max_position_embeddings=max_length, pad_token_id=1,
                          bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, **_small())
    return _save(M2M100ForConditionalGeneration, config, tokenizer, folder)


def build_mbart50(folder: Path, *, max_length: int = 64) -> Path:
    """An mBART-50-style model: MBart50Tokenizer (unigram) with codes such as hi_IN / en_XX."""
    from transformers import MBart50Tokenizer, MBartConfig, MBartForConditionalGeneration

    tokenizer = MBart50Tokenizer(vocab=_pieces(_spm()), src_lang="en_XX", model_max_length=1024)
    config = MBartConfig(vocab_size=len(tokenizer), max_position_embeddings=max_length, pad_token_id=1,
                         bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, **_small())
    return _save(MBartForConditionalGeneration, config, tokenizer, folder)


def build_mt5(folder: Path, *, max_length: int = 64) -> Path:
    """An mT5 summarizer (like csebuetnlp/mT5_multilingual_XLSum): T5 unigram tokenizer, no position limit."""
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    pieces = [(p, s) for p, s in _pieces(_spm()) if p not in ("<unk>", "<s>", "</s>")]
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), *pieces]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=max_length)
    config = MT5Config(vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1,
                       num_decoder_layers=1, num_heads=2, pad_token_id=0, eos_token_id=1,
                       decoder_start_token_id=0, tie_word_embeddings=False)
    return _save(MT5ForConditionalGeneration, config, tokenizer, folder)
