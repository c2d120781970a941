"""Coverage of the hedging lexicons against published reference lists, with reasons for the gaps.

Reads (developers' machines and CI only; never shipped):
  ../shared/data/Recasens2013_bias_lexicons/{hedges_hyland2005, assertives_hooper1975,
      factives_hooper1975, report_verbs, biaslex_bias-lexicon}.txt
  ../shared/data/words-hedges/hedges.txt

An entry of a reference list is *covered* when one of our expanded phrases is that entry
or an inflection of it (exact), or contains it as a word ("appear" in "appear to":
in a phrase, matched only in that context). Every uncovered entry is put in a reason
group below (why we left it out); entries in no group are printed as "other".

    python evaluation/lexicon_coverage.py            # summary table and reasons
    python evaluation/lexicon_coverage.py --missing  # also list every uncovered entry
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.lexicons import expand, load_sections  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data"
REFERENCES = {
    "Hyland 2005 hedges": SHARED / "Recasens2013_bias_lexicons" / "hedges_hyland2005.txt",
    "words-hedges": SHARED / "words-hedges" / "hedges.txt",
    "Hooper 1975 assertives": SHARED / "Recasens2013_bias_lexicons" / "assertives_hooper1975.txt",
    "Hooper 1975 factives": SHARED / "Recasens2013_bias_lexicons" / "factives_hooper1975.txt",
    "Recasens 2013 report verbs": SHARED / "Recasens2013_bias_lexicons" / "report_verbs.txt",
    "Recasens 2013 bias lexicon": SHARED / "Recasens2013_bias_lexicons" / "biaslex_bias-lexicon.txt",
}
OURS = ("hedges", "boosters", "weasels", "loaded")

# Why an entry is not in our lists. Groups are checked in order; the first that holds the entry wins.
REASONS: list[tuple[str, str]] = [  # (why, "entry|entry|...")
    ("approximator of a quantity: in news it qualifies a number, not a claim (the consistency signal reads "
     "numbers with their qualifiers)",
     "about|almost|approximately|around|roughly|nearly|more or less|at least|a bit|bunch|couple|few|little|much|far|"
     "certain amount|certain extent|certain level|so far|almost never"),
    ("frequency or generality adverb: says how often or how widely, not how sure; Szarvas et al. do not annotate "
     "it as uncertainty",
     "frequently|generally|often|sometimes|usually|mostly|largely|mainly|typically|typical|rarely|seldom|occasionally|"
     "tend|tend to|tends to|tended to|in general|in most cases|in most instances|on the whole|broadly|overall|always|"
     "rare|most|several|some|many"),
    ("first-person stance marker: academic or conversational; in news it sits inside quotations (the readability "
     "signal counts first-person writing)",
     "from our perspective|in our view|from this perspective|from my perspective|in my view|in this view|"
     "in our opinion|in my opinion|to my knowledge|in my mind|their impression|my impression|in my understanding|"
     "my thinking is|my understanding is|if i'm understanding you correctly|don't know|hopefully"),
    ("downtoner or vague filler: degree, not doubt; frequent in neutral news use",
     "quite|rather|fairly|somewhat|pretty|kind of|sort of|something|someone|somebody|somewhere|somehow|"
     "something or other|and all that|and so forth|et cetera|like|really|actually|basically|virtually|practically|"
     "partially|essentially|relatively|effectively|quite clearly"),
    ("active belief or report verb: introduces a named holder, so it is attribution (audit/lexicons/"
     "attribution_verbs.txt); we flag only the source-less forms ('is believed to', 'it is claimed', 'critics say')",
     "think|thinks|thought|believe|believed|believes|claim|claimed|claims|argue|argues|argued|feel|feels|felt|"
     "suspect|suspects|suppose|supposes|guess|guesses|guessed|estimate|estimates|estimated|assume|assumes|assumed|"
     "consider|considers|considered|understand|understands|understood|find|found|finds|say|says|read|speculate|"
     "speculates|speculated|postulate|postulated|postulates|imagine|expect|figure|hope|presume|surmise|calculate|"
     "decide|deduce|allege|indicate|indicated|indicates|suggest"),
    ("deontic modal, ability or future: obligation, ability or tense, not the writer's doubt ('would' is the tense "
     "of reported speech); the sentence model scores conditional 'would'",
     "should|ought|must|can|will|would|couldn't|be sure"),
    ("stance adjective that news copy uses mostly in quotations or of a third party's state of mind",
     "plausible|plausibly|presumable|uncertainly|unclearly|definite|clear|certain|sure|obvious|evident|afraid|unsure|"
     "necessarily|assumption|probability|looks like|look like|appear to be|consistent with|diagnostic|suggestive"),
    ("factive verb: presupposes the truth of its clause; in news mostly a verb of attribution or perception, "
     "rarely the writer's over-claiming (we flag boosters such as 'it is clear that' instead)",
     "know|realize|regret|forget|find out|discover|learn|note|notice|observe|perceive|recall|remember|reveal|see|"
     "resent|amuse|suffice|bother|make sense|care|odd|strange|interesting|relevant|sorry|exciting"),
]
REPORT_REASON = "assertive or report verb of saying: the attribution signal's cue list, not a hedge or booster"
BIAS_REASON = ("bias-lexicon lemma tied to a topic or to a neutral sense (from Wikipedia NPOV edits: 'abortion', "
               "'accept'); we list only words that are one-sided in any news context")
OTHER_REASON = "other: not chosen (rare in news, or not a hedge in the writer's voice)"
REPORT_LISTS = {"Hooper 1975 assertives", "Recasens 2013 report verbs"}


def read_reference(path: Path) -> list[str]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if line and not line.startswith(("#", "%")):
            entries.append(line)
    return list(dict.fromkeys(entries))


def our_phrases() -> dict[str, set[str]]:
    """List name -> every phrase its patterns expand to (blocking sections left out)."""
    out: dict[str, set[str]] = {}
    for name in OURS:
        phrases: set[str] = set()
        for section, entries in load_sections(name).items():
            if section.startswith("not_") or section == "source_verbs":
                continue
            for entry in entries:
                phrases.update(expand(entry.lower()))
        out[name] = phrases
    return out


def inflections(word: str) -> set[str]:
    """Rough English inflections, enough to match 'allege' with 'alleged'."""
    stem = word[:-1] if word.endswith("e") else word
    return {word, word + "s", word + "es", word + "d", word + "ed", stem + "ed", stem + "ing", word + "ly"}


def coverage(entry: str, ours: dict[str, set[str]], words: dict[str, set[str]]) -> tuple[str, str] | None:
    """(our list, "exact" or "in phrase") covering the entry, or None."""
    forms = inflections(entry) if " " not in entry else {entry}
    for name in OURS:
        if forms & ours[name]:
            return name, "exact"
    for name in OURS:
        if " " not in entry and forms & words[name]:
            return name, "in phrase"
    return None


def reason(entry: str, reference: str) -> str:
    for text, members in REASONS:
        if entry in members.split("|"):
            return text
    if reference in REPORT_LISTS:
        return REPORT_REASON
    return BIAS_REASON if reference == "Recasens 2013 bias lexicon" else OTHER_REASON


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--missing", action="store_true", help="list every uncovered entry")
    args = parser.parse_args()
    missing_files = [str(p.resolve()) for p in REFERENCES.values() if not p.is_file()]
    if missing_files:
        raise SystemExit(f"absent: {', '.join(missing_files)}: this evaluation needs ../shared (developers' machines).")
    ours = our_phrases()
    words = {name: {w for phrase in phrases for w in phrase.split()} for name, phrases in ours.items()}
    print("Our lists: " + ", ".join(f"{name} {len(phrases)} phrases" for name, phrases in ours.items()))
    print(f"\n{'reference list':28s} {'entries':>7s} {'exact':>6s} {'in phrase':>9s} {'missing':>7s}  covered by")
    gaps: dict[str, dict[str, list[str]]] = {}
    for reference, path in REFERENCES.items():
        entries = read_reference(path)
        found = {e: coverage(e, ours, words) for e in entries}
        exact = sum(1 for c in found.values() if c and c[1] == "exact")
        in_phrase = sum(1 for c in found.values() if c and c[1] == "in phrase")
        by_list: dict[str, int] = {}
        for c in found.values():
            if c:
                by_list[c[0]] = by_list.get(c[0], 0) + 1
        missing = [e for e, c in found.items() if c is None]
        print(f"{reference:28s} {len(entries):7d} {exact:6d} {in_phrase:9d} {len(missing):7d}  "
              + ", ".join(f"{k} {v}" for k, v in sorted(by_list.items(), key=lambda kv: -kv[1])))  # fmt: skip
        for entry in missing:
            gaps.setdefault(reason(entry, reference), {}).setdefault(reference, []).append(entry)
    print("\nWhy the missing entries are left out:")
    for text, per_reference in gaps.items():
        total = sum(len(v) for v in per_reference.values())
        print(f"\n- {total} entries: {text}")
        for reference, entries in per_reference.items():
            shown = entries if args.missing else entries[:12]
            more = "" if args.missing or len(entries) <= 12 else f" ... (+{len(entries) - 12})"
            print(f"    {reference}: {', '.join(shown)}{more}")


if __name__ == "__main__":
    main()
