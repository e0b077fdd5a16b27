"""The other-language summary written without a translation model (summary.bilingual, summary.lexicon)."""
import json
import re
import subprocess
import sys

import pytest

from newsdigest.facts import extract_facts
from newsdigest.resources import model_dir
from newsdigest.schema import Fact
from newsdigest.summary import bilingual, lexicon as lx
from newsdigest.summary.bilingual import first_figure, format_quantity, summary_from_facts

from conftest import REPO, shared_path
from test_facts import SAMPLES, SEED_ENTITIES, make_digest, sample_digest

FILLER = re.compile(r"This report concerns|News about|The report gives|News summary|से जुड़ी (?:खबर|है)|यह खबर"
                    r"|खबर का सार")
QUOTED = re.compile(r'"[^"]*"')


def other_summary(d):
    d.facts = extract_facts(d)
    src = "hi" if d.lang in ("hi", "mixed") else "en"
    tgt = "en" if src == "hi" else "hi"
    return summary_from_facts(d, src, tgt)


@pytest.fixture(scope="module")
def seed_en():
    text = shared_path("seed", "meta-outage-hi.txt").read_text(encoding="utf-8")
    return other_summary(make_digest(text, SEED_ENTITIES, title=text.split("\n")[0]))


def test_seed_english_headline_names_meta_the_outage_reports_and_the_figure(seed_en):
    headline = seed_en.headline
    assert headline.startswith("Meta")
    assert "more than 500,000" in headline and "reports" in headline and "Downdetector" in headline


def test_seed_english_bullets_give_the_figures_with_their_source_and_no_hindi_outside_quotes(seed_en):
    assert ("Downdetector recorded more than 500,000 outage reports for Facebook and more than 88,000 for Instagram."
            in seed_en.bullets)
    for line in [seed_en.headline] + seed_en.bullets:
        assert not re.search(r"[\u0900-\u097f]", QUOTED.sub("", line)), line


def test_seed_quote_stays_in_hindi_and_is_marked_so(seed_en):
    stone = [b for b in seed_en.bullets if b.startswith("Andy Stone")]
    assert stone and stone[0].startswith('Andy Stone, spokesperson for Meta, said (in Hindi): "हम अभी इस पर काम')


@pytest.mark.parametrize("path", SAMPLES + ["seed"], ids=lambda p: getattr(p, "stem", p))
def test_other_language_summary_has_no_template_filler_and_names_the_lead_actor(path):
    if path == "seed":
        text = shared_path("seed", "meta-outage-hi.txt").read_text(encoding="utf-8")
        d = make_digest(text, SEED_ENTITIES, title=text.split("\n")[0])
    else:
        d, _ = sample_digest(path)
    s = other_summary(d)
    tgt = "en" if d.lang in ("hi", "mixed") else "hi"
    for line in [s.headline] + s.bullets:
        assert not FILLER.search(line), line
    lead = next(e for e in d.entities if bilingual.entity_name(e, tgt))
    assert bilingual.entity_name(lead, tgt) in s.headline


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.parent.name == "en"], ids=lambda p: p.stem)
def test_hindi_side_of_an_english_sample_has_no_latin_letters_outside_quotes(path):
    d, _ = sample_digest(path)
    s = other_summary(d)
    assert s.bullets
    for line in [s.headline] + s.bullets:
        assert not re.search(r"[A-Za-z]", QUOTED.sub("", line)), line


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_articles_first_figure_is_in_the_other_language_summary(path):
    from newsdigest.preprocess import format_number

    d, _ = sample_digest(path)
    s = other_summary(d)
    figure = first_figure(d)
    if figure is None:
        pytest.skip("no figure in this sample")
    tgt = "en" if d.lang in ("hi", "mixed") else "hi"
    assert format_number(figure.value, tgt) in " ".join([s.headline] + s.bullets)


def test_english_counts_become_a_hindi_count_with_the_oblique_plural_and_an_agreeing_verb():
    text = "IndiGo cancelled about 200 flights on Monday. The airline said fog was the reason."
    d = make_digest(text, [("ORG", "इंडिगो", "IndiGo", ["IndiGo"])], lang="en")
    s = other_summary(d)
    assert "इंडिगो के लिए उड़ानों की संख्या करीब 200 रही।" in s.bullets
    assert all("उड़ानें का" not in b for b in s.bullets)


def test_a_hindi_figure_says_what_happened_to_what_it_counts():
    text = "कोहरे की वजह से स्पाइसजेट ने सोमवार को करीब 300 उड़ानें रद्द कीं। यात्री हवाई अड्डे पर फंसे रहे।"
    d = make_digest(text, [("ORG", "स्पाइसजेट", "SpiceJet", ["स्पाइसजेट"])], lang="hi")
    s = other_summary(d)
    figure = next(f for f in d.facts if f.type == "quantity")
    assert figure.extra["predicate"] == "रद्द"
    assert "SpiceJet: about 300 flights cancelled." in s.bullets
    assert "The figure for" not in " ".join(s.bullets)


def test_a_change_is_written_with_its_direction_in_both_languages():
    from newsdigest.summary.bilingual import describe_fact

    hi = make_digest("इस घटना के बाद CrowdStrike के शेयर करीब 11% गिर गए। कंपनी ने माफी मांगी।",
                     [("ORG", "क्राउडस्ट्राइक", "CrowdStrike", ["CrowdStrike"])], lang="hi")
    s = other_summary(hi)
    assert "CrowdStrike's shares fell about 11%." in s.bullets
    assert s.headline == "CrowdStrike's shares fell about 11%"
    assert "The figure for" not in " ".join(s.bullets)
    fact = next(f for f in hi.facts if f.type == "quantity")
    assert describe_fact(hi, fact, "hi") == "क्राउडस्ट्राइक: शेयर में करीब 11 प्रतिशत की गिरावट।"
    en = make_digest("CrowdStrike shares fell about 11% on Friday, Reuters reported. The firm apologised.",
                     [("ORG", "क्राउडस्ट्राइक", "CrowdStrike", ["CrowdStrike"]),
                      ("ORG", "रॉयटर्स", "Reuters", ["Reuters"])], lang="en")
    s = other_summary(en)
    assert "रॉयटर्स के मुताबिक, क्राउडस्ट्राइक: शेयर में करीब 11 प्रतिशत की गिरावट।" in s.bullets
    assert s.headline == "क्राउडस्ट्राइक: शेयर में करीब 11 प्रतिशत की गिरावट, रॉयटर्स के मुताबिक"


def test_a_change_in_points_keeps_its_unit_in_the_oblique_plural():
    from newsdigest.summary.bilingual import describe_fact

    d = make_digest("सेंसेक्स 500 अंक लुढ़क गया।", [("ORG", "सेंसेक्स", "Sensex", ["सेंसेक्स"])], lang="hi")
    d.facts = extract_facts(d)
    assert describe_fact(d, d.facts[0], "hi") == "सेंसेक्स में 500 अंकों की गिरावट।"


def test_a_hindi_count_in_the_oblique_plural_is_written_as_a_number_of():
    from newsdigest.summary.bilingual import describe_fact

    d = make_digest("भारतीय रिज़र्व बैंक (RBI) के मुताबिक सिर्फ 10 बैंकों को मामूली दिक्कत हुई।",
                    [("ORG", "भारतीय रिज़र्व बैंक", "Reserve Bank of India", ["भारतीय रिज़र्व बैंक", "RBI"])])
    d.facts = extract_facts(d)
    fact = next(f for f in d.facts if f.type == "quantity")
    assert describe_fact(d, fact, "hi") == "भारतीय रिज़र्व बैंक के मुताबिक, बैंकों की संख्या 10 रही।"


def test_what_happened_to_a_counted_figure_is_said_in_english():
    from newsdigest.summary.bilingual import describe_fact

    d = make_digest("माइक्रोसॉफ्ट के मुताबिक इससे करीब 85 लाख Windows डिवाइस प्रभावित हुए। दुनियाभर में 5,000 से ज्यादा "
                    "उड़ानें रद्द हुईं।", [("ORG", "माइक्रोसॉफ्ट", "Microsoft", ["माइक्रोसॉफ्ट"])])
    d.facts = extract_facts(d)
    devices, flights = [f for f in d.facts if f.type == "quantity"]
    assert devices.extra["counted"] == "Windows डिवाइस"
    assert describe_fact(d, devices, "en") == "According to Microsoft, about 8.5 million Windows devices were affected."
    assert describe_fact(d, flights, "en") == "More than 5,000 flights were cancelled."


def test_a_reporting_verb_is_the_source_of_a_figure_not_what_happened():
    text = "डाउनडिटेक्टर ने 40 हजार से ज्यादा शिकायतें दर्ज कीं।"
    d = make_digest(text, [("ORG", "डाउनडिटेक्टर", "Downdetector", ["डाउनडिटेक्टर"])], lang="hi")
    other_summary(d)
    assert "predicate" not in next(f for f in d.facts if f.type == "quantity").extra


def test_english_quote_in_a_hindi_summary_stays_english_and_is_marked():
    text = ('"We are working on it," Meta spokesperson Andy Stone said on Tuesday. '
            'Downdetector recorded more than 500,000 reports for Facebook.')
    d = make_digest(text, [("ORG", "मेटा", "Meta", ["Meta"]), ("PER", "एंडी स्टोन", "Andy Stone", ["Andy Stone"]),
                           ("ORG", "डाउनडिटेक्टर", "Downdetector", ["Downdetector"]),
                           ("ORG", "फेसबुक", "Facebook", ["Facebook"])], lang="en")
    s = other_summary(d)
    assert 'मेटा के प्रवक्ता एंडी स्टोन ने कहा (अंग्रेज़ी में): "We are working on it"' in s.bullets


def test_reported_speech_is_not_shown_in_the_other_language():
    text = ("मुख्यमंत्री हिमंत बिस्वा सरमा ने कहा कि राज्य में 29 जिलों के 21 लाख से ज्यादा लोग प्रभावित हैं। "
            "बाढ़ से हालात खराब हैं।")
    d = make_digest(text, [("PER", "हिमंत बिस्वा सरमा", "Himanta Biswa Sarma", ["हिमंत बिस्वा सरमा"])])
    d.facts = extract_facts(d)
    assert any(f.type == "reported" for f in d.facts)
    s = summary_from_facts(d, "hi", "en")
    assert not any("said" in b for b in s.bullets)


def test_same_input_gives_the_same_summary_in_another_process():
    code = ("import json,sys; sys.path.insert(0,'tests'); from test_facts import make_digest; "
            "from newsdigest.facts import extract_facts; from newsdigest.summary.bilingual import summary_from_facts; "
            "d=make_digest(open('samples/hi/assam-flood-hi.txt',encoding='utf-8').read(), "
            "[('LOC','असम','Assam',['असम']),('LOC','काजीरंगा','Kaziranga',['काजीरंगा'])]); d.facts=extract_facts(d); "
            "print(json.dumps(summary_from_facts(d,'hi','en').to_dict(), ensure_ascii=False))")
    outs = [subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")]
    assert outs[0] == outs[1] and json.loads(outs[0])["bullets"]


# -- words: CLDR, lexicon, morphology -------------------------------------------------------------------

@pytest.mark.parametrize("noun, oblique", [
    ("उड़ानें", "उड़ानों"), ("महिलाएं", "महिलाओं"), ("यात्री", "यात्रियों"), ("मामले", "मामलों"), ("लोग", "लोगों"),
    ("बच्चे", "बच्चों"), ("नौकरियां", "नौकरियों"), ("रिपोर्ट", "रिपोर्टों"), ("आउटेज रिपोर्ट", "आउटेज रिपोर्टों"),
    ("उड़ानों", "उड़ानों"),
])
def test_oblique_plural(noun, oblique):
    assert lx.oblique_plural(noun) == oblique


@pytest.mark.parametrize("noun, plural", [("flight", "flights"), ("city", "cities"), ("bus", "buses"),
                                          ("people", "people"), ("reports", "reports"), ("outage report", "outage reports")])
def test_english_plural(noun, plural):
    assert lx.english_plural(noun) == plural


def test_other_currencies_are_written_with_their_cldr_names():
    fact = Fact(id="F1", type="quantity", text="3 trillion yen", span=(0, 14), value=3_000_000_000_000,
                qualifier=None, unit="JPY", subject=None, speaker=None, sentence=0)
    assert format_quantity(fact, "en") == "3 trillion Japanese yen"
    assert format_quantity(fact, "hi") == "3 लाख करोड़ जापानी येन"


def test_units_months_and_language_names_come_from_cldr():
    km = Fact(id="F1", type="quantity", text="12.69 km", span=(0, 8), value=12.69, unit="km")
    assert format_quantity(km, "en") == "12.69 kilometres" and format_quantity(km, "hi") == "12.69 किलोमीटर"
    assert lx.month_name(3, "hi") == "मार्च" and lx.month_name(3, "en") == "March"
    assert bilingual.LANG_NAMES["hi"]["en"] == "अंग्रेज़ी" and bilingual.LANG_NAMES["en"]["hi"] == "Hindi"


def test_lexicon_translates_news_nouns_both_ways_with_nukta_folded():
    lex = lx.load_lexicon()
    assert "districts" in lex.english("जिलों") and "people" in lex.english("लोगों")
    assert lex.english("ज़िलों") == lex.english("जिलों")
    assert any(h in ("उड़ानें", "उड़ानों", "उड़ान") for h in lex.hindi("flights"))


def test_a_hindi_translation_hindi_text_writes_comes_before_a_misspelling_of_it():
    # the parallel text repeats अर्थ्व्यवस्था, which was the lexicon's first Hindi word for "economy"
    assert lx.load_lexicon().hindi("economy")[0] == "अर्थव्यवस्था"


def test_shipped_lexicon_is_trained_only_on_sets_whose_licences_allow_it():
    data = json.loads((model_dir("lexicon-hi-en") / "lexicon.json").read_text(encoding="utf-8"))
    sets = {s["set"].split("/")[0] for s in data["sets"]}
    assert sets and not sets & {"flores200-hi-en", "pud-hi-en", "il-ilgov-hi-en", "misc-hi-en", "hinglish-en"}
    card = (model_dir("lexicon-hi-en") / "README.md").read_text(encoding="utf-8")
    assert all(s["licence"].split(" ")[0] in card for s in data["sets"])


def test_counted_nouns_the_lexicon_lacks_come_from_the_encoders_word_pairs():
    from newsdigest.summary.counted import pair_english, render_counted

    # were left in Hindi, in quotation marks: the parallel-text lexicon has no pair for them
    assert render_counted("शिकायतें", "hi", "en", 100000) == ("complaints", True)
    assert render_counted("रन", "hi", "en", 117) == ("runs", True)
    # a genitive's head is seldom what the number counts (two terms, not "2 reasons"): no pair for it
    assert render_counted("कार्यकालों की वजह", "hi", "en", 2) == ('"कार्यकालों की वजह"', False)
    assert render_counted("complaints", "en", "hi", 5000) == ("शिकायतें", True)
    assert render_counted("complaints", "en", "hi", 5000, case="oblique") == ("शिकायतों", True)
    # a pair that only sounds like its word is no translation (मोटी is thick, not "mott"); a word the
    # lexicon gives as a function word gets none (हर = every, not "har"); inside a longer phrase a word's
    # nearest pair need not be its sense (ऊंची कक्षा, a high orbit, is not "classes"), so it stays quoted
    assert pair_english("मोटी") is None
    assert render_counted("हर", "hi", "en", 2) == ('"हर"', False)
    assert render_counted("ऊंची कक्षा", "hi", "en", 475) == ('"ऊंची कक्षा"', False)


def test_shipped_word_pairs_hold_pairs_above_the_stored_thresholds_and_a_card():
    data = json.loads((model_dir("word-pairs-hi-en") / "word_pairs.json").read_text(encoding="utf-8"))
    low = data["settings"]["store_min_cosine"], data["settings"]["store_min_csls"]
    assert all(c >= low[0] and s >= low[1] for pairs in data["hi_en"].values() for _, c, s, _ in pairs)
    card = (model_dir("word-pairs-hi-en") / "README.md").read_text(encoding="utf-8")
    assert "MIT" in card and "training/induce_word_pairs.py" in card


def test_without_a_lexicon_the_summary_still_gives_names_and_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDIGEST_MODELS", str(tmp_path))
    text = "IndiGo cancelled about 200 flights on Monday. The airline said fog was the reason."
    d = make_digest(text, [("ORG", "इंडिगो", "IndiGo", ["IndiGo"])], lang="en")
    s = other_summary(d)
    assert s.headline.startswith("इंडिगो") and any("करीब 200" in b for b in s.bullets)


@pytest.mark.parametrize("text, en, hi", [
    ("1 फीसदी से भी कम", "less than 1%", "1 प्रतिशत से कम"),  # was "up to 1%" / "1 प्रतिशत तक"
    ("1 फीसदी तक", "up to 1%", "1 प्रतिशत तक"),
    ("up to 1%", "up to 1%", "1 प्रतिशत तक"),
    ("under 1%", "less than 1%", "1 प्रतिशत से कम"),
])
def test_less_than_and_up_to_are_written_as_the_text_says(text, en, hi):
    fact = Fact(id="F1", type="quantity", text=text, span=(0, len(text)), value=1, qualifier="less_than",
                unit="percent")
    assert format_quantity(fact, "en") == en and format_quantity(fact, "hi") == hi


def test_an_events_predicate_is_written_in_english_when_the_lexicon_gives_its_participle():
    from newsdigest.summary.bilingual import _event_english, describe_fact

    d = make_digest("मेटा ने भी बयान जारी कर दिया है। एलन मस्क ने चुटकी ली।",
                    [("ORG", "मेटा", "Meta", ["मेटा"]), ("PER", "एलन मस्क", "Elon Musk", ["एलन मस्क"])], lang="hi")
    d.facts = extract_facts(d)
    events = [describe_fact(d, f, "en") for f in d.facts if f.type == "event"]
    assert "Meta: issued — statement" in events  # was "Meta: जारी कर दिया है — बयान (in Hindi)"
    assert "Elon Musk: चुटकी ली (in Hindi)" in events  # an idiom the lexicon has no participle for
    assert _event_english("सामना करना पड़ा", None) == "faced"
    assert _event_english("लगाया था", None) is None  # a verb with its own auxiliary is not a noun + light verb
    assert _event_english("जारी है", None) is None  # "goes on", not "issued"


def test_a_bare_percentage_says_what_it_measures_when_the_clause_names_it():
    from newsdigest.summary.bilingual import describe_fact

    d = make_digest("A fall in jobseekers pushed the unemployment rate to 5.2% in January. "
                    "On an annual basis, the data suggests annual growth of just 0.2%. "
                    "But its film division saw profits slump 27%.", lang="en")
    d.facts = extract_facts(d)
    by_text = {f.text: f for f in d.facts if f.type == "quantity"}
    assert by_text["5.2%"].extra["measured"] == "unemployment rate"
    assert describe_fact(d, by_text["5.2%"], "en") == "Unemployment rate: 5.2%."  # was "The figure given is 5.2%."
    assert describe_fact(d, by_text["0.2%"], "hi") == "वार्षिक विकास: 0.2 प्रतिशत।"  # was "आंकड़ा 0.2 प्रतिशत रहा।"
    # a change the change rules do not read ("slump") is not passed off as a level of profits
    assert "measured" not in by_text["27%"].extra


def test_an_amount_of_something_after_a_genitive_is_no_count_of_it():
    from newsdigest.summary.bilingual import describe_fact

    d = make_digest("मस्क के इस पोस्ट को 21 लाख से ज्यादा की रीच मिली है। यह बात कल की है।",
                    [("PER", "एलन मस्क", "Elon Musk", ["मस्क"])], lang="hi")
    d.facts = extract_facts(d)
    fact = next(f for f in d.facts if f.type == "quantity")
    assert fact.extra["amount_of"] == "की"
    assert describe_fact(d, fact, "en") == "Elon Musk: a reach of more than 2.1 million."  # was "... 2.1 million reaches"
    assert describe_fact(d, fact, "hi") == "एलन मस्क: 21 लाख से ज्यादा की रीच।"
