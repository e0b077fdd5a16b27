import functools
import hashlib
import json
import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from newsdigest.batch import run_folder
from newsdigest.errors import InputError
from newsdigest.schema import Digest

dask = pytest.importorskip("dask")
pytest.importorskip("dask.bag")
from newsdigest.batch.distributed import digest_with_dask  # noqa: E402

EN = "The Prime Minister visited Delhi on Monday. He met farmers from Punjab."
HI = "प्रधानमंत्री ने सोमवार को दिल्ली का दौरा किया। उन्होंने पंजाब के किसानों से मुलाकात की।"


class FakeDigester:
    """The Digester protocol in pure Python; refuses texts holding FAIL."""

    def model_version(self) -> str:
        return "fake-1"

    def digest(self, text, title=None, lang=None, path=None):
        if "FAIL" in text:
            raise InputError("fake digester refuses this article")
        return Digest(text=text, lang="en", title=title, path=path,
                      sha256=hashlib.sha256(text.encode()).hexdigest(),
                      sentences=[(0, len(text))])

    def digest_many(self, items, batch_size=32):
        for item in items:
            try:
                yield self.digest(**item)
            except Exception as e:
                yield e


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(5):
        (src / f"en{i}.txt").write_text(f"Story {i}. {EN}", encoding="utf-8")
    (src / "sub" / "हिंदी खबर.txt").write_text(HI, encoding="utf-8")
    (src / "sub" / "empty.txt").write_bytes(b"")
    (src / "sub" / "refused.txt").write_text("FAIL", encoding="utf-8")
    (src / "sub" / "feed.jsonl").write_text(
        json.dumps({"text": EN}) + "\n{oops\n" + json.dumps({"text": HI}) + "\n", encoding="utf-8")
    (src / "sub" / "notes.pdf").write_bytes(b"%PDF")
    return src


@pytest.mark.parametrize("scheduler, npartitions", [
    ("synchronous", 3), ("threads", 2), ("processes", 2)])
def test_dask_results_equal_the_single_process_run(folder, tmp_path, scheduler, npartitions):
    out = tmp_path / "out"
    run_folder([folder], out, digester_factory=FakeDigester)
    expected = [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]

    results = digest_with_dask([folder], FakeDigester, npartitions=npartitions, scheduler=scheduler)

    assert [r["input"] for r in results] == [r["input"] for r in expected]
    for got, want in zip(results, expected):
        for key in ("status", "error", "sha256", "warnings", "model_version"):
            assert got[key] == want[key], (got["input"], key)
        if want["status"] == "ok":
            assert got["digest"] == json.loads((out / want["output"]).read_text("utf-8"))
        else:
            assert got["digest"] is None
    assert {r["status"] for r in results} == {"ok", "error", "ignored"}


# ------------------------------------------------------------------ run_folder_dask on a cluster

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402  (comes with distributed)

import test_batch_runner as plain  # noqa: E402
from newsdigest.batch.cli import run_summarize  # noqa: E402
from newsdigest.batch.distributed import run_folder_dask  # noqa: E402
from newsdigest.errors import ModelNotFoundError  # noqa: E402

# The worker processes cannot import the test modules: their digesters travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])
cloudpickle.register_pickle_by_value(plain)


@pytest.fixture(scope="module")
def client():
    # One retry per task keeps the tests that kill workers short (the default is 3).
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", memory_limit=0)
        c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def strip_seconds(records):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in records]


def assert_same_run(one: Path, two: Path):
    first, second = plain.manifest(one), plain.manifest(two)
    assert strip_seconds(first) == strip_seconds(second)
    for r in first:
        if r["output"]:
            assert (one / r["output"]).read_bytes() == (two / r["output"]).read_bytes()
    return first


def test_dask_run_equals_a_plain_run_and_reruns_skip(tmp_path, client):
    src = plain.make_folder(tmp_path)
    kw = dict(max_chars=plain.MAX_CHARS, digester_factory=plain.FakeDigester, batch_size=3)
    expected = run_folder([src], tmp_path / "plain", **kw)
    summary = run_folder_dask([src], tmp_path / "dask", client, **kw)
    records = assert_same_run(tmp_path / "plain", tmp_path / "dask")
    assert {r["input"]: r["status"] for r in records} == plain.EXPECTED
    assert strip_seconds(summary.records) == strip_seconds(expected.records)
    assert summary.exit_code == expected.exit_code == 1
    assert not list((tmp_path / "dask").rglob("*.tmp"))
    assert not (tmp_path / "dask" / "manifest.jsonl.partial").exists()

    again = run_folder_dask([src], tmp_path / "dask", client, **kw)
    assert again.ok == 0 and again.skipped == expected.ok
    assert again.failed == expected.failed  # failed inputs are tried again
    forced = run_folder_dask([src], tmp_path / "dask", client, force=True, **kw)
    assert forced.ok == expected.ok and forced.skipped == 0


def test_dask_run_splits_a_jsonl_file_over_chunks_in_line_order(tmp_path, client):
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"text": f"Story {i}. {EN}"}) if i % 7 else "" for i in range(40)]
    lines[12] = "{not json"
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "one.txt").write_text(HI, encoding="utf-8")
    kw = dict(digester_factory=FakeDigester, batch_size=4)
    run_folder([src], tmp_path / "plain", **kw)
    summary = run_folder_dask([src], tmp_path / "dask", client, **kw)
    records = assert_same_run(tmp_path / "plain", tmp_path / "dask")
    assert [r["input"] for r in records][:3] == ["feed.jsonl#2", "feed.jsonl#3", "feed.jsonl#4"]
    assert [r["input"] for r in records if r["status"] == "error"] == ["feed.jsonl#13"]
    assert summary.ok == 40 - 6 - 1 + 1


def test_a_jsonl_file_changed_between_runs_on_one_cluster_is_read_again(tmp_path, client):
    src = tmp_path / "in"
    src.mkdir()
    feed = src / "feed.jsonl"
    feed.write_text(json.dumps({"text": EN}) + "\n" + json.dumps({"text": HI}) + "\n", "utf-8")
    out = tmp_path / "out"
    run_folder_dask([src], out, client, digester_factory=FakeDigester)
    feed.write_text(json.dumps({"text": EN}) + "\n" + json.dumps({"text": "Changed. " + EN})
                    + "\n", "utf-8")
    summary = run_folder_dask([src], out, client, digester_factory=FakeDigester)
    assert [r["status"] for r in summary.records] == ["skipped", "ok"]
    assert json.loads((out / "feed#2.json").read_text("utf-8"))["source"]["chars"] == len(
        "Changed. " + EN)


class NotedDigester(FakeDigester):
    """Leaves a file named after its process in ``folder`` when it is built."""

    def __init__(self, folder: str):
        Path(folder, str(os.getpid())).touch()


def test_every_worker_loads_its_model_before_the_run_starts(tmp_path, client):
    src = story_folder(tmp_path, n=1)
    built = tmp_path / "built"
    built.mkdir()
    run_folder_dask([src], tmp_path / "out", client,
                    digester_factory=functools.partial(NotedDigester, str(built)))
    # One article, but both workers built a digester: neither pays a model load inside the run.
    assert len(list(built.iterdir())) == 2


class CrashOnceDigester(FakeDigester):
    """Kills its worker process the first time it meets CRASH-ONCE (a marker file remembers)."""

    def __init__(self, marker: str):
        self.marker = marker

    def digest(self, text, title=None, lang=None, path=None):
        if "CRASH-ONCE" in text and not os.path.exists(self.marker):
            open(self.marker, "w").close()
            os._exit(3)
        return super().digest(text, title=title, lang=lang, path=path)


class CrashAlwaysDigester(FakeDigester):
    def digest(self, text, title=None, lang=None, path=None):
        if "CRASH" in text:
            os._exit(3)
        return super().digest(text, title=title, lang=lang, path=path)


def story_folder(tmp_path, n=12, special=None):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        text = special if special and i == n // 2 else f"Story {i}. {EN}"
        (src / f"a{i:02}.txt").write_text(text, encoding="utf-8")
    return src


def test_a_worker_killed_mid_run_loses_nothing(tmp_path, client):
    src = story_folder(tmp_path, special=f"CRASH-ONCE. {EN}")
    marker = tmp_path / "crashed"
    summary = run_folder_dask([src], tmp_path / "dask", client, batch_size=2,
                              digester_factory=functools.partial(CrashOnceDigester, str(marker)))
    assert marker.exists()  # a worker really died
    records = plain.manifest(tmp_path / "dask")
    assert [r["input"] for r in records] == [f"a{i:02}.txt" for i in range(12)]  # once each
    assert {r["status"] for r in records} == {"ok"} and summary.exit_code == 0
    run_folder([src], tmp_path / "plain", batch_size=2, digester_factory=FakeDigester)
    assert_same_run(tmp_path / "plain", tmp_path / "dask")


def test_an_article_that_keeps_killing_workers_fails_alone(tmp_path, client):
    src = story_folder(tmp_path, n=8, special="CRASH")
    summary = run_folder_dask([src], tmp_path / "dask", client, batch_size=4,
                              digester_factory=CrashAlwaysDigester)
    statuses = {r["input"]: r["status"] for r in plain.manifest(tmp_path / "dask")}
    assert statuses == {f"a{i:02}.txt": "error" if i == 4 else "ok" for i in range(8)}
    assert "kept dying" in summary.records[4]["error"] and summary.exit_code == 1
    assert "a04.txt" in summary.line()


fake_bar = plain.fake_bar


def test_dask_progress_bar_moves_per_article_not_per_chunk(tmp_path, client, fake_bar):
    src = story_folder(tmp_path, n=24)
    factory = functools.partial(plain.PacedDigester, str(fake_bar.ticks))
    summary = run_folder_dask([src], tmp_path / "dask", client, digester_factory=factory,
                              progress=True)
    assert summary.ok == 24
    assert not [r["input"] for r in summary.records if plain.LAGGED in r["warnings"]]
    [bar] = fake_bar.made
    assert bar.total == 24 and bar.updates == [1] * 24  # once per article, 3 to a chunk at first


def missing_model():
    raise ModelNotFoundError("model 'ner-hi' not found; run: newsdigest models pull ner-hi")


def test_a_missing_model_on_the_workers_stops_the_run_and_keeps_the_manifest(tmp_path, client):
    src = story_folder(tmp_path, n=3)
    out = tmp_path / "dask"
    run_folder_dask([src], out, client, digester_factory=FakeDigester)
    before = (out / "manifest.jsonl").read_bytes()
    with pytest.raises(ModelNotFoundError, match="models pull"):
        run_folder_dask([src], out, client, digester_factory=missing_model)
    assert (out / "manifest.jsonl").read_bytes() == before


def test_inputs_and_out_as_fsspec_urls(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    src = story_folder(tmp_path, n=4)
    (src / "sub").mkdir()
    (src / "sub" / "feed.jsonl").write_text(json.dumps({"text": HI}) + "\n\n" + json.dumps(
        {"text": EN}) + "\n", encoding="utf-8")
    (src / ".hidden.txt").write_text(EN, encoding="utf-8")
    (src / "notes.pdf").write_bytes(b"%PDF")
    mem = fsspec.filesystem("memory")
    for path in sorted(src.rglob("*")):
        if path.is_file():
            mem.pipe_file(f"/news-test/in/{path.relative_to(src).as_posix()}", path.read_bytes())
    run_folder([src], tmp_path / "plain", digester_factory=FakeDigester, batch_size=2)
    # memory:// lives in one process: a cluster of threads shares it.
    want = plain.manifest(tmp_path / "plain")
    kw = dict(digester_factory=FakeDigester, batch_size=2)
    try:
        with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                                dashboard_address=":0") as threads:
            summary = run_folder_dask(["memory://news-test/in"], "memory://news-test/out",
                                      threads, **kw)
            got = [json.loads(line) for line in mem.cat_file(
                "/news-test/out/manifest.jsonl").decode("utf-8").splitlines()]
            again = run_folder_dask(["memory://news-test/in"], "memory://news-test/out",
                                    threads, **kw)
        assert strip_seconds(got) == strip_seconds(want)
        for r in want:
            if r["output"]:
                assert mem.cat_file(f"/news-test/out/{r['output']}") == (
                    tmp_path / "plain" / r["output"]).read_bytes()
        assert summary.ok == 6 and again.skipped == 6 and again.ok == 0
    finally:
        mem.rm("/news-test", recursive=True)


def cli_args(*inputs, out=None, **kw):
    base = dict(inputs=[str(i) for i in inputs], out=out and str(out), format="json",
                force=False, jobs=1, max_chars=plain.MAX_CHARS, batch_size=32, dask=None)
    base.update(kw)
    return Namespace(**base)


def test_cli_dask_local_runs_like_a_plain_folder_run(tmp_path, capsys):
    src = plain.make_folder(tmp_path)
    assert run_summarize(cli_args(src, out=tmp_path / "plain"), plain.FakeDigester) == 1
    plain_err = capsys.readouterr().err
    assert run_summarize(cli_args(src, out=tmp_path / "dask", dask="local:2"),
                         plain.FakeDigester) == 1
    err = capsys.readouterr().err
    assert_same_run(tmp_path / "plain", tmp_path / "dask")
    assert err.startswith("newsdigest: 11 done, 0 skipped, 7 failed, 2 ignored in ")
    assert err.count("\n") == 1
    failed = "; failed: bad/binary.txt, bad/blank.txt, bad/empty.txt and 4 more (see "
    assert failed + f"{tmp_path / 'dask'}/manifest.jsonl)\n" in err
    assert failed + f"{tmp_path / 'plain'}/manifest.jsonl)\n" in plain_err


@pytest.mark.parametrize("kw, message", [
    (dict(dask="local:0"), "expected local:N"),
    (dict(dask="local:2", jobs=2), "--jobs and --dask do not mix"),
    (dict(dask="local:2", out=None), "--dask needs --out"),
])
def test_cli_dask_usage_errors_exit_2(tmp_path, capsys, kw, message):
    src = story_folder(tmp_path, n=1)
    kw.setdefault("out", tmp_path / "out")
    assert run_summarize(cli_args(src, **kw), FakeDigester) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsdigest: error: ") and message in err and err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.model
def test_docs_example_runs_as_written_and_matches_a_plain_run(tmp_path):
    """docs/batch.md's run_folder_dask example, with the real digester on two local workers."""
    repo = Path(__file__).resolve().parents[1]
    doc = (repo / "docs" / "batch.md").read_text("utf-8")
    section = doc[doc.index("## Dask"):]
    example = section[section.index("```python\n") + len("```python\n"):]
    example = example[:example.index("```")]
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    for name in ("hi/budget-2025-hi.txt", "en/mumbai-metro-line3-en.txt"):
        (news / Path(name).name).write_bytes((repo / "samples" / name).read_bytes())
    env = dict(os.environ, PYTHONPATH=str(repo))
    proc = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=900)
    if "ModelNotFoundError" in proc.stderr:
        pytest.skip("models not available")
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("2 done, 0 skipped, 0 failed, 0 ignored in "), proc.stdout
    assert [line.split()[:3] for line in lines[1:]] == [
        ["budget-2025-hi.txt", "ok", "budget-2025-hi.json"],
        ["mumbai-metro-line3-en.txt", "ok", "mumbai-metro-line3-en.json"]]
    assert all(float(line.split()[3]) > 0 for line in lines[1:])
    run_folder([news], tmp_path / "plain")
    assert_same_run(tmp_path / "plain", tmp_path / "digests")


def _start_environment() -> dict:
    """The environment this process was started with (what os.environ changes later miss)."""
    raw = Path("/proc/self/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_local_workers_start_with_their_thread_limits(monkeypatch):
    # Regression: the limits were passed as env=, which Dask applies after the worker has
    # imported numpy; OpenBLAS then ran one spinning thread per core in every worker and the
    # digest was 1.4-1.8 times slower than in --jobs workers.
    from newsdigest.batch.distributed import THREAD_VARIABLES, local_client

    for name in (*THREAD_VARIABLES, "MALLOC_TRIM_THRESHOLD_"):  # (a default cluster sets these here)
        monkeypatch.delenv(name, raising=False)
    c = local_client(2, threads=1)
    try:
        started = c.run(_start_environment)
        loaded = c.run(lambda: sorted(sys.modules.keys() & {"numpy"}))
    finally:
        cluster = c.cluster
        c.close()
        cluster.close()
    assert len(started) == 2
    for env in started.values():
        assert {name: env.get(name) for name in THREAD_VARIABLES} == dict.fromkeys(THREAD_VARIABLES, "1")
        assert "MALLOC_TRIM_THRESHOLD_" not in env
    assert all(mods == ["numpy"] for mods in loaded.values())  # why env= was too late
    # the driver's own environment is left as it was
    assert not any(name in os.environ for name in THREAD_VARIABLES)
