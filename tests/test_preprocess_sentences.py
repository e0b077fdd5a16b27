import pytest

from newsdigest.preprocess import split_sentences, split_words
from newsdigest.preprocess.normalize import INVISIBLE_CHARS as INVISIBLE
from newsdigest.preprocess.sentences import MAX_SENTENCE_CHARS


def sentences(text):
    spans = split_sentences(text)
    assert_valid_spans(text, spans)
    return [text[start:end] for start, end in spans]


def assert_valid_spans(text, spans):
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip().strip(INVISIBLE)
        assert text[previous_end:start].strip().strip(INVISIBLE) == ""
        previous_end = end
    assert text[previous_end:].strip().strip(INVISIBLE) == ""


def test_split_sentences_ends_at_danda_question_and_exclamation_marks():
    text = "मेटा ने बयान दिया। क्या सर्वर ठीक हैं? हाँ! कविता यहीं खत्म॥ अगली पंक्ति"
    assert sentences(text) == [
        "मेटा ने बयान दिया।",
        "क्या सर्वर ठीक हैं?",
        "हाँ!",
        "कविता यहीं खत्म॥",
        "अगली पंक्ति",
    ]


@pytest.mark.parametrize("quote", ["''", "”", '"', "’", "'", "’’"])
def test_split_sentences_keeps_closing_quote(quote):
    # Regression: indic-nlp starts the next sentence with the stray closing quote.
    text = f"प्रवक्ता ने कहा- {quote}हम इस पर काम कर रहे हैं।{quote} इसके बाद सेवा लौटी।"
    assert sentences(text) == [f"प्रवक्ता ने कहा- {quote}हम इस पर काम कर रहे हैं।{quote}", "इसके बाद सेवा लौटी।"]


def test_split_sentences_keeps_closing_quote_after_english_full_stop():
    assert sentences('He said "we are on it." Then it came back.') == [
        'He said "we are on it."',
        "Then it came back.",
    ]


def test_split_sentences_gives_an_opening_quote_to_the_next_sentence():
    assert sentences("उसने पूछा।''क्यों?'' फिर चुप रहा।") == ["उसने पूछा।", "''क्यों?''", "फिर चुप रहा।"]


@pytest.mark.parametrize("number", ["1947", "१९४७", "50"])
def test_split_sentences_ends_at_danda_right_after_a_number(number):
    # Regression: indic-nlp ignores a danda that follows a digit.
    text = f"देश आज़ाद हुआ सन {number}। इसके बाद संविधान बना।"
    assert sentences(text) == [f"देश आज़ाद हुआ सन {number}।", "इसके बाद संविधान बना।"]


@pytest.mark.parametrize(
    "text",
    [
        "डॉ. शर्मा आज अस्पताल आए।",
        "श्री. गुप्ता ने भाषण दिया।",
        "प्रो. वर्मा ने पढ़ाया।",
        "ए. के. सिंह को पुरस्कार मिला।",
        "Mr. Smith met Mrs. Jones.",
        "Dr. Rao arrived early.",
        "She moved to the U.S. in May.",
        "Bring fruit, e.g. apples.",
        "Meta Platforms Inc. reported the outage.",
        "J. K. Rowling wrote it.",
        "Rs. 500 were paid.",
    ],
)
def test_split_sentences_does_not_end_at_an_abbreviation(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "विकास दर 7.5 प्रतिशत रही।",
        "कीमत 2.5 लाख रुपये है।",
        "शेयर ₹3.25 पर बंद हुआ।",
        "The rate was 7.5 percent.",
    ],
)
def test_split_sentences_does_not_end_at_a_decimal_point(text):
    assert sentences(text) == [text]


def test_split_sentences_reads_no_as_number_only_before_a_numeral():
    assert sentences("Meta's answer was no. We left. No. 5 won.") == ["Meta's answer was no.", "We left.", "No. 5 won."]


def test_split_sentences_ends_at_a_full_stop_used_in_hindi():
    assert sentences("वह दिल्ली गया. वहाँ बारिश हुई.") == ["वह दिल्ली गया.", "वहाँ बारिश हुई."]


def test_split_sentences_handles_mixed_script_text():
    text = "Meta ने बयान जारी किया। Elon Musk posted a joke. यूज़र्स परेशान रहे।"
    assert sentences(text) == ["Meta ने बयान जारी किया।", "Elon Musk posted a joke.", "यूज़र्स परेशान रहे।"]


def test_split_sentences_does_not_end_before_a_lowercase_word():
    assert sentences("It rose approx. ten percent... and then fell.") == [
        "It rose approx. ten percent... and then fell."
    ]


def test_split_sentences_ends_at_an_ellipsis_before_a_new_sentence():
    assert sentences("We waited... Nothing happened.") == ["We waited...", "Nothing happened."]


def test_split_sentences_does_not_end_at_a_list_number():
    assert sentences("1. पहला बिंदु\n2. दूसरा बिंदु") == ["1. पहला बिंदु", "2. दूसरा बिंदु"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_split_sentences_ends_a_heading_at_the_line_break(newline):
    text = f"मेटा ने जारी किया बयान{newline}दुनियाभर में सेवाएँ ठप रहीं।"
    assert sentences(text) == ["मेटा ने जारी किया बयान", "दुनियाभर में सेवाएँ ठप रहीं।"]


@pytest.mark.parametrize("blank", ["\n\n", "\r\n\r\n", "\n \t\n", "\u2029"])
def test_split_sentences_always_ends_at_a_blank_line(blank):
    text = f"first part, still going{blank}second part"
    assert sentences(text) == ["first part, still going", "second part"]


def test_split_sentences_joins_hard_wrapped_lines():
    text = "The outage hit millions of\nusers across the world, and\nthe company apologised."
    assert sentences(text) == [text]


def test_split_sentences_keeps_tabs_inside_a_sentence():
    assert sentences("\tकॉलम एक\tकॉलम दो।\t") == ["कॉलम एक\tकॉलम दो।"]


def test_split_sentences_treats_a_pipe_after_devanagari_as_a_danda():
    assert sentences("मेटा ने बयान दिया | यूज़र्स नाराज़ हैं||") == ["मेटा ने बयान दिया |", "यूज़र्स नाराज़ हैं||"]


def test_split_sentences_keeps_a_pipe_in_latin_text():
    assert sentences("Meta | Facebook went down.") == ["Meta | Facebook went down."]


def test_split_sentences_returns_offsets_into_unnormalized_text():
    text = "\ufeff\u0958रीब एक घंटे बाद\u00a0सेवा लौटी।\u200b ‘‘हम’’ ठीक हैं।"
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == [
        "\u0958रीब एक घंटे बाद\u00a0सेवा लौटी।",
        "‘‘हम’’ ठीक हैं।",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200b\ufeff"])
def test_split_sentences_returns_nothing_for_blank_text(text):
    assert split_sentences(text) == []


def test_split_sentences_cuts_text_without_punctuation_at_whitespace():
    words = ["शब्द", "word", "लंबा", "text", "बिना", "विराम"]
    text = " ".join(words[i % len(words)] for i in range(20_000))
    assert len(text) > 100_000
    spans = split_sentences(text)
    assert_valid_spans(text, spans)
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(end == len(text) or text[end] == " " for _, end in spans)


def test_split_sentences_cuts_a_run_without_whitespace_between_letters():
    text = "क्षि" * 300
    spans = split_sentences(text)
    assert_valid_spans(text, spans)
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[end - 1] != "\u094d" and text[end] == "क" for _, end in spans[:-1])


def test_split_sentences_on_a_news_like_article():
    text = (
        "मेटा ने सेवाएँ ठप होने पर दिया बयान, मस्क ने ली चुटकी\n"
        "Meta Outage: दुनियाभर में लाखों यूज़र्स को दिक्कत हुई। करीब एक घंटे बाद "
        "फ़ेसबुक लौट आया, लेकिन इंस्टाग्राम पर परेशानी रही।\n"
        "कंपनी ने कहा- हम काम कर रहे हैं\n"
        "प्रवक्ता ने लिखा- ''हमें दिक्कत की जानकारी है। जल्द ठीक करेंगे।'' "
        "डाउनडिटेक्टर पर 3 लाख से ज्यादा शिकायतें आईं।\n"
        "ये भी पढ़ें: सबसे ज्यादा ‘डिलीट’ होने वाला ऐप बना Instagram ; Elon Musk ने दिया जवाब"
    )
    assert sentences(text) == [
        "मेटा ने सेवाएँ ठप होने पर दिया बयान, मस्क ने ली चुटकी",
        "Meta Outage: दुनियाभर में लाखों यूज़र्स को दिक्कत हुई।",
        "करीब एक घंटे बाद फ़ेसबुक लौट आया, लेकिन इंस्टाग्राम पर परेशानी रही।",
        "कंपनी ने कहा- हम काम कर रहे हैं",
        "प्रवक्ता ने लिखा- ''हमें दिक्कत की जानकारी है।",
        "जल्द ठीक करेंगे।''",
        "डाउनडिटेक्टर पर 3 लाख से ज्यादा शिकायतें आईं।",
        "ये भी पढ़ें: सबसे ज्यादा ‘डिलीट’ होने वाला ऐप बना Instagram ; Elon Musk ने दिया जवाब",
    ]


@pytest.mark.parametrize(
    "text, words",
    [
        ("U.S. co-founder O'Brien", ["U.S", ".", "co-founder", "O'Brien"]),
        ("2,50,000 और 88,000 तथा 2.5 लाख", ["2,50,000", "और", "88,000", "तथा", "2.5", "लाख"]),
        ("२.५ करोड़", ["२.५", "करोड़"]),
        ("कहा- ''हम हैं।''", ["कहा", "-", "'", "'", "हम", "हैं", "।", "'", "'"]),
        ("डॉ.शर्मा, ₹3.25", ["डॉ", ".", "शर्मा", ",", "₹", "3.25"]),
        ("राम,श्याम", ["राम", ",", "श्याम"]),
        ("\u0915\u093cरीब \u0958रीब", ["\u0915\u093cरीब", "\u0958रीब"]),
        ("कोविड-19 में", ["कोविड-19", "में"]),
        ("भारत-पाक सीरीज़, अक्षय-सलमान", ["भारत", "-", "पाक", "सीरीज़", ",", "अक्षय", "-", "सलमान"]),
        ("Jean-Pierre and Rolls-Royce", ["Jean", "-", "Pierre", "and", "Rolls", "-", "Royce"]),
        ("था.नेटो", ["था", ".", "नेटो"]),
        ("मोदी/शाह", ["मोदी", "/", "शाह"]),
        ("it’s 25%", ["it’s", "25", "%"]),
        ("Reddy’s और '90s", ["Reddy’s", "और", "'", "90s"]),
        ("बनोगे’नरेंद्र गिरी", ["बनोगे", "’", "नरेंद्र", "गिरी"]),
        ("न\u200dहीं\tहाँ", ["न\u200dहीं", "हाँ"]),
    ],
)
def test_split_words_returns_word_spans(text, words):
    assert [text[start:end] for start, end in split_words(text)] == words


def test_split_words_covers_every_visible_character():
    text = "Meta ने, ''साइबर अटैक'' (cyber-attack) पर 5 लाख+ रिपोर्ट दीं।"
    spans = split_words(text)
    covered = "".join(text[start:end] for start, end in spans)
    assert covered == "".join(text.split())


def _sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_split_sentences_ends_at_a_full_stop_glued_to_the_next_devanagari_word():
    text = "उन्होंने कहा कि बातचीत जारी रहेगी.नेटो अधिकारियों ने बताया कि सेना तैयार है."
    assert _sentences(text) == ["उन्होंने कहा कि बातचीत जारी रहेगी.", "नेटो अधिकारियों ने बताया कि सेना तैयार है."]


def test_split_sentences_ends_at_a_full_stop_glued_to_a_capitalised_english_word():
    assert _sentences("Talks went on.The minister left.") == ["Talks went on.", "The minister left."]


@pytest.mark.parametrize("text", [
    "ई.पू. 300 में यह नगर बसा।",
    "सी.बी.आई. ने जांच शुरू की।",
    "यू.एस. की सेना लौट आई।",
    "डॉ.शर्मा ने कहा कि हालात ठीक हैं।",
])
def test_split_sentences_keeps_devanagari_dotted_abbreviations_inside(text):
    assert _sentences(text) == [text]


def test_split_sentences_does_not_end_at_an_exclamation_before_a_lowercase_word():
    assert _sentences("It was 'Wow! what a catch' all over. Next") == ["It was 'Wow! what a catch' all over.", "Next"]


@pytest.mark.parametrize("text, expected", [
    ("कैसी है स्तन के बगैर ज़िंदगी- आपबीती पढ़िएलेकिन जल्द ही राहत मिलेगी।",
     ["कैसी है स्तन के बगैर ज़िंदगी- आपबीती पढ़िए", "लेकिन जल्द ही राहत मिलेगी।"]),
    ("पूरी ख़बर के लिए क्लिक करेंहालांकि पुलिस ने कुछ नहीं कहा।",
     ["पूरी ख़बर के लिए क्लिक करें", "हालांकि पुलिस ने कुछ नहीं कहा।"]),
    ("पूरा इंटरव्यू सुनिएपार्थिव पटेल ने कहा।", ["पूरा इंटरव्यू सुनिए", "पार्थिव पटेल ने कहा।"]),
])
def test_a_call_to_action_glued_to_the_next_sentence_ends_a_sentence_and_a_word(text, expected):
    # crawled BBC Hindi pages glue a link's text to the paragraph that follows it
    assert sentences(text) == expected
    words = [text[s:e] for s, e in split_words(text)]
    first, second = expected[0].split()[-1], expected[1].split()[0]
    assert words[words.index(first) + 1] == second


def test_future_and_polite_forms_of_those_verbs_are_words():
    text = "आप ज़रूर देखिएगा और वे क्लिक करेंगे। लोग किताब पढ़ेंगी।"
    assert sentences(text) == ["आप ज़रूर देखिएगा और वे क्लिक करेंगे।", "लोग किताब पढ़ेंगी।"]
    assert "देखिएगा" in [text[s:e] for s, e in split_words(text)]
