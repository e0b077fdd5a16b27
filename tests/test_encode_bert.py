"""The run-time fp32 encoder (encode/bert.py) gives transformers' outputs bit for bit, without transformers."""
import json
import subprocess
import sys

import pytest
import torch

from conftest import REPO
from newsdigest.encode.bert import load_token_classifier


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A small random BERT token classifier saved as the library stores one: base folder + NER state."""
    from safetensors.torch import save_file
    from transformers import BertConfig, BertForTokenClassification

    torch.manual_seed(0)
    config = BertConfig(vocab_size=120, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=1, num_labels=7)
    model = BertForTokenClassification(config).eval()
    base = tmp_path_factory.mktemp("base")
    (base / "config.json").write_text(json.dumps(config.to_dict()), encoding="utf-8")
    word = "bert.embeddings.word_embeddings.weight"
    save_file({"embeddings.word_embeddings.weight": model.state_dict()[word].contiguous()},
              str(base / "model.safetensors"))
    state = {k: v.numpy() for k, v in model.state_dict().items() if k != word}
    return model, base, state


def _batch():
    ids = torch.tensor([[0, 5, 9, 33, 2], [0, 17, 2, 1, 1]])
    return ids, (ids != 1).long()


def test_outputs_equal_transformers_bit_for_bit_with_and_without_padding(tiny):
    model, base, state = tiny
    ours = load_token_classifier(base, state)
    for ids, att in (_batch(), (_batch()[0][:1], _batch()[1][:1])):
        with torch.inference_mode():
            ref = model(input_ids=ids, attention_mask=att, output_hidden_states=True)
            logits, hidden = ours(ids, att)
        assert torch.equal(ref.logits, logits)
        assert torch.equal(ref.hidden_states[-1], hidden)


def test_weights_that_do_not_fit_are_an_error(tiny):
    _, base, state = tiny
    with pytest.raises(KeyError, match="missing"):
        load_token_classifier(base, {k: v for k, v in state.items() if "classifier" not in k})
    with pytest.raises(KeyError, match="unexpected"):
        load_token_classifier(base, {**state, "bert.pooler.dense.weight": state["classifier.weight"]})


def test_the_run_time_model_does_not_import_transformers(tiny):
    _, base, state = tiny
    import numpy as np

    np.savez(base / "state.npz", **state)
    code = (f"import sys, numpy as np, torch; from newsdigest.encode.bert import load_token_classifier; "
            f"s = dict(np.load({str(base / 'state.npz')!r})); m = load_token_classifier({str(base)!r}, s); "
            f"m(torch.tensor([[0, 5, 2]]), torch.tensor([[1, 1, 1]])); print('transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


def test_bf16_runs_the_layer_matmuls_in_bfloat16_and_stays_close_to_fp32(tiny):
    model, base, state = tiny
    ref = load_token_classifier(base, state)
    half = load_token_classifier(base, state).to_bf16()
    layer = half.bert.encoder.layer[0]
    assert layer.attention.self.query.weight.dtype == torch.bfloat16
    assert layer.output.dense.weight.dtype == torch.bfloat16
    # what bf16 would hurt most stays fp32: embeddings, layer norms and the classifier
    assert half.bert.embeddings.word_embeddings.weight.dtype == torch.float32
    assert layer.output.LayerNorm.weight.dtype == torch.float32
    assert half.classifier.weight.dtype == torch.float32
    for ids, att in (_batch(), (_batch()[0][:1], _batch()[1][:1])):
        with torch.inference_mode():
            logits, hidden = ref(ids, att)
            hl, hh = half(ids, att)
        assert hl.dtype == hh.dtype == torch.float32  # callers see fp32 either way
        assert not torch.equal(hl, logits)  # it did run in bf16
        assert torch.allclose(hl, logits, atol=0.05), (hl - logits).abs().max()
        assert torch.allclose(hh, hidden, atol=0.1), (hh - hidden).abs().max()


def test_a_mapped_tensor_has_the_files_values_wherever_it_lies_in_the_file(tmp_path):
    from safetensors import safe_open
    from safetensors.torch import save_file

    from newsdigest.encode.bert import MappedPages, _safetensors_header

    torch.manual_seed(1)
    tensors = {"a": torch.randn(3, 5), "b.weight": torch.randn(7, 4), "c": torch.arange(6, dtype=torch.float16)}
    save_file(tensors, str(tmp_path / "m.safetensors"))
    offset, header = _safetensors_header(tmp_path / "m.safetensors")
    pages = MappedPages()
    with safe_open(str(tmp_path / "m.safetensors"), "pt") as f:
        for name in tensors:
            got = pages.tensor(tmp_path / "m.safetensors", name, offset, header[name])
            assert got.dtype == f.get_tensor(name).dtype and torch.equal(got, f.get_tensor(name))
    got[0] = 99  # copy on write: the file keeps its values
    with safe_open(str(tmp_path / "m.safetensors"), "pt") as f:
        assert f.get_tensor("c")[0] == 0


def _resident_kb(path) -> int | None:
    """Resident KB of this process's mappings of ``path`` (Linux ``/proc/self/smaps``)."""
    try:
        lines = open("/proc/self/smaps").read().splitlines()
    except OSError:
        return None
    total, inside = 0, False
    for line in lines:
        head = line.split()
        if head and "-" in head[0] and not head[0].endswith(":"):
            inside = line.endswith(str(path))
        elif inside and line.startswith("Rss:"):
            total += int(head[1])
    return total


def test_mapped_pages_are_given_back_and_read_again_with_the_files_values(tmp_path):
    """A folder run reads ever more rows of the word embeddings: their pages are dropped between runs
    (1,000 articles: peak 1.00 -> 0.80 GB), and a row read after that has the file's values."""
    import pytest
    from safetensors.torch import save_file

    from newsdigest.encode.bert import MappedPages, _safetensors_header

    path = tmp_path / "emb.safetensors"
    table = torch.randn(4096, 384)  # 6 MB
    save_file({"w": table}, str(path))
    offset, header = _safetensors_header(path)
    pages = MappedPages()
    mapped = pages.tensor(path, "w", offset, header["w"])
    assert torch.equal(mapped, table)  # reads every page
    before = _resident_kb(path)
    if before is None:
        pytest.skip("no /proc/self/smaps here")
    assert before > 5000
    pages.release()
    assert _resident_kb(path) < 100
    assert torch.equal(mapped[1000:1010], table[1000:1010]) and torch.equal(mapped, table)


def test_the_torch_encoder_gives_back_its_mapped_pages_after_a_run(monkeypatch):
    from newsdigest.encode import encoder as E

    released = []
    enc = object.__new__(E.Encoder)
    enc.model = type("M", (), {"mapped": type("P", (), {"release": lambda self: released.append("pages")})()})()
    monkeypatch.setattr(E, "release_freed_memory", lambda: released.append("heap"))
    enc.release_memory()
    assert released == ["heap", "pages"]
