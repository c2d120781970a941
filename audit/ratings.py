"""Outside ratings of web domains: someone else's judgement, shown beside ours, never mixed in.

A ratings file is a CSV (or a TSV, told by its ``.tsv`` name or a tab in its header)
with a column naming the domain (``domain``, or one of :data:`DOMAIN_COLUMNS`, any case)
and any other columns: Lin et al.'s domain quality scores (``domain,pc1,...``), an
MBFC-style table (``source_url_normalized,fact,bias``), CRED-1 (``domain,category,...``).
Reports show the row for each of a source's web domains (a parent domain matches:
news.bbc.co.uk finds bbc.co.uk), labelled with the file it came from; a domain the
file does not list says so. The tool's own readings never use these ratings.

>>> table = parse_ratings("domain,pc1\\nwww.Example.com,0.8\\n", name="demo.csv")
>>> table.lookup("news.example.com")
{'pc1': '0.8'}
>>> table.lookup("other.org") is None
True
>>> table.describe()
'demo.csv (1 domain; sha256 337df4d87359)'
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

# accepted names for the domain column, in order of preference
DOMAIN_COLUMNS = ("domain", "source_url_normalized", "source_domain", "website", "site", "source_url", "url")


class RatingsError(ValueError):
    """A ratings file that cannot be used, with a message saying why and what is expected."""


@dataclass(frozen=True)
class RatingsTable:
    """One file's ratings: rating columns in file order, and domain -> {column: value}."""

    name: str
    digest: str
    columns: tuple[str, ...]
    rows: dict[str, dict[str, str]]

    def lookup(self, domain: str | None) -> dict[str, str] | None:
        """The row for ``domain``, else for its nearest parent domain; None when not listed."""
        host = normalise_domain(domain or "")
        while host:
            if host in self.rows:
                return self.rows[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None

    def matched_domain(self, domain: str | None) -> str | None:
        """Which listed domain :meth:`lookup` used (``bbc.co.uk`` for news.bbc.co.uk)."""
        host = normalise_domain(domain or "")
        while host and host not in self.rows:
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return host or None

    def describe(self) -> str:
        """Provenance in one line: file name, how many domains, content hash."""
        n = len(self.rows)
        return f"{self.name} ({n:,} domain{'s' if n != 1 else ''}; sha256 {self.digest})"


def load_ratings(path: str | Path) -> RatingsTable:
    """Read a ratings file; :class:`RatingsError` with a plain reason when it cannot be used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RatingsError(f"{path}: cannot read the ratings file ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RatingsError(f"{path}: a ratings file must be UTF-8 text (byte {exc.start} is not)") from None
    digest = hashlib.sha256(data).hexdigest()[:12]  # of the file's bytes, so `sha256sum FILE` confirms it
    return parse_ratings(text, name=path.name, tab=path.suffix.lower() == ".tsv", digest=digest)


def parse_ratings(text: str, *, name: str, tab: bool = False, digest: str | None = None) -> RatingsTable:
    """Parse CSV/TSV text; the first row for a domain wins."""
    if "\x00" in text:
        raise RatingsError(f"{name}: not a text table (it holds NUL bytes)")
    header = text.split("\n", 1)[0]
    delimiter = "\t" if tab or ("\t" in header and "," not in header) else ","
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        records = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise RatingsError(f"{name}: not a readable CSV ({exc})") from None
    if not records:
        raise RatingsError(f"{name}: the ratings file is empty")
    head = [cell.strip() for cell in records[0]]
    lowered = [cell.lower() for cell in head]
    key = next((lowered.index(c) for c in DOMAIN_COLUMNS if c in lowered), None)
    if key is None:
        raise RatingsError(f"{name}: a ratings file needs a column naming the web domain, called one of "
                           f"{', '.join(DOMAIN_COLUMNS)} (found: {', '.join(head) or 'none'})")  # fmt: skip
    columns = tuple(c for i, c in enumerate(head) if i != key and c)
    rows: dict[str, dict[str, str]] = {}
    for record in records[1:]:
        domain = normalise_domain(record[key] if key < len(record) else "")
        if domain and domain not in rows:
            cells = dict(zip(head, (cell.strip() for cell in record)))
            rows[domain] = {c: cells.get(c, "") for c in columns}
    if not rows:
        raise RatingsError(f"{name}: no rows with a domain under the '{head[key]}' column")
    digest = digest or hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return RatingsTable(name=name, digest=digest, columns=columns, rows=rows)


def normalise_domain(value: str) -> str:
    """'https://WWW.Example.com/path' -> 'example.com'.

    >>> normalise_domain(" https://WWW.Example.com:8080/path ")
    'example.com'
    """
    host = value.strip().lower()
    host = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.").strip(".")
