"""BaseEncoder.run without a model: batches, input order, and memory returned within a long run."""
import numpy as np

from newsdigest.encode import encoder as E
from newsdigest.entities.tagging import Encoded


class _Fake(E.BaseEncoder):
    batch_tokens = 8  # two windows of 4 pieces a batch

    def __init__(self):
        self.forwards = []

    def _forward(self, batch):
        self.forwards.append([len(e.input_ids) for e in batch])
        L = max(len(e.input_ids) for e in batch)
        logits = np.zeros((len(batch), L, 3), dtype=np.float32)
        for r, e in enumerate(batch):
            logits[r, :, 0] = len(e.input_ids)  # each row says which window it came from
        return logits, np.zeros((len(batch), 4), dtype=np.float32), np.ones(len(batch))


def _windows(monkeypatch, lengths):
    monkeypatch.setattr(E, "encode_windows",
                        lambda tok, windows: [Encoded(list(range(n)), [0]) for n in lengths])
    return [["w"] * n for n in lengths]


def test_outputs_come_back_in_input_order_longest_batch_first(monkeypatch):
    enc = _Fake()
    monkeypatch.setattr(E, "release_freed_memory", lambda: None)
    out = enc.run(_windows(monkeypatch, [2, 4, 3, 4, 1, 2]))
    assert [int(o.logits[0, 0]) for o in out] == [2, 4, 3, 4, 1, 2]
    assert [max(b) for b in enc.forwards] == sorted((max(b) for b in enc.forwards), reverse=True)


def test_a_run_trims_when_a_batch_leaves_the_process_much_larger(monkeypatch):
    enc = _Fake()
    trims = []
    sizes = iter([500, 520, 500 + E.TRIM_GROWTH_MB + 1, 600, 610, 610, 610, 610, 610])
    monkeypatch.setattr(E, "resident_mb", lambda: next(sizes))
    monkeypatch.setattr(E, "release_freed_memory", lambda: trims.append(len(enc.forwards)))
    enc.run(_windows(monkeypatch, [4, 4, 3, 3, 2, 2, 1, 1]))
    assert enc.forwards == [[4, 4], [3, 3], [1, 1, 2, 2]]
    # after the second batch (grown past the threshold since the run began), then the run's own at its end
    assert trims == [2, 3]


def test_resident_memory_is_read_where_the_system_has_it():
    mb = E.resident_mb()
    assert mb is None or mb > 10
