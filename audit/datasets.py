"""Labelled articles for training the classifier: the public sets in ``../shared/data``
or a user's own CSV, cleaned so that the label cannot leak through page furniture.

Every loader returns a DataFrame with the columns of :data:`COLUMNS`:

* ``text``: the article body (no headline, dateline or boilerplate);
* ``label``: 1 or 0 (credibility: 1 = credible; bias: 1 = hyperpartisan);
* ``group``: the publisher's web domain, the unit of grouped cross-validation, so that
  no outlet is in both the training and the test folds;
* ``dataset``: where the row came from.

>>> strip_furniture("WASHINGTON (Reuters) - Rubio said so. Click here to subscribe.")
'Rubio said so.'
>>> domain_group("http://www.politi.co/2de2qs0")
'politico.com'
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from audit.corpus import decode

COLUMNS = ["text", "label", "group", "dataset"]
SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
MIN_WORDS = 50  # shorter bodies are stubs ("Please enable JavaScript"), not articles

# BuzzFeed-Webis names the Facebook page; the domain groups it with the same outlet elsewhere
PORTAL_DOMAINS = {
    "abc": "abcnews.go.com", "cnn": "cnn.com", "politico": "politico.com",
    "addicting-info": "addictinginfo.org", "eagle-rising": "eaglerising.com",
    "freedom-daily": "freedomdaily.com", "occupy-democrats": "occupydemocrats.com",
    "right-wing-news": "rightwingnews.com", "the-other-98": "theother98.com",
}  # fmt: skip
# link shorteners the outlets used for their own links
SHORTENERS = {"politi.co": "politico.com", "cnn.it": "cnn.com", "abcn.ws": "abcnews.go.com"}
HOST_PREFIXES = ("www.", "edition.", "author.", "m.", "amp.")

# a dateline in front of the body: "WASHINGTON (Reuters) -", "Toledo, Ohio (CNN)", "BEIRUT —",
# "PARIS (Le Monde, Paris Bureau) –", or FA-KES's "Wed 05 Apr 2017" and "AFP Saturday 25 Jun 2016"
_AGENCY = r"(?:CNN|Reuters|AP|AFP|UPI|dpa|Xinhua|SANA|AA|IANS|PTI)"
_DATELINE = re.compile(
    r"^\s*(?:"
    rf"(?:[A-Z][\w.'\-, ]{{0,40}}\s*)?\({_AGENCY}\)\s*[-—–:]*"
    r"|[A-Z][\w.'\-, ]{0,40}\([^)\n]{1,60}\)\s*[-—–]{1,2}"
    r"|[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][\w.\- ]{1,30})?\s*[-—–]{1,2}"
    rf"|(?:{_AGENCY}\s+)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2}),?\s+\d{4}"
    r")\s*"
)
# phrases that mark a sentence as the publisher talking about itself, not the story
_BOILERPLATE = re.compile(
    r"views expressed in this|daily dose of|entering your email|read the rest of the story"
    r"|reposted with permission|click here|sign up for|subscribe to|follow us on|share this|like us on facebook"
    r"|all rights reserved|this article (?:was|originally) (?:first )?(?:appeared|published)"
    r"|(?:image|photo|picture) (?:by|credit|via|source)\b|getty images|featured image"
    r"|share on (?:facebook|twitter)|\d[\d.,]*k? shares\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+|(?<=\n)")
_REPLACEMENT_RUN = re.compile(r"\ufffd+_?")


def strip_furniture(text: str, title: str | None = None) -> str:
    """The body without a repeated headline, a dateline or publisher boilerplate."""
    text = unicodedata.normalize("NFC", repair_replacements(text)).strip()
    if title and text.lower().startswith(title.strip().lower()):
        text = text[len(title.strip()) :].lstrip(" .:-—\n")
    text = _DATELINE.sub("", text, count=1)
    text = _DATELINE.sub("", text, count=1)  # "Wed 05 Apr 2017" then "BEIRUT -"
    kept = [piece for piece in _SENTENCE_END.split(text) if not _BOILERPLATE.search(piece)]
    return re.sub(r"[ \t]{2,}", " ", " ".join(kept).replace("\n ", "\n")).strip()


def repair_replacements(text: str) -> str:
    """Guess characters an encoding accident replaced with U+FFFD: an apostrophe
    inside a word, else a quotation mark.

    >>> repair_replacements("Syria\\ufffd_s \\ufffd\\ufffdpause\\ufffd\\ufffd")
    'Syria\\'s "pause"'
    """

    def guess(match: re.Match[str]) -> str:
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        return "'" if before.isalpha() and after.isalpha() else '"'

    return _REPLACEMENT_RUN.sub(guess, text)


def domain_group(url: object) -> str | None:
    """The publisher domain of a URL (shorteners resolved), or None."""
    if not isinstance(url, str) or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split(":")[0].lower()
    for prefix in HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return SHORTENERS.get(host, host) or None


# ---------------------------------------------------------------- the public sets


def buzzfeed_webis(root: Path) -> pd.DataFrame:
    """BuzzFeed-Webis 2016: 'mostly true' = 1, 'mixture' and 'mostly false' = 0.
    'no factual content' (memes, opinion, satire) has no veracity, so it is left out."""
    raw = pd.read_csv(root / "BuzzFeed-Webis-2016" / "buzzfeed_webis_2016_articles.csv")
    raw = raw[raw.veracity != "no factual content"].dropna(subset=["mainText"])
    return _frame(
        [strip_furniture(t, title) for t, title in zip(raw.mainText, raw.title.fillna(""))],
        (raw.veracity == "mostly true").astype(int),
        raw.portal.map(PORTAL_DOMAINS),
        "BuzzFeed-Webis-2016",
    )


def fakenewsnet(root: Path) -> pd.DataFrame:
    """FakeNewsNet v1: real = 1, fake = 0; grouped by the article URL's domain."""
    raw = pd.read_csv(root / "FakeNewsNet" / "fakenewsnet_v1_articles.csv").dropna(subset=["text"])
    groups = [
        domain_group(url) or domain_group(source) or f"unknown-{dataset}-{label}"
        for url, source, dataset, label in zip(raw.url, raw.source, raw.dataset, raw.label)
    ]
    groups = [f"unknown-{d}-{lab}" if g == "goo.gl" else g for g, d, lab in zip(groups, raw.dataset, raw.label)]
    texts = [strip_furniture(t, title) for t, title in zip(raw.text, raw.title.fillna(""))]
    return _frame(texts, (raw.label == "real").astype(int), groups, "FakeNewsNet-v1")


def horne2017(root: Path) -> pd.DataFrame:
    """Horne & Adali 2017: Real = 1, Fake = 0; Satire is left out (not a veracity claim).

    The files do not name their outlet, so each folder (collection x label) is one
    group: a pessimistic grouping that keeps same-outlet articles in one fold."""
    base = root / "fakenewsdata1_Horne2017" / "Public Data"
    texts, labels, groups = [], [], []
    for collection in sorted(p for p in base.iterdir() if p.is_dir()):
        for name, label in (("Real", 1), ("Fake", 0)):
            for path in sorted((collection / name).glob("*.txt")):
                title_path = collection / f"{name}_titles" / path.name
                title = decode(title_path.read_bytes())[0] if title_path.exists() else None
                texts.append(strip_furniture(decode(path.read_bytes())[0].replace("\r\n", "\n"), title))
                labels.append(label)
                groups.append(f"horne2017-{collection.name.split()[0].lower()}-{name.lower()}")
    return _frame(texts, labels, groups, "Horne2017")


def fa_kes(root: Path) -> pd.DataFrame:
    """FA-KES: 1 = credible, 0 = fake (casualty figures checked against a database)."""
    raw = pd.read_csv(root / "FA-KES" / "FA-KES-Dataset.csv", encoding="utf-8").dropna(subset=["article_content"])
    texts = [strip_furniture(t, title) for t, title in zip(raw.article_content, raw.article_title.fillna(""))]
    return _frame(texts, raw.labels.astype(int), raw.source.str.lower(), "FA-KES")


def semeval2019(root: Path) -> pd.DataFrame:
    """SemEval-2019 Task 4 by-article: hyperpartisan = 1; grouped by URL domain."""
    raw = pd.read_csv(root / "SemEval2019_hyperpartisan_byarticle" / "semeval2019_byarticle.csv")
    texts = [strip_furniture(t, title) for t, title in zip(raw.text.fillna(""), raw.title.fillna(""))]
    groups = [domain_group(url) or f"unknown-{i}" for i, url in enumerate(raw.url)]
    return _frame(texts, raw.hyperpartisan.astype(int), groups, "SemEval2019-byarticle")


# in this order: when one text is in two sets, the first set's label is kept
CREDIBILITY_SETS = (buzzfeed_webis, fakenewsnet, fa_kes, horne2017)
BIAS_SETS = (semeval2019,)


def shared_dataset(target: str, root: Path = SHARED_DATA) -> tuple[pd.DataFrame, dict[str, int]]:
    """The cleaned training set for ``target`` from ../shared/data, and what was dropped."""
    if not root.is_dir():
        raise FileNotFoundError(
            f"{root} is absent: the public data sets live only on developers' machines; "
            "train on your own file with `audit train --csv FILE --target ...`"
        )
    loaders = CREDIBILITY_SETS if target == "credibility" else BIAS_SETS
    return clean(pd.concat([load(root) for load in loaders], ignore_index=True))


def csv_dataset(path: str | Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """A user's labelled CSV (columns text, label, group), cleaned like the public sets.

    Labels may be 1/0, true/false or yes/no; a blank group makes the row its own group.
    """
    csv.field_size_limit(sys.maxsize)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"text", "label", "group"} - set(raw.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))} (need text, label, group)")
    values = {"1": 1, "true": 1, "yes": 1, "0": 0, "false": 0, "no": 0}
    labels = raw.label.str.strip().str.lower().map(values)
    if labels.isna().any():
        bad = sorted(set(raw.label[labels.isna()]))[:5]
        raise ValueError(f"{path}: labels must be 1/0, true/false or yes/no; found {bad}")
    groups = [g.strip() or f"row-{i}" for i, g in enumerate(raw.group)]
    return clean(_frame([strip_furniture(t) for t in raw.text], labels.astype(int), groups, Path(path).name))


def clean(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Drop stubs, exact and near-exact duplicates (keeping the first) and texts that
    appear with both labels; count what went."""
    words = frame.text.str.split().str.len().fillna(0)
    short = words < MIN_WORDS
    key = frame.text.str.lower().str.replace(r"[^a-z0-9]+", "", regex=True).str[:2000]
    conflicting = key.map(frame.groupby(key).label.nunique()) > 1
    duplicate = key.duplicated() & ~conflicting
    kept = frame[~short & ~conflicting & ~duplicate].reset_index(drop=True)
    dropped = {"too_short": int(short.sum()), "duplicates": int((duplicate & ~short).sum()),
               "conflicting_labels": int((conflicting & ~short).sum())}  # fmt: skip
    return kept, dropped


def _frame(texts, labels, groups, dataset: str) -> pd.DataFrame:
    frame = pd.DataFrame({"text": list(texts), "label": list(labels), "group": list(groups)})
    frame["group"] = frame.group.fillna(f"unknown-{dataset}").astype(str)
    frame["dataset"] = dataset
    return frame[COLUMNS]
