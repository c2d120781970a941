"""The classifier: shipped models load safely, readings are well formed and explained,
untrusted files are refused, and `audit train --csv` works on a small file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from audit import classifier
from audit.classifier import FORMAT, READINGS, UntrustedModelError, load_model, model_path, readings, source_summary
from audit.cli import main
from audit.corpus import Article
from audit.pipeline import audit_corpus
from audit.ratings import load_ratings, lookup
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
    assert lookup(load_ratings(good), "news.bbc.co.uk")["factuality"] == "high"
    bad = tmp_path / "bad.csv"
    bad.write_text("site,score\nbbc.co.uk,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="domain"):
        load_ratings(bad)


@pytest.mark.shared
def test_semeval_loader_groups_by_domain_and_strips_furniture():
    from audit.datasets import semeval2019

    needs_shared("data", "SemEval2019_hyperpartisan_byarticle")
    frame = semeval2019(Path(needs_shared("data")))
    assert len(frame) == 645 and set(frame.label) == {0, 1}
    assert frame.group.nunique() > 200 and not frame.group.str.startswith("www.").any()
