"""NER post-processing on hand-made logits: no model needed."""
import numpy as np
import pytest

from newsdigest.evaluation.metrics import span_f1
from newsdigest.entities.ner import Window, spans_from_logits
from newsdigest.entities.tagging import LABEL2ID, LABELS, bio_spans, postprocess, word_spans


def logits_for(labels):
    x = np.full((len(labels) + 2, len(LABELS)), -5.0)
    for i, lab in enumerate(labels):
        x[i + 1, LABEL2ID[lab]] = 5.0
    return x, list(range(1, len(labels) + 1))


@pytest.mark.parametrize("text,words", [
    ("मेटा के प्रवक्ता एंडी स्टोन ने कहा-", ["मेटा", "के", "प्रवक्ता", "एंडी", "स्टोन", "ने", "कहा", "-"]),
    ("U.S. officials, Mr. O'Brien", ["U.S", ".", "officials", ",", "Mr", ".", "O'Brien"]),
    ("''हम काम कर रहे हैं।''", ["'", "'", "हम", "काम", "कर", "रहे", "हैं", "।", "'", "'"]),
    ("5 लाख", ["5", "लाख"]),
])
def test_word_spans_split_punctuation_and_keep_devanagari_words_whole(text, words):
    assert [text[a:b] for a, b in word_spans(text)] == words


def test_word_spans_keep_zero_width_joiner_inside_word():
    text = "क्\u200dष नया"
    assert [text[a:b] for a, b in word_spans(text)] == ["क्\u200dष", "नया"]


def test_postprocess_picks_label_of_marked_piece():
    logits, pos = logits_for(["B-PER", "I-PER", "O"])
    labels, scores = postprocess(logits, pos)
    assert labels == ["B-PER", "I-PER", "O"]
    assert all(s > 0.99 for s in scores)


def probs_logits(rows):
    """Per-word probabilities over LABELS (dicts of label -> p, rest spread) as logits."""
    x = np.full((len(rows), len(LABELS)), 1e-4)
    for i, row in enumerate(rows):
        for lab, p in row.items():
            x[i, LABEL2ID[lab]] = p
    return np.log(x / x.sum(1, keepdims=True)), list(range(len(rows)))


def test_postprocess_never_changes_type_inside_a_name():
    # "Leander Paes": argmax says B-PER I-ORG, which bio_spans would cut into a person and an ORG
    logits, pos = probs_logits([{"B-PER": 0.9, "B-ORG": 0.1}, {"I-ORG": 0.55, "I-PER": 0.45}])
    labels, _ = postprocess(logits, pos)
    assert labels == ["B-PER", "I-PER"]
    assert [s[:3] for s in bio_spans(labels)] == [(0, 2, "PER")]


def test_postprocess_splits_a_name_when_the_second_half_is_surer_alone():
    logits, pos = probs_logits([{"B-LOC": 0.9, "O": 0.1}, {"B-ORG": 0.4, "I-ORG": 0.5, "I-LOC": 0.1}])
    assert postprocess(logits, pos)[0] == ["B-LOC", "B-ORG"]


def test_postprocess_keeps_a_name_the_model_opened_with_an_inside_tag():
    # "(RR)" after a team's name, a Hindi name's first word: I- after O still opens a name
    logits, pos = probs_logits([{"O": 0.9, "B-ORG": 0.1}, {"I-ORG": 0.7, "B-ORG": 0.2, "O": 0.1}])
    labels, _ = postprocess(logits, pos)
    assert labels == ["O", "I-ORG"]
    assert [s[:3] for s in bio_spans(labels)] == [(1, 2, "ORG")]


def test_bio_spans_stray_inside_tag_opens_a_span():
    assert [s[:3] for s in bio_spans(["O", "I-ORG", "I-ORG", "B-LOC", "I-PER"])] == [
        (1, 3, "ORG"), (3, 4, "LOC"), (4, 5, "PER")]


def test_spans_from_logits_give_offsets_into_original_text():
    text = "कल मेटा के प्रवक्ता एंडी स्टोन ने कहा।"
    spans = word_spans(text)
    w = Window(0, spans, [text[a:b] for a, b in spans])
    labs = ["O", "B-ORG", "O", "O", "B-PER", "I-PER", "O", "O", "O"]
    logits, pos = logits_for(labs)
    out = spans_from_logits(text, w, logits, pos)
    assert [(s.text, s.label) for s in out] == [("मेटा", "ORG"), ("एंडी स्टोन", "PER")]
    assert all(text[s.start:s.end] == s.text for s in out)


def test_spans_never_start_or_end_with_punctuation():
    text = "''Elon Musk'' said"
    spans = word_spans(text)
    w = Window(0, spans, [text[a:b] for a, b in spans])
    labs = ["B-PER", "I-PER", "I-PER", "I-PER", "I-PER", "I-PER", "O"]
    out = spans_from_logits(text, w, *logits_for(labs))
    assert [s.text for s in out] == ["Elon Musk"]


def test_span_f1_exact_match_and_per_type():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    r = span_f1(gold, pred)
    assert r["per_type"]["LOC"]["f1"] == 1.0
    assert r["per_type"]["PER"]["f1"] == 0.0
    assert r["f1"] == 0.5


def test_possessive_s_is_not_part_of_the_name():
    text = "Mumbai's first metro"
    spans = word_spans(text)
    w = Window(0, spans, [text[a:b] for a, b in spans])
    out = spans_from_logits(text, w, *logits_for(["B-LOC", "O", "O"]))
    assert [(s.text, s.start, s.end) for s in out] == [("Mumbai", 0, 6)]


def test_all_caps_sentences_are_recased_one_character_for_one():
    from newsdigest.entities.ner import is_shouting, recase

    words = ["ELON", "MUSK", "SAID", "META", "WAS", "DOWN", "."]
    assert is_shouting(words)
    assert [recase(w) for w in words] == ["Elon", "Musk", "Said", "Meta", "Was", "Down", "."]
    assert not is_shouting(["Meta", "Statement", "Facebook", "Instagram", "Down"])
    assert not is_shouting(["BJP", "ने", "कहा"])  # an acronym in Hindi text is not shouting
    for w in ["ÉLAN", "मोदी", "X", "COVID19"]:
        assert len(recase(w)) == len(w)
    assert recase("COVID19") == "COVID19" and recase("ÉLAN") == "ÉLAN"


def test_an_english_article_alone_is_never_an_entity():
    text = "The Oval and The said"
    spans = word_spans(text)
    w = Window(0, spans, [text[a:b] for a, b in spans])
    out = spans_from_logits(text, w, *logits_for(["B-LOC", "I-LOC", "O", "B-ORG", "O"]))
    assert [(s.text, s.start) for s in out] == [("The Oval", 0)]


def test_a_visarga_used_as_a_colon_is_not_part_of_the_name():
    text = "आईपीएलः मुंबई जीती"
    spans = word_spans(text)
    w = Window(0, spans, [text[a:b] for a, b in spans])
    out = spans_from_logits(text, w, *logits_for(["B-ORG", "B-LOC", "O"]))
    assert [s.text for s in out] == ["आईपीएल", "मुंबई"]


def test_a_descriptor_before_an_organisation_is_not_part_of_its_name():
    text = "वेबसाइट मॉनिटरिंग डाउनडिटेक्टर ने कहा"
    spans = word_spans(text)
    w = Window(0, spans, [text[a:b] for a, b in spans])
    out = spans_from_logits(text, w, *logits_for(["B-ORG", "I-ORG", "I-ORG", "O", "O"]))
    assert [s.text for s in out] == ["डाउनडिटेक्टर"]


def test_an_organisation_span_takes_in_the_institutional_modifiers_before_its_head_word():
    from newsdigest.entities.ner import _institution_bounds

    words = "कल चुनाव आयोग ने कहा".split()
    assert _institution_bounds(words, 2, 3) == (1, 3)  # "आयोग" -> "चुनाव आयोग"
    words = "भविष्य में भारतीय नौसेना का".split()
    assert _institution_bounds(words, 3, 4) == (2, 4)
    words = "केंद्र और गुजरात सरकार को".split()
    assert _institution_bounds(words, 2, 4) == (2, 4)  # a conjunction never joins
    words = "राष्ट्रीय कांग्रेस नेता".split()
    assert _institution_bounds(words, 1, 2) == (1, 2)  # no head word at the end: the span stays


def test_a_persons_span_leaves_out_titles_before_and_honorifics_after_the_name():
    from newsdigest.entities.ner import _person_bounds

    words = "परिषद के अध्यक्ष महंत नरेंद्र गिरि ने लिखा".split()
    assert _person_bounds(words, 3, 6) == (4, 6)
    words = "जॉनी लीवर , महमूद साहब की तरह".split()
    assert _person_bounds(words, 3, 5) == (3, 4)
    words = ["डॉ", ".", "राजेंद्र", "प्रसाद", "ने"]
    assert _person_bounds(words, 0, 4) == (2, 4)
    assert _person_bounds(["श्री", "ने"], 0, 1) == (0, 1)  # a title alone stays as the model found it ...


def _tagged(text: str, labels: list[str]) -> list[tuple[str, str]]:
    """(text, type) of the spans ``spans_from_logits`` makes of ``text`` with one label per word."""
    spans = word_spans(text)
    words = [text[a:b] for a, b in spans]
    assert len(labels) == len(words), words
    return [(s.text, s.label) for s in spans_from_logits(text, Window(0, spans, words), *logits_for(labels))]


def test_a_title_alone_is_no_person():
    labs = ["B-PER", "O", "O", "O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "O"]
    # ... and is dropped, with honorifics gone too
    assert _tagged("श्री ने कहा कि मंत्री जी और श्री रीड आए", labs) == [("रीड", "PER")]


def test_a_place_span_ending_on_an_organisations_head_word_is_an_organisation():
    labs = ["B-LOC", "I-LOC", "I-LOC", "O", "O", "B-LOC", "I-LOC", "I-LOC", "O", "B-LOC", "I-LOC"]
    assert _tagged("रासरा पुलिस स्टेशन के पास मुंबई रेलवे स्टेशन और दिल्ली विश्वविद्यालय", labs) == [
        ("रासरा पुलिस स्टेशन", "ORG"), ("मुंबई रेलवे स्टेशन", "LOC"), ("दिल्ली विश्वविद्यालय", "ORG")]


def test_a_name_right_after_a_noun_for_organisations_is_an_organisation():
    text = "समाचार एजेंसी रिया नोवोस्ती ने बताया कि मैसेजिंग ऐप टेलीग्राम के मालिक पावेल ड्यूरोव"
    labs = ["O", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-PER", "O", "O", "B-PER", "I-PER"]
    assert _tagged(text, labs) == [("रिया नोवोस्ती", "ORG"), ("टेलीग्राम", "ORG"), ("पावेल ड्यूरोव", "PER")]


def test_two_one_word_people_side_by_side_are_one_name_but_longer_ones_and_punctuated_ones_stay_apart():
    text = "अल्लू अर्जुन और अनन्या पांडे आयुष्मान खुराना , अक्षय-सलमान और \u200b\u200bरिंदा न"
    labs = ["B-PER", "B-PER", "O", "B-PER", "I-PER", "B-PER", "I-PER", "O", "B-PER", "O", "B-PER", "O", "B-PER",
            "B-PER"]
    # a zero-width space glued to a name is no part of it; one Devanagari letter (न) is no name
    assert [t for t, _ in _tagged(text, labs)] == [
        "अल्लू अर्जुन", "अनन्या पांडे", "आयुष्मान खुराना", "अक्षय", "सलमान", "रिंदा"]


def test_a_latin_name_is_whole_across_a_glued_hyphen_but_two_tagged_names_stay_two():
    text = "एजेंसी (CERT-In) और Hewlett-Packard , India-Pakistan सीरीज़ , pro-Kremlin , US-German , Sino-US"
    words = [text[a:b] for a, b in word_spans(text)]
    labs = ["O"] * len(words)
    for w, lab in [("In", "B-ORG"), ("Packard", "B-ORG"), ("India", "B-LOC"), ("Pakistan", "B-LOC"),
                   ("Kremlin", "B-ORG"), ("US", "B-LOC")]:
        labs = [lab if x == w else old for x, old in zip(words, labs)]
    assert _tagged(text, labs) == [("CERT-In", "ORG"), ("Hewlett-Packard", "ORG"), ("India", "LOC"),
                                   ("Pakistan", "LOC"), ("Kremlin", "ORG"), ("US", "LOC"), ("US", "LOC")]


@pytest.mark.parametrize("text, expected", [
    # two pollsters of several words each, glued by a hyphen: two organisations
    ("टाइम्स नाउ-ईटीजी रिसर्च ने", ["टाइम्स नाउ", "ईटीजी रिसर्च"]),
    ("India Today-Axis My India said", ["India Today", "Axis My India"]),
    # a side of one written word stays whole: one name
    ("पाकिस्तान तहरीक-ए-इंसाफ ने", ["पाकिस्तान तहरीक-ए-इंसाफ"]),
    ("कोका-कोला कंपनी ने", ["कोका-कोला कंपनी"]),
    ("टाइम्स नाउ - ईटीजी रिसर्च ने", ["टाइम्स नाउ - ईटीजी रिसर्च"]),  # spaced: not a glued pair
])
def test_hyphen_glued_names_of_several_words_are_two(text, expected):
    spans = word_spans(text)
    words = [text[a:b] for a, b in spans]
    w = Window(0, spans, words)
    labs = ["B-ORG"] + ["I-ORG"] * (len(words) - 2) + ["O"]
    out = spans_from_logits(text, w, *logits_for(labs))
    assert [s.text for s in out] == expected


def test_a_rank_or_a_degree_alone_is_no_entity_and_a_rank_leaves_a_persons_span():
    """news-hi dev: "तीसरे प्रयास में बने IAS", "पूर्व ADM के बेटे", "चॉकलेट पर पीएचडी" were organisations; the
    guidelines make titles and degrees no entities."""
    text = "बने IAS और पूर्व ADM के बेटे ने पीएचडी की। डीएम राजेश कुमार आए।"
    labs = ["O", "B-ORG", "O", "O", "B-ORG", "O", "O", "O", "B-ORG", "O", "O", "B-PER", "I-PER", "I-PER", "O", "O"]
    assert _tagged(text, labs) == [("राजेश कुमार", "PER")]
