"""Markdown rendering of a digest: both summaries, both names of every entity, the facts."""
from newsdigest.facts import extract_facts
from newsdigest.render import render_markdown
from newsdigest.summary import summarize

from test_facts import make_digest

TEXT = ("मेटा ने बयान जारी किया\n"
        "डाउनडिटेक्टर ने फेसबुक के लिए 5 लाख से ज्यादा आउटेज की रिपोर्ट दर्ज की है। "
        "मेटा के प्रवक्ता एंडी स्टोन ने कहा- ''हम इस पर काम कर रहे हैं।'' "
        "करीब एक घंटे बाद फेसबुक शुरू हो गया। मेटा ने समस्या को स्वीकार किया है।")
ENTITIES = [("ORG", "मेटा", "Meta", ["मेटा"]), ("ORG", "फेसबुक", "Facebook", ["फेसबुक"]),
            ("PER", "एंडी स्टोन", "Andy Stone", ["एंडी स्टोन"]), ("ORG", "डाउनडिटेक्टर", "Downdetector", ["डाउनडिटेक्टर"])]


def rendered(entities=ENTITIES):
    d = make_digest(TEXT, entities, title="मेटा ने बयान जारी किया")
    d.facts = extract_facts(d)
    d.summary = summarize(d, None)
    return d, render_markdown(d)


def test_markdown_has_both_summaries_the_source_language_first():
    d, md = rendered()
    hi, en = md.index("(हिंदी"), md.index("(English")
    assert md.startswith("# मेटा ने बयान जारी किया") and hi < en
    for summary in d.summary.values():
        for bullet in summary.bullets:
            assert f"- {bullet}" in md


def test_markdown_entities_table_lists_both_names():
    _, md = rendered()
    assert "| Andy Stone | एंडी स्टोन |" in md and "| Downdetector | डाउनडिटेक्टर |" in md


def test_markdown_facts_are_described_in_both_languages():
    _, md = rendered()
    row = next(line for line in md.splitlines() if line.startswith("| F") and "5 लाख से ज्यादा |" in line)
    assert "more than 500,000 outage reports for Facebook" in row and "5 लाख से ज्यादा" in row.split("|")[4]
    assert "### Quotes · बयान" in md and "### Durations · अवधि" in md


def test_a_pipe_in_a_name_does_not_break_the_table():
    entities = [("ORG", "मेटा", "Meta | Platforms", ["मेटा"])] + ENTITIES[1:]
    _, md = rendered(entities)
    assert "| Meta \\| Platforms | मेटा |" in md


def test_digest_to_markdown_is_render_markdown():
    d, md = rendered()
    assert d.to_markdown() == md


def test_summary_language_is_the_articles_own_or_its_script_when_mixed():
    from newsdigest.schema import Digest

    assert Digest(text="Delhi में बारिश", lang="hi").summary_language == "hi"
    assert Digest(text="मेटा", lang="en").summary_language == "en"  # a stated language wins
    mixed = "Meta Platforms said services were restored after the outage, एक घंटे बाद"
    assert Digest(text=mixed, lang="mixed").summary_language == "en"  # more Latin letters
    assert Digest(text="फेसबुक और इंस्टाग्राम ठप, Meta", lang="mixed").summary_language == "hi"
    assert Digest(text="", lang="und").summary_language == "hi"  # a tie (no letters) reads as Hindi, as before
