"""Places and institutional words inside names are translated, not transliterated."""
import pytest

from newsdigest.names import phrases


@pytest.mark.parametrize("hindi, english", [
    ("दिल्ली", "Delhi"),            # GeoNames city, Devanagari alternate name
    ("नई दिल्ली", "New Delhi"),      # listed under Delhi too: the city that sounds like it wins
    ("न्यूयॉर्क", "New York"),        # the shorter form of "New York City"
    ("दमिश्क", "Damascus"),
    ("पंजाब", "Punjab"),             # an ISO 3166-2 subdivision, matched by sound
    ("छत्तीसगढ़", "Chhattisgarh"),     # ढ़ reads as r
    ("भारत", "India"),              # CLDR
])
def test_places_take_their_english_name(hindi, english):
    assert phrases.place(hindi.split(), "en") == english


def test_a_geonames_alternate_name_that_sounds_nothing_like_the_city_is_ignored():
    # GeoNames lists हिन्दी among Mariupol's alternate names and अथर्ववेद among Bern's
    assert phrases.place(["हिन्दी"], "en") is None
    assert phrases.place(["अथर्ववेद"], "en") is None
    assert phrases.segment("बीबीसी हिन्दी", "en", "ORG") == [("बीबीसी हिन्दी", None)]


def test_common_institutional_words_are_translated():
    assert [r for _, r in phrases.segment("चुनाव आयोग", "en", "ORG")] == ["Election", "Commission"]
    assert [r for _, r in phrases.segment("कर्मचारी चयन आयोग", "en", "ORG")] == ["Staff", "Selection", "Commission"]
    assert phrases.segment("रामगढ़ थाना", "en", "ORG")[-1] == ("थाना", "Police Station")
    assert [r for _, r in phrases.segment("अंतरराष्ट्रीय अपराध न्यायालय", "en", "ORG")] == [
        "International", "Criminal", "Court"]


def test_a_city_takes_the_hindi_spelling_hindi_text_uses():
    assert phrases.place(["London"], "hi") == "लंदन"


def _render(name, to="en"):
    return [(t, r) for t, r in phrases.segment(name, to)]


def test_head_words_are_translated_and_places_inside_names_too():
    assert _render("पंजाब पुलिस") == [("पंजाब", "Punjab"), ("पुलिस", "Police")]
    assert _render("कैम्ब्रिज विश्वविद्यालय") == [("कैम्ब्रिज", None), ("विश्वविद्यालय", "University")]


def test_modifiers_are_translated_only_in_a_fully_translated_name():
    assert _render("भारतीय नौसेना") == [("भारतीय", "Indian"), ("नौसेना", "Navy")]
    assert _render("अखिल भारतीय अखाड़ा परिषद") == [
        ("अखिल", None), ("भारतीय", "Bharatiya"), ("अखाड़ा", None), ("परिषद", None)]


def test_a_country_adjective_before_a_bank_follows_the_english_order():
    runs = _render("भारतीय रिज़र्व बैंक")
    assert runs[-1][1] == "Bank of India" and runs[0] == ("रिज़र्व", None)
    back = phrases.segment("Reserve Bank of India", "hi")
    assert [r for _, r in back] == ["भारतीय", None, "बैंक"]


def test_english_institutional_words_get_their_hindi_word():
    assert _render("Delhi Police", "hi") == [("Delhi", "दिल्ली"), ("Police", "पुलिस")]


def test_words_no_source_knows_go_to_the_model_whole():
    assert _render("एलन  मस्क") == [("एलन  मस्क", None)]


def test_a_person_is_never_named_from_places():
    assert _render("एलन", "en") == [("एलन", None)]  # not Allen, Texas: untyped names need a big city
    assert phrases.segment("राजस्थान", "en", "PER") == [("राजस्थान", None)]
    assert phrases.segment("सनराइजर्स हैदराबाद", "en", "ORG")[-1] == ("हैदराबाद", "Hyderabad")


def test_a_country_inside_a_brand_keeps_its_sound():
    assert phrases.segment("Air India Express", "hi", "ORG") == [("Air India Express", None)]
    assert phrases.segment("भारत पेट्रोलियम", "en", "ORG") == [("भारत पेट्रोलियम", None)]
    assert phrases.segment("दिल्ली पुलिस", "en", "ORG") == [("दिल्ली", "Delhi"), ("पुलिस", "Police")]


def test_the_reserve_bank_and_the_civil_aviation_ministry_are_translated():
    from newsdigest.names import to_english_batch

    assert to_english_batch(["भारतीय रिज़र्व बैंक", "नागरिक उड्डयन मंत्रालय"], ["ORG", "ORG"]) == [
        "Reserve Bank of India", "Civil Aviation Ministry"]
