"""Text no newsroom meant to send: nothing crashes, every offset points into the input, nothing is invented."""
import pytest

from newsdigest.preprocess import split_sentences, split_words

BAD = {
    "no spaces": "मेटाकेप्रवक्ताएंडीस्टोननेकहाकिहमकामकररहेहैं" * 40,
    "only punctuation": "!!! ... ??? ।।। ---- '' \"\" (((( ))))" * 20,
    "mixed scripts in a word": "Metaने Facebookपर दिल्लीMumbai में 5लाख रिपोर्टें दर्ज कीं।",
    "one long sentence": ("दिल्ली में बारिश हुई और लोग घरों में रहे " * 2500).strip(),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_sentences_and_words_stay_offsets_into_bad_input(name):
    text = BAD[name]
    sents = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in sents)
    assert all(b - a <= 400 for a, b in sents)  # MAX_SENTENCE_CHARS: long runs are cut, not dropped
    covered = "".join(text[a:b] for a, b in sents)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(text[a:b].strip() for a, b in split_words(text))


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("name", sorted(BAD))
def test_a_digest_of_bad_input_keeps_every_offset(digester, name):
    text = BAD[name]
    d = digester.digest(text)
    for e in d.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for f in d.facts:
        a, b = f.span
        assert text[a:b] == f.text
    if name == "only punctuation":
        assert d.entities == [] and [f for f in d.facts if f.type == "quantity"] == []


# the bad input for facts: nothing crashes, nothing is invented
def test_a_forty_digit_number_keeps_every_digit_and_a_runaway_one_is_no_figure():
    from newsdigest.preprocess import find_quantities

    (q,) = find_quantities("संख्या 1234567890123456789012345678901234567890 लिखी थी")
    assert q.value == 1234567890123456789012345678901234567890
    assert find_quantities("अंक " + "7" * 5000 + " लिखे") == []


def test_devanagari_digits_in_indian_grouping_and_digit_lists():
    from newsdigest.preprocess import find_quantities

    (q,) = find_quantities("कुल १२,३४,५६,७८९ रुपये जमा हुए")
    assert (q.value, q.unit) == (123456789, "INR")
    assert all(q.value != 123 for q in find_quantities("अंक 1,2,3 और 4 चुने गए"))  # a list is not 123


@pytest.mark.slow
@pytest.mark.model
def test_unbalanced_and_very_long_quotes_keep_offsets(digester):
    text = ("मेटा के प्रवक्ता ने कहा- ''हम इस पर काम कर रहे हैं। " + "यह बहुत लंबा बयान है और " * 400
            + "\nदूसरी खबर में 'एक निशान और \"दूसरा निशान रह गया।")
    d = digester.digest(text)
    for f in d.facts:
        assert text[f.span[0]:f.span[1]] == f.text
    for e in d.entities:
        assert all(text[m.start:m.end] == m.text for m in e.mentions)
