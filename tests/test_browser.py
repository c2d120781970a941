"""The reports in a real browser (headless Chromium): no JavaScript error, every finding
highlighted and reachable, sorting and the finding panel working, injections inert.

Screenshots go to tests/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.report import write_reports

from . import browser as chromium
from . import synthetic

pytestmark = pytest.mark.browser

# For each finding number of one article section: the text of its highlights, whether one
# is drawn on screen, and whether its list entry exists.
HIGHLIGHTS_JS = """
const section = document.getElementById(arguments[0]);
const out = {};
for (const mark of section.querySelectorAll("mark.hl")) {
  const box = mark.getBoundingClientRect();
  const shown = getComputedStyle(mark).visibility !== "hidden" && box.height > 0;
  for (const n of mark.dataset.f.split(" ")) {
    const seen = out[n] || (out[n] = {text: "", shown: false, listed: !!document.getElementById(arguments[0] + "-f" + n)});
    seen.text += mark.textContent;
    seen.shown = seen.shown || shown;
  }
}
return out;
"""


@pytest.fixture(scope="module")
def browser():
    reason = chromium.missing()
    if reason:
        pytest.skip(f"headless Chromium unavailable: {reason}")
    session = chromium.Browser()
    yield session
    session.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-reports")
    write_reports(synthetic.stand_in_audit(), out)
    return out


def test_index_renders_sorts_and_raises_no_error(browser, reports):
    assert chromium.severe(browser.open(reports / "index.html")) == []
    names = browser.run("return [...document.querySelectorAll('#sources tbody tr td:first-child')].map(td => td.textContent)")
    assert len(names) == len(synthetic.stand_in_audit().sources())
    browser.run("document.querySelector('#sources th button').click()")
    browser.run("document.querySelector('#sources th button').click()")  # second click: descending
    after = browser.run("return [...document.querySelectorAll('#sources tbody tr td:first-child')].map(td => td.textContent)")
    assert after == sorted(names, key=str.lower, reverse=True)
    assert browser.run("return document.querySelector('#sources th').getAttribute('aria-sort')") == "descending"
    charts = browser.run("return [...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 100).length")
    assert charts >= 2  # signal standings and credibility against bias
    assert chromium.severe(browser.driver.get_log("browser")) == []
    assert browser.screenshot("index").stat().st_size > 10_000


@pytest.mark.parametrize("signals", ["stand-in", "real"])
def test_every_finding_is_highlighted_on_screen(browser, reports, seed_audit, tmp_path, signals):
    """Every finding in audit.json: its highlights, on screen, carry exactly its words."""
    audited = synthetic.stand_in_audit() if signals == "stand-in" else seed_audit
    if signals == "real":
        reports = tmp_path
        write_reports(seed_audit, reports)
    checked = 0
    for page in sorted(reports.glob("*.html")):
        if page.name == "index.html":
            continue
        assert chromium.severe(browser.open(page)) == [], page.name
        data = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        for article in data["articles"]:
            seen = browser.run(HIGHLIGHTS_JS, article["anchor"])
            for finding in article["findings"]:
                got = seen.get(str(finding["number"]))
                assert got is not None, f"{page.name}: finding {finding['number']} has no highlight"
                assert got["text"] == article["text"][finding["start"]:finding["end"]], (page.name, finding)
                assert got["shown"] and got["listed"], (page.name, finding)
                checked += 1
    assert checked == sum(len(r.findings) for r in audited.articles) > 0
    print(f"{checked} highlights checked on screen ({signals} signals)")


def test_a_highlight_opens_its_findings_with_the_evidence(browser, reports):
    busiest = max((p for p in reports.glob("*.json") if p.name != "audit.json"),
                  key=lambda p: len(json.loads(p.read_text(encoding="utf-8"))["claims"]))  # fmt: skip
    data = json.loads(busiest.read_text(encoding="utf-8"))
    assert chromium.severe(browser.open(busiest.with_suffix(".html"))) == []
    assert browser.screenshot(f"source-{busiest.stem}").stat().st_size > 10_000
    article = next(a for a in data["articles"] if any(f["evidence"] for f in a["findings"]))
    finding = next(f for f in article["findings"] if f["evidence"] and f["signal"] == "consistency")
    mark = browser.driver.find_element("css selector", f'#{article["anchor"]} mark[data-f~="{finding["number"]}"]')
    browser.run("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    panel = browser.driver.find_element("id", "panel")
    assert panel.is_displayed()
    shown = " ".join(panel.text.split())
    assert " ".join(finding["evidence"][0]["text"].split())[:60] in shown
    browser.screenshot(f"source-{busiest.stem}-panel", full_page=False)
    browser.run("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
    assert not panel.is_displayed()
    assert chromium.severe(browser.driver.get_log("browser")) == []


def test_injected_markup_is_inert_in_every_report(browser, tmp_path):
    write_reports(synthetic.hostile_audit(), tmp_path)
    from markdown_it import MarkdownIt

    # Markdown as a careless viewer would show it: rendered with raw HTML allowed.
    for md in tmp_path.glob("*.md"):
        html = MarkdownIt("commonmark", {"html": True}).render(md.read_text(encoding="utf-8"))
        md.with_name(md.stem + ".md.html").write_text(f"<!DOCTYPE html><meta charset=utf-8><body>{html}</body>",
                                                      encoding="utf-8")  # fmt: skip
    pages = sorted(tmp_path.glob("*.html"))
    assert len(pages) == 5  # index, two sources, two rendered Markdown reports
    for page in pages:
        entries = browser.open(page)
        assert browser.dialog_open() is None, f"{page.name}: a dialog opened"
        assert browser.run("return window.__pwned === undefined"), f"{page.name}: injected script ran"
        assert chromium.severe(entries) == [], page.name  # a CSP violation would show here
        ours = 0 if page.name.endswith(".md.html") else 1
        assert browser.run("return document.scripts.length") == ours, page.name
        assert browser.run("return document.querySelectorAll('img, svg[onload], [onerror], [onmouseover]').length") == 0
        assert browser.run("return [...document.links].filter(a => !/^(https?:|file:)/.test(a.href)).length") == 0
        body = browser.run("return document.body.innerText")
        assert "<script>" in body or "&lt;script&gt;" in body, page.name  # shown as text, not run
    browser.open(next(p for p in pages if p.name.startswith("script")))
    browser.screenshot("hostile-source")
