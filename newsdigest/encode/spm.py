"""XLM-R pieces from the sentencepiece model itself, for the words the encoder reads.

``tokenizers`` builds XLM-R's 250,000-piece unigram vocabulary into a trie of hash maps: loading
``tokenizer.json`` takes about 0.9 s and 285 MB of resident memory on this project's 2-core machine,
more than a quarter of a folder run's peak. The ``sentencepiece`` library reads the same vocabulary
from ``sentencepiece.bpe.model`` (a double-array trie) in about 0.5 s and 60 MB. For pre-split words
it gives the same pieces: XLM-R's fast tokenizer is sentencepiece's normaliser, a "▁" before each
word and the same unigram model (``tests/test_encode_spm.py`` compares both on news in both scripts
and on odd characters). Ids follow fairseq's order, as the fast tokenizer's do: ``<s>`` 0, ``<pad>`` 1,
``</s>`` 2, ``<unk>`` 3, then sentencepiece's own pieces shifted by one.

:class:`PieceTokenizer` answers the three calls the encoders make of a ``tokenizers.Tokenizer``
(``encode`` and ``encode_batch`` of pre-split words, ``token_to_id``), so ``entities.tagging`` reads
either. :func:`load_piece_tokenizer` returns ``None`` where a model folder is not XLM-R's layout.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

SPM_FILE = "sentencepiece.bpe.model"
_SPECIALS = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
_OFFSET = 1  # fairseq id = sentencepiece id + 1 for every ordinary piece


@dataclass(frozen=True)
class PieceEncoding:
    ids: list[int]
    word_ids: list[int | None]


class PieceTokenizer:
    """XLM-R's word pieces from a ``sentencepiece.SentencePieceProcessor`` (see the module docstring)."""

    #: words whose pieces are remembered; past this many the memory starts again (news repeats its words:
    #: a window's words are read twice, to cut windows and to encode them, and most recur across articles)
    CACHE_WORDS = 200_000

    def __init__(self, processor):
        self.sp = processor
        self._unk = processor.unk_id()
        self._mask = processor.get_piece_size() + _OFFSET  # <mask> follows the pieces, as in XLM-R
        self._cache: dict[str, tuple[int, ...]] = {}

    def token_to_id(self, piece: str) -> int | None:
        if piece in _SPECIALS:
            return _SPECIALS[piece]
        if piece == "<mask>":
            return self._mask
        i = self.sp.piece_to_id(piece)
        return None if i == self._unk else i + _OFFSET

    def _encode_word(self, word: str) -> tuple[int, ...]:
        # word by word: sentencepiece's list call starts a thread pool each time, slower here
        unk, sp_unk = _SPECIALS["<unk>"], self._unk
        return tuple(unk if i == sp_unk else i + _OFFSET for i in self.sp.encode(word))

    def _word_ids(self, words: list[str]) -> list[tuple[int, ...]]:
        cache = self._cache
        missing = list(dict.fromkeys(w for w in words if w not in cache))
        if missing:
            if len(cache) + len(missing) > self.CACHE_WORDS:
                cache.clear()
            cache.update((w, self._encode_word(w)) for w in missing)
        # .get: another thread may have cleared the cache between filling and reading it
        return [ids if (ids := cache.get(w)) is not None else self._encode_word(w) for w in words]

    @staticmethod
    def _join(pieces: list[tuple[int, ...]], special: bool) -> PieceEncoding:
        ids: list[int] = [_SPECIALS["<s>"]] if special else []
        wids: list[int | None] = [None] if special else []
        for w, p in enumerate(pieces):
            ids.extend(p)
            wids.extend([w] * len(p))
        if special:
            ids.append(_SPECIALS["</s>"])
            wids.append(None)
        return PieceEncoding(ids, wids)

    def encode(self, words: list[str], is_pretokenized: bool = True, add_special_tokens: bool = True) -> PieceEncoding:
        if not is_pretokenized:
            raise ValueError("PieceTokenizer encodes pre-split words only (is_pretokenized=True)")
        return self._join(self._word_ids(list(words)), add_special_tokens)

    def encode_batch(self, windows: list[list[str]], is_pretokenized: bool = True,
                     add_special_tokens: bool = True) -> list[PieceEncoding]:
        if not is_pretokenized:
            raise ValueError("PieceTokenizer encodes pre-split words only (is_pretokenized=True)")
        pieces = self._word_ids([w for words in windows for w in words])
        out, k = [], 0
        for words in windows:
            out.append(self._join(pieces[k:k + len(words)], add_special_tokens))
            k += len(words)
        return out


def load_piece_tokenizer(base_dir: Path) -> PieceTokenizer | None:
    """The sentencepiece tokenizer of an XLM-R model folder (its ``sentencepiece.bpe.model`` and a
    ``tokenizer_config.json`` naming ``XLMRobertaTokenizer``), else ``None``."""
    base_dir = Path(base_dir)
    try:
        config = json.loads((base_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if config.get("tokenizer_class") not in ("XLMRobertaTokenizer", "XLMRobertaTokenizerFast"):
        return None
    if not (base_dir / SPM_FILE).is_file():
        return None
    try:
        import sentencepiece
    except ImportError:
        return None
    processor = sentencepiece.SentencePieceProcessor(model_file=str(base_dir / SPM_FILE))
    if [processor.id_to_piece(i) for i in range(3)] != ["<unk>", "<s>", "</s>"]:
        return None  # not fairseq's XLM-R layout: the id shift would be wrong
    return PieceTokenizer(processor)
