"""Credibility and bias readings (placeholder until the classifier issue lands)."""

from __future__ import annotations

from typing import Any


def readings(results: list[Any]) -> list[dict[str, Any] | None]:
    """One reading per article result; None while no model is shipped."""
    return [None for _ in results]
