import codecs
import hashlib
import json
import os
import subprocess
import sys
import time
from argparse import Namespace
from pathlib import Path

import pytest

from newsdigest.batch.cli import main, run_summarize
from newsdigest.batch.runner import RunInterrupted, UsageError, run_folder
from newsdigest.errors import InputError, ModelNotFoundError
from newsdigest.schema import Digest

EN = "The Prime Minister visited Delhi on Monday. He met farmers from Punjab."
HI = "प्रधानमंत्री ने सोमवार को दिल्ली का दौरा किया। उन्होंने पंजाब के किसानों से मुलाकात की।"
KRUTIDEV = ("Hkkjr ds iz/kkuea=h us vkt fnYyh esa ,d cSBd dhA ljdkj dk dguk gS fd ;g ;kstuk "
            "lHkh jkT;ksa esa ykxw gksxhA")
MAX_CHARS = 2000


class FakeDigest(Digest):
    def to_markdown(self) -> str:
        return f"# {self.title or self.path}\n\n{self.text}\n"


class FakeDigester:
    """The Digester protocol in pure Python: fails on texts holding FAIL, can Ctrl-C itself."""

    def __init__(self, version="fake-1", interrupt_after=None, break_many_after=None):
        self.version = version
        self.interrupt_after = interrupt_after
        self.break_many_after = break_many_after
        self.seen: list[str] = []

    def model_version(self) -> str:
        return self.version

    def digest(self, text, title=None, lang=None, path=None):
        self.seen.append(path)
        if "FAIL" in text:
            raise InputError("fake digester refuses this article")
        hi = any("\u0900" <= c <= "\u097f" for c in text)
        return FakeDigest(text=text, lang=lang or ("hi" if hi else "en"), title=title, path=path,
                          sha256=hashlib.sha256(text.encode()).hexdigest(),
                          sentences=[(0, len(text))], warnings=["fake warning"] if hi else [])

    def digest_many(self, items, batch_size=32):
        for n, item in enumerate(items):
            if self.interrupt_after is not None and len(self.seen) >= self.interrupt_after:
                raise KeyboardInterrupt
            if self.break_many_after is not None and n >= self.break_many_after:
                raise RuntimeError("encoder crashed")
            item = {"text": item} if isinstance(item, str) else item
            try:
                yield self.digest(**item)
            except Exception as e:
                yield e


def make_folder(root: Path) -> Path:
    src = root / "in"
    (src / "en").mkdir(parents=True)
    (src / "hi").mkdir()
    (src / "bad").mkdir()
    (src / "en" / "delhi.txt").write_text(EN, encoding="utf-8")
    (src / "en" / "crlf.txt").write_bytes(b"Rain hit Mumbai.\r\nTrains stopped.\r\n")
    (src / "en" / "cp1252.txt").write_bytes("“Quoted,” said the café owner.".encode("cp1252"))
    (src / "en" / "page.html").write_text(
        "<title>Metro</title><nav>MENU</nav><script>TRACK()</script><p>Line 3 opened.</p>",
        encoding="utf-8")
    (src / "hi" / "दिल्ली समाचार.txt").write_text(HI, encoding="utf-8")
    (src / "hi" / "bom.txt").write_bytes(codecs.BOM_UTF8 + HI.encode("utf-8"))
    (src / "hi" / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + HI.encode("utf-16-le"))
    (src / "hi" / "article.json").write_text(json.dumps({"title": "बजट", "text": HI}),
                                             encoding="utf-8")
    (src / "feed.jsonl").write_text(
        json.dumps({"text": EN}) + "\nnot json\n" + json.dumps({"text": HI}) + "\n",
        encoding="utf-8")
    (src / "bad" / "empty.txt").write_bytes(b"")
    (src / "bad" / "blank.txt").write_bytes(b" \n\t\r\n")
    (src / "bad" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (src / "bad" / "krutidev.txt").write_text(KRUTIDEV, encoding="utf-8")
    (src / "bad" / "long.txt").write_text("x" * (MAX_CHARS + 1), encoding="utf-8")
    (src / "bad" / "refused.txt").write_text("FAIL " + EN, encoding="utf-8")
    (src / "bad" / "photo.png").write_bytes(b"\x89PNG")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (src / "link-out.txt").symlink_to(outside / "secret.txt")
    (src / "link-in.txt").symlink_to(src / "en" / "delhi.txt")
    (src / ".hidden.txt").write_text(EN, encoding="utf-8")
    return src


EXPECTED = {
    "bad/binary.txt": "error", "bad/blank.txt": "error", "bad/empty.txt": "error",
    "bad/krutidev.txt": "error", "bad/long.txt": "error", "bad/photo.png": "ignored",
    "bad/refused.txt": "error",
    "en/cp1252.txt": "ok", "en/crlf.txt": "ok", "en/delhi.txt": "ok", "en/page.html": "ok",
    "feed.jsonl#1": "ok", "feed.jsonl#2": "error", "feed.jsonl#3": "ok",
    "hi/article.json": "ok", "hi/bom.txt": "ok", "hi/utf16.txt": "ok",
    "hi/दिल्ली समाचार.txt": "ok", "link-in.txt": "ok", "link-out.txt": "ignored",
}


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]


def run(src, out, digester, **kw):
    kw.setdefault("max_chars", MAX_CHARS)
    return run_folder([src], out, digester_factory=lambda: digester, **kw)


@pytest.fixture
def src(tmp_path):
    return make_folder(tmp_path)


def test_run_folder_digests_good_files_and_reports_bad_ones(src, tmp_path):
    out = tmp_path / "out"
    summary = run(src, out, FakeDigester())
    records = manifest(out)
    assert {r["input"]: r["status"] for r in records} == EXPECTED
    assert [r["input"] for r in records] == [r["input"] for r in summary.records]
    assert summary.exit_code == 1
    assert (summary.ok, summary.failed, summary.ignored, summary.skipped) == (11, 7, 2, 0)
    by_input = {r["input"]: r for r in records}
    for r in records:
        assert list(r) == ["input", "status", "error", "output", "sha256", "seconds",
                           "warnings", "model_version"]
        if r["status"] == "ok":
            digest = json.loads((out / r["output"]).read_text("utf-8"))
            assert digest["source"]["path"] == r["input"]
            assert r["model_version"] == "fake-1" and r["error"] is None
        else:
            assert r["output"] is None and "\n" not in r["error"]
    assert by_input["hi/दिल्ली समाचार.txt"]["output"] == "hi/दिल्ली समाचार.json"
    assert by_input["feed.jsonl#3"]["output"] == "feed#3.json"
    assert by_input["en/delhi.txt"]["sha256"] == hashlib.sha256(EN.encode()).hexdigest()
    assert by_input["hi/दिल्ली समाचार.txt"]["warnings"] == ["fake warning"]
    assert "Windows-1252" in by_input["en/cp1252.txt"]["warnings"][0]
    assert by_input["bad/krutidev.txt"]["error"] == (
        "looks like KrutiDev legacy font encoding; convert to Unicode first")
    assert "over the limit of 2,000" in by_input["bad/long.txt"]["error"]
    assert "outside the input folder" in by_input["link-out.txt"]["error"]
    assert by_input["bad/refused.txt"]["error"] == "fake digester refuses this article"
    crlf = json.loads((out / "en/crlf.json").read_text("utf-8"))
    assert crlf["source"]["chars"] == len("Rain hit Mumbai.\r\nTrains stopped.\r\n")
    page = json.loads((out / "en/page.json").read_text("utf-8"))
    assert page["source"]["title"] == "Metro" and page["source"]["chars"] == len("Line 3 opened.")
    assert not list(out.rglob("*.tmp")) and not (out / "manifest.jsonl.partial").exists()
    assert not (out / "secret.json").exists() and not list(out.rglob(".hidden*"))


def test_rerun_skips_finished_files_and_force_redoes_them(src, tmp_path):
    out = tmp_path / "out"
    run(src, out, FakeDigester())
    second = FakeDigester()
    summary = run(src, out, second)
    statuses = {r["input"]: r["status"] for r in manifest(out)}
    assert statuses == {k: "skipped" if v == "ok" else v for k, v in EXPECTED.items()}
    assert second.seen == ["bad/refused.txt"]  # errors are retried, finished files are not
    assert summary.exit_code == 1
    assert all(r["seconds"] < 1 for r in summary.records if r["status"] == "skipped")
    assert manifest(out)[0]["input"] == "bad/binary.txt"

    third = FakeDigester()
    run(src, out, third, force=True)
    assert {r["input"]: r["status"] for r in manifest(out)} == EXPECTED
    assert len(third.seen) == 12


def test_rerun_redoes_changed_inputs_new_models_and_missing_outputs(src, tmp_path):
    out = tmp_path / "out"
    run(src, out, FakeDigester())
    (src / "en" / "delhi.txt").write_text(EN + " More.", encoding="utf-8")
    (out / "hi" / "bom.json").unlink()
    again = FakeDigester()
    run(src, out, again)
    assert sorted(again.seen) == ["bad/refused.txt", "en/delhi.txt", "hi/bom.txt",
                                  "link-in.txt"]  # link-in.txt points at delhi.txt
    newer = FakeDigester(version="fake-2")
    run(src, out, newer)
    assert len(newer.seen) == 12
    assert {r["model_version"] for r in manifest(out) if r["status"] == "ok"} == {"fake-2"}


def test_one_failing_article_does_not_stop_or_misalign_the_batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        text = f"Article {i}. " + ("FAIL" if i == 2 else EN)
        (src / f"a{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester(), batch_size=4)
    records = manifest(out)
    assert [r["status"] for r in records] == ["ok", "ok", "error", "ok", "ok"]
    for i in (0, 1, 3, 4):
        assert json.loads((out / f"a{i}.json").read_text("utf-8"))["source"]["path"] == f"a{i}.txt"


def test_digest_many_crash_finishes_the_chunk_one_article_at_a_time(tmp_path, caplog):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(24):  # chunks of 3 at first
        (src / f"a{i:02}.txt").write_text(f"Article {i}. {EN}", encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester(break_many_after=1))
    assert [r["status"] for r in manifest(out)] == ["ok"] * 24
    assert json.loads((out / "a02.json").read_text("utf-8"))["source"]["path"] == "a02.txt"
    # Not silent: the crash is logged, though every article got its digest.
    assert "digest_many failed after 1 of 3 articles (RuntimeError: encoder crashed)" in caplog.text


def test_keyboard_interrupt_keeps_finished_outputs_and_a_consistent_manifest(src, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RunInterrupted) as info:
        run(src, out, FakeDigester(interrupt_after=3), batch_size=2)
    summary = info.value.summary
    assert summary.interrupted and summary.exit_code == 130
    records = manifest(out)
    done = [r for r in records if r["status"] == "ok"]
    # The fake saw bad/refused.txt (an error) and two good files before Ctrl-C.
    assert [r["input"] for r in done] == ["en/cp1252.txt", "en/crlf.txt"]
    for r in records:
        assert r["input"] in EXPECTED
        assert (r["status"] == "ok") == (r["output"] is not None)
        if r["output"]:
            assert (out / r["output"]).is_file()
    assert not list(out.rglob("*.tmp")) and not (out / "manifest.jsonl.partial").exists()

    resumed = FakeDigester()
    run(src, out, resumed)
    assert {r["input"]: r["status"] for r in manifest(out)} == {
        k: ("skipped" if k in {r["input"] for r in done} else v) for k, v in EXPECTED.items()}
    assert len(resumed.seen) == 12 - 2


def test_a_killed_run_partial_manifest_is_merged_on_the_next_start(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    (src / "b.txt").write_text(HI, encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester())
    first = manifest(out)
    # As if a run died after writing b.json and its partial line, mid-way through another line.
    (out / "manifest.jsonl").write_text("", encoding="utf-8")
    (out / "manifest.jsonl.partial").write_text(
        json.dumps(first[1], ensure_ascii=False) + "\n" + '{"input": "a.t', encoding="utf-8")
    again = FakeDigester()
    run(src, out, again)
    assert again.seen == ["a.txt"]
    assert [r["status"] for r in manifest(out)] == ["ok", "skipped"]
    assert not (out / "manifest.jsonl.partial").exists()


def test_an_unreadable_manifest_is_a_warning_and_a_full_rerun(tmp_path, caplog):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester())
    (out / "manifest.jsonl").write_bytes(b"\xff\xfe not UTF-8\n")
    again = FakeDigester()
    run(src, out, again)
    assert again.seen == ["a.txt"] and [r["status"] for r in manifest(out)] == ["ok"]
    assert "cannot read manifest.jsonl" in caplog.text


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    run(src, tmp_path / "out1", FakeDigester())  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""
    run(src, tmp_path / "out2", FakeDigester(), progress=True)
    err = capsys.readouterr().err
    assert "1/1" in err and "article/s" in err
    assert capsys.readouterr().out == ""


def test_model_that_fails_to_load_leaves_the_manifest_alone(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester())
    before = (out / "manifest.jsonl").read_bytes()

    def missing():
        raise ModelNotFoundError("model 'x' not found; run: newsdigest download x")

    with pytest.raises(ModelNotFoundError):
        run_folder([src], out, digester_factory=missing)
    assert (out / "manifest.jsonl").read_bytes() == before


def test_model_missing_at_first_use_stops_the_run_and_keeps_earlier_records(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(f"{name} {EN}", encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester())
    (src / "a.txt").write_text("changed " + EN, encoding="utf-8")

    class LazyModel(FakeDigester):
        def digest_many(self, items, batch_size=32):
            for _ in items:
                yield ModelNotFoundError("NER model not found at models/ner; pass ner_model=DIR")

    with pytest.raises(ModelNotFoundError):
        run(src, out, LazyModel(version="fake-2"))
    assert [(r["input"], r["status"], r["model_version"]) for r in manifest(out)] == [
        ("a.txt", "ok", "fake-1"), ("b.txt", "ok", "fake-1"), ("c.txt", "ok", "fake-1")]


def test_outputs_never_escape_out_through_a_symlink(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    run(src, out, FakeDigester())
    [record] = manifest(out)
    assert record["status"] == "error" and "outside" in record["error"]
    assert not list(elsewhere.iterdir())


def test_colliding_output_names_keep_their_extension(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    (src / "a.md").write_text("# Title\n\n" + EN, encoding="utf-8")
    (src / "b.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    run(src, out, FakeDigester(), fmt="md")
    assert [r["output"] for r in manifest(out)] == ["a.md.md", "a.txt.md", "b.md"]
    assert (out / "a.md.md").read_text("utf-8").startswith("# Title")


def test_out_inside_the_input_folder_is_not_walked(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    run(src, src / "digests", FakeDigester())
    summary = run(src, src / "digests", FakeDigester())
    assert [r["input"] for r in summary.records] == ["a.txt"]


def test_several_inputs_are_keyed_by_their_names(tmp_path, src):
    single = tmp_path / "single.txt"
    single.write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_folder([src / "en", single], out, digester_factory=FakeDigester)
    assert [r["input"] for r in summary.records][:2] == ["en/cp1252.txt", "en/crlf.txt"]
    assert summary.records[-1]["output"] == "single.json"
    with pytest.raises(UsageError, match="both named"):
        run_folder([src / "en", tmp_path / "outside" / ".." / "in" / "en"], out,
                   digester_factory=FakeDigester)
    with pytest.raises(UsageError, match="no such file or folder"):
        run_folder([tmp_path / "nope"], out, digester_factory=FakeDigester)


def test_jobs_2_gives_the_same_outputs_as_one_process(src, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    run_folder([src], one, max_chars=MAX_CHARS, digester_factory=FakeDigester, batch_size=3)
    run_folder([src], two, max_chars=MAX_CHARS, digester_factory=FakeDigester, batch_size=3,
               jobs=2)
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in manifest(one)]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in manifest(two)]
    for r in manifest(one):
        if r["output"]:
            assert (one / r["output"]).read_bytes() == (two / r["output"]).read_bytes()


class CrashingDigester(FakeDigester):
    """Kills its worker process on texts holding CRASH, as an out-of-memory kill would."""

    def digest(self, text, title=None, lang=None, path=None):
        if "CRASH" in text:
            os._exit(3)
        return super().digest(text, title=title, lang=lang, path=path)


def test_a_worker_that_dies_fails_only_its_article(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"a{i}.txt").write_text("CRASH" if i == 2 else f"Story {i}. {EN}", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_folder([src], out, jobs=2, batch_size=1, digester_factory=CrashingDigester)
    assert [r["status"] for r in manifest(out)] == ["ok", "ok", "error", "ok", "ok", "ok"]
    assert "worker process died" in summary.records[2]["error"]
    assert (out / "a5.json").is_file()


class FakeBar:
    """Stands in for tqdm.tqdm: keeps its updates, and writes their sum to ``ticks`` (set by
    the ``fake_bar`` fixture) so that worker processes can see how far the bar got."""

    ticks: Path
    made: list

    def __init__(self, total=None, **options):
        self.total = total
        self.updates: list[int] = []
        self.made.append(self)

    def update(self, n=1):
        self.updates.append(n)
        tmp = self.ticks.with_name(self.ticks.name + ".tmp")
        tmp.write_text(str(sum(self.updates)), encoding="utf-8")
        os.replace(tmp, self.ticks)

    def refresh(self):
        pass

    def close(self):
        pass


@pytest.fixture
def fake_bar(tmp_path, monkeypatch):
    """The FakeBar class that tqdm.tqdm is for this test; ``fake_bar.made``: the bars made."""
    tqdm = pytest.importorskip("tqdm")
    bar = type("Bar", (FakeBar,), {"ticks": tmp_path / "ticks", "made": []})
    monkeypatch.setattr(tqdm, "tqdm", bar)
    return bar


LAGGED = "the bar did not move for the article before this one"


class PacedDigester(FakeDigester):
    """Before each article, waits until the bar (``ticks``, see FakeBar) counts every article
    this process digested before it: that happens only if the bar moves per article. One that
    waited in vain carries the LAGGED warning, and the digester stops waiting."""

    def __init__(self, ticks: str, patience: float = 10.0):
        super().__init__()
        self.ticks, self.patience = Path(ticks), patience
        self.digested = 0
        self.lagged = False

    def bar_count(self) -> int:
        try:
            return int(self.ticks.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0

    def digest_many(self, items, batch_size=32):
        for item in items:
            deadline = time.monotonic() + self.patience
            lagged = False
            while not self.lagged and self.bar_count() < self.digested:
                if time.monotonic() > deadline:
                    self.lagged = lagged = True
                time.sleep(0.01)
            self.digested += 1
            digest = self.digest(**item)
            if lagged:
                digest.warnings = [LAGGED]
            yield digest


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_bar_moves_per_article_not_per_chunk(tmp_path, fake_bar, jobs):
    import functools

    src = tmp_path / "in"
    src.mkdir()
    for i in range(24):
        (src / f"a{i:02}.txt").write_text(f"Story {i}. {EN}", encoding="utf-8")
    factory = functools.partial(PacedDigester, str(fake_bar.ticks))
    summary = run_folder([src], tmp_path / "out", jobs=jobs, digester_factory=factory,
                         progress=True)
    assert summary.ok == 24
    assert not [r["input"] for r in summary.records if LAGGED in r["warnings"]]
    [bar] = fake_bar.made
    assert bar.total == 24 and bar.updates == [1] * 24  # once per article, 3 to a chunk at first


def test_bar_counts_each_article_once_when_a_worker_dies(tmp_path, fake_bar):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(9):
        (src / f"a{i}.txt").write_text("CRASH" if i == 4 else f"Story {i}. {EN}", encoding="utf-8")
    summary = run_folder([src], tmp_path / "out", jobs=2, batch_size=3, progress=True,
                         digester_factory=CrashingDigester)
    assert summary.failed >= 1 and summary.ok + summary.failed == 9
    [bar] = fake_bar.made
    assert bar.total == 9 and bar.updates == [1] * 9


class SlowDigester(FakeDigester):
    """Takes a minute over texts holding SLOW, and leaves the file ``started`` as it begins."""

    def __init__(self, started: str):
        super().__init__()
        self.started = started

    def digest(self, text, title=None, lang=None, path=None):
        if "SLOW" in text:
            Path(self.started).touch()
            time.sleep(60)
        return super().digest(text, title=title, lang=lang, path=path)


def test_ctrl_c_stops_worker_processes_in_the_middle_of_a_chunk(tmp_path, fake_bar):
    import functools

    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"a{i}.txt").write_text("SLOW" if i == 1 else f"Story {i}. {EN}", encoding="utf-8")
    started = tmp_path / "slow-started"

    def ctrl_c(self, n=1):
        # Pressed once a0.txt is digested and a worker is busy with a1.txt.
        deadline = time.monotonic() + 20
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise KeyboardInterrupt

    fake_bar.update = ctrl_c
    t = time.monotonic()
    with pytest.raises(RunInterrupted) as info:
        run_folder([src], tmp_path / "out", jobs=2, batch_size=1, progress=True,
                   digester_factory=functools.partial(SlowDigester, str(started)))
    assert started.exists()
    assert time.monotonic() - t < 30  # the worker busy with a1.txt did not finish it
    assert info.value.summary.exit_code == 130
    assert not (tmp_path / "out" / "manifest.jsonl.partial").exists()
    assert all(r["input"] != "a1.txt" for r in manifest(tmp_path / "out"))


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class ClockDigester(FakeDigester):
    """Loading its model costs 50 fake seconds; a digest_many batch costs 1 per 100 characters,
    all paid before the batch's first result, as the real encoder does."""

    def __init__(self, clock):
        super().__init__()
        self.clock = clock

    def warm_up(self):
        self.clock.now += 50

    def digest_many(self, items, batch_size=32):
        items = list(items)
        for start in range(0, len(items), batch_size):
            group = items[start:start + batch_size]
            self.clock.now += sum(len(item["text"]) for item in group) / 100
            for item in group:
                yield self.digest(**item)


def test_seconds_is_each_articles_share_of_its_batch_without_the_model_load(tmp_path,
                                                                           monkeypatch):
    from types import SimpleNamespace

    from newsdigest.batch import chunks, digesting, runner

    clock = FakeClock()
    for module in (runner, chunks, digesting):
        monkeypatch.setattr(module, "time", SimpleNamespace(perf_counter=clock))
    src = tmp_path / "in"
    src.mkdir()
    lengths = {"a.txt": 100, "b.txt": 300, "c.txt": 50, "d.txt": 1000}
    for name, n in lengths.items():
        (src / name).write_text("x" * (n - 1) + ".", encoding="utf-8")
    summary = run_folder([src], tmp_path / "out", digester_factory=lambda: ClockDigester(clock),
                         batch_size=2)
    assert {r["input"]: r["seconds"] for r in manifest(tmp_path / "out")} == {
        name: n / 100 for name, n in lengths.items()}
    assert summary.seconds == sum(lengths.values()) / 100  # the 50 s load is not in the run


def test_a_small_folder_is_split_into_shrinking_chunks_and_a_big_one_into_full_ones():
    from newsdigest.batch.runner import Entry, plan_chunks

    def sizes(n_files, feed_lines=0):
        entries = [Entry(f"{i:04}.txt", Path(f"{i:04}.txt")) for i in range(n_files)]
        counts = {}
        if feed_lines:
            entries.append(Entry("feed.jsonl", Path("feed.jsonl")))
            counts["feed.jsonl"] = feed_lines
        stems = {e.key: e.key.rsplit(".", 1)[0] for e in entries}
        chunks = list(plan_chunks(entries, counts, stems, 32))
        return [sum(1 if u.lines is None else u.lines[1] - u.lines[0] for u in c) for c in chunks]

    small = sizes(30)
    assert sum(small) == 30 and small[0] == 4 and len(small) >= 10
    assert small == sorted(small, reverse=True) and small[-1] == 1
    big = sizes(100, feed_lines=1900)
    assert sum(big) == 2000 and big[:50] == [32] * 50  # .jsonl lines fill chunks like files


def test_runner_still_offers_the_names_it_had_before_it_was_split():
    from newsdigest.batch import chunks, digesting, runner

    # What the CLI, distributed.py and these tests imported from it, among others.
    from newsdigest.batch.runner import _digest_chunk, _Item, _numbered, Entry, plan_chunks
    assert _digest_chunk is digesting.digest_chunk and _Item is chunks.Item
    assert (_numbered, Entry, plan_chunks) == (chunks.numbered, chunks.Entry, chunks.plan_chunks)
    for name in [*runner.__all__, *runner._MOVED]:
        assert getattr(runner, name) is not None, name
    with pytest.raises(AttributeError):
        runner.no_such_name


def test_the_end_line_names_the_first_failed_inputs():
    from newsdigest.batch.runner import RunSummary

    def line(failed):
        records = [{"input": "ok.txt", "status": "ok"}] + [
            {"input": f"bad{i}.txt", "status": "error"} for i in range(failed)]
        return RunSummary(Path("out"), records, seconds=2.0).line()

    assert line(0) == "1 done, 0 skipped, 0 failed, 0 ignored in 2.0s (0.50 articles/s)"
    assert line(2).endswith("; failed: bad0.txt, bad1.txt (see out/manifest.jsonl)")
    assert line(5).endswith("; failed: bad0.txt, bad1.txt, bad2.txt and 2 more "
                            "(see out/manifest.jsonl)")


# ------------------------------------------------------------------------------------- CLI

def args(*inputs, out=None, **kw):
    base = dict(inputs=[str(i) for i in inputs], out=out, format="json", force=False, jobs=1,
                max_chars=MAX_CHARS, batch_size=32)
    base.update(kw)
    return Namespace(**base)


def test_cli_single_file_prints_its_digest(tmp_path, capsys):
    path = tmp_path / "दिल्ली समाचार.txt"
    path.write_text(HI, encoding="utf-8")
    assert run_summarize(args(path), FakeDigester) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["source"]["chars"] == len(HI)
    assert captured.err == ""


def test_cli_single_bad_file_is_one_error_line(tmp_path, capsys):
    path = tmp_path / "k.txt"
    path.write_text(KRUTIDEV, encoding="utf-8")
    assert run_summarize(args(path), FakeDigester) == 2
    err = capsys.readouterr().err
    assert err == (f"newsdigest: error: {path}: looks like KrutiDev legacy font encoding; "
                   "convert to Unicode first\n")


def test_cli_jsonl_file_prints_json_lines(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": EN}) + "\n" + json.dumps({"text": "FAIL"}) + "\n")
    assert run_summarize(args(path), FakeDigester) == 1  # read fine, failed to digest
    captured = capsys.readouterr()
    assert [json.loads(x)["source"]["path"] for x in captured.out.splitlines()] == [f"{path}#1"]
    assert captured.err.count("\n") == 1 and f"{path}#2" in captured.err


@pytest.mark.parametrize("inputs_out, message", [
    (("in", None), "a folder or several inputs need --out OUT"),
    (("in/en/delhi.txt", "in/en/crlf.txt", None), "a folder or several inputs need --out"),
    (("missing.txt", None), "no such file: "),
    (("missing", "out"), "no such file or folder: "),
])
def test_cli_usage_errors_exit_2_with_one_line(src, tmp_path, capsys, inputs_out, message):
    *inputs, out = inputs_out
    code = run_summarize(args(*(tmp_path / i for i in inputs), out=out and tmp_path / out),
                         FakeDigester)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("newsdigest: error: ") and message in err and err.count("\n") == 1


def test_cli_folder_run_exits_1_on_failures_with_a_summary_line(src, tmp_path, capsys):
    assert run_summarize(args(src, out=tmp_path / "out"), FakeDigester) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsdigest: 11 done, 0 skipped, 7 failed, 2 ignored in ")
    assert "articles/s" in err and err.count("\n") == 1
    assert err.endswith("; failed: bad/binary.txt, bad/blank.txt, bad/empty.txt and 4 more "
                        f"(see {tmp_path / 'out'}/manifest.jsonl)\n")


def test_cli_folder_run_exits_0_when_all_ok_or_skipped(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    (src / "notes.pdf").write_bytes(b"%PDF")
    assert run_summarize(args(src, out=tmp_path / "out"), FakeDigester) == 0
    assert run_summarize(args(src, out=tmp_path / "out"), FakeDigester) == 0
    assert "0 done, 1 skipped, 0 failed, 1 ignored" in capsys.readouterr().err


def test_cli_model_error_is_one_line_without_traceback(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")

    def missing():
        raise ModelNotFoundError("model 'ner-hi' not found in ~/.cache/newsdigest; "
                                 "run: newsdigest download ner-hi")

    assert run_summarize(args(path), missing) == 2
    assert capsys.readouterr().err == ("newsdigest: error: model 'ner-hi' not found in "
                                       "~/.cache/newsdigest; run: newsdigest download ner-hi\n")


def test_cli_rejects_bad_option_values(capsys):
    with pytest.raises(SystemExit) as info:
        main(["summarize", "x.txt", "--jobs", "0"])
    assert info.value.code == 2
    assert "expected a positive integer" in capsys.readouterr().err


def test_cli_import_and_help_load_no_model_code():
    code = ("import sys\nfrom newsdigest.batch.cli import main\n"
            "try:\n    main(['summarize', '--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'transformers', 'dask', 'tqdm') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "--max-chars" in proc.stdout


@pytest.mark.slow
def test_real_digester_over_samples(tmp_path):
    samples = Path(__file__).resolve().parents[1] / "samples"
    src = tmp_path / "in"
    src.mkdir()
    for name in ("hi/budget-2025-hi.txt", "en/mumbai-metro-line3-en.txt"):
        (src / Path(name).name).write_bytes((samples / name).read_bytes())
    out = tmp_path / "out"
    try:
        summary = run_folder([src], out)
    except ModelNotFoundError as e:
        pytest.skip(f"model not available: {e}")
    assert summary.exit_code == 0, summary.records
    for r in manifest(out):
        digest = json.loads((out / r["output"]).read_text("utf-8"))
        text = (src / r["input"]).read_text("utf-8")
        assert digest["source"]["chars"] == len(text)
        for start, end in digest["sentences"]:
            assert 0 <= start < end <= len(text)
    again = run_folder([src], out)
    assert again.skipped == 2
