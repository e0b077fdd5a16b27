"""English words into Devanagari by their pronunciation (newsdigest.names.pronounce)."""
import pytest

from newsdigest.names.pronounce import phonemes, spell, spelling


@pytest.mark.parametrize("word, phones, hindi", [
    ("agriculture", "AE1 G R IH0 K AH2 L CH ER0", "एग्रिकल्चर"),  # the model wrote अग्रिकुल्टुर
    ("sunday", "S AH1 N D EY2", "संडे"),  # a nasal before a stop is the anusvara
    ("journalists", "JH ER1 N AH0 L AH0 S T S", "जर्नलिस्ट्स"),  # ER is अर; an unstressed i stays ि
    ("knight", "N AY1 T", "नाइट"),  # silent letters say nothing
    ("guardian", "G AA1 R D IY0 AH0 N", "गार्डियन"),  # IY before a vowel is ि + य
    ("rock", "R AA1 K", "रॉक"),  # AA written with an o is ॉ
    ("atlanta", "AE0 T L AE1 N T AH0", "अटलैंटा"),  # a stop before L unjoined; the final vowel is ा
    ("bank", "B AE1 NG K", "बैंक"),
    ("washington", "W AA1 SH IH0 NG T AH0 N", "वाशिंगटन"),
    ("times", "T AY1 M Z", "टाइम्स"),  # a final s after a consonant is स
    ("white", "W AY1 T", "व्हाइट"),  # an initial wh is व्ह
    ("virginia", "V ER0 JH IH1 N Y AH0", "वर्जिनिया"),
    ("the", "DH AH0", "द"),  # one syllable: no final ा, and the word's last letter says nothing
    ("lawrence", "L AO1 R AH0 N S", "लॉरेंस"),
    ("news", "N UW1 Z", "न्यूज़"),  # the glide American drops after N, T, D is written where the word has "ew"
    ("today", "T AH0 D EY1", "टुडे"),  # the prefix to- as India says it
    ("toronto", "T ER0 AA1 N T OW2", "टरॉंटो"),  # not every to- is the prefix
])
def test_phonemes_are_written_as_hindi_writes_english_loanwords(word, phones, hindi):
    assert spell(word, phones.split()) == hindi


def test_the_shipped_dictionary_gives_first_pronunciations_and_nothing_for_unknown_words():
    assert phonemes("Sunday") == ["S", "AH1", "N", "D", "EY2"]
    assert spelling("Reuters") == "रॉयटर्स"
    assert spelling("Xqzzvtk") is None


def test_english_words_of_organisations_and_people_into_hindi_by_their_sound():
    from newsdigest.names import Transliterator

    t = Transliterator()
    got = t.to_hindi_batch(["Food and Agriculture Organisation", "The Sunday Telegraph", "Northern Rock",
                            "William Hague"], ["ORG", "ORG", "ORG", "PER"])
    # were अग्रिकुल्टुर, सुंदय, नॉर्थरन रोक, हग
    assert got[0].split()[2] == "एग्रिकल्चर" and got[1] == "द संडे टेलीग्राफ"
    assert got[2] == "नॉर्दर्न रॉक" and got[3] == "विलियम हेग"


def test_indian_english_readings_of_english_words_in_names():
    from newsdigest.names import Transliterator

    got = Transliterator().to_hindi_batch(["India Today", "Zee News"], ["ORG", "ORG"])
    assert got == ["इंडिया टुडे", "जी न्यूज़"]  # were इंडिया तोड़े, जी नेव्स


def test_a_name_the_dictionary_reads_the_american_way_is_left_to_the_model():
    from newsdigest.names import Transliterator

    # Tandon is rare as an English word (zipf below names.lexicon.MIN_ZIPF_PRONOUNCED): टंडन, not टैंडन
    assert Transliterator().to_hindi_batch(["Raveena Tandon"], ["PER"]) == ["रवीना टंडन"]


def test_hindi_spellings_of_english_sounds_find_the_english_word():
    from newsdigest.names import Transliterator

    t = Transliterator()
    got = t.to_english_batch(["व्हाइटहॉल", "बिग ब्रदर", "नेकेड न्यूज़", "वॉल्ट डिज़्नी वर्ल्ड"], ["LOC", "ORG", "ORG", "LOC"])
    assert got == ["Whitehall", "Big Brother", "Naked News", "Walt Disney World"]  # were Whitehill, Big Broader, Necked
    # News, Dizni: the letters of none of them say their sounds


def test_hindi_own_words_are_not_read_as_english_words_that_sound_alike():
    from newsdigest.names import Transliterator

    # मंच (a stage, a forum) sounds like "munch", but Hindi's own word is romanised as it is
    assert Transliterator().to_english_batch(["हिंदू जागरण मंच"], ["ORG"]) == ["Hindu Jagran Manch"]


def test_a_persons_name_is_never_read_as_an_english_word_said_alike():
    from newsdigest.names import Transliterator

    # मेसी is said as "messy" is, but a person's name is no English word
    assert Transliterator().to_english_batch(["लियोनेल मेसी"], ["PER"]) == ["Lionel Messi"]
