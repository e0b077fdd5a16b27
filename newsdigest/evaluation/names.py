"""Scoring shared by training (dev split) and benchmarks/eval_translit.py (holdout)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance over code points."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _norm(text: str, casefold: bool) -> str:
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text.casefold() if casefold else text


def score(predictions: list[str], references: list[str], casefold: bool) -> dict[str, float]:
    """Exact-match rate and mean CER (edit distance / reference length, per name, then averaged).

    Both sides are NFC-normalised with whitespace collapsed; ``casefold`` for Latin targets.
    """
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions for {len(references)} references")
    exact, cer = 0, 0.0
    for p, r in zip(predictions, references):
        p, r = _norm(p, casefold), _norm(r, casefold)
        exact += p == r
        cer += edit_distance(p, r) / max(len(r), 1)
    n = max(len(references), 1)
    return {"exact": exact / n, "cer": cer / n, "n": len(references)}


def is_dev_player(player_id) -> bool:
    """The tuning split of cricinfo-players/train: 10% of players, by a hash of the player id.

    The holdout file was split off by sha1(id) % 5, so a differently salted hash is used here.
    """
    return int(hashlib.sha1(f"dev{player_id}".encode()).hexdigest(), 16) % 10 == 0


def load_cricinfo(path: str | Path) -> list[dict]:
    """Cricinfo player records as ``{"id", "hindi", "english"}`` full-name pairs.

    ``hindi_long_name`` <-> ``english_full_from_slug``: both are full names ("राइली रुसो" / "Rilee Rossouw").
    ``english_name`` is "Rossouw, RR" for two thirds of the records (and Devanagari for a few), and
    ``hindi_name`` abbreviates the given names ("आर आर रुसो"), so neither is a full-name target.
    """
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                rows.append({"id": r["id"], "hindi": r["hindi_long_name"], "english": r["english_full_from_slug"]})
    return rows
