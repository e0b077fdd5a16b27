import hashlib
import json

import pytest

from newsdigest.batch import run_folder
from newsdigest.errors import InputError
from newsdigest.schema import Digest

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
