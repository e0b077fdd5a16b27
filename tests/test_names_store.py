"""The on-disk store of word spellings (names.store): read back as computed, keyed, never required."""
import shutil
from pathlib import Path

import pytest

from newsdigest.names import Transliterator
from newsdigest.names import store as st

HI = ["एलन मस्क", "मार्क जुकरबर्ग", "कैम्ब्रिज एनालिटिका", "रहमानउल्लाह गुरबाज़", "गार्जियन", "सीलमपुर"]
HI_LABELS = ["PER", "PER", "ORG", "PER", "ORG", "LOC"]
EN = ["Andy Stone", "CrowdStrike", "George Kurtz", "Hyderabad Airport"]
EN_LABELS = ["PER", "ORG", "PER", "LOC"]


def _spell(t: Transliterator):
    return t.to_english_batch(HI, HI_LABELS), t.to_hindi_batch(EN, EN_LABELS)


def _no_model(*args, **kwargs):
    raise AssertionError("the names model ran for a word the store holds")


def test_a_new_instance_reads_the_spellings_back_without_running_the_model(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    monkeypatch.delenv(st.ENV, raising=False)
    first = _spell(Transliterator(store=True))
    files = list((tmp_path / "names").glob("spellings-*.sqlite"))
    assert len(files) == 1
    again = Transliterator(store=True)
    monkeypatch.setattr(again, "_forward", _no_model)
    monkeypatch.setattr(again, "score", _no_model)
    assert _spell(again) == first
    assert _spell(Transliterator(store=False)) == first  # the store changes no spelling


def test_a_word_is_spelled_the_same_alone_as_in_a_batch():
    """What the store relies on: a word's spelling does not depend on the other words decoded with it."""
    together = Transliterator().to_english_batch(HI, HI_LABELS)
    alone = [Transliterator().to_english_batch([n], [lab])[0] for n, lab in zip(HI, HI_LABELS)]
    assert alone == together
    together = Transliterator().to_hindi_batch(EN, EN_LABELS)
    assert [Transliterator().to_hindi_batch([n], [lab])[0] for n, lab in zip(EN, EN_LABELS)] == together


def test_the_key_changes_with_the_model_folder_and_the_beam(tmp_path):
    from newsdigest.resources import model_dir

    folder = tmp_path / "translit"
    shutil.copytree(model_dir("translit"), folder)
    key = st.store_key(folder, None)
    assert st.store_key(folder, None) == key
    assert st.store_key(folder, 4) != key
    config = folder / "config.json"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert st.store_key(folder, None) != key


def test_an_unusable_cache_folder_turns_the_store_off(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(blocker))
    monkeypatch.delenv(st.ENV, raising=False)
    store = st.SpellingStore(blocker / "names" / "spellings-x.sqlite")
    assert store.get_many("en", "f", ["a"]) == {}
    store.put_many("en", "f", {"a": "b"})  # no error
    assert store.get_many("en", "f", ["a"]) == {}


def test_a_corrupt_file_is_read_as_empty(tmp_path):
    path = tmp_path / "spellings-x.sqlite"
    path.write_bytes(b"this is not an SQLite database" * 100)
    store = st.SpellingStore(path)
    assert store.get_many("hi", "f", ["word"]) == {}
    store.put_many("hi", "f", {"word": "spelled"})


def test_round_trip_and_the_size_limit(tmp_path, monkeypatch):
    store = st.SpellingStore(tmp_path / "spellings-x.sqlite")
    store.put_many("en", "1:0.3:1", {"मस्क": "musk", "एलन": "elon"})
    assert store.get_many("en", "1:0.3:1", ["एलन", "मस्क", "नया"]) == {"एलन": "elon", "मस्क": "musk"}
    assert store.get_many("en", "1:0.9:0", ["एलन"]) == {}  # another entity type's weighting: another entry
    assert store.get_many("hi", "1:0.3:1", ["एलन"]) == {}
    words = {f"w{i}": f"s{i}" for i in range(1200)}  # more than one query's worth of words
    store.put_many("hi", "f", words)
    assert store.get_many("hi", "f", list(words)) == words
    monkeypatch.setattr(st, "MAX_BYTES", 1)
    full = st.SpellingStore(tmp_path / "spellings-x.sqlite")
    full.put_many("hi", "f", {"late": "word"})
    assert full.get_many("hi", "f", ["late", "w5"]) == {"w5": "s5"}  # full: read, not written


def test_the_store_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    monkeypatch.setenv(st.ENV, "0")
    from newsdigest.resources import model_dir

    assert st.open_store(model_dir("translit"), None) is None
    Transliterator(store=True).to_english_batch(["मार्क जुकरबर्ग"], ["PER"])
    assert not list(tmp_path.glob("names/spellings-*"))


def test_stores_of_other_models_are_removed_only_when_stale(tmp_path):
    import os
    import time

    old, recent = tmp_path / "spellings-old.sqlite", tmp_path / "spellings-recent.sqlite"
    for f in (old, recent, Path(str(old) + "-wal")):
        f.write_bytes(b"")
    past = time.time() - 40 * 86400
    os.utime(old, (past, past))
    os.utime(str(old) + "-wal", (past, past))
    st.SpellingStore(tmp_path / "spellings-new.sqlite").get_many("en", "f", ["a"])
    left = {p.name for p in tmp_path.iterdir()} - {p.name for p in tmp_path.glob("spellings-new.sqlite-*")}
    assert left == {"spellings-new.sqlite", "spellings-recent.sqlite"}


@pytest.mark.parametrize("value, on", [("0", False), ("off", False), ("1", True), ("", True)])
def test_the_switch(monkeypatch, value, on):
    monkeypatch.setenv(st.ENV, value)
    assert st.enabled() is on


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_a_forked_process_opens_its_own_connection(tmp_path):
    import multiprocessing

    store = st.SpellingStore(tmp_path / "spellings-x.sqlite")
    store.put_many("en", "f", {"parent": "p"})
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def child():
        store.put_many("en", "f", {"child": "c"})
        queue.put(store.get_many("en", "f", ["parent", "child"]))

    proc = ctx.Process(target=child)
    proc.start()
    seen = queue.get(timeout=30)
    proc.join(30)
    assert seen == {"parent": "p", "child": "c"}
    assert store.get_many("en", "f", ["parent", "child"]) == {"parent": "p", "child": "c"}


def test_a_store_locked_by_another_writer_is_skipped_for_the_batch_not_turned_off(tmp_path):
    import sqlite3

    path = tmp_path / "spellings-x.sqlite"
    store = st.SpellingStore(path)
    store.put_many("en", "f", {"a": "b"})
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # holds the write lock (and, outside WAL readers, blocks)
    store.put_many("en", "f", {"c": "d"})  # waits a second, gives up on this batch
    assert not store._off
    other.execute("ROLLBACK")
    other.close()
    store.put_many("en", "f", {"c": "d"})
    assert store.get_many("en", "f", ["a", "c"]) == {"a": "b", "c": "d"}
