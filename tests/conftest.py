"""Shared fixtures: the bundled corpus, audited once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SCHEMA = json.loads((ROOT / "audit" / "schema" / "audit.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_audit():
    from audit import audit_corpus

    return audit_corpus(CORPUS)


@pytest.fixture(scope="session")
def seed_json(seed_audit):
    return json.loads(seed_audit.to_json())


def needs_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared exists only on the developers' machines and CI)")
    return path
