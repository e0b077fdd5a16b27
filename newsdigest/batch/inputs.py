"""Read article files (.txt, .md, .html/.htm, .json, .jsonl) into :class:`Article` objects.

Offsets in a digest refer to ``Article.text``: the file's text as decoded, after BOM removal.
Line endings are kept as they are (CRLF stays CRLF). For HTML, ``text`` is the extracted body
text; for JSON and JSON Lines, it is the ``"text"`` field.

Every problem with a file is an :class:`~newsdigest.errors.InputError` with a one-line message.
Nothing is truncated: a text over ``max_chars`` is refused.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..validate import DEFAULT_MAX_CHARS, looks_like_krutidev  # noqa: F401  (re-exported)
from ..validate import check_text as _check


def check_text(text: str, name: str, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    _check(text, name, max_chars)

__all__ = [
    "Article", "SUPPORTED_SUFFIXES", "DEFAULT_MAX_CHARS",
    "read_article", "read_articles", "decode_bytes", "looks_like_krutidev", "html_to_text",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json",
            ".jsonl": "jsonl"}


@dataclass(frozen=True)
class Article:
    """One article read from a file.

    ``id`` names where it came from: the path as given (or the caller's id), and
    ``<path>#<line>`` for a line of a .jsonl file (1-based). ``source_id`` is the ``"id"``
    field of a JSON article, if it had one. ``sha256`` is over the article's input bytes:
    the whole file, or the line's bytes for a .jsonl line.
    """

    text: str
    title: str | None
    id: str
    source_format: str  # txt | md | html | json | jsonl
    encoding: str = "utf-8"
    sha256: str = ""
    source_id: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_article(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS,
                 id: str | None = None) -> Article:
    """Read one article from ``path``; raise :class:`InputError` if it cannot be digested.

    A .jsonl file is accepted here only when it holds exactly one article; use
    :func:`read_articles` for the general case.
    """
    items = read_articles(path, max_chars=max_chars, id=id)
    if len(items) != 1:
        raise InputError(f"{_name(path, id)}: holds {len(items)} articles (one per line); "
                         "read it with read_articles()")
    if isinstance(items[0], InputError):
        raise items[0]
    return items[0]


def read_articles(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS,
                  id: str | None = None, lines: tuple[int, int] | None = None,
                  fs=None) -> list[Article | InputError]:
    """Read every article in ``path``, in file order.

    Raises :class:`InputError` when the file as a whole is unusable (unsupported extension,
    unreadable, binary, empty, wrong encoding, over the limit). For a .jsonl file a bad line
    does not spoil the others: it comes back in its place as an ``InputError`` object whose
    ``id`` attribute is ``<path>#<line>``. ``lines=(first, stop)`` keeps only the .jsonl lines
    numbered ``first <= n < stop`` (a file with none there gives an empty list).
    ``fs``: an fsspec filesystem that ``path`` (a string) is on; default, the local disk.
    """
    suffix = PurePosixPath(str(path)).suffix if fs is not None else Path(path).suffix
    name = _name(path, id)
    fmt = _FORMATS.get(suffix.lower())
    if fmt is None:
        raise InputError(f"{name}: unsupported extension {suffix or '(none)'!r}; "
                         f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = Path(path).stat().st_size if fs is None else fs.size(path)
        # A plain-text file over 4 bytes per allowed character is over the limit whatever it holds.
        if fmt in ("txt", "md") and size is not None and size > 4 * max_chars + 4:
            raise InputError(f"{name}: file of {size:,} bytes is over the limit of "
                             f"{max_chars:,} characters; split it or raise --max-chars")
        data = Path(path).read_bytes() if fs is None else fs.cat_file(path)
    except InputError:
        raise
    except OSError as e:
        raise InputError(f"{name}: cannot read file: {e.strerror or e}") from None

    text, encoding = decode_bytes(data, name=name, html=(fmt == "html"))
    if not text:
        raise InputError(f"{name}: empty file")
    if not text.strip():
        raise InputError(f"{name}: file contains only whitespace")
    warnings = ()
    if encoding == "cp1252":
        warnings = ("input decoded as Windows-1252 (it is not valid UTF-8)",)
    sha = hashlib.sha256(data).hexdigest()

    if fmt == "jsonl":
        return _read_jsonl(text, name, encoding, max_chars, warnings, lines)
    if fmt == "json":
        obj = _parse_json(text, name)
        art = _article_from_obj(obj, name, "json", encoding, sha, warnings)
    elif fmt == "html":
        title, body = html_to_text(text)
        if not body.strip():
            raise InputError(f"{name}: no text found in the HTML body")
        art = Article(body, title, name, "html", encoding, sha, None, warnings)
    else:
        title = None
        if fmt == "md":
            m = re.match(r"\s*#\s+(.+?)\s*#*\s*(?:\r?\n|$)", text)
            title = m.group(1) if m else None
        art = Article(text, title, name, fmt, encoding, sha, None, warnings)
    check_text(art.text, name, max_chars)
    return [art]


# ---------------------------------------------------------------------------------- decoding

_BOMS = (  # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_bytes(data: bytes, *, name: str = "input", html: bool = False) -> tuple[str, str]:
    """Decode file bytes to text; return ``(text, encoding)``.

    Order: a BOM (UTF-8, UTF-16 LE/BE, UTF-32) wins and is removed; else strict UTF-8; else,
    for HTML, a ``<meta charset>`` declaration; else Windows-1252 when the result is mostly
    Latin text. Binary data (NUL bytes, or over 30% control characters) is refused.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(f"{name}: starts with a {enc.upper()} byte order mark but is not "
                                 f"valid {enc.upper()} (byte {e.start + len(bom)})") from None
            _check_not_binary(text, name)
            return text, enc
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes); expected text in UTF-8, "
                         "or UTF-16 with a byte order mark")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        text = enc = None
        if html:
            m = _META_CHARSET.search(data[:4096])
            if m:
                try:
                    declared = codecs.lookup(m.group(1).decode("ascii")).name
                    text, enc = data.decode(declared), declared
                except (LookupError, UnicodeDecodeError):
                    pass
        if text is None:
            try:
                latin = data.decode("cp1252")
            except UnicodeDecodeError:
                latin = None
            if latin is None or not _mostly_latin(latin):
                raise InputError(f"{name}: not valid UTF-8 (bad byte at offset {e.start}) and not "
                                 "Windows-1252 English text; save it as UTF-8") from None
            text, enc = latin, "cp1252"
    _check_not_binary(text, name)
    return text, enc


def _check_not_binary(text: str, name: str) -> None:
    if "\x00" in text:
        raise InputError(f"{name}: binary file (contains NUL characters)")
    if not text:
        return
    control = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if control > 0.3 * len(text):
        raise InputError(f"{name}: binary file ({control * 100 // len(text)}% control characters)")


def _mostly_latin(text: str) -> bool:
    # Windows-1252 accepts almost any byte string; real English text is still mostly ASCII.
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    ascii_printable = sum(1 for c in chars if " " < c < "\x7f")
    return ascii_printable >= 0.8 * len(chars)


# ----------------------------------------------------------------------------------- JSON

def _parse_json(text: str, name: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{name}: invalid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None


def _article_from_obj(obj, name: str, fmt: str, encoding: str, sha: str,
                      warnings: tuple[str, ...]) -> Article:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError(f'{name}: expected a JSON object with a string "text" field '
                         '(and optional "title", "id")')
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f'{name}: "title" must be a string or null')
    source_id = obj.get("id")
    source_id = None if source_id is None else str(source_id)
    return Article(obj["text"], title, name, fmt, encoding, sha, source_id, warnings)


def _read_jsonl(text: str, name: str, encoding: str, max_chars: int,
                warnings: tuple[str, ...], lines: tuple[int, int] | None = None
                ) -> list[Article | InputError]:
    items: list[Article | InputError] = []
    # Only \n ends a record: JSON strings may not hold raw newlines, and \r\n leaves a \r to strip.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if lines is not None and not lines[0] <= lineno < lines[1]:
            continue
        if not line.strip():
            continue
        item_id = f"{name}#{lineno}"
        try:
            obj = _parse_json(line, item_id)
            sha = hashlib.sha256(line.rstrip("\r").encode("utf-8")).hexdigest()
            art = _article_from_obj(obj, item_id, "jsonl", encoding, sha, warnings)
            check_text(art.text, item_id, max_chars)
            items.append(art)
        except InputError as e:
            e.id = item_id
            items.append(e)
    if not items and lines is None:
        raise InputError(f"{name}: no articles (the file holds only blank lines)")
    return items


# ----------------------------------------------------------------------------------- HTML

_SKIP = frozenset("script style nav header footer aside noscript template svg form "
                  "iframe button select".split())
_BLOCK = frozenset("p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 section article main "
                   "blockquote pre table tr td th thead tbody figure figcaption hr address "
                   "details summary".split())
_VOID = frozenset("br hr img input meta link area base col embed source track wbr".split())


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skip: list[str] = []  # open skipped elements
        self._in_title = False
        self._title: list[str] = []
        self._pre = 0

    def _flush(self) -> None:
        joined = "".join(self._current)
        para = joined.strip("\n") if self._pre else " ".join(joined.split())
        if para.strip():
            self.paragraphs.append(para)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK:
            self._flush()
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if self._skip:
            if tag in self._skip:
                # Close the matching element and anything left open inside it.
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag):]
            return
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self._flush()
        if tag == "pre" and self._pre:
            self._pre -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_title:
            self._title.append(data)
        else:
            self._current.append(data)

    def result(self) -> tuple[str | None, str]:
        self._flush()
        title = " ".join("".join(self._title).split()) or None
        return title, "\n\n".join(self.paragraphs)


def html_to_text(html: str) -> tuple[str | None, str]:
    """Return ``(title, body text)`` of an HTML page.

    Leaves out script, style, nav, header, footer, aside (and forms, iframes, ...); block
    elements (p, div, li, h1-h6, br, ...) become paragraph breaks (a blank line); other
    whitespace collapses to one space, except inside ``<pre>``. Uses the stdlib parser.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.result()


def _name(path, id) -> str:
    return id if id is not None else str(path)
