"""The name memory: spellings of annotated news names, learned by training/build_name_memory.py."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdigest.names import Transliterator
from newsdigest.names.memory import NAMES_FILE, NameMemory, choose, load

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "models" / "translit"
BUILD = ROOT / "training" / "build_name_memory.py"


def _article(text: str, entities: list[tuple[str, str, str]]) -> dict:
    ents = []
    for surface, label, en in entities:
        start = text.index(surface)
        ents.append({"start": start, "end": start + len(surface), "text": surface, "label": label, "en": en})
    return {"id": str(len(text)), "text": text, "entities": ents}


ARTICLES = [
    _article("चुनाव आयोग ने कहा। चुनाव आयोग ने फिर कहा। रमेश पुनिया पहुंचे।",
             [("चुनाव आयोग", "ORG", "Election Commission of Pakistan"),
              ("चुनाव आयोग ने फिर", "ORG", "Election Commission of Pakistan"),
              ("रमेश पुनिया", "PER", "Ramesh Punia")]),
    _article("चुनाव आयोग ने घोषणा की। न्यूज़ नेशन ने बताया। अली रज़ा आए।",
             [("चुनाव आयोग", "ORG", "Election Commission"), ("न्यूज़ नेशन", "ORG", "News Nation"),
              ("अली रज़ा", "PER", "Ali Raza")]),
]


def _build(tmp_path: Path, name: str = "train.jsonl") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = tmp_path / name
    data.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    out = tmp_path / "model"
    subprocess.run([sys.executable, str(BUILD), "--data", str(data), "--out", str(out)], check=True,
                   capture_output=True, text=True)
    return out


def test_choose_takes_the_commonest_spelling_and_drops_a_minority_winner():
    assert choose({"BJP": 3, "Bhajpa": 1}) == "BJP"
    assert choose({"b": 1, "a": 1}) == "a"  # ties: alphabetical
    assert choose({"a": 1, "b": 1, "c": 1}) is None  # no spelling has half of the uses
    assert choose({}) is None


def test_build_counts_each_article_once_and_is_deterministic(tmp_path):
    out = _build(tmp_path)
    first = (out / NAMES_FILE).read_bytes()
    memory = NameMemory(json.loads(first))
    # two mentions in one article and one in another: one article each, the tie goes alphabetically
    assert memory.name("चुनाव आयोग", "en", "ORG") == "Election Commission"
    assert memory.name("रमेश पुनिया", "en", "PER") == "Ramesh Punia"
    assert memory.name("रमेश पुनिया", "en", "LOC") is None  # typed: a person's name is not a place's
    assert memory.name("रमेश पुनिया", "en") == "Ramesh Punia"  # untyped: any type
    assert memory.name("Ramesh Punia", "hi", "PER") == "रमेश पुनिया"
    out2 = _build(tmp_path / "again")
    assert (out2 / NAMES_FILE).read_bytes() == first


def test_build_keeps_words_that_sound_alike_and_matches_them_without_nukta(tmp_path):
    memory = NameMemory(json.loads((_build(tmp_path) / NAMES_FILE).read_text(encoding="utf-8")))
    from newsdigest.names._text import name_key

    assert memory.word(name_key("पुनिया"), "en") == "Punia"
    assert memory.word(name_key("रजा"), "en") == "Raza"  # learned from रज़ा
    assert memory.word(name_key("नेशन"), "en") == "Nation"  # an English word the reading rules miss
    assert memory.word("punia", "hi") == "पुनिया"
    assert memory.word(name_key("आयोग"), "en") is None  # Commission is a translation, not a spelling


def test_a_form_that_adds_a_place_the_hindi_does_not_name_is_not_the_chosen_name():
    sys.path.insert(0, str(BUILD.parent))
    from build_name_memory import _without_context

    assert _without_context("इलेक्शन कमीशन", ["Election Commission of Pakistan", "ECP", "Election Commission"]) == [
        "Election Commission", "Election Commission of Pakistan", "ECP"]
    assert _without_context("स्वास्थ्य मंत्रालय", ["Jharkhand Health Department", "Health Department"])[0] == (
        "Health Department")
    # the place is in the Hindi, or part of the name itself: kept
    assert _without_context("पाकिस्तान चुनाव आयोग", ["Election Commission of Pakistan", "Election Commission"])[0] == (
        "Election Commission of Pakistan")
    assert _without_context("आकाशवाणी", ["All India Radio", "AIR"])[0] == "All India Radio"
    assert _without_context("केंद्रीय गृह मंत्रालय", ["Union Home Ministry", "Home Ministry"])[0] == (
        "Union Home Ministry")  # Union is no place here (GeoNames towns under 100,000 are not counted)


def test_a_hindi_name_is_remembered_with_its_words_joined_or_apart():
    memory = NameMemory({"whole": {"en": {"शिवसेना": {"ORG": ["Shiv Sena"]}, "लोक सभा": {"*": ["Lok Sabha"]}},
                                   "hi": {}}})
    assert memory.name("शिव सेना", "en", "ORG") == "Shiv Sena"  # was "Shiv Army": सेना alone is the army
    assert memory.name("लोकसभा", "en") == "Lok Sabha"
    assert memory.name("शिव", "en", "ORG") is None
    # names that differ only in their spaces: the one written as asked is found, none is guessed
    two = NameMemory({"whole": {"en": {"क ख": {"*": ["A"]}, "कख ग": {"*": ["B"]}, "कखग": {"*": ["C"]},
                                       "क खग": {"*": ["D"]}}, "hi": {}}})
    assert two.name("कख", "en") == "A" and two.name("कखग", "en") == "C" and two.name("क ख ग", "en") is None


def test_build_refuses_dev_files(tmp_path):
    data = tmp_path / "dev.jsonl"
    data.write_text("", encoding="utf-8")
    r = subprocess.run([sys.executable, str(BUILD), "--data", str(data), "--out", str(tmp_path / "m")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "train sets only" in r.stderr


def test_a_folder_without_names_json_has_an_empty_memory(tmp_path):
    assert not load(tmp_path)
    assert load(tmp_path).name("भाजपा", "en", "ORG") is None


@pytest.mark.model
def test_transliterator_uses_the_memory_of_its_model_folder(tmp_path):
    folder = _build(tmp_path)
    for f in ("model.safetensors", "config.json"):
        shutil.copy(SHIPPED / f, folder / f)
    with_memory, without = Transliterator(model_dir=folder), Transliterator(model_dir=folder, memory=False)
    assert with_memory.to_english_batch(["रमेश पुनिया"], ["PER"]) == ["Ramesh Punia"]
    # a new name made of a remembered word: the word keeps the remembered spelling
    assert with_memory.to_english_batch(["सुनील पुनिया"], ["PER"])[0].endswith(" Punia")
    assert without.to_english_batch(["रमेश पुनिया"], ["PER"]) != ["Ramesh Punia"]
    assert with_memory.to_hindi_batch(["Ramesh Punia"], ["PER"]) == ["रमेश पुनिया"]


@pytest.mark.model
@pytest.mark.skipif(not (SHIPPED / NAMES_FILE).is_file(), reason="no shipped name memory")
def test_shipped_memory_spells_party_acronyms_as_news_does():
    t = Transliterator()
    assert t.to_english_batch(["भाजपा"], ["ORG"]) == ["BJP"]
    assert Transliterator(memory=False).to_english_batch(["भाजपा"], ["ORG"]) != ["BJP"]


def test_build_adds_transliterated_pairs_of_the_parallel_lexicon_for_people_after_the_news_words(tmp_path):
    lexicon = {"hi_en": {"जॉर्ज": ["george", "bush"], "हार": ["defeat"], "पुनिया": ["poonia"],
                         "मस्क": ["mask"], "में": ["in"]},
               "en_hi": {"george": ["जॉर्ज"], "defeat": ["हार"], "poonia": ["पुनिया"], "mask": ["मुखौटा"],
                         "in": ["में"]},
               "scores": {"hi_en": {"जॉर्ज": [0.41, 0.08], "हार": [0.5], "पुनिया": [0.9], "मस्क": [0.6],
                                    "में": [0.7]}}}
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    subprocess.run([sys.executable, str(BUILD), "--data", str(data), "--out", str(tmp_path / "m"),
                    "--lexicon", str(path)], check=True, capture_output=True, text=True)
    memory = load(tmp_path / "m")
    from newsdigest.names._text import name_key

    assert memory.word(name_key("जॉर्ज"), "en", "PER") == "george"  # a transliteration: kept both ways
    assert memory.word("george", "hi", "PER") == "जॉर्ज"
    assert memory.word(name_key("जॉर्ज"), "en", "LOC") is None  # for people's names only
    assert memory.word(name_key("हार"), "en", "PER") is None  # a translation
    assert memory.word("in", "hi", "PER") is None  # too short to tell a spelling from a translation
    assert memory.word(name_key("मस्क"), "en", "PER") is None  # not each other's best translation
    assert memory.word(name_key("पुनिया"), "en", "PER") == "Punia"  # news-hi's spelling comes first


def _mining():
    sys.path.insert(0, str(ROOT / "training"))
    try:
        import build_name_memory
    finally:
        sys.path.pop(0)
    return build_name_memory


def test_mined_name_words_are_sound_alike_closest_pairs_of_one_document():
    mining = _mining()
    got = mining.name_words_of("माइक्रोसॉफ्ट के सीईओ सत्या नडेला ने निकासी की बात कही",
                               "Microsoft CEO Satya Nadella spoke of the News", {})
    assert ("सत्या", "Satya") in got and ("नडेला", "Nadella") in got
    assert not any(w == "News" for _, w in got)  # outlines one letter apart, spellings far apart
    assert not any(w in ("spoke", "the") for _, w in got)  # only capitalised Latin words
    # a code-mixed Hindi article writes the name in both scripts
    text = "Elon Musk News: एलन मस्क ने ट्विटर खरीदा"
    assert {("एलन", "Elon"), ("मस्क", "Musk")} <= mining.name_words_of(text, text, {})


def test_build_mines_people_name_words_from_parallel_and_code_mixed_text(tmp_path):
    mining = _mining()
    parallel = tmp_path / "parallel"
    for name in mining.PARALLEL_FILES:
        (parallel / name).parent.mkdir(parents=True, exist_ok=True)
        (parallel / name).write_text("", encoding="utf-8")
    (parallel / mining.PARALLEL_FILES[0]).write_text(json.dumps(
        {"hi": "सत्या नडेला ने कहा", "en": "Satya Nadella said"}, ensure_ascii=False) + "\n", encoding="utf-8")
    summaries = tmp_path / "val.jsonl"
    summaries.write_text(json.dumps({"heading": "Elon Musk: एलन मस्क का एलान", "article_bm25_extract": "",
                                     "summary": ""}, ensure_ascii=False) + "\n", encoding="utf-8")
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    out = tmp_path / "model"
    subprocess.run([sys.executable, str(BUILD), "--data", str(data), "--out", str(out), "--parallel",
                    str(parallel), "--summaries", str(summaries)], check=True, capture_output=True, text=True)
    memory = load(out)
    from newsdigest.names._text import name_key

    assert memory.word(name_key("नडेला"), "en", "PER") == "Nadella"
    assert memory.word(name_key("मस्क"), "en", "PER") == "Musk"
    assert memory.word("musk", "hi", "PER") == "मस्क"
    assert memory.word(name_key("मस्क"), "en", "LOC") is None  # people's names only
    refused = subprocess.run([sys.executable, str(BUILD), "--data", str(data), "--out", str(out),
                              "--summaries", str(tmp_path / "test.jsonl")], capture_output=True, text=True)
    assert refused.returncode == 2 and "train sets only" in refused.stderr
