import pytest

from newsdigest.preprocess import detect_lang, split_sentences


@pytest.mark.parametrize(
    "text, lang",
    [
        ("मेटा ने अपने प्लेटफॉर्म पर आई समस्या को स्वीकार किया है।", "hi"),
        ("Meta acknowledged the problem with its platforms.", "en"),
        ("मेटा के प्रवक्ता Andy Stone ने X पर लिखा कि टीम काम कर रही है।", "hi"),
        ("Meta Statement Facebook Instagram Down: दुनियाभर के यूज़र्स परेशान", "mixed"),
        ("Musk ने कहा कि X इंस्टाग्राम और फेसबुक से better है", "mixed"),
        ("Kya aap yeh post padh rahe hain?", "en"),
        ("२५ प्रतिशत", "hi"),
        ("Meta ने", "en"),
        ("मेटा X", "hi"),
        ("", "und"),
        ("2024 — 10:30 !!", "und"),
        ("১২৩ বাংলা", "und"),
    ],
)
def test_detect_lang_reads_the_script_mix(text, lang):
    assert detect_lang(text) == lang


def test_detect_lang_never_calls_short_text_mixed():
    # Fewer than 20 letters: the majority script wins, even at an even split.
    assert detect_lang("abcd कखगघ") == "hi"
    assert detect_lang("abcde कखगघ") == "en"


def test_detect_lang_calls_text_mixed_from_a_quarter_of_letters():
    hindi = "क" * 30
    assert detect_lang(hindi + " " + "a" * 10) == "mixed"  # 10 / 40 = 25%
    assert detect_lang(hindi + " " + "a" * 9) == "hi"  # 9 / 39 < 25%


def test_detect_lang_counts_vowel_signs_with_their_letters():
    # कि ता ब: 3 letters and 2 vowel signs weigh like 5 Latin letters.
    assert detect_lang("किताब" * 4 + " " + "books" * 4) == "mixed"


def test_detect_lang_works_per_sentence():
    text = "मेटा ने बयान जारी किया। Elon Musk mocked the outage. यूज़र्स परेशान रहे।"
    assert [detect_lang(text[start:end]) for start, end in split_sentences(text)] == ["hi", "en", "hi"]
