"""Names as news writes them: the spellings of annotated Hindi news, consulted before the model.

A name's English spelling is a convention, not a sound: सनी देओल is Sunny Deol (not "Sani"), ब्रिटेन is
Britain, भाजपा is BJP, रजनीकांत is Rajinikanth. The team's annotated Hindi news (``news-hi`` train) gives
every entity its English name; ``training/build_name_memory.py`` turns those pairs into
``names.json`` inside the transliteration model's folder (``models/translit/``), so it is found, shipped
and versioned with the model. Two tables per direction:

- ``whole``: an entity's whole text (Hindi without nukta or zero-width characters; English case-folded)
  to its other-script name, per entity type (``*`` = over all types), followed by the other forms news
  accepts (अमेरिका: US, then America and United States). The library's own rendering is kept when it is
  one of them (अमेरिका stays America; BJP stays बीजेपी, which Hindi news writes as well as भाजपा), and
  replaced by the chosen name otherwise;
- ``words``: a word of a name (the model's input key) to its other-script word, from names whose two
  scripts have the same number of words and whose words sound alike (consonant outlines at most half
  apart, so आयोग = Commission, a translation, is left out), so a new name made of known words is
  spelled as news spells them (पुनिया -> Punia in any Punia);
- ``person_words``: for people's names only, words the parallel-text lexicon (``models/lexicon-hi-en``)
  pairs with a word that sounds alike (जॉर्ज = George, चार्ल्स = Charles); not for places and
  organisations, where such pairs are often translations (मध्य = middle, सौर = solar).

Only names are stored (no sentence of any article). Spellings are counted by article (an article counts
once for each spelling it uses); a word or name whose spellings disagree takes the commonest (ties:
alphabetical, so चुनाव आयोग, the Election Commission in one article and of Pakistan in another, is the
Election Commission), and is kept only when that spelling is at least half of the count. Words are
matched without nukta (न्यूज़ = न्यूज).
"""
from __future__ import annotations

import json
from pathlib import Path

from .gazetteer import _NUKTA, _en_key, _hi_key

NAMES_FILE = "names.json"
ANY = "*"


def word_key(word: str) -> str:
    """The key of a Devanagari word in ``words["en"]``: its model key (``name_key``) without nukta."""
    from ._text import name_key

    return name_key(word).replace(_NUKTA, "")


class NameMemory:
    def __init__(self, data: dict | None = None):
        data = data or {}
        self.whole: dict[str, dict[str, dict[str, str]]] = data.get("whole", {"en": {}, "hi": {}})
        self.words: dict[str, dict[str, str]] = data.get("words", {"en": {}, "hi": {}})
        self.person_words: dict[str, dict[str, str]] = data.get("person_words", {"en": {}, "hi": {}})
        self.source: str = data.get("source", "")
        self._joined_keys: dict[str, str] | None = None

    def __bool__(self) -> bool:
        return any(t.get(d) for t in (self.whole, self.words, self.person_words) for d in ("en", "hi"))

    @staticmethod
    def key(name: str, to: str) -> str:
        """The lookup key of a whole name written in the source script of direction ``to``."""
        return _hi_key(name) if to == "en" else _en_key(name)

    def forms(self, name: str, to: str, label: str | None = None) -> list[str]:
        """The remembered other-script forms of the whole ``name`` of type ``label`` (any type if None),
        the chosen one first; [] when it is not remembered. A Hindi name is also found written with its
        words joined or apart (शिव सेना = शिवसेना = Shiv Sena, लोक सभा = लोकसभा)."""
        key = self.key(name, to)
        table = self.whole.get(to, {})
        by_type = table.get(key)
        if by_type is None and to == "en":
            by_type = table.get(self._joined().get(key.replace(" ", ""), ""))
        return list(by_type.get(label or ANY, [])) if by_type else []

    def _joined(self) -> dict[str, str]:
        """Hindi whole-name keys by their letters without spaces; a spelling two keys share is left out."""
        if self._joined_keys is None:
            out: dict[str, str | None] = {}
            for k in self.whole.get("en", {}):
                j = k.replace(" ", "")
                out[j] = None if j in out and out[j] != k else k
            self._joined_keys = {j: k for j, k in out.items() if k}
        return self._joined_keys

    def name(self, name: str, to: str, label: str | None = None, rendered: str | None = None) -> str | None:
        """The remembered other-script name of the whole ``name``: ``rendered`` (what the model and the
        gazetteers give) when it is one of the accepted forms, else the chosen form; None if unknown."""
        forms = self.forms(name, to, label)
        if not forms:
            return None
        if rendered is not None:
            got = _form_key(rendered, to)
            if any(_form_key(f, to) == got for f in forms):
                return rendered
        return forms[0]

    def word(self, key: str, to: str, label: str | None = None) -> str | None:
        """The remembered spelling of one word, given as the model's input key (``name_key`` /
        ``latin_key``); in a person's name (``label`` PER) also the parallel-text pairs."""
        key = key.replace(_NUKTA, "") if to == "en" else key
        found = self.words.get(to, {}).get(key)
        if found is None and label == "PER":
            found = self.person_words.get(to, {}).get(key)
        return found


def _form_key(name: str, to: str) -> str:
    return _en_key(name) if to == "en" else _hi_key(name)


def load(folder: str | Path) -> NameMemory:
    """The memory in ``folder/names.json``; empty (no lookups) when the folder has none."""
    path = Path(folder) / NAMES_FILE
    if not path.is_file():
        return NameMemory()
    return NameMemory(json.loads(path.read_text(encoding="utf-8")))


def choose(counts: dict[str, int]) -> str | None:
    """The commonest spelling (ties: alphabetical), or None when it is under half of the uses."""
    if not counts:
        return None
    best = min(counts, key=lambda s: (-counts[s], s))
    return best if 2 * counts[best] >= sum(counts.values()) else None
