"""Established spellings from the wordfreq lexicon (newsdigest.names.lexicon) on top of the model."""

import pytest

from newsdigest.names import Transliterator
from newsdigest.names.lexicon import WEIGHT, Lexicon, choose, latin_keys
from newsdigest.names.phonetic import script_key, skeleton


@pytest.fixture(scope="module")
def spelled():
    return Transliterator()


@pytest.fixture(scope="module")
def raw():
    return Transliterator(lexicon=False, gazetteer=False, memory=False)


# Names of the seed article and common ones: the model alone writes them as they sound.
@pytest.mark.parametrize("hindi, english", [
    ("अमेरिका", "America"),
    ("मार्क जुकरबर्ग", "Mark Zuckerberg"),
    ("थ्रेड्स", "Threads"),
    ("कैम्ब्रिज एनालिटिका", "Cambridge Analytica"),
    ("लंदन", "London"),
    ("डाउनडिटेक्टर", "Downdetector"),  # a closed compound of two list words (down + detector)
])
def test_to_english_uses_the_established_spelling(spelled, raw, hindi, english):
    assert spelled.to_english_batch([hindi]) == [english]
    assert raw.to_english_batch([hindi]) != [english]  # the lexicon, not the model, made the difference


@pytest.mark.parametrize("english, hindi", [("Instagram", "इंस्टाग्राम"), ("Cambridge", "कैम्ब्रिज")])
def test_to_hindi_uses_the_common_hindi_spelling(spelled, english, hindi):
    assert spelled.to_hindi_batch([english]) == [hindi]


@pytest.mark.parametrize("hindi, english", [
    ("कमल नाथ", "Kamal Nath"),  # not "Camel": a frequent word must also be a likely transliteration
    ("राहुल गांधी", "Rahul Gandhi"),
    ("एंडी स्टोन", "Andy Stone"),
])
def test_names_the_model_gets_right_are_kept(spelled, hindi, english):
    assert spelled.to_english_batch([hindi]) == [english]


def test_lexicon_off_and_on_are_each_deterministic(spelled, raw):
    names = ["मार्क जुकरबर्ग", "कैम्ब्रिज एनालिटिका", "अमेरिका"]
    assert spelled.to_english_batch(names) == Transliterator().to_english_batch(names)
    assert raw.to_english_batch(names) == Transliterator(lexicon=False, memory=False).to_english_batch(names)


def test_info_says_whether_the_lexicon_is_used(spelled, raw):
    assert "lexicon" in spelled.info() and "lexicon" not in raw.info()


def test_choose_needs_frequency_and_model_score_together():
    zipf = {"camel": 3.6, "kamal": 3.0, "america": 5.2}
    # a frequent word far from the model's reading loses
    assert choose(["kamal"], [["kamal", "camel"]], [[-0.2, -3.5]], zipf, weight=0.4) == ["kamal"]
    # a frequent word the model finds almost as likely wins over an unknown output
    assert choose(["amerika"], [["amerika", "america"]], [[-0.3, -1.0]], zipf, weight=0.4) == ["america"]
    # equal totals keep the model's output
    assert choose(["x"], [["x", "y"]], [[-1.0, -1.0]], {}, weight=0.4) == ["x"]
    assert set(WEIGHT) == {"en", "hi"}


def test_lexicon_index_shares_keys_across_scripts():
    assert skeleton("Cambridge") == script_key("कैम्ब्रिज")
    assert skeleton("Zuckerberg") == script_key("जुकरबर्ग")
    assert skeleton("Instagram") == script_key("इंस्टाग्राम")
    lex = Lexicon("en", {"george": 4.0, "gorge": 3.0, "get": 6.0})
    assert "george" in lex.candidates(skeleton("jorj"))  # soft g indexed as j
    assert "george" in lex.candidates(skeleton("gorge"))  # and as g
    assert lex.candidates("") == []


@pytest.mark.parametrize("english, hindi", [
    ("Corporation", "कॉर्पोरेशन"),  # -tion sounds like -शन
    ("International", "इंटरनेशनल"),
    ("Ventures", "वेंचर्स"),  # -ture sounds like -चर
    ("Mumbai", "मुंबई"), ("Mumbai", "मुम्बई"),  # an anusvara before a labial is म्
    ("Company", "कंपनी"), ("Ambani", "अंबानी"),
    ("Patiala", "पटियाला"),  # only -tion, not every t before i
    ("Watch", "वॉच"), ("Thatcher", "थैचर"),  # the t of -tch is silent (Nismo Watch was "Nismo Vouch")
])
def test_sound_keys_follow_english_spelling_rules(english, hindi):
    assert skeleton(english) == script_key(hindi)


@pytest.mark.parametrize("english, hindi", [
    ("News", "न्यूज़"), ("Views", "व्यूज़"),  # the s after -ew sounds z (BBC News was "BBC Noise")
    ("Knowledge", "नॉलेज"), ("Rights", "राइट्स"), ("Night", "नाइट"),  # silent k before n, gh after i
])
def test_silent_and_voiced_letters_give_the_key_hindi_hears(english, hindi):
    assert script_key(hindi) in latin_keys(english.lower())


def test_organisations_with_english_words_of_silent_letters_take_their_english_spelling():
    from newsdigest.names import to_english_batch

    got = to_english_batch(["बीबीसी न्यूज़", "ह्यूमन राइट्स वॉच", "नॉलेज पार्क"], ["ORG"] * 3)
    assert got == ["BBC News", "Human Rights Watch", "Knowledge Park"]  # were Noise, Rites, Nolej


def test_the_izafe_of_a_hyphenated_compound_name_is_e():
    from newsdigest.names import to_english_batch

    got = to_english_batch(["जैश-ए-मोहम्मद", "तहरीक-ए-तालिबान पाकिस्तान"], ["ORG"] * 2)
    assert got == ["Jaish-e-Mohammed", "Tehreek-e-Taliban Pakistan"]  # were Jaish-Ea-, Tehreek-Ea-
    assert to_english_batch(["ए आर रहमान"], ["PER"]) == ["A R Rehman"]  # the letter A stays


def test_english_words_of_names_take_the_spelling_hindi_text_gives_them():
    from newsdigest.names import to_hindi_batch

    got = to_hindi_batch(["British Airways", "Reuters", "Wall Street Journal", "Flight International"], ["ORG"] * 4)
    assert got == ["ब्रितानी एयरवेज", "रॉयटर्स", "वॉल स्ट्रीट जर्नल", "फ्लाइट इंटरनेशनल"]  # were एयरवाय्स, रियर्स,
    # जौर्णल, फ्लिघ्ट; a spelling Hindi text uses stands (टेलीग्राफ, not the pair टेलीग्राम), and Guardian
    # takes its pronunciation's spelling (names.pronounce; it was the model's गुआर्डियन)
    assert to_hindi_batch(["Telegraph Group", "Guardian Media Group"], ["ORG"] * 2) == [
        "टेलीग्राफ ग्रुप", "गार्डियन मीडिया ग्रुप"]


def test_places_of_several_words_take_the_english_words_they_are_written_with():
    from newsdigest.names import to_english_batch

    got = to_english_batch(["वॉर मेमोरियल स्टेडियम", "रॉयल नेवी शिप", "बाल्कन प्रायद्वीप", "वेस्ट पार्क हेल्थकेयर सेंटर"],
                           ["LOC"] * 4)
    assert got == ["War Memorial Stadium", "Royal Navy Ship", "Balkan Peninsula", "West Park Healthcare Center"]
    # were Wor, Nevi, Balcon, Helthakeyar; a one-word place and Indian places keep the places' own spelling
    assert to_english_batch(["नूसा", "गिरनार पर्वत", "कोचीन बंदरगाह"], ["LOC"] * 3) == ["Nusa", "Mount Girnar", "Kochin Port"]


@pytest.mark.parametrize("english, hindi", [("Corporation", "कॉर्पोरेशन"), ("Agency", "एजेंसी"),
                                            ("Station", "स्टेशन")])
def test_common_words_in_organisation_names_take_their_hindi_spelling(spelled, english, hindi):
    assert spelled.to_hindi_batch([english]) == [hindi]


def test_english_lexicon_holds_letters_only_and_is_ranked_by_frequency():
    lex = Lexicon.load("en")
    assert lex.zipf["america"] > 4 and "zuckerberg" in lex.zipf
    assert all(w.isascii() and w.isalpha() and w.islower() for w in list(lex.zipf)[:5000])
    bucket = lex.candidates(skeleton("america"))
    assert bucket[0] == "america" and bucket == sorted(bucket, key=lambda w: -lex.zipf[w])


def test_repeated_names_are_served_from_the_cache(monkeypatch):
    t = Transliterator()
    first = t.to_english_batch(["मार्क जुकरबर्ग", "अमेरिका"])
    calls = []
    monkeypatch.setattr(t, "_forward", lambda keys, to: calls.append(keys) or ["x"] * len(keys))
    assert t.to_english_batch(["अमेरिका", "मार्क जुकरबर्ग"]) == first[::-1]
    assert calls == []
    t.to_english_batch(["अमेरिका", "एंडी"])
    assert calls == [["एंडी"]]  # only the new word goes to the model


@pytest.mark.parametrize("hindi, english", [
    ("डी. वाई. चंद्रचूड़", "D. Y. Chandrachud"),  # initials with dots
    ("के एल शर्मा", "K L Sharma"),  # initials side by side (के एल राहुल is the memory's KL Rahul, as केएल राहुल)
    ("एसबीआई", "SBI"),  # an acronym written as letter names
    ("एनडीआरएफ", "NDRF"),
    ("एफ़आईआर", "FIR"),  # F with a nukta, as news often writes it (was "Affair")
    ("सीएफ़ओ", "CFO"),
    ("एक्स", "X"),  # a name that is one letter name, not a Hindi word: the platform X
])
def test_hindi_letter_names_become_latin_letters(hindi, english):
    assert Transliterator().to_english_batch([hindi]) == [english]
    assert Transliterator(lexicon=False).to_english_batch([hindi]) == [english]


@pytest.mark.parametrize("hindi", ["वाई", "सी"])
def test_a_lone_letter_name_that_is_a_hindi_word_stays_a_word(hindi):
    assert len(Transliterator().to_english_batch([hindi])[0]) > 1  # Wai (a town), not "Y"


def test_letter_names_inside_ordinary_text_stay_words():
    out = Transliterator().to_english_batch(["राम के घर"])[0]
    assert out.split()[1] != "K" and " K " not in out


@pytest.mark.parametrize("english, hindi", [("SBI", "एसबीआई"), ("NDRF", "एनडीआरएफ"), ("ICC", "आईसीसी"),
                                            ("NASA", "नासा"), ("ISRO", "इसरो"), ("BJP", "बीजेपी"),
                                            # two or three letters are letters even where a Hindi word
                                            # sounds alike (were गे, मटन, मौसी, रियर)
                                            ("GE", "जीई"), ("MTN", "एमटीएन"), ("MCI", "एमसीआई"), ("RR", "आरआर")])
def test_acronyms_are_spelled_out_unless_hindi_reads_them_as_a_word(english, hindi):
    assert Transliterator().to_hindi_batch([english]) == [hindi]


@pytest.mark.parametrize("hindi, english, needs_gazetteer", [
    ("भारत", "India", True), ("चीन", "China", True), ("रूस", "Russia", True),
    # news often drops the nukta of CLDR's इज़राइल; the word list finds Israel by its pronunciation too
    ("इजराइल", "Israel", False),
    ("दक्षिण अफ्रीका", "South Africa", True),
])
def test_countries_take_their_cldr_name_in_the_other_language(hindi, english, needs_gazetteer):
    assert Transliterator().to_english_batch([hindi]) == [english]
    if needs_gazetteer:
        assert Transliterator(gazetteer=False, memory=False).to_english_batch([hindi]) != [english]


def test_gazetteer_works_both_ways_and_only_on_whole_names():
    t = Transliterator()
    assert t.to_hindi_batch(["China", "Russia", "Elon Musk"])[:2] == ["चीन", "रूस"]
    assert t.to_english_batch(["भारत सरकार"]) != ["India सरकार"]  # a longer name is transliterated, not half-translated
    assert t.to_english_batch(["भारत", "भारत", "एलन"])[:2] == ["India", "India"]
    assert "CLDR" in t.info() and "CLDR" not in Transliterator(gazetteer=False, memory=False).info()


def test_compounds_are_cut_between_syllables_into_long_halves():
    lex = Lexicon.load("en")
    letters = set("abcdefghijklmnopqrstuvwxyz")
    assert "downdetector" in lex.compounds("डाउनडिटेक्टर", letters)
    assert lex.compound_zipf["downdetector"] == min(lex.zipf["down"], lex.zipf["detector"])
    # पुर, गढ़, पाक are too short to be English halves: Indian place names are not respelled as compounds
    for place in ("अहमदपुर", "टिटलागढ़", "पाकदश्त", "रामपुर"):
        assert lex.compounds(place, letters) == []


@pytest.mark.parametrize("hindi, english", [("अहमदपुर", "Ahmadpur"), ("गोरखपुर", "Gorakhpur")])
def test_place_names_ending_in_common_syllables_stay_as_they_sound(spelled, hindi, english):
    assert spelled.to_english_batch([hindi]) == [english]


@pytest.mark.parametrize("english, hindi", [
    ("SpiceJet", "स्पाइसजेट"),  # spelled part by part, written as one word
    ("iPhone", "आईफोन"),
    ("YouTube", "यूट्यूब"),  # the whole word has a known Hindi spelling: kept whole
    ("IndiGo", "इंडिगो"),
])
def test_camel_case_brands_are_spelled_part_by_part_unless_hindi_knows_the_whole(spelled, english, hindi):
    assert spelled.to_hindi_batch([english]) == [hindi]


def test_a_compound_must_read_back_nearly_as_well_as_the_models_spelling(spelled):
    # "mouth" + "corp" and "cream" + "career" are frequent words, but read aloud they are far from
    # मोटोकॉर्प and कर्मचारी: the model's own spelling stays
    assert spelled.to_english_batch(["मोटोकॉर्प"], ["ORG"]) == ["Motocorp"]
    assert spelled.to_english_batch(["कर्मचारी"], ["ORG"]) != ["Creamcareer"]
    assert spelled.to_english_batch(["डाउनडिटेक्टर"], ["ORG"]) == ["Downdetector"]


def test_choose_skips_a_compound_far_below_the_models_score():
    # the compound would win on frequency alone; it is 2.0 below the model's output, more than the margin
    assert choose(["motocorp"], [["motocorp", "mouthcorp"]], [[-1.0, -3.0]], {"mouthcorp": 4.0}, 0.9,
                  compounds={"mouthcorp": 4.0}) == ["motocorp"]
    assert choose(["motocorp"], [["motocorp", "mouthcorp"]], [[-1.0, -3.0]], {"mouthcorp": 4.0}, 0.9) == ["mouthcorp"]


def test_an_s_between_vowels_also_sounds_like_z():
    from newsdigest.names.lexicon import latin_keys

    assert script_key("रिज़र्व") in latin_keys("reserve")  # 'Reserve' is रिज़र्व in Hindi
    assert skeleton("reserve") in latin_keys("reserve")


def test_a_plural_acronym_is_written_as_the_acronym(spelled):
    assert spelled.to_hindi_batch(["NBFCs"], ["ORG"]) == ["एनबीएफसी"]


def test_people_are_not_spelled_as_compounds_of_english_words(spelled):
    # brands glue words together (Downdetector); surnames do not: ब्रेवरमैन was "Braveremain" (brave + remain)
    assert spelled.to_english_batch(["ब्रेवरमैन"], ["PER"]) == ["Braverman"]
    assert spelled.to_english_batch(["ब्रेवरमैन"], ["ORG"]) != ["Braverman"]  # the compound is still proposed for a brand


def test_a_persons_name_is_never_respelled_as_an_institutional_word(spelled):
    # नवी read as the frequent "navy": people's names are not translated, so the institutional nouns of
    # names.phrases are no candidates for them (the model's own spelling stays)
    assert spelled.to_english_batch(["अजय आर नवी"], ["PER"]) == ["Ajay R Navi"]
    assert spelled.to_english_batch(["भारतीय नौसेना"], ["ORG"]) == ["Indian Navy"]
    assert spelled.to_english_batch(["जॉन पार्क"], ["PER"]) == ["John Park"]  # the model's own reading is kept


@pytest.mark.parametrize("to, words, weight", [
    ("hi", ["Andy", "Stone", "CrowdStrike", "George", "Kurtz", "Hyderabad", "Airport", "Reserve", "Bank",
            "Satya", "Nadella", "Microsoft", "Windows", "flights", "Telegraph", "Guardian", "Charlotte"], None),
    ("en", ["मार्क", "जुकरबर्ग", "डाउनडिटेक्टर", "आउटेज", "गार्जियन", "कैम्ब्रिज", "एनालिटिका", "सत्या",
            "नडेला", "रिज़र्व", "इंस्टाग्राम", "फोंसेका", "शूमाकर"], None),
    ("en", ["डाउनडिटेक्टर", "आउटेज", "गार्जियन", "टेलीग्राफ", "मैसेंजर"], 0.9),  # organisations' weighting
])
def test_scoring_only_the_candidates_that_can_win_chooses_as_the_full_scoring_does(to, words, weight):
    from newsdigest.names._text import latin_key, name_key
    from newsdigest.names.lexicon import ALPHA, WEIGHT, Lexicon, choose

    t = Transliterator()
    keys = sorted({(latin_key if to == "hi" else name_key)(w) for w in words})
    outputs = t._model_outputs(keys, to)
    lex = Lexicon.load(to)
    alpha, weight = ALPHA[to], WEIGHT[to] if weight is None else weight
    full_c, full_s = t.candidate_scores(keys, outputs, to, [alpha])
    bounded_c, bounded_s = t._bounded_scores(keys, outputs, to, alpha, weight, True, frozenset())
    assert bounded_c == full_c
    full = choose(outputs, full_c, full_s[alpha], lex.frequencies(), weight, compounds=lex.compound_zipf)
    assert choose(outputs, bounded_c, bounded_s, lex.frequencies(), weight, compounds=lex.compound_zipf) == full
    skipped = sum(s == float("-inf") for row in bounded_s for s in row)
    assert skipped > 0 or weight >= 0.9  # with the default weights some candidates cannot win: not scored
    for row_b, row_f in zip(bounded_s, full_s[alpha]):
        assert all(b == f for b, f in zip(row_b, row_f) if b != float("-inf"))  # the same numbers, bit for bit


def test_the_word_list_never_spells_a_name_word_as_a_function_word():
    t = Transliterator()
    # बट is the surname Butt, not "But"; तट is no "That"; the model's own "Will" and "What" stand
    assert t.to_english_batch(["सलमान बट", "यमुना तट"], ["PER", "LOC"]) == ["Salman Butt", "Yamuna Tat"]
    assert t.to_hindi_batch(["Will Grant"], ["PER"]) == ["विल ग्रांट"]


def test_english_words_that_join_a_name_are_written_as_hindi_writes_them():
    t = Transliterator()
    out = t.to_hindi_batch(["The Economist", "Make in India", "Bank of India", "Tom and Jerry"], ["ORG"] * 4)
    assert [o.split()[0] for o in out] == ["द", "मेक", "बैंक", "टॉम"]
    assert out[1].split()[1] == "इन" and out[2].split()[1] == "ऑफ" and out[3].split()[1] == "एंड"
    assert "थे" not in out[0]  # the model alone writes "The" as थे, a Hindi verb


def test_english_zipf_is_wordfreqs_wherever_a_summary_threshold_can_tell():
    """summary/ reads English word frequencies from the names' cached list instead of loading wordfreq's
    own copy; the value must be wordfreq's for the whole list and for strings outside its pattern."""
    import itertools

    import wordfreq

    from newsdigest.names.lexicon import MIN_ZIPF, word_zipf

    sample = list(itertools.islice(wordfreq.iter_wordlist("en", "large"), 0, None, 997))
    words = sample + ["Outage", "MATCH", "e-mail", "covid19", "a", "x", "don't", "Straße", "मैच", "", "wtsp"]
    assert len(sample) > 200
    for w in words:
        want, got = wordfreq.zipf_frequency(w, "en"), word_zipf(w, "en")
        assert got == want or (got == 0.0 and want < MIN_ZIPF["en"]), (w, want, got)


def test_hindis_own_words_in_an_organisations_name_are_not_respelled_as_english_words(spelled):
    # organisations' names weigh the English word list heavily (वॉट्सएप = WhatsApp); दल was respelled
    # "Deal" and मंच "Munch", while the English words of a name keep that weighting (Today, Anti, Super)
    from newsdigest.names import hindi_own_word

    names = ["राष्ट्रीय जनता दल", "शिरोमणि अकाली दल", "हिंदू जागरण मंच", "इंडिया टुडे", "चेन्नई सुपर किंग्स"]
    got = spelled.to_english_batch(names, ["ORG"] * len(names))
    assert got[0].endswith(" Dal") and got[1].endswith(" Dal") and got[2].endswith(" Manch")
    assert got[3:] == ["India Today", "Chennai Super Kings"]
    assert hindi_own_word("दल") and hindi_own_word("संघ")
    assert not hindi_own_word("सुपर") and not hindi_own_word("टुडे")  # a loanword, and one the lexicon lacks
