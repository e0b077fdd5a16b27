"""The real pipeline with the shipped models: what a newsroom relies on in a digest."""
import json

import pytest

from conftest import REPO, shared_path

pytestmark = pytest.mark.slow
MIXED = REPO / "samples" / "mixed" / "crowdstrike-airline-outage-mixed.txt"


def by_name(digest, name_en):
    hits = [e for e in digest.entities if e.name_en == name_en]
    assert len(hits) == 1, (name_en, [(e.name_en, e.type) for e in digest.entities])
    return hits[0]


@pytest.fixture(scope="module")
def seed(digester):
    text = shared_path("seed", "meta-outage-hi.txt").read_text(encoding="utf-8")
    return text, digester.digest(text)


def test_seed_entities_are_merged_across_scripts_and_short_forms(seed):
    text, d = seed
    meta = by_name(d, "Meta")
    assert meta.type == "ORG" and meta.name_hi == "मेटा"
    assert {"Meta", "मेटा"} <= {m.text for m in meta.mentions}
    musk = by_name(d, "Elon Musk")
    assert musk.type == "PER" and musk.name_hi == "एलन मस्क"
    assert {"Elon Musk", "एलन मस्क", "मस्क"} <= {m.text for m in musk.mentions}
    fb = by_name(d, "Facebook")
    assert fb.type == "ORG" and fb.name_hi == "फेसबुक"
    assert {"Facebook", "फेसबुक"} <= {m.text for m in fb.mentions}


def test_seed_instagram_is_one_entity_in_both_scripts(seed):
    _, d = seed
    ig = by_name(d, "Instagram")
    assert ig.type == "ORG" and ig.name_hi == "इंस्टाग्राम"
    assert {"Instagram", "इंस्टाग्राम"} <= {m.text for m in ig.mentions}


def test_seed_names_written_only_in_devanagari_get_their_usual_english_spelling(seed):
    _, d = seed
    names = {e.name_hi: (e.type, e.name_en) for e in d.entities}
    assert names["मार्क जुकरबर्ग"] == ("PER", "Mark Zuckerberg")
    assert names["एंडी स्टोन"] == ("PER", "Andy Stone")
    assert names["अमेरिका"] == ("LOC", "America")
    assert names["कैम्ब्रिज एनालिटिका"] == ("ORG", "Cambridge Analytica")
    assert names["डाउनडिटेक्टर"] == ("ORG", "Downdetector")  # a brand met once, after "वेबसाइट मॉनिटरिंग"


def test_seed_outage_count_is_about_facebook(seed):
    _, d = seed
    (q,) = [f for f in d.facts if f.type == "quantity" and f.value == 500000]
    assert q.qualifier == "more_than" and d.entity(q.subject).name_en == "Facebook"


def test_seed_finds_people_and_organisations_written_only_in_devanagari(seed):
    _, d = seed
    found = {(e.type, e.name_hi) for e in d.entities}
    assert {("PER", "एंडी स्टोन"), ("PER", "मार्क जुकरबर्ग"), ("ORG", "कैम्ब्रिज एनालिटिका")} <= found
    for e in d.entities:
        assert e.name_en and e.name_hi, e


def test_every_offset_points_at_its_text(seed):
    text, d = seed
    for e in d.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for f in d.facts:
        assert text[f.span[0]:f.span[1]] == f.text or f.type == "quote"
    for s, e in d.sentences:
        assert text[s:e].strip() == text[s:e]


def test_same_input_gives_byte_identical_json(digester):
    text = MIXED.read_text(encoding="utf-8")
    assert digester.digest(text).to_json() == digester.digest(text).to_json()


def test_code_mixed_sample_names_companies_in_both_scripts(digester):
    d = digester.digest(MIXED.read_text(encoding="utf-8"))
    ms = by_name(d, "Microsoft")
    assert ms.type == "ORG" and ms.name_hi == "माइक्रोसॉफ्ट"
    assert by_name(d, "IndiGo").name_hi == "इंडिगो"
    types = {e.name_hi: e.type for e in d.entities}
    assert types.get("भारतीय रिज़र्व बैंक") == "ORG"


def test_digest_many_keeps_order_and_reports_bad_items_in_place(digester):
    texts = [MIXED.read_text(encoding="utf-8"), "   ", "Reuters reported from Delhi on Monday."]
    out = list(digester.digest_many(texts))
    assert len(out) == 3
    assert out[0].sha256 and isinstance(out[1], ValueError) and out[2].lang == "en"
    assert any(e.type == "ORG" for e in out[2].entities)


def test_entities_api_gives_offsets_into_each_text(digester):
    texts = ["एलन मस्क ने ट्विटर खरीदा।", "", "Sundar Pichai leads Google."]
    spans = digester.entities(texts)
    assert len(spans) == 3 and spans[1] == []
    for t, ss in zip(texts, spans):
        for s in ss:
            assert t[s.start:s.end] == s.text and s.label in ("PER", "ORG", "LOC") and 0 < s.score <= 1
    assert ("Sundar Pichai", "PER") in [(s.text, s.label) for s in spans[2]]


@pytest.mark.parametrize("text", [
    "پاکستان کے وزیر اعظم نے کہا",                 # Urdu
    "சென்னையில் மழை பெய்தது",                       # Tamil
    "BREAKING: ELON MUSK SAYS X WILL CHARGE ALL USERS",  # all caps
    "मोदी",                                          # one token
    "क ख ग " * 20000,                                  # 120,000 chars, no punctuation
])
def test_odd_inputs_give_valid_offsets_and_never_crash(digester, text):
    d = digester.digest(text)
    for e in d.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    assert json.loads(d.to_json())["source"]["chars"] == len(text)


def test_all_caps_english_still_finds_names_at_their_offsets(digester):
    text = "ELON MUSK SAID ON TUESDAY THAT GOOGLE WAS DOWN IN NEW YORK."
    found = {(s.text, s.label) for s in digester.entities([text])[0]}
    assert {("ELON MUSK", "PER"), ("GOOGLE", "ORG"), ("NEW YORK", "LOC")} <= found


def test_long_sentence_is_windowed_not_truncated(digester):
    words = ["Reuters"] + ["word"] * 600 + ["Microsoft"]
    text = " ".join(words)
    (spans,) = digester.entities([text])
    assert text.rindex("Microsoft") in [s.start for s in spans]


def test_seed_names_every_platform_company_and_person_once(seed):
    # the acceptance list of the real-news issue: single entities, right types, names in both scripts
    _, d = seed
    found = {(e.type, e.name_en.casefold()) for e in d.entities}
    want = {("ORG", "meta"), ("ORG", "facebook"), ("ORG", "instagram"), ("ORG", "x"), ("ORG", "whatsapp"),
            ("ORG", "threads"), ("ORG", "messenger"), ("PER", "andy stone"), ("PER", "elon musk"),
            ("PER", "mark zuckerberg"), ("ORG", "cambridge analytica"), ("ORG", "downdetector"), ("LOC", "america")}
    assert want <= found
    assert len([e for e in d.entities if e.name_en.casefold() in {n for _, n in want}]) == len(want)  # once each
    assert all(e.name_hi for e in d.entities)
    assert not any("पेरेंट" in m.text for e in d.entities for m in e.mentions)
