"""The public surface: small, importable without torch, typed errors."""
import subprocess
import sys

import pytest

import newsdigest
from newsdigest.errors import InputError, ModelNotFoundError, NewsdigestError
from newsdigest.pipeline import Digester, check_text, find_title


def test_public_names_are_exactly_the_documented_ones():
    assert sorted(newsdigest.__all__) == sorted([
        "Digester", "Digest", "Entity", "EntitySpan", "Fact", "Mention", "Summary",
        "InputError", "ModelNotFoundError", "NewsdigestError", "SCHEMA_VERSION", "__version__",
        "Config", "ConfigError"])
    for name in newsdigest.__all__:
        assert getattr(newsdigest, name) is not None


def test_import_and_help_do_not_import_torch():
    code = ("import sys, newsdigest, newsdigest.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules, 'torch imported'\n"
            "assert 'transformers' not in sys.modules, 'transformers imported'\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_errors_subclass_builtins():
    assert issubclass(ModelNotFoundError, FileNotFoundError)
    assert issubclass(InputError, ValueError)
    assert issubclass(InputError, NewsdigestError)


@pytest.mark.parametrize("bad,msg", [
    ("", "empty"), ("  \n\t ", "empty"), ("abc\x00def", "binary"), (b"bytes", "decode"),
    ("\x01\x02\x03\x04" * 100, "binary"), (None, "str"),
])
def test_check_text_rejects_non_articles_with_a_clear_message(bad, msg):
    with pytest.raises(InputError, match=msg):
        check_text(bad)


def test_check_text_refuses_oversized_input_instead_of_truncating():
    with pytest.raises(InputError, match="split the article"):
        check_text("क" * 1_000_001)


def test_find_title_takes_a_short_first_line_without_full_stop():
    text = "मेटा ने जारी किया बयान\nकंपनी ने कहा कि काम जारी है। दूसरा वाक्य।"
    sents = [(0, 22), (23, 52), (53, 63)]
    assert find_title(text, sents) == "मेटा ने जारी किया बयान"
    assert find_title("One sentence only.", [(0, 18)]) is None


def test_a_first_sentence_that_is_not_the_whole_first_line_is_no_title():
    from newsdigest.preprocess import split_sentences

    # a link's text glued to the article ends a sentence (preprocess) but does not stand alone on its line
    text = "कैसी है ज़िंदगी- आपबीती पढ़िएलेकिन जल्द ही नई दवा सामने आ सकती है.दूसरा वाक्य यहां है.\nअगली पंक्ति।"
    assert find_title(text, split_sentences(text)) is None


def test_digest_and_files_share_one_validator():
    # KrutiDev was refused for files but not for Digester.digest(); now both use newsdigest.validate
    from newsdigest.batch import inputs
    from newsdigest.validate import check_text as one

    krutidev = "Hkkjr ljdkj us dgk fd ;g ,d cM+k QSlyk gS vkSj ge blds lkFk gSa"
    with pytest.raises(InputError, match="KrutiDev"):
        check_text(krutidev)
    with pytest.raises(InputError, match="a.txt: .*KrutiDev"):
        inputs.check_text(krutidev, "a.txt")
    assert check_text is one
    assert inputs.DEFAULT_MAX_CHARS == Digester().max_chars


def test_model_version_changes_when_any_project_model_changes(tmp_path, monkeypatch):
    import shutil

    from newsdigest.resources import models_root

    for name in ("ner-hi-en", "translit", "sentence-scorer"):
        shutil.copytree(models_root() / name, tmp_path / name)
    monkeypatch.setenv("NEWSDIGEST_MODELS", str(tmp_path))
    before = Digester().model_version()
    scorer = tmp_path / "sentence-scorer" / "scorer.json"
    scorer.unlink()  # removing the scorer changes the bullets, so it must change the version
    assert Digester().model_version() != before
