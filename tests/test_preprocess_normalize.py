import unicodedata

import pytest

import newsdigest.preprocess as preprocess
from newsdigest.preprocess import digits_to_ascii, normalize, normalize_with_map, split_words

NUKTA = "\u093c"
# (precomposed, consonant + nukta)
NUKTA_PAIRS = [
    ("\u0958", "\u0915" + NUKTA),  # क़
    ("\u0959", "\u0916" + NUKTA),  # ख़
    ("\u095a", "\u0917" + NUKTA),  # ग़
    ("\u095b", "\u091c" + NUKTA),  # ज़
    ("\u095c", "\u0921" + NUKTA),  # ड़
    ("\u095d", "\u0922" + NUKTA),  # ढ़
    ("\u095e", "\u092b" + NUKTA),  # फ़
    ("\u095f", "\u092f" + NUKTA),  # य़
    ("\u0929", "\u0928" + NUKTA),  # ऩ
    ("\u0931", "\u0930" + NUKTA),  # ऱ
    ("\u0934", "\u0933" + NUKTA),  # ऴ
]


def test_preprocess_exports_its_public_api():
    assert sorted(preprocess.__all__) == [
        "Quantity",
        "detect_lang",
        "digits_to_ascii",
        "find_quantities",
        "format_number",
        "normalize",
        "normalize_with_map",
        "split_sentences",
        "split_words",
    ]
    for name in preprocess.__all__:
        assert getattr(preprocess, name) is not None


@pytest.mark.parametrize("precomposed, decomposed", NUKTA_PAIRS)
def test_normalize_maps_both_nukta_spellings_to_one_nfc_form(precomposed, decomposed):
    word = "बा" + precomposed + "ार"
    same_word = "बा" + decomposed + "ार"
    assert normalize(word) == normalize(same_word)
    assert unicodedata.is_normalized("NFC", normalize(word))


def test_normalize_keeps_nukta_letters_decomposed_where_nfc_excludes_composition():
    assert normalize("\u095c\u0915") == "\u0921" + NUKTA + "\u0915"


def test_normalize_composes_nukta_letters_that_nfc_composes():
    # Regression: indic-nlp decomposes ऩ ऱ ऴ too, which leaves text that is not NFC.
    assert normalize("\u0928" + NUKTA) == "\u0929"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_normalize_removes_invisible_characters(invisible):
    assert normalize(f"मेटा{invisible}ने ब{invisible}यान दिया") == "मेटाने बयान दिया"


def test_normalize_removes_zero_width_space_without_splitting_the_word():
    # Regression: indic-nlp turns ZWSP into a space, splitting one word into two.
    assert normalize("इंस्टा\u200bग्राम") == "इंस्टाग्राम"


@pytest.mark.parametrize("space", ["\u00a0", "\u2002", "\u2009", "\u202f", "\u3000"])
def test_normalize_turns_unicode_spaces_into_a_space(space):
    assert normalize(f"5{space}लाख") == "5 लाख"


def test_normalize_keeps_tabs_and_line_breaks():
    assert normalize("शीर्षक\r\nपहली\tपंक्ति") == "शीर्षक\r\nपहली\tपंक्ति"


@pytest.mark.parametrize(
    "quoted, expected",
    [
        ("“हम काम कर रहे हैं”", '"हम काम कर रहे हैं"'),
        ("''हम काम कर रहे हैं''", '"हम काम कर रहे हैं"'),
        ("‘‘हम काम कर रहे हैं’’", '"हम काम कर रहे हैं"'),
        ("„Wir“", '"Wir"'),
        ("5″ screen", '5" screen'),
        ("‘साइबर अटैक’", "'साइबर अटैक'"),
        ("it’s", "it's"),
    ],
)
def test_normalize_unifies_quote_styles(quoted, expected):
    assert normalize(quoted) == expected


@pytest.mark.parametrize(
    "text",
    [
        "उन्होंने कहा: हम काम कर रहे हैं",
        "बैठक १०:३० बजे शुरू हुई",
        "अनुपात 3:2 रहा",
    ],
)
def test_normalize_never_turns_a_colon_into_visarga(text):
    # Regression: indic-nlp rewrites ':' after a Devanagari character as visarga 'ः'.
    assert normalize(text) == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("मेटा ने बयान दिया|", "मेटा ने बयान दिया।"),
        ("मेटा ने बयान दिया | फिर", "मेटा ने बयान दिया । फिर"),
        ("मेटा ने बयान दिया\u00a0|", "मेटा ने बयान दिया ।"),
        ("कविता समाप्त||", "कविता समाप्त॥"),
        ("कविता समाप्त ॥", "कविता समाप्त ॥"),
    ],
)
def test_normalize_turns_a_pipe_after_devanagari_into_a_danda(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text", ["a|b", "cat x.txt | grep y", "| Column |"])
def test_normalize_keeps_a_pipe_in_latin_text(text):
    # Regression: indic-nlp replaces every '|' with a danda.
    assert normalize(text) == text


@pytest.mark.parametrize("text", ["वह—और", "10–15 लाख", "रुको…", "Wait… what—now?"])
def test_normalize_keeps_dashes_and_ellipsis(text):
    # Regression: indic-nlp turns '—' into ' - ', '–' into '-' and '…' into '...'.
    assert normalize(text) == text


def test_normalize_keeps_devanagari_letters_as_written():
    # Regression: indic-nlp turns the Marathi letter ॲ into ए for every Devanagari language.
    assert normalize("ॲप") == "ॲप"


def test_normalize_leaves_latin_text_alone():
    text = "Elon Musk's post, at 10:30 a.m. (U.S. time) - got 2.1M views; café"
    assert normalize(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "क़रीब 5 हज़ार लोग",
        "क\u093cरीब",
        "''हम''",
        "'\u200b'",
        "‘‘x’’’",
        "क | |",
        "क\u00a0|\u200b|",
        "न\u200d\u093c",
        "e\u0301 \u0928\u093c",
        "\ufeffMeta\u00a0ने",
    ],
)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "क़रीब एक घंटे बाद फ़ेसबुक शुरू हुआ।",
        "\ufeffमेटा\u200d ने ‘‘बयान’’ दिया|\u00a0Musk ने कहा",
        "ज\u093cरूर 2,50,000 लोग",
        "e\u0301t\u00e9 x",
    ],
)
def test_normalize_with_map_maps_every_word_back_to_the_original(text):
    normalized, offsets = normalize_with_map(text)
    assert normalized == normalize(text)
    assert len(offsets) == len(normalized) + 1
    assert offsets[-1] == len(text)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    words = [(start, end) for start, end in split_words(normalized) if normalized[start].isalnum()]
    assert words
    for start, end in words:
        original = text[offsets[start] : offsets[end]]
        assert normalize(original) == normalized[start:end]


def test_normalize_with_map_points_a_danda_at_the_pipe_it_came_from():
    text = "बयान दिया| Musk"
    normalized, offsets = normalize_with_map(text)
    danda = normalized.index("\u0964")
    assert text[offsets[danda]] == "|"


def test_normalize_with_map_points_an_expanded_letter_at_its_source():
    normalized, offsets = normalize_with_map("\u0958लम")
    assert normalized == "\u0915\u093cलम"
    assert offsets == [0, 0, 1, 2, 3]


def test_normalize_with_map_skips_removed_characters():
    normalized, offsets = normalize_with_map("a\u200bb")
    assert normalized == "ab"
    assert offsets == [0, 2, 3]


def test_digits_to_ascii_keeps_the_length():
    text = "सन २०२४ में 5 लाख, १०:३० बजे"
    converted = digits_to_ascii(text)
    assert converted == "सन 2024 में 5 लाख, 10:30 बजे"
    assert len(converted) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "\u095b\u092f\u093e\u0926\u093e",
        "“उद्धरण” और ''दूसरा''",
        "‘एक’",
        "\ufeffबयान\u00a0जारी",
    ],
)
def test_normalize_agrees_with_indic_nlp_where_indic_nlp_is_right(text):
    indic = pytest.importorskip("indicnlp.normalize.indic_normalize")
    reference = indic.IndicNormalizerFactory().get_normalizer("hi").normalize(text)
    assert normalize(text) == unicodedata.normalize("NFC", reference)
