import codecs
import json

import pytest

from newsdigest.batch.inputs import (
    Article, decode_bytes, html_to_text, looks_like_krutidev, read_article, read_articles,
)
from newsdigest.errors import InputError

EN = "The Prime Minister visited Delhi on Monday. He met farmers from Punjab."
HI = "प्रधानमंत्री ने सोमवार को दिल्ली का दौरा किया। उन्होंने पंजाब के किसानों से मुलाकात की।"
KRUTIDEV = ("Hkkjr ds iz/kkuea=h us vkt fnYyh esa ,d cSBd dhA ljdkj dk dguk gS fd ;g ;kstuk "
            "lHkh jkT;ksa esa ykxw gksxhA")


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("data, expected, encoding", [
    (EN.encode("utf-8"), EN, "utf-8"),
    (HI.encode("utf-8"), HI, "utf-8"),
    (codecs.BOM_UTF8 + HI.encode("utf-8"), HI, "utf-8"),
    (codecs.BOM_UTF16_LE + HI.encode("utf-16-le"), HI, "utf-16-le"),
    (codecs.BOM_UTF16_BE + HI.encode("utf-16-be"), HI, "utf-16-be"),
    ("“Quoted,” said the café owner – twice.".encode("cp1252"),
     "“Quoted,” said the café owner – twice.", "cp1252"),
])
def test_read_article_decodes_and_removes_bom(tmp_path, data, expected, encoding):
    art = read_article(write(tmp_path, "a.txt", data))
    assert art.text == expected
    assert art.encoding == encoding
    assert art.source_format == "txt"


def test_cp1252_fallback_is_reported_as_a_warning(tmp_path):
    art = read_article(write(tmp_path, "a.txt", "It’s 25°C in Pune.".encode("cp1252")))
    assert art.text == "It’s 25°C in Pune."
    assert any("Windows-1252" in w for w in art.warnings)


def test_crlf_is_kept_so_offsets_refer_to_the_decoded_text(tmp_path):
    art = read_article(write(tmp_path, "a.txt", b"Line one.\r\nLine two.\r\n"))
    assert art.text == "Line one.\r\nLine two.\r\n"


def test_sha256_is_over_the_file_bytes(tmp_path):
    import hashlib

    data = codecs.BOM_UTF8 + EN.encode("utf-8")
    art = read_article(write(tmp_path, "a.txt", data))
    assert art.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"  \r\n\t\n ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    (bytes(range(1, 9)) * 20 + b"abc", "control characters"),
    (KRUTIDEV.encode("utf-8"), "looks like KrutiDev legacy font encoding; convert to Unicode first"),
    (b"\xe0\xa4\x95\xff\xfe\x90\x81\x8d" * 10, "not valid UTF-8"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16-LE"),
])
def test_unusable_files_raise_one_line_input_error(tmp_path, data, message):
    with pytest.raises(InputError) as info:
        read_article(write(tmp_path, "bad.txt", data))
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(tmp_path / "bad.txt"))


def test_text_over_max_chars_is_refused_not_truncated(tmp_path):
    path = write(tmp_path, "long.txt", "a" * 101)
    with pytest.raises(InputError, match="101 characters is over the limit of 100"):
        read_article(path, max_chars=100)
    assert read_article(path, max_chars=101).text == "a" * 101


def test_huge_plain_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "huge.txt", b"a" * 5000)
    with pytest.raises(InputError, match="5,000 bytes is over the limit of 1,000 characters"):
        read_article(path, max_chars=1000)


def test_unsupported_extension_is_refused(tmp_path):
    with pytest.raises(InputError, match="unsupported extension '.pdf'"):
        read_article(write(tmp_path, "a.pdf", EN))


def test_devanagari_file_name_with_spaces(tmp_path):
    art = read_article(write(tmp_path, "दिल्ली समाचार.txt", HI), id="दिल्ली समाचार.txt")
    assert art.text == HI and art.id == "दिल्ली समाचार.txt"


def test_markdown_title_is_the_first_heading_and_text_is_unchanged(tmp_path):
    text = "# Budget 2025\n\n" + EN
    art = read_article(write(tmp_path, "a.md", text))
    assert art.title == "Budget 2025"
    assert art.text == text


def test_html_drops_script_style_nav_header_footer_aside(tmp_path):
    page = """<!doctype html><html><head><title> Flood  in Assam </title>
    <style>p { color: red }</style><script>var tracking = "SCRIPT";</script></head>
    <body><header>SITE HEADER</header><nav><a href="/">Home</a> NAVLINK</nav>
    <article><h1>Flood in Assam</h1><p>Water rose in <b>Guwahati</b> on Monday.</p>
    <p>Rescue teams &amp; boats arrived.<br>Schools closed.</p>
    <aside>RELATED STORIES</aside></article>
    <footer>FOOTER &copy; 2025</footer><script>alert("x")</script></body></html>"""
    art = read_article(write(tmp_path, "a.html", page))
    assert art.title == "Flood in Assam"
    assert art.source_format == "html"
    assert art.text == ("Flood in Assam\n\nWater rose in Guwahati on Monday.\n\n"
                        "Rescue teams & boats arrived.\n\nSchools closed.")
    for junk in ("SCRIPT", "NAVLINK", "SITE HEADER", "FOOTER", "RELATED", "color", "alert"):
        assert junk not in art.text


def test_html_keeps_pre_whitespace_and_reads_meta_charset():
    title, body = html_to_text("<pre>a  b\n c</pre><div>x</div>")
    assert body == "a  b\n c\n\nx" and title is None
    text, enc = decode_bytes('<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1"), html=True)
    assert "café" in text and enc == "iso8859-1"


def test_html_without_body_text_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no text found in the HTML body"):
        read_article(write(tmp_path, "a.htm", "<html><nav>menu</nav><script>x</script></html>"))


def test_json_article(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"title": "T", "text": HI, "id": 7},
                                                ensure_ascii=False))
    art = read_article(path)
    assert (art.title, art.text, art.source_id, art.source_format) == ("T", HI, "7", "json")


@pytest.mark.parametrize("content, message", [
    ('{"title": "T"}', 'expected a JSON object with a string "text" field'),
    ('["text"]', 'expected a JSON object'),
    ('{"text": "x", "title": 3}', '"title" must be a string or null'),
    ('{"text": ', "invalid JSON: Expecting value at line 1 column 10"),
])
def test_bad_json_articles(tmp_path, content, message):
    with pytest.raises(InputError, match=message.replace("[", r"\[")):
        read_article(write(tmp_path, "a.json", content))


def test_jsonl_expands_lines_and_keeps_bad_lines_in_place(tmp_path):
    lines = [json.dumps({"title": "one", "text": EN}), "", "not json",
             json.dumps({"text": HI}, ensure_ascii=False), json.dumps({"text": "   "})]
    path = write(tmp_path, "feed.jsonl", "\r\n".join(lines) + "\r\n")
    items = read_articles(path, id="feed.jsonl")
    assert [getattr(i, "id") for i in items] == [
        "feed.jsonl#1", "feed.jsonl#3", "feed.jsonl#4", "feed.jsonl#5"]
    assert isinstance(items[0], Article) and items[0].title == "one" and items[0].text == EN
    assert isinstance(items[1], InputError) and "invalid JSON" in str(items[1])
    assert isinstance(items[2], Article) and items[2].text == HI
    assert isinstance(items[3], InputError) and "only whitespace" in str(items[3])
    assert items[0].sha256 != items[2].sha256
    with pytest.raises(InputError, match="holds 4 articles"):
        read_article(path)


def test_jsonl_lines_range_reads_only_those_lines_with_their_numbers(tmp_path):
    lines = [json.dumps({"text": f"{i} {EN}"}) for i in range(1, 7)]
    lines[3] = ""
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    every = read_articles(path, id="feed.jsonl")
    part = read_articles(path, id="feed.jsonl", lines=(3, 6))
    assert [a.id for a in part] == ["feed.jsonl#3", "feed.jsonl#5"]
    assert part == [a for a in every if a.id in ("feed.jsonl#3", "feed.jsonl#5")]
    assert read_articles(path, id="feed.jsonl", lines=(4, 5)) == []  # a blank line only


def test_an_fsspec_file_reads_like_the_same_local_file(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    mem = fsspec.filesystem("memory")
    data = codecs.BOM_UTF16_LE + HI.encode("utf-16-le")
    mem.pipe_file("/inputs-test/hi.txt", data)
    try:
        remote = read_articles("/inputs-test/hi.txt", id="hi.txt", fs=mem)
    finally:
        mem.rm("/inputs-test", recursive=True)
    assert remote == read_articles(write(tmp_path, "hi.txt", data), id="hi.txt")
    assert remote[0].text == HI and remote[0].encoding == "utf-16-le"


def test_krutidev_detection_does_not_fire_on_real_text():
    assert looks_like_krutidev(KRUTIDEV)
    assert looks_like_krutidev("Hkkjr ds iz/kkuea=h")
    assert not looks_like_krutidev(EN * 3)
    assert not looks_like_krutidev(HI)
    assert not looks_like_krutidev("Kakkar and Khanna took the bookkeeping job in Kokkarne; "
                                   "the iPhone and YouTube deals closed on Monday.")
