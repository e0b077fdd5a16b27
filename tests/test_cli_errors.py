"""Every CLI error is one line on stderr with a documented exit code, never a traceback or a usage block."""
import json

import pytest

from newsdigest.cli import main


def _run(capsys, argv):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits on usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _one_line(err):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "usage:" not in err
    return lines[0]


def test_a_usage_error_is_one_line(capsys):
    code, _, err = _run(capsys, ["summarize"])
    assert code == 2 and "--help" in _one_line(err)


@pytest.mark.parametrize("content, what", [
    (None, "not a file"),                                  # a folder
    ("{not json\n", "not UTF-8 JSONL"),                    # a bad line
    (json.dumps({"id": 1, "words": ["a"]}) + "\n", "no labelled records"),  # no tokens, no spans
])
def test_eval_ner_refuses_what_it_cannot_score(tmp_path, capsys, content, what):
    path = tmp_path
    if content is not None:
        path = tmp_path / "x.jsonl"
        path.write_text(content, encoding="utf-8")
    code, out, err = _run(capsys, ["eval", "ner", str(path)])
    assert code == 2 and what in _one_line(err) and out == ""


def test_eval_ner_limit_must_be_positive(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"tokens": ["Delhi"], "tags": ["B-LOC"]}) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, ["eval", "ner", str(path), "--limit", "0"])
    assert code == 2 and "--limit" in _one_line(err)


def test_models_info_of_an_unknown_model_exits_2(capsys):
    code, _, err = _run(capsys, ["models", "info", "no-such-model"])
    assert code == 2 and "unknown model" in _one_line(err)


def test_models_info_knows_the_shipped_models(capsys):
    code, out, _ = _run(capsys, ["models", "info", "ner-hi-en"])
    assert code == 0 and "local_path: None" not in out and "unknown" not in out and "CC BY-SA" in out


def test_summarize_refuses_stdin_with_out(capsys, tmp_path):
    code, _, err = _run(capsys, ["summarize", "-", "--out", str(tmp_path)])
    assert code == 2 and "standard input" in _one_line(err)


@pytest.mark.slow
@pytest.mark.model
def test_summarize_dash_reads_the_article_from_stdin():
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "samples" / "hi" / "assam-flood-hi.txt"
    res = subprocess.run([sys.executable, "-m", "newsdigest", "summarize", "-"], input=sample.read_bytes(),
                         capture_output=True, check=True)
    digest = json.loads(res.stdout)
    assert digest["source"]["path"] == "-" and digest["source"]["chars"] == len(sample.read_text("utf-8"))


@pytest.mark.parametrize("argv", [["summarize", "x.txt"], ["eval", "ner", "x.jsonl"]])
def test_quantize_contradicting_precision_is_one_line(tmp_path, capsys, argv, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("दिल्ली में बारिश हुई।", encoding="utf-8")
    (tmp_path / "x.jsonl").write_text(json.dumps({"tokens": ["Delhi"], "tags": ["B-LOC"]}) + "\n", encoding="utf-8")
    code, out, err = _run(capsys, argv + ["--quantize", "--precision", "fp32"])
    assert code == 2 and "contradicts --precision fp32" in _one_line(err) and out == ""


@pytest.mark.parametrize("argv", [["summarize", "x.txt"], ["eval", "ner", "x.jsonl"]])
def test_precision_option_reaches_the_digester(tmp_path, capsys, argv, monkeypatch):
    import newsdigest
    from newsdigest.errors import ModelNotFoundError

    class Recording:
        def __init__(self, *args, precision=None, **kw):
            raise ModelNotFoundError(f"recorded precision={precision}")

    monkeypatch.setattr(newsdigest, "Digester", Recording)
    monkeypatch.setattr("newsdigest.pipeline.Digester", Recording)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("दिल्ली में बारिश हुई।", encoding="utf-8")
    (tmp_path / "x.jsonl").write_text(json.dumps({"tokens": ["Delhi"], "tags": ["B-LOC"]}) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, argv + ["--precision", "bf16"])
    assert code != 0 and "recorded precision=bf16" in _one_line(err)
    code, _, err = _run(capsys, ["summarize", "x.txt", "--precision", "fp16"])
    assert code == 2 and "invalid choice" in _one_line(err)


def test_a_missing_summary_model_names_the_summary_option(tmp_path):
    from newsdigest.errors import ModelNotFoundError
    from newsdigest.summary.abstractive import AbstractiveSummarizer

    with pytest.raises(ModelNotFoundError) as err:
        AbstractiveSummarizer(tmp_path / "no-such-model")
    assert "--summary-model DIR" in str(err.value) and "summary_model=DIR" in str(err.value)
    assert "--mt-model" not in str(err.value)  # the translation option would not help



@pytest.mark.parametrize("content, what", [
    (b"{not json\n", "-: not UTF-8 JSONL"),
    (json.dumps({"id": 1, "words": ["a"]}).encode() + b"\n", "-: no labelled records"),
])
def test_eval_ner_reads_stdin_for_dash(monkeypatch, capsys, content, what):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(content), encoding="utf-8"))
    code, out, err = _run(capsys, ["eval", "ner", "-"])
    line = _one_line(err)
    assert code == 2 and what in line and "stdin.jsonl" not in line and out == ""


@pytest.mark.parametrize("content, what", [
    ('{"precison": "fp32"}', "unknown setting 'precison'"),
    ('{"disable": ["ner"]}', "cannot disable ner"),
    ("[1]", "must hold an object"),
    ("{bad", "not valid JSON"),
])
def test_summarize_refuses_a_config_it_cannot_build_in_one_line(tmp_path, capsys, content, what):
    cfg = tmp_path / "c.json"
    cfg.write_text(content)
    article = tmp_path / "a.txt"
    article.write_text("मेटा ने बयान जारी किया।", encoding="utf-8")
    code, out, err = _run(capsys, ["summarize", str(article), "--config", str(cfg)])
    assert code == 2 and out == "" and what in _one_line(err)


def test_summarize_disable_takes_only_the_optional_stages(tmp_path, capsys):
    code, _, err = _run(capsys, ["summarize", str(tmp_path), "--disable", "ner"])
    assert code == 2 and "invalid choice" in _one_line(err)
