"""The classifier: shipped models load safely, readings are well formed and explained,
untrusted files are refused, and `audit train --csv` works on a small file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from audit import classifier
from audit.classifier import FORMAT, READINGS, UntrustedModelError, load_model, model_path, readings, source_summary
from audit.cli import main
from audit.corpus import Article
from audit.pipeline import audit_corpus
from audit.ratings import RatingsError, load_ratings, parse_ratings
from audit.report import write_reports
from tests.conftest import needs_shared

SOBER = ("The ministry said on Tuesday that 40 ships had been inspected, according to a statement. "
         "Officials told reporters that the figures would be published in March. ")  # fmt: skip
LOUD = "You will NOT believe this! They lied to you again! Wake up, people! WHY is nobody asking? "


class Smuggled:
    """A type no audit model contains: loading a file holding it must be refused."""

    def __init__(self) -> None:
        self.payload = "anything"


@pytest.mark.parametrize("name", READINGS)
def test_shipped_model_loads_with_trusted_types_and_is_small(name):
    import skops.io as sio

    path = model_path(name)
    assert path.stat().st_size < 1_000_000
    assert set(sio.get_untrusted_types(file=path)) <= set(classifier.TRUSTED_TYPES)
    bundle = load_model(path)
    assert bundle["format"] == FORMAT and bundle["target"] == name
    assert bundle["features"] == sorted(bundle["features"]) and bundle["features"]
    assert not any(f.startswith("consistency.") for f in bundle["features"])  # cross-source: absent in training


def test_seed_readings_are_probabilities_with_labels_and_reasons(seed_audit):
    for result in seed_audit.articles:
        for name in READINGS:
            reading = result.classifier[name]
            assert 0.0 <= reading["probability"] <= 1.0
            assert reading["label"] in (*classifier.LABELS[name], "uncertain")
            assert reading["reasons"] and all(isinstance(r, str) and r for r in reading["reasons"])
            for push in reading["pushes_up"]:
                assert push["effect"] > 0 and push["phrase"]
            for push in reading["pushes_down"]:
                assert push["effect"] < 0 and push["phrase"]
            ideas = [p["phrase"].split(" (")[0] for p in reading["pushes_up"] + reading["pushes_down"]]
            assert len(ideas) == len(set(ideas)), "twin scores (per sentence, per 100 words) are summed"


def test_scores_of_one_idea_make_one_push(seed_audit):
    from audit.explain import IDEAS

    for result in seed_audit.articles:
        for name in READINGS:
            pushes = result.classifier[name]["pushes_up"] + result.classifier[name]["pushes_down"]
            per_push = [{IDEAS[f][0] for f in [p["feature"], *p.get("also", [])] if f in IDEAS} for p in pushes]
            ideas = [idea for found in per_push for idea in found]
            assert len(ideas) == len(set(ideas)), "reading-ease formulas and their parts are summed into one push"


def test_readings_reach_the_dataframe_and_the_json(seed_audit, seed_json):
    frame = seed_audit.to_frame()
    assert frame["classifier.credibility"].between(0, 1).all()
    assert seed_json["articles"][0]["classifier"]["bias"]["model"]["trained_on"]


def test_source_summary_counts_and_spreads(seed_audit):
    summary = source_summary(seed_audit.articles)
    assert summary["articles"] == len(seed_audit.articles)
    credibility = summary["credibility"]
    assert credibility["n"] == len(seed_audit.articles)
    assert credibility["min"] <= credibility["mean"] <= credibility["max"]
    assert sum(credibility["labels"].values()) == credibility["n"]


def test_crafted_model_with_untrusted_type_is_refused(tmp_path):
    import skops.io as sio

    path = tmp_path / "credibility.skops"
    sio.dump({"format": FORMAT, "target": "credibility", "model": Smuggled()}, path)
    with pytest.raises(UntrustedModelError, match="Smuggled"):
        load_model(path)
    # inside an audit the refusal becomes a stated reason, not a crash
    result = audit_corpus([Article.from_text(SOBER * 3, id="a")], signals=[], readings=False)
    reading = readings(result.articles, model_dir=tmp_path)[0]["credibility"]
    assert reading["label"] == "not available" and "untrusted" in reading["reasons"][0]


def test_missing_model_files_give_a_reason_not_a_crash(tmp_path):
    result = audit_corpus([Article.from_text(SOBER * 3, id="a")], readings=False)
    reading = readings(result.articles, model_dir=tmp_path)[0]
    for name in READINGS:
        assert reading[name]["label"] == "not available"
        assert "audit train" in reading[name]["reasons"][0]
        assert "probability" not in reading[name]


def test_train_on_a_small_csv_then_read_with_it(tmp_path, capsys):
    rows = [{"text": f"Item {i}. " + (LOUD if i % 2 else SOBER) * (4 + i % 3), "label": i % 2, "group": f"site{i % 5}"}
            for i in range(32)]  # fmt: skip
    data = tmp_path / "labelled.csv"
    with data.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["text", "label", "group"])
        writer.writeheader()
        writer.writerows(rows)
    models = tmp_path / "models"
    assert main(["train", "--csv", str(data), "--target", "bias", "--models", str(models)]) == 0
    printed = capsys.readouterr().out
    assert "grouped" in printed and "random" in printed and "ROC-AUC" in printed
    result = audit_corpus([Article.from_text(LOUD * 5, id="loud"), Article.from_text(SOBER * 5, id="sober")],
                          readings=False)  # fmt: skip
    loud, sober = (r["bias"] for r in readings(result.articles, model_dir=models))
    assert loud["probability"] > sober["probability"]


def test_train_rejects_a_csv_without_the_needed_columns(tmp_path, capsys):
    data = tmp_path / "bad.csv"
    data.write_text("body,label\nsome text,1\n", encoding="utf-8")
    assert main(["train", "--csv", str(data), "--target", "bias", "--models", str(tmp_path)]) == 2
    assert "group" in capsys.readouterr().err


def test_ratings_file_needs_a_domain_column_and_matches_parent_domains(tmp_path):
    good = tmp_path / "ratings.csv"
    good.write_text("Domain,factuality\nhttps://www.bbc.co.uk/,high\n", encoding="utf-8")
    table = load_ratings(good)
    assert table.lookup("news.bbc.co.uk") == {"factuality": "high"}
    assert table.matched_domain("news.bbc.co.uk") == "bbc.co.uk" and table.lookup("bbc.com") is None
    assert table.describe().startswith("ratings.csv (1 domain; sha256 ")


def test_ratings_read_tsv_tables_and_their_domain_column_names(tmp_path):
    tsv = tmp_path / "outlets.tsv"
    tsv.write_text("source_url\tsource_url_normalized\tfact\nhttp://x.org/\tx.org\tlow\n", encoding="utf-8")
    assert load_ratings(tsv).lookup("x.org") == {"source_url": "http://x.org/", "fact": "low"}


@pytest.mark.parametrize(("content", "reason"), [
    (b"outlet,score\nbbc.co.uk,1\n", "column naming the web domain"),
    (b"", "empty"),
    (b"domain,score\n,1\n", "no rows with a domain"),
    (b"domain,score\nbbc.co.uk,\xff\xfe\n", "UTF-8"),
    (b"domain,score\nbbc\x00.co.uk,1\n", "NUL"),
])  # fmt: skip
def test_bad_ratings_files_give_a_clear_reason(tmp_path, content, reason):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(RatingsError, match=reason):
        load_ratings(bad)


def test_report_with_a_bad_ratings_file_stops_before_auditing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("outlet,score\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "out"), "--ratings", str(bad)]) == 2
    assert "--ratings" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_outside_ratings_sit_beside_our_readings_labelled_as_someone_elses(seed_audit, tmp_path):
    table = parse_ratings("domain,factuality\ncnn.com,mixed\n", name="made-up-ratings.csv")
    write_reports(seed_audit, tmp_path, ratings=table)
    cnn = json.loads((tmp_path / "cnn.json").read_text(encoding="utf-8"))
    assert cnn["outside_ratings"]["domains"] == [
        {"domain": "cnn.com", "listed_as": "cnn.com", "rating": [{"column": "factuality", "value": "mixed", "shown": "mixed"}]}]
    assert "made-up-ratings.csv" in cnn["outside_ratings"]["rated_by"]
    html, md = (tmp_path / "cnn.html").read_text(encoding="utf-8"), (tmp_path / "cnn.md").read_text(encoding="utf-8")
    for page in (html, md):
        assert "someone else's" in page and "made-up-ratings.csv" in page and "mixed" in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "outside rating" in index and "realnewsnow.com: not listed" in index and "no web domain known" in index
    plain = tmp_path / "plain"
    write_reports(seed_audit, plain)
    assert "outside rating" not in (plain / "index.html").read_text(encoding="utf-8")
    assert "outside_ratings" not in json.loads((plain / "cnn.json").read_text(encoding="utf-8"))


def test_every_source_report_shows_both_readings_apart_with_what_drove_them(seed_audit, tmp_path):
    write_reports(seed_audit, tmp_path)
    for path in tmp_path.glob("*.json"):
        if path.name == "audit.json":
            continue
        source = json.loads(path.read_text(encoding="utf-8"))
        assert [r["reading"] for r in source["readings"]] == list(READINGS)
        for reading in source["readings"]:
            assert reading["n"] == source["article_count"] and 0 <= reading["value"] <= 1
            assert reading["probability_of"] in ("credible", "hyperpartisan")
            assert reading["drivers"], "the features that pushed most are named"
            for driver in reading["drivers"]:
                assert driver["toward"].removeprefix("not ") == reading["probability_of"] and driver["sentence"]
                assert not any(ch.isdigit() for ch in driver["words"]), "words, not one article's numbers"
        stem = path.stem
        html = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
        md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
        for page in (html, md):
            assert "never combined" in page and "what pushed most" in page
            assert page.count("credibility") >= 2 and page.count("hyperpartisan") >= 1


def test_source_summary_adds_up_pushes_by_their_words_across_articles():
    def reading(effects: dict[str, float]) -> dict:
        pushes = [{"words": w, "effect": e, "phrase": w} for w, e in effects.items()]
        return {"probability": 0.5, "label": "uncertain", "toward": {"up": "credible", "down": "not credible"},
                "pushes_up": [p for p in pushes if p["effect"] > 0], "pushes_down": [p for p in pushes if p["effect"] < 0]}

    class Result:
        def __init__(self, credibility: dict) -> None:
            self.classifier = {"credibility": credibility, "bias": {"label": "not available", "reasons": ["no model"]}}

    results = [Result(reading({"few named sources": 0.3, "many loaded words": -0.2})),
               Result(reading({"few named sources": 0.4, "short sentences": -0.5})), Result(reading({}))]  # fmt: skip
    summary = source_summary(results)
    pushes = summary["credibility"]["pushes"]
    assert pushes[0] == {"words": "few named sources", "toward": "credible", "articles": 2, "effect": 0.7}
    assert [p["words"] for p in pushes[1:]] == ["short sentences", "many loaded words"]
    assert summary["credibility"]["n"] == 3 and summary["credibility"]["sd"] == 0.0
    assert summary["bias"]["n"] == 0 and summary["bias"]["not_available"] == {"no model": 3}


@pytest.mark.shared
def test_semeval_loader_groups_by_domain_and_strips_furniture():
    from audit.datasets import semeval2019

    needs_shared("data", "SemEval2019_hyperpartisan_byarticle")
    frame = semeval2019(Path(needs_shared("data")))
    assert len(frame) == 645 and set(frame.label) == {0, 1}
    assert frame.group.nunique() > 200 and not frame.group.str.startswith("www.").any()
