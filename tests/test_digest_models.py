"""Optional seq2seq models plug into the digest through the same options a user passes."""
import pytest

import tiny_seq2seq
from conftest import REPO

pytestmark = pytest.mark.slow
ARTICLE = (REPO / "samples" / "hi" / "budget-2025-hi.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def marian_dir(tmp_path_factory):
    return tiny_seq2seq.build_marian(tmp_path_factory.mktemp("marian-digest"))


@pytest.fixture(scope="module")
def mt5_dir(tmp_path_factory):
    return tiny_seq2seq.build_mt5(tmp_path_factory.mktemp("mt5-digest"))


def test_translator_writes_the_other_language_summary_and_full_translation(marian_dir):
    from newsdigest import Digester

    d = Digester(mt_model=str(marian_dir), translate=True).digest(ARTICLE)
    assert d.summary["hi"].method == "extractive"
    assert d.summary["en"].method == "translated"
    assert len(d.summary["en"].bullets) == len(d.summary["hi"].bullets)
    assert d.translation["lang"] == "en" and d.translation["text"]
    assert d.to_dict()["models"]["translation"] == str(marian_dir)


def test_summary_model_replaces_the_extractive_summary_of_the_article_language(mt5_dir):
    from newsdigest import Digester

    d = Digester(summary_model=str(mt5_dir)).digest(ARTICLE)
    assert d.summary["hi"].method == "abstractive"
    assert d.summary["en"].method in ("from_facts", "translated")


def test_a_mixed_article_mostly_in_latin_gets_its_abstractive_summary_in_the_english_slot(mt5_dir):
    from newsdigest import Digester
    from newsdigest.summary import source_language

    text = ("The Reserve Bank of India kept its key rate unchanged on Friday, the governor said. "
            "Markets had expected a cut after inflation eased for a third month. "
            "रिज़र्व बैंक ने कहा कि महंगाई पर नज़र रखी जाएगी। बैंक के गवर्नर ने बताया कि अगली बैठक दिसंबर में होगी।")
    d = Digester(summary_model=str(mt5_dir)).digest(text)
    assert d.lang == "mixed" and source_language(d) == "en"
    assert d.summary["en"].method == "abstractive"
    assert d.summary["hi"].method in ("from_facts", "translated")


def test_cli_translate_flag_without_model_is_a_usage_error(capsys):
    from newsdigest.cli import main

    assert main(["summarize", str(REPO / "samples" / "hi" / "budget-2025-hi.txt"), "--translate"]) == 2
    assert "--mt-model" in capsys.readouterr().err


def test_cli_summarize_with_translation_model(marian_dir, capsys):
    import json

    from newsdigest.cli import main

    rc = main(["summarize", str(REPO / "samples" / "hi" / "budget-2025-hi.txt"), "--mt-model", str(marian_dir)])
    assert rc == 0
    assert json.loads(capsys.readouterr().out)["summary"]["en"]["method"] == "translated"
