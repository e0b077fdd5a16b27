"""Character seq2seq for name transliteration: the only module of newsdigest.names that imports torch.

A bidirectional GRU encoder and a GRU decoder with Luong ("general") attention. The decoder does not feed
the attention context back into its input, so teacher-forced training runs over whole sequences at once;
name transliteration is nearly monotonic and the decoder state tracks position well enough without it.
One model serves both directions: the first source symbol is a direction tag (<2en> or <2hi>).
"""

from __future__ import annotations

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
    def beam_search(self, src: torch.Tensor, bos: int, eos: int, beam: int = 4, max_len: int = 40,
                    alpha: float = 0.6) -> list[list[int]]:
        """Best hypothesis per source row (EOS excluded), scored by log-probability / length**alpha.

        beam=1 is greedy decoding. Like fairseq, each step ranks 2*beam candidates per row: those ending
        in EOS among the first `beam` are finished, the best `beam` others continue, and a row stops
        growing once it holds `beam` finished hypotheses.
        """
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
