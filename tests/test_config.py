"""One Config builds a Digester: its components, the models it chooses and the stages it leaves out."""
import json
import shutil

import pytest

from newsdigest import Config, ConfigError
from newsdigest.resources import model_dir

ARTICLE = ("मेटा के प्रवक्ता एंडी स्टोन ने कहा कि फेसबुक और इंस्टाग्राम की सेवाएं दो घंटे बाद बहाल हो गईं। "
           "दिल्ली में 5 लाख से ज्यादा लोगों ने शिकायत दर्ज कराई।")


@pytest.mark.parametrize("values, message", [
    ({"precison": "fp32"}, "unknown setting 'precison'"),
    ({"precision": "fp16"}, "precision must be one of"),
    ({"disable": ["ner"]}, "cannot disable ner"),
    ({"threads": 0}, "threads must be a positive integer"),
    ({"max_chars": "10"}, "max_chars must be a positive integer"),
    ({"ner_model": 5}, "ner_model must be a path"),
    ({"device": "gpu"}, "device must be 'cpu', 'cuda' or 'cuda:N'"),
    ({"device": "cuda", "precision": "int8"}, "int8 runs in ONNX Runtime on the CPU"),
])
def test_a_config_that_cannot_be_built_is_a_config_error(values, message):
    with pytest.raises(ConfigError, match=message):
        Config.from_dict(values)


def test_config_reads_json_and_toml_and_round_trips(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({"precision": "fp32", "disable": ["translation", "facts"]}))
    (tmp_path / "c.toml").write_text('precision = "fp32"\ndisable = ["facts", "translation"]\n')
    a, b = Config.from_file(tmp_path / "c.json"), Config.from_file(tmp_path / "c.toml")
    assert a == b and a.disable == ("facts", "translation")  # one order, whatever order was written
    assert Config.from_dict(a.to_dict()) == a
    (tmp_path / "bad.json").write_text("[1, 2]")
    with pytest.raises(ConfigError, match="must hold an object"):
        Config.from_file(tmp_path / "bad.json")
    with pytest.raises(ConfigError, match="cannot read config"):
        Config.from_file(tmp_path / "missing.json")


def test_settings_come_as_config_or_as_keywords_not_both():
    from newsdigest.pipeline import Digester

    cfg = Config(precision="fp32", threads=2)
    d = Digester(config=cfg)
    assert d.config == cfg and d.precision == "fp32" and d.threads == 2
    assert Digester(precision="fp32", threads=2).model_version() == d.model_version()
    with pytest.raises(ConfigError, match="not both"):
        Digester(config=cfg, max_chars=10)
    with pytest.raises(ConfigError, match="must be a newsdigest Config"):
        Digester(config={"precision": "fp32"})


def _shipped_copy(name, file, tmp_path):
    """A copy of the shipped model folder ``name`` under tmp_path (skips when it does not ship ``file``)."""
    shipped = model_dir(name)
    if not (shipped / file).is_file():
        pytest.skip(f"no shipped {name}")
    copy = tmp_path / name
    shutil.copytree(shipped, copy)
    return shipped, copy


def test_model_version_hashes_every_components_weights_not_their_paths(tmp_path):
    from newsdigest.pipeline import Digester

    _, copy = _shipped_copy("sentence-scorer", "scorer.json", tmp_path)
    base = Digester(precision="fp32").model_version()
    assert Digester(precision="fp32", scorer_model=copy).model_version() == base  # same files, same version
    scorer = json.loads((copy / "scorer.json").read_text())
    scorer["name"] += " (retrained)"
    (copy / "scorer.json").write_text(json.dumps(scorer))
    assert Digester(precision="fp32", scorer_model=copy).model_version() != base
    assert Digester(precision="fp32", disable=["facts"]).model_version() != base
    names = [c.name for c in Digester(precision="fp32", disable=["summary"]).components]
    assert names == ["encoder", "ner", "names", "facts"]


def test_a_scorer_folder_without_a_scorer_is_a_model_error(tmp_path):
    from newsdigest import ModelNotFoundError
    from newsdigest.pipeline import Digester

    with pytest.raises(ModelNotFoundError, match="no sentence scorer"):
        Digester(scorer_model=tmp_path).scorer


def test_the_chosen_transliterator_spells_every_name_of_the_digest(tmp_path):
    from newsdigest import names
    from newsdigest.pipeline import Digester

    _, copy = _shipped_copy("translit", "model.safetensors", tmp_path)
    d = Digester(translit_model=copy)
    t = d.transliterator
    assert t.model_dir == copy and t is not names.default_transliterator()
    calls = []
    english = t.to_english_batch
    t.to_english_batch = lambda ns, labels=None: calls.append(list(ns)) or english(ns, labels)
    digest = d.digest(ARTICLE)
    assert calls and any("एंडी स्टोन" in batch for batch in calls)
    assert "Andy Stone" in {e.name_en for e in digest.entities}
    assert names.current() is names.default_transliterator()  # outside the digest, the default again
    assert d.models_info()["transliteration"] == t.info()


def test_disabled_stages_are_left_out_of_the_digest(digester):
    from newsdigest.pipeline import Digester

    d = Digester(disable=("facts", "summary"))
    d._encoder = digester.encoder  # the same encoder; only the stages after it differ
    digest = d.digest(ARTICLE)
    assert digest.facts == [] and digest.summary == {}
    assert {e.name_en for e in digest.entities} >= {"Andy Stone", "Meta"}
    assert json.loads(digest.to_json())["facts"] == []
    assert "Andy Stone" in digest.to_markdown()
    full = digester.digest(ARTICLE)
    assert full.facts and full.summary


def test_a_gpu_runs_fp32_unless_told_and_a_missing_one_is_a_config_error():
    import torch

    from newsdigest.pipeline import Digester

    d = Digester(device="cuda:0")
    assert d.precision == "fp32" and d.config.device == "cuda:0"  # "auto" reads the CPU's flags, not the GPU's
    assert Digester(device="cuda", precision="bf16").precision == "bf16"
    assert "device" in d.components[0].settings and "device" not in Digester().components[0].settings
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match="sees no CUDA device"):
            d.encoder


def test_the_chosen_lexicon_is_read_by_the_summary_and_hashed(tmp_path):
    from newsdigest import ModelNotFoundError
    from newsdigest.pipeline import Digester
    from newsdigest.summary import lexicon

    shipped, copy = _shipped_copy("lexicon-hi-en", "lexicon.json", tmp_path)
    with lexicon.using_folder(copy):
        assert lexicon.load_lexicon().source == str(copy / "lexicon.json")
    assert lexicon.load_lexicon().source == str(shipped / "lexicon.json")  # outside the block, the project's
    with lexicon.using_folder(tmp_path), pytest.raises(ModelNotFoundError, match="no lexicon.json"):
        lexicon.load_lexicon()
    base = Digester(precision="fp32").model_version()
    assert Digester(precision="fp32", lexicon_model=copy).model_version() == base
    data = json.loads((copy / "lexicon.json").read_text(encoding="utf-8"))
    data["hi_en"]["नयाशब्द"] = ["newword"]
    data["scores"]["hi_en"]["नयाशब्द"] = [1.0]
    (copy / "lexicon.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert Digester(precision="fp32", lexicon_model=copy).model_version() != base
