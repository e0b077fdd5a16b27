"""The bf16 encoder (``precision="bf16"``, the default "auto" on CPUs with native bfloat16): the fp32 labels
and embeddings within bfloat16's rounding, the same digest on every run, and the precision named in it."""
import json

import numpy as np
import pytest

from conftest import REPO
from newsdigest.encode.encoder import load_encoder

WINDOWS = [
    ["मेटा", "के", "प्रवक्ता", "एंडी", "स्टोन", "ने", "एक्स", "पर", "लिखा", "कि", "सेवाएं", "बहाल", "हो", "गई", "हैं", "।"],
    "Chief executive Richard Parsons said Time Warner 's results were strong .".split(),
    ["तानूर\u200c", "मण्डल", "में", "2,50,000", "लोग", "प्रभावित", "''", "हुए", "''"],
    ["Reliance", "Jio", "ने", "5G", "सेवा", "12", "शहरों", "में", "शुरू", "की"],
]


@pytest.fixture(scope="module")
def pair():
    return load_encoder(precision="bf16", threads=2), load_encoder(precision="fp32", threads=2)


@pytest.mark.slow
@pytest.mark.model
def test_bf16_gives_the_fp32_labels_and_embeddings(pair):
    from newsdigest.entities.tagging import postprocess

    bf16, fp32 = pair
    assert (bf16.precision, bf16.runtime) == ("bf16", "torch")
    for a, b in zip(bf16.run(WINDOWS), fp32.run(WINDOWS)):
        assert a.label_pos == b.label_pos and a.n_pieces == b.n_pieces
        assert postprocess(a.logits, a.label_pos)[0] == postprocess(b.logits, b.label_pos)[0]
        assert a.logits.dtype == np.float32 and a.pooled.dtype == np.float32
        assert np.abs(a.logits - b.logits).max() < 0.5
        cos = float(a.pooled @ b.pooled / np.linalg.norm(a.pooled) / np.linalg.norm(b.pooled))
        assert cos > 0.999, cos


@pytest.mark.slow
@pytest.mark.model
def test_bf16_digest_is_byte_identical_across_runs_and_names_its_precision():
    from newsdigest import Digester

    text = (REPO / "samples" / "hi").glob("*.txt").__next__().read_text(encoding="utf-8")
    first = Digester(precision="bf16").digest(text).to_json()
    assert Digester(precision="bf16").digest(text).to_json() == first
    assert json.loads(first)["models"]["ner"] == "ner-hi-en bf16 (torch)"
    fp32 = json.loads(Digester(precision="fp32").digest(text).to_json())
    assert fp32["models"]["ner"] == "ner-hi-en"
    assert Digester(precision="bf16").model_version() != Digester(precision="fp32").model_version()
