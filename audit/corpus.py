"""Loading articles from files, folders, standard input, JSON lines and CSV.

Every input becomes an :class:`Article`: metadata, the encoding used, and the cleaned
text that all later offsets refer to. A file that cannot be read becomes a
:class:`LoadError` instead, so one bad file never stops a batch.

>>> arts, errs = load_paths(["corpus"])            # doctest: +SKIP
>>> arts[0].id, arts[0].source, arts[0].encoding    # doctest: +SKIP
('000_efd69a633545d00a', 'CNN', 'utf-8')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from audit.cleaning import Removal, clean_text, strip_control
from audit.htmltext import extract_html

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".csv"}
# files in a corpus folder that describe it rather than being articles
NOT_ARTICLES = ("readme", "license", "licence", "sources", "changelog")
METADATA = ("id", "title", "source", "date", "url", "domain")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Article:
    """One article: metadata plus the cleaned text every finding points into."""

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    domain: str | None = None
    path: str = "<memory>"
    encoding: str | None = None
    removed: list[Removal] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, id: str = "article", **meta: Any) -> Article:
        """Make an article from a string, cleaned like a file would be.

        >>> Article.from_text("Rubio said so.", id="a1", date="2025-09-02").date
        datetime.date(2025, 9, 2)
        """
        return _article({**meta, "id": id, "text": text}, name="<memory>", encoding=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "url": self.url,
            "domain": self.domain,
            "path": self.path,
            "encoding": self.encoding,
            "removed": [r.to_dict() for r in self.removed],
            "text": self.text,
        }


@dataclass(frozen=True)
class LoadError:
    """An input that could not be audited, with a message a person can act on."""

    path: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


class ArticleError(ValueError):
    """Raised for one unreadable input; the loader turns it into a LoadError."""


# ---------------------------------------------------------------- public entry points


def load_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Article], list[LoadError]]:
    """Load every article under ``paths`` (files, folders read recursively, or ``-``).

    Ids are made unique within the batch (a repeated id gets ``~2``, ``~3`` ...).
    """
    articles: list[Article] = []
    errors: list[LoadError] = []
    for item in _expand(paths, errors):
        try:
            found, bad_records = _load_one(item, max_bytes)
            articles.extend(found)
            errors.extend(bad_records)
        except ArticleError as exc:
            errors.append(LoadError(str(item), str(exc)))
        except OSError as exc:
            errors.append(LoadError(str(item), f"cannot read file: {exc.strerror or exc}"))
        except Exception as exc:  # a parser bug on one hostile file must not end the batch
            errors.append(LoadError(str(item), f"could not be parsed ({type(exc).__name__}: {exc})"))
    return unique_ids(articles), [LoadError(_printable(e.path), e.error) for e in errors]


def load_text(data: bytes | str, *, name: str = "<stdin>", suffix: str = ".txt") -> list[Article]:
    """Parse one input given as bytes or text (for tests and notebooks); strict: any bad
    record raises :class:`ArticleError`, where :func:`load_paths` would skip just that record."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    articles, bad_records = _parse(raw, name=name, stem=Path(name).stem or "stdin", suffix=suffix)
    if bad_records:
        first = bad_records[0]
        raise ArticleError(f"{first.path.removeprefix(name).strip()} {first.error}".strip())
    return articles


# ---------------------------------------------------------------- walking the inputs


def _expand(paths: Iterable[str | os.PathLike[str]], errors: list[LoadError]) -> Iterator[str | Path]:
    seen_dirs: set[str] = set()
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, seen_dirs, errors)
        elif path.exists():
            yield path
        else:
            errors.append(LoadError(str(path), "no such file or folder"))


def _walk(folder: Path, seen_dirs: set[str], errors: list[LoadError]) -> Iterator[Path]:
    real = os.path.realpath(folder)
    if real in seen_dirs:
        errors.append(LoadError(str(folder), "folder already read (a symbolic-link loop?): skipped"))
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        errors.append(LoadError(str(folder), f"cannot list folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith(".") or Path(entry.name).stem.lower() in NOT_ARTICLES:
            continue
        path = Path(entry.path)
        if path.is_dir():
            yield from _walk(path, seen_dirs, errors)
        elif path.suffix.lower() in SUFFIXES:
            yield path


def _load_one(item: str | Path, max_bytes: int) -> tuple[list[Article], list[LoadError]]:
    if item == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(len(raw), max_bytes)
        return _parse(raw, name="<stdin>", stem="stdin", suffix=".txt")
    path = Path(item)
    if path.is_symlink() and not path.exists():
        raise ArticleError("broken symbolic link (its target does not exist): skipped")
    if not path.is_file():
        raise ArticleError("not a regular file (a device, pipe or socket?): skipped")
    _check_size(path.stat().st_size, max_bytes)
    return _parse(path.read_bytes(), name=_printable(str(path)), stem=_printable(path.stem), suffix=path.suffix.lower())


def _printable(name: str) -> str:
    """A file name that can be written out: bytes of a name that was not UTF-8 become '?'.

    >>> _printable("caf\\udce9.txt")
    'caf?.txt'
    """
    return name.encode("utf-8", "replace").decode("utf-8")


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ArticleError(
            f"file too large ({size:,} bytes; the limit is {max_bytes:,}: raise it with --max-bytes)"
        )


# ---------------------------------------------------------------- decoding


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are
    read as such; anything else that is not valid UTF-8 is read as cp1252 (the usual
    encoding of such files), or latin-1 where cp1252 has no character for a byte.

    >>> decode("café".encode("cp1252"))
    ('café', 'cp1252 (fallback: not valid UTF-8)')
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode_marked(raw, "utf-8-sig"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_marked(raw, "utf-16"), "utf-16"
    if _looks_binary(raw):
        raise ArticleError("binary file (not text): skipped")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252 (fallback: not valid UTF-8)"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1 (fallback: not valid UTF-8 or cp1252)"


def _decode_marked(raw: bytes, encoding: str) -> str:
    """Decode a file whose byte-order mark names its encoding; no guessing past a mark."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper().removesuffix("-SIG")
        raise ArticleError(f"undecodable: starts with a {name} byte-order mark but byte {exc.start} is not {name}") from None


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.1


# ---------------------------------------------------------------- parsing by format


def _parse(raw: bytes, *, name: str, stem: str, suffix: str) -> tuple[list[Article], list[LoadError]]:
    """The articles of one input, and an error for each record of a JSON-lines or CSV file
    that cannot be read (the file's other records are still loaded)."""
    text, encoding = decode(raw)
    del raw  # a large JSON-lines file: hold its text once, not its bytes too
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if suffix == ".jsonl":
        records = _jsonl_records(text, name)
    elif suffix == ".csv":
        records = _csv_records(text, name)
    elif suffix in (".html", ".htm"):
        records = iter([(name, _html_record(text, stem))])
    else:
        records = iter([(name, _front_matter_record(text, name, stem))])
    articles: list[Article] = []
    bad_records: list[LoadError] = []
    for where, record in records:
        try:
            if isinstance(record, ArticleError):
                raise record
            articles.append(_article(record, name=name, encoding=encoding))
        except ArticleError as exc:
            if where == name:
                raise  # the input holds one article: the file itself is the error
            bad_records.append(LoadError(where, str(exc)))
    if not articles and not bad_records:
        raise ArticleError("no articles in this file: nothing to audit")
    return articles, bad_records


def _front_matter_record(text: str, name: str, stem: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": stem}
    body = text.lstrip("\ufeff")
    if body.startswith("---\n"):
        end = body.find("\n---", 3)
        if end < 0:
            raise ArticleError("front matter opened with '---' on line 1 is never closed")
        block = body[4:end] if end > 3 else ""
        try:
            meta = yaml.safe_load(block) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" at line {mark.line + 2}" if mark else ""
            raise ArticleError(f"malformed front matter{line}: {getattr(exc, 'problem', exc)}") from None
        except ValueError as exc:  # a well-formed but impossible value, such as date: 2025-13-45
            raise ArticleError(f"malformed front matter: {exc}") from None
        except RecursionError:
            raise ArticleError("malformed front matter: nested too deeply") from None
        if not isinstance(meta, dict):
            raise ArticleError("malformed front matter: expected 'key: value' lines")
        record.update({k: v for k, v in meta.items() if v is not None})
        body = body[end + 4 :].split("\n", 1)[1] if "\n" in body[end + 4 :] else ""
    record["text"] = body
    return record


def _jsonl_records(text: str, name: str) -> Iterator[tuple[str, dict[str, Any] | ArticleError]]:
    """(where, record) for each line; a line that is not a record gives an ArticleError."""
    stem = Path(name).stem
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        where = f"{name} (line {number})"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, ArticleError(f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:
            yield where, ArticleError("not valid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield where, ArticleError("expected an object with a 'text' string")
            continue
        record.setdefault("id", f"{stem}-{number}")
        yield where, record


def _lines(text: str) -> Iterator[str]:
    r"""The lines of a JSON-lines text, one at a time (the file may be large), split at "\n"
    only: U+2028 and the other breaks ``str.splitlines`` knows may stand inside a JSON string.

    >>> list(_lines('{"a": "x\u2028y"}\n\n{}\n'))
    ['{"a": "x\u2028y"}', '', '{}']
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _csv_records(text: str, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    stem = Path(name).stem
    csv.field_size_limit(DEFAULT_MAX_BYTES * 4)
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise ArticleError(f"CSV has no 'text' column (columns: {', '.join(reader.fieldnames or [])})")
    for number, row in enumerate(reader, start=2):
        record = {k: v for k, v in row.items() if k in (*METADATA, "text") and v not in (None, "")}
        record.setdefault("id", f"{stem}-{number}")
        record.setdefault("text", "")
        yield f"{name} (row {number})", record


def _html_record(text: str, stem: str) -> dict[str, Any]:
    page = extract_html(text)
    record: dict[str, Any] = {"id": stem, "text": page.text}
    record.update({k: v for k, v in page.meta.items() if v})
    return record


# ---------------------------------------------------------------- building the Article


def _article(record: dict[str, Any], *, name: str, encoding: str | None) -> Article:
    if not str(record.get("text", "")).strip():
        raise ArticleError("empty article: nothing to audit")
    cleaned = clean_text(str(record["text"]))
    if not cleaned.text.strip():
        raise ArticleError("nothing left to audit after removing page furniture")
    meta = _metadata(record)
    return Article(
        id=str(meta.get("id") or Path(name).stem),
        text=cleaned.text,
        source=meta.get("source"),
        title=meta.get("title") or cleaned.title,
        date=meta.get("date") or cleaned.date,
        url=meta.get("url"),
        domain=meta.get("domain") or _domain_of(meta.get("url")),
        path=name,
        encoding=encoding,
        removed=cleaned.removed,
    )


def _metadata(record: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key in METADATA:
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, (str, int, float, dt.date)):
            # a list or mapping is a mistake, and YAML aliases can make one expand to gigabytes
            raise ArticleError(f"'{key}' must be a single value, not a {type(value).__name__}")
        meta[key] = _parse_date(value) if key == "date" else strip_control(str(value)).strip()
    return meta


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ArticleError(f"date {text!r} is not YYYY-MM-DD") from None


def _domain_of(url: str | None) -> str | None:
    """The web domain of a URL, or None when there is no plausible host name in it.

    >>> _domain_of("https://www.Example.org:8080/a"), _domain_of("https://<script>x</script>/")
    ('example.org', None)
    """
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0].lower()
    return host.removeprefix("www.") if re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", host) else None


def unique_ids(articles: list[Article]) -> list[Article]:
    """The articles in order, ids made unique: a repeat gets ``~2``, ``~3`` ... (never an id
    already in the batch). Renamed articles are copies, so the caller's objects are untouched.

    >>> [a.id for a in unique_ids([Article("x", "A."), Article("x", "B."), Article("x~2", "C.")])]
    ['x', 'x~3', 'x~2']
    """
    given = {article.id for article in articles}
    seen: set[str] = set()
    next_suffix: dict[str, int] = {}
    out = []
    for article in articles:
        if article.id in seen:
            number = next_suffix.get(article.id, 2)
            while f"{article.id}~{number}" in given or f"{article.id}~{number}" in seen:
                number += 1
            next_suffix[article.id] = number + 1
            article = replace(article, id=f"{article.id}~{number}")
        seen.add(article.id)
        out.append(article)
    return out
