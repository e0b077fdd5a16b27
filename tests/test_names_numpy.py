"""The numpy transliteration model gives the torch model's spellings and scores, from the same weights."""
import json
import sys

import numpy as np
import pytest

from conftest import REPO
from newsdigest.names._model import NumpySeq2Seq

MODEL_DIR = REPO / "models" / "translit"
NAMES_HI = ["मार्क जुकरबर्ग", "एंडी स्टोन", "नरेंद्र मोदी", "वाराणसी", "डाउनडिटेक्टर", "स्पाइसजेट", "राहुल", "ज्ञान",
            "मोहम्मद रिज़वान", "कांग्रेस", "इंस्टाग्राम", "थ्रेड्स", "अ", "श्रीनिवासन", "पेरिस"]
NAMES_EN = ["Mark Zuckerberg", "Andy Stone", "Narendra Modi", "Downdetector", "SpiceJet", "Reliance", "X",
            "Chennai", "Time Warner", "Richard Parsons", "O'Brien", "Srinivasan", "Meta", "Google", "Jio"]


def test_importing_the_model_module_does_not_import_torch():
    import subprocess

    code = ("import sys; import newsdigest.names._model as m; m.NumpySeq2Seq; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


@pytest.fixture(scope="module")
def models():
    from safetensors.numpy import load_file
    from safetensors.torch import load_file as load_torch

    from newsdigest.names._model import Seq2Seq
    from newsdigest.names._text import Vocab

    config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    vocab = Vocab(config["vocab"])
    torch_model = Seq2Seq(len(vocab.symbols), pad=vocab.pad, **config["model"])
    torch_model.load_state_dict(load_torch(str(MODEL_DIR / "model.safetensors")))
    torch_model.eval()
    return vocab, torch_model, NumpySeq2Seq(load_file(str(MODEL_DIR / "model.safetensors")), pad=vocab.pad)


def _words():
    words = sorted({w for n in NAMES_HI + NAMES_EN for w in n.split()})
    path = REPO.parent / "shared" / "data" / "translit" / "cricinfo-players" / "holdout.jsonl"
    if path.is_file():  # a few hundred more when ../shared is there
        for line in path.read_text(encoding="utf-8").splitlines()[:300]:
            rec = json.loads(line)
            words += [w for v in rec.values() if isinstance(v, str) for w in v.split()]
    return sorted(set(words))


@pytest.mark.model
@pytest.mark.parametrize("beam", [1, 4])
def test_numpy_beam_search_gives_the_torch_spellings(models, beam):
    import torch

    from newsdigest.names.phonetic import is_devanagari

    vocab, torch_model, np_model = models
    words = _words()
    for to in ("en", "hi"):
        keys = [w for w in words if is_devanagari(w) == (to == "en")]
        for start in range(0, len(keys), 64):
            seqs = [vocab.encode_source(k, to) for k in keys[start:start + 64]]
            src = np.full((len(seqs), max(map(len, seqs))), vocab.pad, dtype=np.int64)
            for r, s in enumerate(seqs):
                src[r, : len(s)] = s
            max_len = 2 * src.shape[1] + 6
            ours = np_model.beam_search(src, vocab.bos, vocab.eos, beam=beam, max_len=max_len)
            theirs = torch_model.beam_search(torch.from_numpy(src), vocab.bos, vocab.eos, beam=beam, max_len=max_len)
            assert ours == theirs, keys[start:start + 64]


@pytest.mark.model
def test_numpy_teacher_forced_log_probs_match_torch(models):
    import torch

    vocab, torch_model, np_model = models
    rows = [list(vocab.encode_source("नरेंद्र", "en")), list(vocab.encode_source("मोदी", "en"))]
    width = max(map(len, rows))
    src = np.array([r + [vocab.pad] * (width - len(r)) for r in rows], dtype=np.int64)
    tgt_in = np.array([[vocab.bos, 5, 6, 7, 8], [vocab.bos, 9, 10, vocab.pad, vocab.pad]], dtype=np.int64)
    with torch.inference_mode():
        ref = torch_model(torch.from_numpy(src), torch.from_numpy(tgt_in)).log_softmax(-1).numpy()
    np.testing.assert_allclose(np_model.log_probs(src, tgt_in), ref, atol=1e-4)


def _batch(vocab, sources, targets, to="en"):
    srcs = [vocab.encode_source(s, to) for s in sources]
    tgts = [vocab.encode_target(t) for t in targets]
    src = np.full((len(srcs), max(map(len, srcs))), vocab.pad, dtype=np.int64)
    tgt = np.full((len(tgts), max(map(len, tgts))), vocab.pad, dtype=np.int64)
    for r, (s, t) in enumerate(zip(srcs, tgts)):
        src[r, : len(s)], tgt[r, : len(t)] = s, t
    tgt_in = np.concatenate([np.full((len(tgts), 1), vocab.bos, dtype=np.int64), tgt[:, :-1]], 1)
    return src, tgt_in, tgt


@pytest.mark.model
def test_target_log_probs_are_the_picked_log_probs_bit_for_bit(models):
    """The fast teacher-forced path (each source encoded once, finished rows dropped, output layers on real
    positions only) gives exactly the entries of the full log_probs, in any batch: duplicate sources,
    targets of very different lengths, one source for every row, a single row."""
    vocab, _, np_model = models
    cases = [
        (["मोदी", "मोदी", "मोदी", "श्रीनिवासन", "अ"], ["modi", "modee", "a", "srinivasan", "aaaaaaaaaaaaaa"]),
        (["वाराणसी"] * 4, ["varanasi", "v", "banaras", "varanasee"]),
        (["डाउनडिटेक्टर"], ["downdetector"]),
        (["राहुल", "ज्ञान"], ["rahul", "gyaan"]),
    ]
    for sources, targets in cases:
        src, tgt_in, tgt = _batch(vocab, [s.replace(" ", "") for s in sources], targets)
        full = np_model.log_probs(src, tgt_in)
        want = np.where(tgt == vocab.pad, 0.0, np.take_along_axis(full, tgt[..., None], 2)[..., 0])
        got = np_model.target_log_probs(src, tgt_in, tgt)
        assert got.dtype == want.dtype and np.array_equal(got, want), sources


@pytest.mark.model
def test_beam_search_is_the_same_whether_rows_finish_early_or_not(models):
    """Rows that finish leave the batch; the spellings of the others do not change (compared with each
    row decoded in a batch of two with a copy of itself, which keeps the same BLAS path)."""
    vocab, _, np_model = models
    words = ["अ", "श्रीनिवासन", "मोदी", "डाउनडिटेक्टर", "स्पाइसजेट", "ज्ञान", "इंस्टाग्राम"]
    seqs = [vocab.encode_source(w, "en") for w in words]
    src = np.full((len(seqs), max(map(len, seqs))), vocab.pad, dtype=np.int64)
    for r, s in enumerate(seqs):
        src[r, : len(s)] = s
    for beam in (1, 4):
        together = np_model.beam_search(src, vocab.bos, vocab.eos, beam=beam, max_len=2 * src.shape[1] + 6)
        alone = [np_model.beam_search(np.repeat(src[r:r + 1], 2, 0), vocab.bos, vocab.eos, beam=beam,
                                      max_len=2 * src.shape[1] + 6)[0] for r in range(len(words))]
        assert together == alone
        assert len({len(h) for h in together}) > 2  # the rows did finish at different steps
