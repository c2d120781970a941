"""Outside ratings of web domains (someone else's judgement, shown beside ours).

A ratings file is a CSV with a ``domain`` column (any case) and any other columns,
for example Lin et al.'s domain quality scores or an MBFC-style factuality table.
The report shows the row for an article's domain, labelled with the file it came from;
the tool's own readings never use it.

>>> table = parse_ratings("domain,pc1\\nwww.Example.com,0.8\\n", name="demo.csv")
>>> lookup(table, "news.example.com")
{'domain': 'example.com', 'pc1': '0.8', 'rated_by': 'demo.csv'}
>>> lookup(table, "other.org") is None
True
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

Ratings = dict[str, dict[str, str]]


def load_ratings(path: str | Path) -> Ratings:
    """Domain -> rating row from a CSV file with a ``domain`` column."""
    path = Path(path)
    return parse_ratings(path.read_text(encoding="utf-8-sig"), name=path.name)


def parse_ratings(text: str, *, name: str) -> Ratings:
    """Domain -> rating row from CSV text; every row gains ``rated_by`` = ``name``."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower(): c for c in reader.fieldnames or []}
    if "domain" not in columns:
        raise ValueError(f"{name}: a ratings file needs a 'domain' column (found: {', '.join(columns) or 'none'})")
    table: Ratings = {}
    for row in reader:
        domain = normalise_domain(row.get(columns["domain"]) or "")
        if domain and domain not in table:  # the first row for a domain wins
            clean = {k.strip(): (v or "").strip() for k, v in row.items() if k and k != columns["domain"]}
            table[domain] = {"domain": domain, **clean, "rated_by": name}
    return table


def lookup(table: Ratings, domain: str | None) -> dict[str, str] | None:
    """The row for ``domain``, else for its parent domains (news.bbc.co.uk -> bbc.co.uk)."""
    host = normalise_domain(domain or "")
    while host:
        if host in table:
            return table[host]
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


def normalise_domain(value: str) -> str:
    """'https://WWW.Example.com/path' -> 'example.com'."""
    host = value.strip().lower()
    host = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.").strip(".")
