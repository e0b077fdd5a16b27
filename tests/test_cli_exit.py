"""The command's fast exit (cli.fast_exit): nothing a finished command wrote or registered is lost."""
import os
import subprocess
import sys

import pytest


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_exit_code_buffered_output_and_atexit_handlers_survive():
    r = _run("import atexit, sys\n"
             "from newsdigest.cli import fast_exit\n"
             "atexit.register(lambda: print('handler ran'))\n"
             "sys.stdout.write('unflushed line')\n"
             "sys.stderr.write('to stderr')\n"
             "fast_exit(3)\n")
    assert r.returncode == 3
    assert r.stdout.startswith("unflushed line") and "handler ran" in r.stdout
    assert r.stderr == "to stderr"


def test_a_running_thread_gets_the_normal_exit():
    r = _run("import threading, time\n"
             "from newsdigest.cli import fast_exit\n"
             "threading.Thread(target=lambda: (time.sleep(0.5), print('thread finished', flush=True))).start()\n"
             "fast_exit(0)\n")
    assert r.returncode == 0 and "thread finished" in r.stdout


def test_a_closed_pipe_is_not_an_error():
    r = subprocess.run(f"{sys.executable} -c \"import sys; from newsdigest.cli import fast_exit; "
                       f"sys.stdout.write('x' * 200000); fast_exit(0)\" | head -c 10",
                       shell=True, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout == "x" * 10
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_the_command_writes_a_whole_digest_and_exits_zero(tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "samples" / "mixed" / "crowdstrike-airline-outage-mixed.txt"
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "newsdigest", "summarize", str(sample), "--out", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    import json

    digest = json.loads((out / (sample.stem + ".json")).read_text(encoding="utf-8"))
    assert digest["entities"] and digest["summary"]
    assert (out / "manifest.jsonl").read_text(encoding="utf-8").strip()


def test_the_command_bounds_onednn_primitive_cache_unless_the_user_set_it(monkeypatch):
    from newsdigest import cli

    seen = []
    names = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY")
    monkeypatch.setattr(cli, "main", lambda: seen.append(tuple(os.environ.get(n) for n in names)) or 0)
    monkeypatch.setattr(cli, "fast_exit", lambda code: seen.append(code))
    for name in names:
        monkeypatch.setenv(name, "")  # restored after the test
        monkeypatch.delenv(name)
    cli.run()
    assert seen == [(cli.PRIMITIVE_CACHE, cli.COMPUTATION_CACHE), 0]
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "512")
    monkeypatch.setenv("LRU_CACHE_CAPACITY", "64")
    seen.clear()
    cli.run()
    assert seen == [("512", "64"), 0]
