"""Corruption injection for the transcription benchmark, kept apart from the detector.

Nothing here imports the detector (``audit.signals.transcription``): the corruptions
come from this file's own lists and rules, so the benchmark cannot leak into the rules.
The clean articles are read from ``../shared/data`` and split once, by a hash of their
id, into a dev half (for tuning) and a held-out test half (for reporting). The derived
data builder excludes the test half, so the detector's statistics never saw it.

Corruption kinds:

* ``real_word`` — a word replaced by a real word that looks or sounds like it;
* ``idiom`` — one word of a fixed expression swapped for a synonym or a look-alike;
* ``typo`` — one letter dropped, doubled, swapped or hit on a neighbouring key;
* ``split_word`` — a space inside a word;
* ``name`` — a capitalised name with one letter changed;
* ``quote_word`` — a word inside a quotation replaced by a synonym or a look-alike.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
BUZZFEED = SHARED / "BuzzFeed-Webis-2016" / "buzzfeed_webis_2016_articles.csv"
FAKES = SHARED / "FA-KES" / "FA-KES-Dataset.csv"
MIN_WORDS, MAX_WORDS = 150, 1500


@dataclass(frozen=True)
class CleanArticle:
    id: str
    corpus: str
    text: str


@dataclass(frozen=True)
class Injection:
    kind: str
    start: int  # in the corrupted text
    end: int
    original: str
    corrupted: str


def require_shared() -> None:
    if not BUZZFEED.exists() or not FAKES.exists():
        sys.exit(f"{SHARED} is absent: this benchmark reads the public corpora in ../shared/data "
                 "(present only on developers' machines and CI).")  # fmt: skip


def split_of(article_id: str) -> str:
    """'dev' or 'test', fixed by a hash of the id (about half each)."""
    return "test" if hashlib.sha1(article_id.encode()).digest()[0] % 2 else "dev"


def clean_articles() -> Iterator[CleanArticle]:
    """Mainstream 'mostly true' BuzzFeed-Webis articles and FA-KES credible wire copy."""
    csv.field_size_limit(10**8)
    with BUZZFEED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["orientation"] == "mainstream" and row["veracity"] == "mostly true":
                yield from _fit(CleanArticle(f"bf-{row['id']}", "buzzfeed", row["mainText"]))
    with FAKES.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["labels"] == "1":
                yield from _fit(CleanArticle(f"fakes-{row['unit_id']}", "fa-kes", row["article_content"]))


def _fit(article: CleanArticle) -> Iterator[CleanArticle]:
    if MIN_WORDS <= len(article.text.split()) <= MAX_WORDS:
        yield article


# ---------------------------------------------------------------- word lists of the injector

# pairs a listener or a rewrite tool confuses; both directions are used
SOUND_ALIKES = [
    ("their", "there"), ("affect", "effect"), ("accept", "except"), ("principal", "principle"),
    ("council", "counsel"), ("weather", "whether"), ("lead", "led"), ("loose", "lose"), ("brake", "break"),
    ("peace", "piece"), ("site", "sight"), ("cite", "site"), ("complement", "compliment"), ("role", "roll"),
    ("plain", "plane"), ("right", "write"), ("rite", "right"), ("sole", "soul"), ("steal", "steel"),
    ("waist", "waste"), ("capital", "capitol"), ("allowed", "aloud"), ("bare", "bear"), ("board", "bored"),
    ("course", "coarse"), ("fair", "fare"), ("heard", "herd"), ("hole", "whole"), ("pain", "pane"),
    ("pole", "poll"), ("rain", "reign"), ("rein", "reign"), ("threw", "through"), ("wait", "weight"),
    ("week", "weak"), ("seen", "scene"), ("sent", "scent"), ("passed", "past"), ("presence", "presents"),
    ("patience", "patients"), ("elicit", "illicit"), ("discreet", "discrete"), ("stationary", "stationery"),
    ("lethal", "legal"), ("strike", "stripe"), ("vessel", "vassal"), ("forces", "horses"), ("troops", "troupes"),
    ("border", "boarder"), ("mourning", "morning"), ("marshal", "martial"), ("miner", "minor"),
]
SYNONYMS = {
    "lead": ["guide", "head"], "led": ["guided", "headed"], "charge": ["attack", "assault"],
    "throw": ["toss", "fling"], "threw": ["tossed", "flung"], "gauntlet": ["glove"], "take": ["grab", "seize"],
    "took": ["grabbed", "seized"], "taking": ["grabbing"], "line": ["row", "queue"], "light": ["lamp", "glow"],
    "ground": ["soil", "earth"], "table": ["desk", "bench"], "eye": ["gaze"], "hand": ["palm"],
    "hands": ["palms"], "heart": ["core"], "head": ["skull"], "door": ["gate"], "way": ["path", "route"],
    "step": ["stride", "pace"], "play": ["perform"], "played": ["performed"], "role": ["part", "function"],
    "end": ["finish"], "day": ["date"], "time": ["period"], "run": ["sprint"], "point": ["spot", "tip"],
    "turn": ["rotate"], "turned": ["rotated"], "blind": ["sightless"], "wake": ["trail"], "face": ["visage"],
    "brink": ["edge", "rim"], "verge": ["margin"], "toll": ["fee", "charge"], "stage": ["platform"],
    "spotlight": ["floodlight"], "bullet": ["slug", "round"], "bite": ["chew", "nibble"], "ice": ["frost"],
    "break": ["smash", "crack"], "broke": ["smashed", "cracked"], "wheel": ["tyre"], "horse": ["pony", "steed"],
    "track": ["trail"], "record": ["file"], "fire": ["flame", "blaze"], "lines": ["rows"], "front": ["fore"],
    "price": ["cost"], "bill": ["invoice"], "steam": ["vapour"], "hat": ["cap"], "ring": ["circle"],
    "ball": ["sphere"], "field": ["meadow"], "water": ["liquid"], "hot": ["warm"], "cold": ["chilly"],
    "deal": ["bargain"], "blow": ["punch", "knock"], "stand": ["position"], "stone": ["rock", "pebble"],
    "straw": ["hay"], "boat": ["ship", "vessel"], "bridge": ["span"], "gap": ["hole"], "wall": ["barrier"],
    "writing": ["script"], "shed": ["cast"], "cast": ["throw"], "doubt": ["question"], "shadow": ["shade"],
    "question": ["query"], "light.": ["lamp."], "said": ["stated", "remarked"], "says": ["states"],
    "country": ["nation"], "people": ["folks"], "government": ["administration"], "killed": ["slain"],
    "attack": ["assault"], "war": ["conflict"], "city": ["town"], "president": ["leader"], "big": ["large"],
    "good": ["fine"], "bad": ["poor"], "important": ["significant"], "want": ["wish"], "think": ["believe"],
    "know": ["realise"], "great": ["terrific"], "help": ["aid"], "believe": ["reckon"], "need": ["require"],
}
# fixed expressions the injector looks for in clean text (surface forms), written for this
# benchmark on their own, not taken from the detector's lexicon
FIXED_EXPRESSIONS = [
    "led the charge", "leading the charge", "lead the charge", "took the lead", "take the lead", "taking the lead",
    "played a role", "play a role", "plays a role", "played a key role", "play a key role", "took place",
    "take place", "takes place", "taking place", "in the wake of", "on the other hand", "at the end of the day",
    "at the same time", "in the long run", "on the ground", "shed light on", "shed some light on",
    "cast doubt on", "raised questions about", "raise questions about", "a matter of time", "the bottom line",
    "turn a blind eye", "turned a blind eye", "on the brink of", "on the verge of", "took a toll",
    "take a toll", "takes a toll", "took its toll", "in the spotlight", "bite the bullet", "break the ice",
    "broke the ice", "the tip of the iceberg", "behind closed doors", "behind the scenes", "in the face of",
    "pave the way", "paved the way", "paving the way", "set the stage", "sets the stage", "set the tone",
    "made headlines", "make headlines", "the front lines", "on the front lines", "came under fire",
    "come under fire", "under fire", "the writing on the wall", "a step in the right direction",
    "on the table", "off the table", "at the heart of", "in the dark", "a wake-up call", "paid the price",
    "pay the price", "foot the bill", "footed the bill", "took center stage", "take center stage",
    "took a stand", "take a stand", "stood its ground", "stand their ground", "hold the line",
    "drew the line", "draw the line", "crossed the line", "cross the line", "in the long term",
    "in the short term", "on the rise", "on track to", "a turning point", "the last straw",
    "the lion's share", "the upper hand", "a slap on the wrist", "fell short of", "fall short of",
    "falls short of", "a long way", "went a long way", "go a long way", "goes a long way",
    "in the running", "made history", "make history", "by a wide margin", "by a narrow margin",
    "the status quo", "the rule of law", "a vote of confidence", "in the line of duty",
    "in light of", "in line with", "a wide range of", "the tide turned", "turn the tide", "turned the tide",
    "at stake", "high stakes", "in the works", "out of the blue", "on the line", "at odds with",
]


# ---------------------------------------------------------------- corruption


_WORD = re.compile(r"[A-Za-z][a-z]+")
_QUOTE = re.compile(r"[\"“]([^\"“”]{20,400})[\"”]")
KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm".split()


def corrupt(article: CleanArticle, kind: str, rng: random.Random, is_word, per_article: int = 2
            ) -> tuple[str, list[Injection]]:
    """Up to ``per_article`` corruptions of one kind, at least 200 characters apart."""
    text = article.text
    choices = list(_candidates(text, kind, rng, is_word))
    rng.shuffle(choices)
    picked: list[tuple[int, int, str]] = []
    for start, end, replacement in choices:
        if len(picked) == per_article:
            break
        if all(abs(start - s) > 200 for s, _, _ in picked):
            picked.append((start, end, replacement))
    picked.sort()
    out, injections, shift, last = [], [], 0, 0
    for start, end, replacement in picked:
        out.append(text[last:start])
        new_start = start + shift
        injections.append(Injection(kind, new_start, new_start + len(replacement), text[start:end], replacement))
        out.append(replacement)
        shift += len(replacement) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), injections


def _candidates(text: str, kind: str, rng: random.Random, is_word) -> Iterator[tuple[int, int, str]]:
    if kind == "idiom":
        yield from _idiom_spins(text, rng, is_word)
        return
    spans = [(m.start(1), m.end(1)) for m in _QUOTE.finditer(text)] if kind == "quote_word" else [(0, len(text))]
    for span_start, span_end in spans:
        for match in _WORD.finditer(text, span_start, span_end):
            word = match.group()
            capital = word[0].isupper()
            at_start = match.start() < 2 or text[max(0, match.start() - 2):match.start()].strip() in {".", "!", "?", ""}
            if kind == "name":
                if capital and not at_start and len(word) >= 4 and not is_word(word.lower()):
                    replacement = _typo(word, rng, is_word, keep_first=True)
                    if replacement:
                        yield match.start(), match.end(), replacement
                continue
            if capital or len(word) < 4:
                continue
            replacement = None
            if kind == "typo":
                replacement = _typo(word, rng, is_word)
            elif kind == "split_word" and len(word) >= 6:
                cut = rng.randint(2, len(word) - 2)
                replacement = word[:cut] + " " + word[cut:]
            elif kind in ("real_word", "quote_word"):
                replacement = _real_word(word, rng, is_word, synonyms=kind == "quote_word")
            if replacement:
                yield match.start(), match.end(), replacement


def _typo(word: str, rng: random.Random, is_word, keep_first: bool = False) -> str | None:
    for _ in range(10):
        i = rng.randint(1 if keep_first else 0, len(word) - 2)
        operation = rng.choice(["drop", "double", "swap", "key"])
        if operation == "drop":
            out = word[:i] + word[i + 1:]
        elif operation == "double":
            out = word[:i] + word[i] + word[i:]
        elif operation == "swap":
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:
            out = word[:i] + _neighbour_key(word[i], rng) + word[i + 1:]
        if out != word and not is_word(out.lower()):
            return out
    return None


def _neighbour_key(char: str, rng: random.Random) -> str:
    for row in KEYBOARD:
        if char.lower() in row:
            i = row.index(char.lower())
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            out = rng.choice(options)
            return out.upper() if char.isupper() else out
    return char


def _real_word(word: str, rng: random.Random, is_word, synonyms: bool) -> str | None:
    low = word.lower()
    options = [b for a, b in SOUND_ALIKES if a == low] + [a for a, b in SOUND_ALIKES if b == low]
    if synonyms:
        options += SYNONYMS.get(low, [])
    if not options:
        options = [w for w in _one_letter_changes(low) if is_word(w, 2000)]
    return rng.choice(options) if options else None


def _one_letter_changes(word: str) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [word[:i] + c + word[i + 1:] for i in range(1, len(word)) for c in letters if c != word[i]]


def _idiom_spins(text: str, rng: random.Random, is_word) -> Iterator[tuple[int, int, str]]:
    lowered = text.lower()
    for expression in FIXED_EXPRESSIONS:
        for match in re.finditer(r"\b" + re.escape(expression) + r"\b", lowered):
            words = list(re.finditer(r"[a-z'’-]+", expression))
            content = [w for w in words if len(w.group()) > 3 or w.group() in SYNONYMS]
            if not content:
                continue
            target = rng.choice(content)
            replacement = _real_word(target.group(), rng, is_word, synonyms=True)
            if not replacement:
                continue
            start, end = match.start() + target.start(), match.start() + target.end()
            yield start, end, replacement
