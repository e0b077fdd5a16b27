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
