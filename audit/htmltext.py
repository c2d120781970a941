"""The main text and metadata of an HTML page, with the standard library's parser.

Scripts, styles, navigation, headers, footers, asides and forms are dropped; the text of
``<article>`` (or ``<main>``, or the body) is kept one block per line. Nothing in the
page is executed or fetched.

>>> page = extract_html("<title>T</title><script>alert(1)</script><article><p>Hi &amp; bye.</p></article>")
>>> page.text, page.meta["title"]
('Hi & bye.', 'T')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "svg", "iframe", "button", "select", "figure", "figcaption", "menu", "dialog"}  # fmt: skip
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section",
          "article", "main", "br", "tr", "dd", "dt", "td", "th", "body"}  # fmt: skip
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}
_META = {
    "og:title": "title", "twitter:title": "title", "og:site_name": "source", "og:url": "url",
    "article:published_time": "date", "datePublished": "date", "date": "date", "pubdate": "date",
}  # fmt: skip


@dataclass
class Page:
    text: str
    meta: dict[str, str] = field(default_factory=dict)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[str] = []
        self.open = Counter[str]()  # how many of each tag are on the stack: membership without a scan
        self.regions: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.inside = {"article": 0, "main": 0}
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key in _META and values.get("content"):
                self.meta.setdefault(_META[key], values["content"].strip())
            return
        if tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
        if tag == "time" and values.get("datetime"):
            self.meta.setdefault("date", values["datetime"])
        if tag in _VOID:
            if tag == "br":
                self._newline()
            return
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in _SKIP:
            self.skip_depth += 1
        if tag in self.inside:
            self.inside[tag] += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open[tag]:
            return
        while self.stack:  # close anything left open inside this element
            open_tag = self.stack.pop()
            self.open[open_tag] -= 1
            if open_tag in _SKIP:
                self.skip_depth -= 1
            if open_tag in self.inside:
                self.inside[open_tag] -= 1
            if open_tag == "title":
                self.in_title = False
            if open_tag in _BLOCK:
                self._newline()
            if open_tag == tag:
                break

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:  # "<![foo ...>" and other odd declarations: a browser skips them as a comment
            end = self.rawdata.find(">", i + 2)
            return -1 if end < 0 else end + 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth or self.open["head"]:
            return
        for region, depth in (("article", self.inside["article"]), ("main", self.inside["main"]), ("body", 1)):
            if depth:
                self.regions[region].append(data)

    def _newline(self) -> None:
        for parts in self.regions.values():
            parts.append("\n")


# "<" that opens no tag: no ">" before the next "<" (comments excepted, handled below)
_NOT_A_TAG = re.compile(r"<(?!!--)(?=[^<>]*<)")


def _defuse(html: str) -> str:
    """Take out what makes the standard parser quadratic: it rescans to the end of the page
    for every "<" that never closes (10,000 times "<a" took 15 s) and every unclosed comment.

    A "<" with no ">" before the next "<" is text, and so is a "<!--" never closed (inside
    a script it is no comment at all, and the rest of the page must not be lost to it).

    >>> _defuse("a <b <i>c</i> d <!-- e --> f <!-- g <p>h")
    'a &lt;b <i>c</i> d <!-- e --> f &lt;!-- g <p>h'
    """
    last_close = html.rfind("-->")
    start = last_close + 3 if last_close >= 0 else 0
    if "<!--" in html[start:]:
        html = html[:start] + html[start:].replace("<!--", "&lt;!--")
    return _NOT_A_TAG.sub("&lt;", html)


def extract_html(html: str) -> Page:
    """Parse an HTML page into its main text (one block per line) and metadata."""
    collector = _Collector()
    collector.feed(_defuse(html))
    collector.close()
    region = next((r for r in ("article", "main", "body") if "".join(collector.regions[r]).strip()), "body")
    lines = (" ".join(line.split()) for line in "".join(collector.regions[region]).split("\n"))
    text = "\n\n".join(line for line in lines if line)
    meta = dict(collector.meta)
    title = " ".join("".join(collector.title).split())
    if title and "title" not in meta:
        meta["title"] = title
    if "date" in meta:
        meta["date"] = meta["date"][:10]
    return Page(text=text, meta=meta)
