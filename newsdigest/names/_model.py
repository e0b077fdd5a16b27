"""Character seq2seq for name transliteration: the model, in torch for training, in numpy for inference.

A bidirectional GRU encoder and a GRU decoder with Luong ("general") attention. The decoder does not feed
the attention context back into its input, so teacher-forced training runs over whole sequences at once;
name transliteration is nearly monotonic and the decoder state tracks position well enough without it.
One model serves both directions: the first source symbol is a direction tag (<2en> or <2hi>).

``Seq2Seq`` (torch, built on first use: importing this module does not import torch) trains the model;
``NumpySeq2Seq`` runs the same weights with numpy alone, the same arithmetic in the same order, so a digest
needs no torch for names (tests/test_names_numpy.py checks both give the same spellings and scores).
"""

from __future__ import annotations

import numpy as np


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _mm(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w`` for x of any rank and a 2-D w, as one matrix product over all leading dimensions
    (numpy's ``@`` on a 3-D x runs one small BLAS call per leading index)."""
    return (x.reshape(-1, x.shape[-1]) @ w).reshape(*x.shape[:-1], w.shape[1])


def _log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    return x - np.log(np.exp(x).sum(-1, keepdims=True))


class NumpySeq2Seq:
    """Inference with the weights of a trained ``Seq2Seq`` (its state dict as float32 numpy arrays)."""

    def __init__(self, state: dict[str, np.ndarray], pad: int = 0):
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}
        self.w.update({k + ".T": np.ascontiguousarray(v.T) for k, v in self.w.items() if v.ndim == 2})
        self.pad = pad

    @classmethod
    def from_file(cls, path, pad: int = 0) -> NumpySeq2Seq:
        from safetensors.numpy import load_file

        return cls(load_file(str(path)), pad=pad)

    def _linear(self, name: str, x: np.ndarray) -> np.ndarray:
        out = _mm(x, self.w[name + ".weight.T"])
        bias = self.w.get(name + ".bias")
        return out + bias if bias is not None else out

    def _cell(self, gi: np.ndarray, h: np.ndarray, hh: str, bias: str) -> np.ndarray:
        """One GRU step (torch's gate order r, z, n) from the input projection ``gi`` [N, 3H]."""
        gh = h @ self.w[hh + ".T"] + self.w[bias]
        H = h.shape[-1]
        r = _sigmoid(gi[:, :H] + gh[:, :H])
        z = _sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
        n = np.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
        return (1 - z) * n + z * h

    def _gru_direction(self, x: np.ndarray, lengths: np.ndarray, suffix: str, reverse: bool):
        w = self.w
        gi = _mm(x, w[f"encoder.weight_ih_l0{suffix}.T"]) + w[f"encoder.bias_ih_l0{suffix}"]
        b, steps, _ = x.shape
        H = w[f"encoder.weight_hh_l0{suffix}"].shape[1]
        h = np.zeros((b, H), np.float32)
        out = np.zeros((b, steps, H), np.float32)
        for t in (range(steps - 1, -1, -1) if reverse else range(steps)):
            live = (t < lengths)[:, None]  # packed sequences: a row's padding is never read
            new = self._cell(gi[:, t], h, f"encoder.weight_hh_l0{suffix}", f"encoder.bias_hh_l0{suffix}")
            h = np.where(live, new, h)
            out[:, t] = np.where(live, new, 0.0)
        return out, h

    def encode(self, src) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Encoder outputs (B, S, 2H), the source pad mask (B, S) and the decoder's first state (B, 2H)."""
        src = np.asarray(src, dtype=np.int64)
        mask = src != self.pad
        lengths = mask.sum(1)
        x = self.w["embed.weight"][src]
        fwd, h_f = self._gru_direction(x, lengths, "", reverse=False)
        bwd, h_b = self._gru_direction(x, lengths, "_reverse", reverse=True)
        h0 = np.tanh(self._linear("bridge", np.concatenate([h_f, h_b], -1)))
        return np.concatenate([fwd, bwd], -1), mask, h0

    def _step_logits(self, dec_out: np.ndarray, enc_out: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Logits (N, T, V) for decoder states (N, T, 2H) attending over ``enc_out`` (N, S, 2H)."""
        scores = np.matmul(_mm(dec_out, self.w["attn.weight.T"]), enc_out.transpose(0, 2, 1))
        scores = np.where(mask[:, None, :], scores, -np.inf)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        ctx = np.matmul(scores / scores.sum(-1, keepdims=True), enc_out)
        return self._linear("out", np.tanh(self._linear("combine", np.concatenate([dec_out, ctx], -1))))

    def _decode_step(self, tokens: np.ndarray, h: np.ndarray) -> np.ndarray:
        gi = self.w["embed.weight"][tokens] @ self.w["decoder.weight_ih_l0.T"] + self.w["decoder.bias_ih_l0"]
        return self._cell(gi, h, "decoder.weight_hh_l0", "decoder.bias_hh_l0")

    def __call__(self, src, tgt_in) -> np.ndarray:
        """Teacher-forced logits (B, T, V) for target inputs that start with BOS."""
        enc_out, mask, h = self.encode(src)
        tgt_in = np.asarray(tgt_in, dtype=np.int64)
        states = []
        for t in range(tgt_in.shape[1]):
            h = self._decode_step(tgt_in[:, t], h)
            states.append(h)
        return self._step_logits(np.stack(states, 1), enc_out, mask)

    def log_probs(self, src, tgt_in) -> np.ndarray:
        return _log_softmax(self(src, tgt_in))

    def _encode_unique(self, src: np.ndarray):
        """``encode`` of each distinct source row once (a word is scored against several candidates), the
        outputs indexed back to every row. At least two rows go through the encoder whenever ``src`` has
        two: BLAS takes another path for one row, and a row's result must not depend on its batch."""
        uniq, inverse = np.unique(src, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        if len(uniq) == 1 and len(src) > 1:
            uniq, inverse = np.repeat(uniq, 2, 0), inverse * 0
        enc_out, mask, h = self.encode(uniq)
        return enc_out[inverse], mask[inverse], h[inverse]

    def target_log_probs(self, src, tgt_in, tgt) -> np.ndarray:
        """log P(tgt[b, t]) under teacher forcing, (B, T), 0 where ``tgt`` is padding: the entries of
        ``log_probs(src, tgt_in)`` that ``tgt`` picks, bit for bit, with less work. Each distinct source
        is encoded once; the decoder steps only the rows whose target is still running (longest first),
        and the output layers run on real positions only."""
        src = np.asarray(src, dtype=np.int64)
        tgt_in = np.asarray(tgt_in, dtype=np.int64)
        tgt = np.asarray(tgt, dtype=np.int64)
        n, steps = tgt.shape
        lengths = (tgt != self.pad).sum(1)
        order = np.argsort(-lengths, kind="stable")
        src, tgt_in, tgt, lengths = src[order], tgt_in[order], tgt[order], lengths[order]
        enc_out, mask, h = self._encode_unique(src)
        states = np.zeros((n, steps, h.shape[-1]), np.float32)
        for t in range(steps):
            live = int((lengths > t).sum())
            if live == 0:
                break
            live = n if n == 1 else max(live, 2)  # never one row of a batch of several (see above)
            h = h[:live]
            h = self._decode_step(tgt_in[:live, t], h)
            states[:live, t] = h
        real = tgt != self.pad
        scores = np.matmul(_mm(states, self.w["attn.weight.T"]), enc_out.transpose(0, 2, 1))
        scores = np.where(mask[:, None, :], scores, -np.inf)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        ctx = np.matmul(scores / scores.sum(-1, keepdims=True), enc_out)
        both = np.concatenate([states, ctx], -1)[real]
        if len(both) == 1 and real.size > 1:  # one real position of several: keep the matrix path
            both = np.repeat(both, 2, 0)
        logp = _log_softmax(self._linear("out", np.tanh(self._linear("combine", both))))[: int(real.sum())]
        picked = np.zeros((n, steps), np.float32)
        picked[real] = np.take_along_axis(logp, tgt[real][:, None], 1)[:, 0]
        out = np.empty_like(picked)
        out[order] = picked
        return out

    def beam_search(self, src, bos: int, eos: int, beam: int = 4, max_len: int = 40,
                    alpha: float = 0.6) -> list[list[int]]:
        """``Seq2Seq.beam_search`` in numpy: the same candidates, in the same order.

        A source row that holds ``beam`` finished hypotheses leaves the batch, so a long name does not keep
        every short one stepping to ``max_len``; a batch of several rows never shrinks below two (BLAS
        takes another path for one row, and a row's result must not depend on its batch)."""
        enc_out, mask, h = self.encode(src)
        b, k = enc_out.shape[0], beam
        enc_out = np.repeat(enc_out, k, 0)
        mask = np.repeat(mask, k, 0)
        h = np.repeat(h, k, 0)
        tokens = np.full((b * k, 1), bos, dtype=np.int64)
        score = np.full((b, k), -np.inf, dtype=np.float32)
        score[:, 0] = 0.0
        finished: list[list[tuple[float, list[int]]]] = [[] for _ in range(b)]
        positions = np.arange(2 * k, dtype=np.float32)
        active = np.arange(b)  # the source row of each row of the batch
        for _ in range(max_len):
            h = self._decode_step(tokens[:, -1], h)
            logp = _log_softmax(self._step_logits(h[:, None], enc_out, mask)[:, 0])
            vocab = logp.shape[-1]
            nb = len(active)
            cand = (score.reshape(-1, 1) + logp).reshape(nb, k * vocab)
            m = min(2 * k, k * vocab)
            idx = np.argsort(-cand, axis=1, kind="stable")[:, :m]
            top = np.take_along_axis(cand, idx, 1)
            origin, sym = idx // vocab, idx % vocab
            is_eos = (sym == eos) & (top > -np.inf)
            length = tokens.shape[1]
            for rr, j in np.argwhere(is_eos[:, :k]).tolist():
                r = int(active[rr])
                if len(finished[r]) < k:
                    hyp = tokens[rr * k + origin[rr, j], 1:].tolist()
                    finished[r].append((float(top[rr, j]) / length**alpha, hyp))
            if all(len(f) >= k for f in finished):
                break
            keep = np.argsort(is_eos * np.float32(1e9) + positions[:m], axis=1, kind="stable")[:, :k]
            score = np.where(np.take_along_axis(is_eos, keep, 1), -np.inf, np.take_along_axis(top, keep, 1))
            gather = (np.arange(nb)[:, None] * k + np.take_along_axis(origin, keep, 1)).reshape(-1)
            tokens = np.concatenate([tokens[gather], np.take_along_axis(sym, keep, 1).reshape(-1, 1)], 1)
            h = h[gather]
            done = np.array([len(finished[r]) >= k for r in active])
            if done.any():
                rows = np.flatnonzero(~done)
                if len(rows) * k < 2 <= nb * k:  # keep a finished row along: its steps are never read
                    rows = np.sort(np.concatenate([rows, np.flatnonzero(done)[: 2 - len(rows) * k]]))
                if len(rows) < nb:
                    sel = (rows[:, None] * k + np.arange(k)).reshape(-1)
                    enc_out, mask, h, tokens = enc_out[sel], mask[sel], h[sel], tokens[sel]
                    score, active = score[rows], active[rows]
        results = []
        where = {int(r): i for i, r in enumerate(active)}
        for r in range(b):
            if not finished[r]:  # nothing ended within max_len: still in the batch
                i = where[r]
                finished[r].append((0.0, tokens[i * k + int(score[i].argmax()), 1:].tolist()))
            results.append(max(finished[r], key=lambda f: f[0])[1])
        return results


def __getattr__(name: str):
    if name == "Seq2Seq":  # the torch model is defined on first use, so numpy inference never imports torch
        global Seq2Seq
        Seq2Seq = _define_torch_model()
        return Seq2Seq
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _define_torch_model():
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    class Seq2Seq(nn.Module):
        def __init__(self, vocab_size: int, emb: int = 64, hidden: int = 160, dropout: float = 0.2, pad: int = 0):
            super().__init__()
            dec = 2 * hidden
            self.pad = pad
            self.embed = nn.Embedding(vocab_size, emb, padding_idx=pad)
            self.encoder = nn.GRU(emb, hidden, batch_first=True, bidirectional=True)
            self.bridge = nn.Linear(dec, dec)
            self.decoder = nn.GRU(emb, dec, batch_first=True)
            self.attn = nn.Linear(dec, dec, bias=False)
            self.combine = nn.Linear(2 * dec, dec)
            self.out = nn.Linear(dec, vocab_size)
            self.drop = nn.Dropout(dropout)

        def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
            """Returns encoder outputs (B, S, 2H), the source pad mask (B, S) and the decoder's first state (1, B, 2H)."""
            mask = src != self.pad
            lengths = mask.sum(1).cpu()
            packed = pack_padded_sequence(self.drop(self.embed(src)), lengths, batch_first=True, enforce_sorted=False)
            out, h = self.encoder(packed)
            out, _ = pad_packed_sequence(out, batch_first=True, total_length=src.shape[1])
            h0 = torch.tanh(self.bridge(torch.cat([h[0], h[1]], -1))).unsqueeze(0)
            return out, mask, h0

        def _step_logits(self, dec_out, enc_out, mask):
            scores = torch.bmm(self.attn(dec_out), enc_out.transpose(1, 2))
            scores = scores.masked_fill(~mask.unsqueeze(1), float("-inf"))
            ctx = torch.bmm(scores.softmax(-1), enc_out)
            return self.out(self.drop(torch.tanh(self.combine(torch.cat([dec_out, ctx], -1)))))

        def forward(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
            """Teacher-forced logits (B, T, V) for target inputs that start with BOS."""
            enc_out, mask, h0 = self.encode(src)
            dec_out, _ = self.decoder(self.drop(self.embed(tgt_in)), h0)
            return self._step_logits(dec_out, enc_out, mask)

        @torch.inference_mode()
        def log_probs(self, src, tgt_in):
            """Teacher-forced log-probabilities (B, T, V) as numpy, from numpy or torch inputs."""
            return self(torch.as_tensor(src), torch.as_tensor(tgt_in)).log_softmax(-1).numpy()

        @torch.inference_mode()
        def beam_search(self, src: torch.Tensor, bos: int, eos: int, beam: int = 4, max_len: int = 40,
                        alpha: float = 0.6) -> list[list[int]]:
            """Best hypothesis per source row (EOS excluded), scored by log-probability / length**alpha.

            beam=1 is greedy decoding. Like fairseq, each step ranks 2*beam candidates per row: those ending
            in EOS among the first `beam` are finished, the best `beam` others continue, and a row stops
            growing once it holds `beam` finished hypotheses.
            """
            src = torch.as_tensor(src)  # numpy arrays too, as for NumpySeq2Seq
            enc_out, mask, h = self.encode(src)
            b, k = src.shape[0], beam
            enc_out = enc_out.repeat_interleave(k, 0)
            mask = mask.repeat_interleave(k, 0)
            h = h.repeat_interleave(k, 1)
            tokens = torch.full((b * k, 1), bos, dtype=torch.long)
            # Only the first beam of each row is live at the start, so the k copies do not fill the beam.
            score = torch.full((b, k), float("-inf"))
            score[:, 0] = 0.0
            finished: list[list[tuple[float, list[int]]]] = [[] for _ in range(b)]
            positions = torch.arange(2 * k, dtype=torch.float)
            rows = torch.arange(b).unsqueeze(1) * k
            for _ in range(max_len):
                dec_out, h = self.decoder(self.embed(tokens[:, -1:]), h)
                logp = self._step_logits(dec_out, enc_out, mask)[:, 0].log_softmax(-1)
                vocab = logp.shape[-1]
                top, idx = (score.view(-1, 1) + logp).view(b, k * vocab).topk(min(2 * k, k * vocab), dim=1)
                origin, sym = idx // vocab, idx % vocab
                is_eos = (sym == eos) & (top > float("-inf"))
                length = tokens.shape[1]  # BOS plus the symbols so far = hypothesis length with its EOS
                for r, j in is_eos[:, :k].nonzero().tolist():
                    if len(finished[r]) < k:
                        hyp = tokens[r * k + origin[r, j], 1:].tolist()
                        finished[r].append((top[r, j].item() / length**alpha, hyp))
                if all(len(f) >= k for f in finished):
                    break
                # the first k candidates that do not end in EOS, in score order
                keep = (is_eos.float() * 1e9 + positions[: top.shape[1]]).topk(k, dim=1, largest=False).indices
                score = top.gather(1, keep).masked_fill(is_eos.gather(1, keep), float("-inf"))
                gather = (rows + origin.gather(1, keep)).view(-1)
                tokens = torch.cat([tokens[gather], sym.gather(1, keep).view(-1, 1)], 1)
                h = h[:, gather]
            results = []
            for r in range(b):
                if not finished[r]:  # nothing ended within max_len: take the best live hypothesis
                    finished[r].append((0.0, tokens[r * k + int(score[r].argmax()), 1:].tolist()))
                results.append(max(finished[r], key=lambda f: f[0])[1])
            return results

    Seq2Seq.__qualname__ = "Seq2Seq"
    return Seq2Seq
