"""Language data with one home (newsdigest.preprocess.hindi): months and weekdays from CLDR, script ranges."""

import regex

from newsdigest.preprocess import hindi


def test_months_come_from_cldr_with_the_spellings_news_uses():
    m = hindi.MONTHS
    assert m["जनवरी"] == 1 and m["दिसंबर"] == 12
    assert m["फ़रवरी"] == m["फरवरी"] == 2  # with and without nukta
    assert m["सितंबर"] == m["सितम्बर"] == 9  # anusvara or nasal + virama
    assert m["अक्टूबर"] == m["अक्तूबर"] == 10
    assert m["september"] == m["sep"] == m["sept"] == 9
    assert "may" in m and "मई" in m


def test_weekdays_map_to_english():
    w = hindi.WEEKDAYS
    assert w["शुक्रवार"] == "Friday" and w["friday"] == "Friday"
    assert w["गुरुवार"] == w["बृहस्पतिवार"] == w["वीरवार"] == "Thursday"
    assert len({v for v in w.values()}) == 7


def test_spelling_variants_rewrite_anusvara_by_the_consonant_class():
    assert hindi.spelling_variants("नवंबर") == {"नवंबर", "नवम्बर"}
    assert hindi.spelling_variants("संत") == {"संत", "सन्त"}
    assert "ठंड" in hindi.spelling_variants("ठंड") and "ठण्ड" in hindi.spelling_variants("ठंड")
    assert hindi.spelling_variants("मई") == {"मई"}


def test_stages_read_the_one_table():
    from newsdigest.facts import temporal
    from newsdigest.preprocess import quantities

    assert temporal.MONTHS is hindi.MONTHS
    assert all(quantities._key(w) in quantities._MONTHS for w in hindi.MONTHS)


def test_script_ranges():
    assert regex.fullmatch(f"[{hindi.DEVANAGARI}]+", "हिंदी।१२")
    assert regex.fullmatch(f"[{hindi.DEVANAGARI_LETTERS}]+", "हिंदी")
    assert not regex.search(f"[{hindi.DEVANAGARI_LETTERS}]", "।॥१२॰")


def test_one_table_of_hindi_cardinals_for_quantities_and_dates():
    from newsdigest.facts import temporal
    from newsdigest.preprocess import quantities

    c = hindi.hindi_cardinals()
    assert c["पाँच"] == c["पांच"] == 5 and c["छः"] == c["छह"] == 6
    assert c["अट्ठारह"] == c["अठारह"] == 18 and c["निन्यानवे"] == c["निन्यानबे"] == 99
    assert all(quantities._NUMBER_WORDS[quantities._key(w)] == n for w, n in c.items())
    # a day of the month in words is any cardinal from 1 to 31, in any of its spellings
    assert temporal._DAY_WORDS["इकतीस"] == 31 and temporal._DAY_WORDS["अट्ठारह"] == 18
    assert "बत्तीस" not in temporal._DAY_WORDS and "शून्य" not in temporal._DAY_WORDS
