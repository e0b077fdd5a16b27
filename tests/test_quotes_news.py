"""Quote rules found on news text (news-hi dev/train patterns), each on a sentence written for the test."""
import pytest

from newsdigest.facts import extract_facts

from test_facts import make_digest, name


def quotes(digest):
    return [f for f in extract_facts(digest) if f.type == "quote"]


# -- headlines ------------------------------------------------------------------------------------

VERMA = [("PER", "सुरेश वर्मा", "Suresh Verma", ["सुरेश वर्मा"])]


@pytest.mark.parametrize("text", [
    "सुरेश वर्मा ने कहा- अगले साल तक पूरा होगा पुल का काम",
    "सुरेश वर्मा बोले, 'हम पीछे नहीं हटेंगे', सरकार ने बुलाई बैठक",
    "स्टेशन पर फिर जुटी भीड़, सुरेश वर्मा ने पूछा 'ट्रेन कब आएगी?'",
])
def test_a_headline_alone_has_no_quotes(text):
    assert quotes(make_digest(text, VERMA)) == []


def test_quotes_in_the_title_line_are_skipped_but_the_article_quotes_are_kept():
    text = ("मंत्री बोले- 'पुल अगले साल खुलेगा'\n"
            "नगर के नए पुल पर काम तेज़ हो गया है। मंत्री सुरेश वर्मा ने कहा, 'पुल अगले साल खुलेगा।'")
    d = make_digest(text, VERMA, title=text.split("\n")[0])
    found = quotes(d)
    assert [q.text for q in found] == ["पुल अगले साल खुलेगा।"] and name(d, found[0].speaker) == "Suresh Verma"


# -- quotation marks ----------------------------------------------------------------------------------

SHARMA = [("PER", "रीना शर्मा", "Reena Sharma", ["रीना शर्मा", "शर्मा"])]


@pytest.mark.parametrize("text,quote", [
    # the closing mark glued to the next sentence
    ("रीना शर्मा ने कहा, ‘स्कूल सोमवार से खुलेंगे।’अगले दिन बैठक हुई।", "स्कूल सोमवार से खुलेंगे।"),
    ("रीना शर्मा ने कहा, 'स्कूल सोमवार से खुलेंगे।'अगले दिन बैठक हुई।", "स्कूल सोमवार से खुलेंगे।"),
    ('रीना शर्मा ने कहा, "स्कूल सोमवार से खुलेंगे."अगले दिन बैठक हुई.', "स्कूल सोमवार से खुलेंगे."),
    # a closing mark typed for the opening one, an opening mark for the closing one
    ("रीना शर्मा ने कहा,’स्कूल सोमवार से खुलेंगे।’ अगले दिन बैठक हुई।", "स्कूल सोमवार से खुलेंगे।"),
    ("रीना शर्मा ने कहा, “स्कूल सोमवार से खुलेंगे.“अगले दिन बैठक हुई.", "स्कूल सोमवार से खुलेंगे."),
])
def test_quote_marks_glued_to_the_next_word_or_typed_the_wrong_way_still_pair(text, quote):
    d = make_digest(text, SHARMA)
    assert [(q.text, name(d, q.speaker)) for q in quotes(d)] == [(quote, "Reena Sharma")]


def test_a_quotation_never_closed_runs_to_the_end_of_its_paragraph():
    text = ("रीना शर्मा ने कहा, ‘‘स्कूल सोमवार से खुलेंगे। बच्चों को किताबें मुफ्त मिलेंगी।\n"
            "शिक्षा विभाग ने तैयारी शुरू कर दी है।")
    d = make_digest(text, SHARMA)
    assert [q.text for q in quotes(d)] == ["स्कूल सोमवार से खुलेंगे। बच्चों को किताबें मुफ्त मिलेंगी।"]


def test_a_quotation_after_the_end_of_an_unclosed_one_is_its_own():
    text = ("रीना शर्मा ने कहा, ‘‘स्कूल सोमवार से खुलेंगे।’’शर्मा ने बताया, ‘‘बच्चों को किताबें मुफ्त मिलेंगी।")
    d = make_digest(text, SHARMA)
    assert [q.text for q in quotes(d)] == ["स्कूल सोमवार से खुलेंगे।", "बच्चों को किताबें मुफ्त मिलेंगी।"]


def test_an_english_apostrophe_is_not_a_quotation_mark():
    text = "Reena Sharma's office said: 'Schools will reopen on Monday.'"
    d = make_digest(text, [("PER", "रीना शर्मा", "Reena Sharma", ["Reena Sharma"])], lang="en")
    assert [q.text for q in quotes(d)] == ["Schools will reopen on Monday."]
