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
