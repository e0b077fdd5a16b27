"""Dates, times and durations are written for a reader of each language (issue: "PT1H, after" and
"तारीख: Friday" in the facts list), and a weekday joins the date it names."""
import pytest

from newsdigest.facts import extract_facts
from newsdigest.schema import Fact
from newsdigest.summary.when import date_text, duration_text, temporal_text, time_text
from test_facts import make_digest


def _facts(text, kind, lang="hi"):
    return [f for f in extract_facts(make_digest(text, lang=lang)) if f.type == kind]


@pytest.mark.parametrize("value, weekday, en, hi", [
    ("2024-07-19", "Friday", "Friday, 19 July 2024", "शुक्रवार, 19 जुलाई 2024"),
    ("2024-07-19", None, "19 July 2024", "19 जुलाई 2024"),
    ("2023-09", None, "September 2023", "सितंबर 2023"),
    ("--03-09", None, "9 March", "9 मार्च"),
    (None, "Saturday", "Saturday", "शनिवार"),
])
def test_dates_are_written_the_way_papers_write_them(value, weekday, en, hi):
    assert (date_text(value, weekday, "en"), date_text(value, weekday, "hi")) == (en, hi)


@pytest.mark.parametrize("value, en, hi", [
    ("14:30", "2:30 pm", "दोपहर 2:30 बजे"), ("06:00", "6 am", "सुबह 6 बजे"), ("22:00", "10 pm", "रात 10 बजे"),
])
def test_clock_times_are_written_with_the_part_of_the_day(value, en, hi):
    assert (time_text(value, "en"), time_text(value, "hi")) == (en, hi)


def test_unreadable_values_give_none_rather_than_a_guess():
    assert date_text("2024-13-40", None, "en") is None
    assert time_text("25:99", "hi") is None
    assert duration_text(Fact(id="F1", type="duration", text="x", span=(0, 1), value=None, unit="hour"), "en") is None


@pytest.mark.parametrize("text, lang, en, hi", [
    ("करीब एक घंटे बाद सेवा शुरू हुई।", "hi", "about an hour later", "करीब एक घंटे बाद"),
    ("पिछले 24 घंटों में बारिश हुई।", "hi", "over the past 24 hours", "पिछले 24 घंटे"),
    ("राहत शिविर 5 दिन तक चलेगा।", "hi", "up to 5 days", "5 दिन तक"),
    ("उन्होंने करीब एक दशक से व्यवसाय किया।", "hi", "for about a decade", "पिछले करीब एक दशक"),
    ("Trains will run about every seven minutes.", "en", "about every 7 minutes", "करीब हर 7 मिनट"),
    ("It opened less than nine months after the deal.", "en", "less than 9 months later", "9 महीने से कम समय बाद"),
    ("Prices may rise over the next year.", "en", "over the next year", "अगले एक वर्ष"),
])
def test_durations_are_written_for_people_in_both_languages(text, lang, en, hi):
    (f,) = _facts(text, "duration", lang)
    assert (temporal_text(f, "en"), temporal_text(f, "hi")) == (en, hi)


def test_a_weekday_written_with_its_date_is_one_fact():
    text = "सरकार ने शुक्रवार, 19 जुलाई 2024 को फैसला लिया। शनिवार को बैठक हुई।"
    dates = _facts(text, "date")
    assert [(f.text, f.value, f.extra.get("weekday")) for f in dates] == [
        ("शुक्रवार, 19 जुलाई 2024", "2024-07-19", "Friday"), ("शनिवार", None, "Saturday")]
    assert all(text[f.span[0]:f.span[1]] == f.text for f in dates)


def test_a_weekday_elsewhere_in_the_article_joins_the_only_date_on_that_day():
    text = "The vote was on Sunday. Results were declared on March 9, 2025, in Delhi. Tuesday was calm."
    dates = _facts(text, "date", "en")
    assert [(f.text, f.extra.get("weekday")) for f in dates] == [("March 9, 2025", "Sunday"), ("Tuesday", "Tuesday")]


def test_a_weekday_the_calendar_contradicts_stays_apart():
    dates = _facts("बैठक सोमवार को हुई। बजट 1 फरवरी 2025 को पेश हुआ।", "date")
    assert [(f.text, f.extra.get("weekday")) for f in dates] == [("सोमवार", "Monday"), ("1 फरवरी 2025", None)]


def test_a_measure_of_time_is_never_the_headlines_topic():
    """samples/hi/meta-apps-outage-hi.txt: "WhatsApp, Instagram और Facebook घंटों ठप" gave the English headline
    "Meta and Instagram hours: ..."."""
    from newsdigest.summary.headline import _is_time_unit

    assert all(_is_time_unit(w) for w in ("hours", "hour", "days", "decade", "Minutes"))
    assert not any(_is_time_unit(w) for w in ("flood", "election", "outage"))
