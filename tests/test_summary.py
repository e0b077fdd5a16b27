"""Summaries in both languages, ROUGE with Hindi tokenization, and the grounding of every bullet."""
import json
import re

import numpy as np
import pytest

from newsdigest.facts import extract_facts
from newsdigest.preprocess import find_quantities
from newsdigest.summary import summarize
from newsdigest.summary.extractive import (FEATURES, SentenceScorer, candidate_sentences, select,
                                           shorten)
from newsdigest.evaluation.rouge import cap_words, rouge_scores, tokenize

from conftest import shared_path
from test_facts import SAMPLES, SEED_ENTITIES, make_digest, sample_digest


def digest_with_summary(d, embeddings=None, **kw):
    d.facts = extract_facts(d)
    d.summary = summarize(d, embeddings, **kw)
    return d


# -- ROUGE ---------------------------------------------------------------------------------------

def test_tokenize_keeps_devanagari_words_whole_with_their_vowel_signs():
    assert tokenize("प्रधानमंत्री नरेंद्र मोदी ने कहा।") == ["प्रधानमंत्री", "नरेंद्र", "मोदी", "ने", "कहा"]


def test_tokenize_folds_nukta_digits_and_case():
    assert tokenize("ज़्यादा २०२५ Meta") == tokenize("ज्यादा 2025 meta")


def test_rouge_values_on_a_worked_example():
    s = rouge_scores("a b c d", "a b e")
    r1, r2, rl = s["rouge1"], s["rouge2"], s["rougeL"]
    assert (r1.precision, r1.recall) == (0.5, 2 / 3) and r1.f1 == pytest.approx(4 / 7)
    assert (r2.precision, r2.recall) == (1 / 3, 1 / 2)
    assert (rl.precision, rl.recall) == (0.5, 2 / 3)


def test_rouge_of_identical_hindi_texts_is_one_and_of_disjoint_is_zero():
    s = rouge_scores("मेटा ने बयान जारी किया", "मेटा ने बयान जारी किया")
    assert all(v.f1 == 1.0 for v in s.values())
    assert rouge_scores("मेटा ने बयान", "बाढ़ से हालात")["rouge1"].f1 == 0.0


def test_rouge_score_alone_is_blind_to_hindi_and_our_tokenizer_fixes_it():
    from rouge_score import rouge_scorer

    plain = rouge_scorer.RougeScorer(["rouge1"]).score("मेटा ने बयान जारी किया", "मेटा ने बयान दिया")
    assert plain["rouge1"].fmeasure == 0.0  # the package's default tokenizer drops every Devanagari letter
    assert rouge_scores("मेटा ने बयान दिया", "मेटा ने बयान जारी किया")["rouge1"].f1 == pytest.approx(6 / 9)


def test_rouge_counts_repeated_ngrams_only_as_often_as_the_reference_has_them():
    assert rouge_scores("का का का", "का")["rouge1"].precision == pytest.approx(1 / 3)


def test_cap_words_keeps_the_first_n_words():
    assert cap_words("एक दो  तीन\nचार", 3) == "एक दो तीन"


# -- extractive ----------------------------------------------------------------------------------

LONG_HI = ("नई दिल्ली में आज बड़ी बैठक हुई।\n" + " ".join(
    f"सरकार ने योजना के {k} वें चरण में नए काम शुरू करने का फैसला लिया है।" for k in range(1, 20)))


def test_summary_has_both_languages_and_three_to_five_bullets_in_document_order():
    d = digest_with_summary(make_digest(LONG_HI, [("LOC", "नई दिल्ली", "New Delhi", ["नई दिल्ली"])]))
    assert set(d.summary) == {"hi", "en"}
    hi = d.summary["hi"]
    assert 3 <= len(hi.bullets) <= 5 and hi.method == "extractive"
    positions = [d.text.index(b) for b in hi.bullets]
    assert positions == sorted(positions)


def test_headline_is_the_title_when_the_article_has_one():
    text = "बाढ़ से हालात खराब\nअसम में भारी बारिश से बाढ़ के हालात और बिगड़ गए हैं। कई जिलों में लोग प्रभावित हैं।"
    d = digest_with_summary(make_digest(text, title="बाढ़ से हालात खराब"))
    assert d.summary["hi"].headline == "बाढ़ से हालात खराब"
    assert "बाढ़ से हालात खराब" not in d.summary["hi"].bullets


def test_headline_without_title_is_the_best_sentence_shortened():
    text = ("Mumbai's first underground metro line opened to passengers on Monday, two days after the "
            "Prime Minister inaugurated its first phase at a ceremony in the city, officials said. "
            "The line links Aarey with the business district. Fares range from ten to fifty rupees.")
    d = digest_with_summary(make_digest(text, lang="en"))
    headline = d.summary["en"].headline
    assert 0 < len(headline.split()) <= 15 and headline.split()[0] in text


def test_a_headline_does_not_open_with_a_conjunction_that_points_back():
    assert shorten("लेकिन जल्द ही ऐसी महिलाओं के लिए एक वैकल्पिक दवा सामने आ सकती है.") == (
        "जल्द ही ऐसी महिलाओं के लिए एक वैकल्पिक दवा सामने आ सकती है")
    assert shorten("However, the council approved the budget on Monday.") == "The council approved the budget on Monday"
    assert shorten("लेकिन क्यों?") == "लेकिन क्यों?"  # too short without it


def test_shorten_cuts_at_a_clause_boundary():
    s = "India won the title on Sunday, beating New Zealand by four wickets in a tense final at the stadium."
    assert shorten(s) == "India won the title on Sunday"


@pytest.mark.parametrize("sentence, headline", [
    ("टाइम्स ऑफ इंडिया में छपी ख़बर के अनुसार, हिमाचल प्रदेश के राणा मंडी ज़िले के गोलवां गांव के रहने वाले हैं.",
     "हिमाचल प्रदेश के राणा मंडी ज़िले के गोलवां गांव के रहने वाले हैं"),  # the attribution alone says nothing
    ("According to the police, three people were killed when the bus overturned.",
     "Three people were killed when the bus overturned"),
    ("पुलिस के मुताबिक़, बस पलटने से तीन लोग मारे गए।", "बस पलटने से तीन लोग मारे गए"),
    ("पुरूष वर्ग में भारत के अलावा चीन, आयरलैंड, बांग्लादेश, ओमान और फिजी शामिल हैं जबकि महिला वर्ग में जापान "
     "और रूस की टीमें भाग ले रही हैं.",
     "पुरूष वर्ग में भारत के अलावा चीन, आयरलैंड, बांग्लादेश, ओमान और फिजी शामिल हैं …"),  # not cut inside a list
])
def test_shorten_leaves_out_an_attribution_and_keeps_a_list_whole(sentence, headline):
    assert shorten(sentence) == headline


def test_mmr_skips_a_near_duplicate_of_a_chosen_sentence():
    scores = np.array([3.0, 2.9, 2.5, 1.0, 0.5])
    similarity = np.full((5, 5), 0.8) + 0.2 * np.eye(5)  # encoder embeddings are all fairly similar
    similarity[0, 1] = similarity[1, 0] = 0.99
    assert select(scores, similarity, k=2, lam=0.7) == [0, 2]


def test_headings_and_read_more_lines_are_not_bullets():
    text = ("Big news today\nThe council approved the new budget on Monday after a long debate.\n"
            "What happens next\nAlso read: ten other stories you may like today.\n"
            "Work on the new roads will start in March, the mayor said.")
    d = make_digest(text, lang="en", title="Big news today")
    picked = [d.text[slice(*d.sentences[i])] for i in candidate_sentences(d)]
    assert picked == ["The council approved the new budget on Monday after a long debate.",
                      "Work on the new roads will start in March, the mayor said."]


def test_calls_to_action_and_their_bracketed_asides_are_never_bullets_or_the_headline():
    body = ("राजधानी में मंगलवार को नई मेट्रो लाइन पर यात्री सेवा शुरू हो गई है. अधिकारियों के मुताबिक पहले दिन "
            "करीब बीस हज़ार लोगों ने सफ़र किया. किराया दस से साठ रुपये के बीच रखा गया है.")
    promo = ("(हमारे एंड्रॉएड ऐप के लिए \n\n\nयहां क्लिक कर सकते हैं. आप हमें \n\n\nफ़ेसबुक और \n\n\n"
             "ट्विटर पर फ़ॉलो भी कर सकते हैं.)")
    caption = "इमेज स्रोत, स्थानीय प्रशासन की ओर से जारी तस्वीर में नई मेट्रो लाइन का स्टेशन दिख रहा है."
    d = digest_with_summary(make_digest(caption + "\n" + body + promo))
    summary = d.summary["hi"]
    for text in summary.bullets + [summary.headline]:
        assert "क्लिक" not in text and "फ़ॉलो" not in text and "इमेज स्रोत" not in text
        assert not text.endswith("(")
    assert summary.bullets[0].startswith("राजधानी में मंगलवार को")


def test_a_link_text_glued_to_the_next_sentence_is_no_bullet_and_no_headline():
    body = ("कैसी है स्तन के बगैर ज़िंदगी- आपबीती पढ़िएलेकिन जल्द ही ऐसी महिलाओं के लिए नई सर्जरी उपलब्ध होगी। "
            "डॉक्टरों के मुताबिक इस तकनीक से हर साल हज़ारों मरीज़ों को राहत मिलेगी। अस्पताल अगले महीने से इसकी शुरुआत करेगा।")
    d = make_digest(body)
    picked = [d.text[slice(*d.sentences[i])] for i in candidate_sentences(d)]
    assert picked[0] == "लेकिन जल्द ही ऐसी महिलाओं के लिए नई सर्जरी उपलब्ध होगी।"
    assert not any("पढ़िए" in p for p in picked)  # the link's text, now a sentence of its own, is a call to action
    said = make_digest("मंत्री ने छात्रों से कहा कि यह किताब ज़रूर पढ़िए। यह बात उन्होंने कल एक समारोह में कही।")
    assert 0 in candidate_sentences(said)  # a sentence that reports the imperative is news


def test_news_about_apps_and_followers_is_not_mistaken_for_a_call_to_action():
    text = ("कंपनी के मुताबिक उपयोगकर्ता अब नया ऐप डाउनलोड कर सकते हैं। इस अभिनेता को इंस्टाग्राम पर दो करोड़ लोग "
            "फॉलो करते हैं। Fans follow him on Instagram every day.")
    d = make_digest(text)
    assert len(candidate_sentences(d)) == 3


def test_a_bullet_is_at_most_400_characters_and_ends_at_a_clause_never_inside_a_word():
    from newsdigest.summary.extractive import MAX_BULLET_CHARS, bullet_text

    long_sentence = ("सरकार ने बुधवार को देश के सभी राज्यों में सड़क सुरक्षा के लिए नई योजना की घोषणा की, "
                     + "जिसके तहत हर ज़िले में निगरानी केंद्र बनाए जाएंगे और पुराने पुलों की जांच होगी, " * 8
                     + "और इसकी समीक्षा हर तीन महीने पर की जाएगी।")
    d = make_digest(long_sentence + " परिवहन मंत्री ने कहा कि काम अगले महीने से शुरू होगा।")
    bullet = bullet_text(d, 0)
    assert len(long_sentence) > MAX_BULLET_CHARS >= len(bullet)
    assert bullet.endswith(" …")
    kept = bullet[:-2]
    assert long_sentence.startswith(kept) and long_sentence[len(kept)] in ",; "  # cut before a clause mark


def test_a_sentence_cut_by_the_splitter_inside_a_clause_is_marked_as_going_on():
    from newsdigest.summary.extractive import bullet_text

    run_on = " ".join(["नदी के किनारे बसे गांवों में पानी भर जाने से लोग ऊंचे स्थानों की ओर जा रहे हैं"] * 6) + "।"
    d = make_digest(run_on)
    assert len(d.sentences) >= 2  # no clause mark: cut at a space within 400 characters
    first = bullet_text(d, 0)
    assert first.endswith(" …") and run_on.startswith(first[:-2])
    assert bullet_text(d, len(d.sentences) - 1).endswith("।")


def test_a_sentence_opening_with_a_pronoun_loses_to_one_that_stands_alone():
    # position 2 opens with "उन्होंने" and its antecedent (position 1) is not chosen: position 3 wins
    scores = np.array([3.0, 0.0, 2.0, 1.9])
    similarity = np.eye(4)
    assert select(scores, similarity, k=2, lam=1.0, dangling={2: 1}) == [0, 3]
    assert select(scores, similarity, k=2, lam=1.0, dangling={2: 1}, dangling_penalty=0.0) == [0, 2]
    # with its antecedent chosen, the pronoun sentence is fine
    assert select(scores, similarity, k=3, lam=1.0, dangling={2: 0}, forced=(0,)) == [0, 2, 3]


def test_summary_length_follows_the_article_short_sentences_give_more_bullets():
    short = " ".join(f"मेले के {k} वें दिन शहर में भारी भीड़ रही।" for k in range(1, 12))
    long = " ".join(f"मेले के {k} वें दिन शहर के सभी प्रमुख बाज़ारों, मंदिरों और घाटों पर सुबह से देर रात तक "
                    f"भारी भीड़ रही और प्रशासन को यातायात के लिए कई रास्ते बदलने पड़े तथा अतिरिक्त पुलिस बल "
                    f"तैनात करना पड़ा।" for k in range(1, 12))
    n_short = len(digest_with_summary(make_digest(short)).summary["hi"].bullets)
    n_long = len(digest_with_summary(make_digest(long)).summary["hi"].bullets)
    assert n_long < n_short and n_long >= 1 and n_short <= 5


def test_embeddings_of_the_wrong_length_are_ignored_with_a_warning():
    d = digest_with_summary(make_digest(LONG_HI), embeddings=np.ones((3, 384)) / np.sqrt(384))
    assert d.summary["hi"].bullets and any("embeddings" in w for w in d.warnings)


def test_a_learned_scorer_file_is_used_when_present(tmp_path, monkeypatch):
    from newsdigest.summary import extractive

    # A scorer that only likes long sentences picks the longest ones.
    w = [0.0] * len(FEATURES)
    w[FEATURES.index("log_words")] = 1.0
    model = {"mean": [0.0] * len(FEATURES), "std": [1.0] * len(FEATURES), "w": w, "b": 0.0, "emb_w": None}
    (tmp_path / "scorer.json").write_text(json.dumps(
        {"features": FEATURES, "models": {"without_embeddings": model}, "selection": {"mmr_lambda": 1.0}}))
    (tmp_path / "sentence-scorer").mkdir()
    (tmp_path / "sentence-scorer" / "scorer.json").write_text((tmp_path / "scorer.json").read_text())
    monkeypatch.setenv("NEWSDIGEST_MODELS", str(tmp_path))
    extractive._DEFAULT.clear()
    try:
        scorer = extractive.load_default_scorer()
        assert isinstance(scorer, SentenceScorer)
        text = "Short one here now. " + "This is a much longer sentence with many more words in it than the others. " \
               "Another short one here. A medium sentence with a few more words. Tiny line is here."
        d = make_digest(text, lang="en")
        d.facts = extract_facts(d)
        bullets = summarize(d, None)["en"].bullets
        assert "This is a much longer sentence with many more words in it than the others." in bullets
    finally:
        extractive._DEFAULT.clear()


def test_a_missing_scorer_falls_back_to_the_heuristic(tmp_path, monkeypatch):
    from newsdigest.summary import extractive

    monkeypatch.setenv("NEWSDIGEST_MODELS", str(tmp_path / "absent"))
    extractive._DEFAULT.clear()
    try:
        assert extractive.load_default_scorer() is None
        assert digest_with_summary(make_digest(LONG_HI)).summary["hi"].bullets
    finally:
        extractive._DEFAULT.clear()


# -- bad input -----------------------------------------------------------------------------------

def test_one_sentence_article_gives_one_bullet_and_a_warning():
    d = digest_with_summary(make_digest("असम में भारी बारिश से बाढ़ के हालात और बिगड़ गए हैं।"))
    assert d.summary["hi"].bullets == ["असम में भारी बारिश से बाढ़ के हालात और बिगड़ गए हैं।"]
    assert any("only 1 body sentence" in w for w in d.warnings)
    assert d.facts == [] and d.summary["en"].bullets == []


def test_headline_only_article_has_no_bullets_and_says_so():
    d = digest_with_summary(make_digest("बाढ़ से हालात खराब", title="बाढ़ से हालात खराब"))
    assert d.summary["hi"].headline == "बाढ़ से हालात खराब" and d.summary["hi"].bullets == []
    assert any("no body sentences" in w for w in d.warnings)


def test_three_hundred_sentences_give_at_most_five_bullets():
    text = " ".join(f"शहर के {k} नंबर वार्ड में आज नई सड़क का काम शुरू हुआ है।" for k in range(300))
    d = make_digest(text)
    digest_with_summary(d, embeddings=np.eye(300, 384))
    assert 3 <= len(d.summary["hi"].bullets) <= 5


# -- the other language --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    text = shared_path("seed", "meta-outage-hi.txt").read_text(encoding="utf-8")
    return digest_with_summary(make_digest(text, SEED_ENTITIES, title=text.split("\n")[0]))


def test_seed_english_summary_names_meta_and_gives_more_than_500000(seed):
    en = seed.summary["en"]
    joined = " ".join([en.headline] + en.bullets)
    assert "Meta" in joined and "more than 500,000" in joined
    assert ("Downdetector recorded more than 500,000 outage reports for Facebook and more than 88,000 for Instagram."
            in en.bullets)


def test_seed_english_summary_attributes_stones_quote_and_marks_it_as_hindi(seed):
    assert any(b.startswith('Andy Stone, spokesperson for Meta, said (in Hindi): "हम अभी इस पर काम कर रहे हैं।')
               for b in seed.summary["en"].bullets)


def test_english_article_gets_a_hindi_summary_in_hindi_conventions():
    text = ('Downdetector recorded more than 500,000 outage reports for Facebook. '
            '"We are working on it," Meta spokesperson Andy Stone said. The outage lasted about an hour.')
    d = digest_with_summary(make_digest(text, [("ORG", "मेटा", "Meta", ["Meta"]), ("PER", "एंडी स्टोन", "Andy Stone", ["Andy Stone"]),
                                               ("ORG", "डाउनडिटेक्टर", "Downdetector", ["Downdetector"]),
                                               ("ORG", "फेसबुक", "Facebook", ["Facebook"])], lang="en"))
    hi = d.summary["hi"]
    assert hi.method == "from_facts"
    # the figure's source, whom it concerns, the count in the direct case with an agreeing verb
    assert any(b.startswith("डाउनडिटेक्टर के मुताबिक, फेसबुक के लिए") and "की संख्या 5 लाख से ज्यादा रही।" in b
               for b in hi.bullets), hi.bullets
    assert 'मेटा के प्रवक्ता एंडी स्टोन ने कहा (अंग्रेज़ी में): "We are working on it"' in hi.bullets


MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"}


def _numbers(text):
    return {q.value for q in find_quantities(text)}


@pytest.mark.parametrize("path", SAMPLES + ["seed"], ids=lambda p: getattr(p, "stem", p))
def test_every_bullet_is_grounded_numbers_and_names_come_from_the_source(path):
    if path == "seed":
        text = shared_path("seed", "meta-outage-hi.txt").read_text(encoding="utf-8")
        d = make_digest(text, SEED_ENTITIES, title=text.split("\n")[0])
    else:
        d, _ = sample_digest(path)
    digest_with_summary(d)
    source_numbers = _numbers(d.text)
    names = {n for e in d.entities for n in (e.name_en, e.name_hi)}
    for lang, summary in d.summary.items():
        for bullet in summary.bullets:
            if summary.method == "extractive":
                assert " ".join(bullet.split()) in " ".join(d.text.split())
                continue
            assert _numbers(bullet) <= source_numbers, (bullet, _numbers(bullet) - source_numbers)
            quoted = re.findall(r'"([^"]+)"', bullet)
            rest = re.sub(r'"[^"]+"', "", bullet)
            for q in quoted:  # quotes are the source's own words
                assert q.rstrip(" …") in " ".join(d.text.split()) or q in [f.extra.get("counted") for f in d.facts]
            for e in d.entities:
                for n in (e.name_en, e.name_hi):
                    rest = rest.replace(n, "")
            # what is left is template words: no capitalised name that is not an entity's
            roles = {w for f in d.facts for w in (f.extra.get("role") or {}).get("en", "").split()}
            leftovers = {w for w in re.findall(r"\b[A-Z][a-z]+\b", rest)} - roles - {
                "This", "The", "According", "News", "A", "An", "In", "English", "Hindi", "It", *MONTHS}
            assert not leftovers or leftovers <= {w for n in names for w in n.split()}, (bullet, leftovers)


# -- translator ----------------------------------------------------------------------------------

def test_a_given_translator_writes_the_other_language(monkeypatch, seed):
    import newsdigest.translate as translate

    calls = []

    def fake(translator, headline, bullets, src, tgt):
        calls.append((src, tgt))
        return "EN " + headline, ["EN " + b for b in bullets], ["translate: test warning"]

    monkeypatch.setattr(translate, "translate_summary", fake, raising=False)
    d = make_digest(seed.text, SEED_ENTITIES, title=seed.title)
    digest_with_summary(d, translator=object())
    assert calls == [("hi", "en")] and d.summary["en"].method == "translated"
    assert d.summary["en"].bullets == ["EN " + b for b in d.summary["hi"].bullets]
    assert "translate: test warning" in d.warnings


def test_a_failing_translator_falls_back_to_the_facts_with_a_warning(monkeypatch, seed):
    import newsdigest.translate as translate

    def broken(*args):
        raise RuntimeError("model missing")

    monkeypatch.setattr(translate, "translate_summary", broken, raising=False)
    d = make_digest(seed.text, SEED_ENTITIES, title=seed.title)
    digest_with_summary(d, translator=object())
    assert d.summary["en"].method == "from_facts"
    assert any("translation failed" in w for w in d.warnings)


def test_a_bullet_never_cuts_a_quote_that_runs_over_two_sentences():
    text = ("मेटा ने बयान जारी किया। मेटा के प्रवक्ता एंडी स्टोन ने कहा- ''हम इस पर काम कर रहे हैं। "
            "हम जानते हैं कि लोगों को परेशानी हो रही है।'' कंपनी ने बाद में सेवा बहाल कर दी। यूजर्स ने राहत की सांस ली।")
    d = digest_with_summary(make_digest(text, [("ORG", "मेटा", "Meta", ["मेटा"]), ("PER", "एंडी स्टोन", "Andy Stone", ["एंडी स्टोन"])]))
    quoted = [b for b in d.summary["hi"].bullets if "''" in b]
    assert all(b.count("''") == 2 for b in quoted)


@pytest.mark.slow
def test_seed_through_the_real_pipeline_keeps_the_key_facts(digester):
    text = shared_path("seed", "meta-outage-hi.txt").read_text(encoding="utf-8")
    d = digester.digest(text)
    quantities = {(f.value, f.qualifier) for f in d.facts if f.type == "quantity"}
    assert {(500000, "more_than"), (88000, "more_than"), (2100000, "more_than")} <= quantities
    speakers = {f.text[:20]: d.entity(f.speaker) for f in d.facts if f.type == "quote"}
    stone = next(e for q, e in speakers.items() if q.startswith("हम अभी इस पर काम"))
    musk = next(e for q, e in speakers.items() if q.startswith("यदि आप यह पोस्ट"))
    assert "एंडी स्टोन" in [m.text for m in stone.mentions] and musk.name_hi == "एलन मस्क"
    en = " ".join([d.summary["en"].headline] + d.summary["en"].bullets)
    assert "Meta" in en and "more than 500,000" in en
