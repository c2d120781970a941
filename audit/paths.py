"""Where the shipped model files are.

The models live in the repository's top-level ``models/`` folder, which installs as the
``audit.models`` package data; ``AUDIT_MODEL_DIR`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path


def models_dir() -> Path:
    """The folder holding the ``.skops`` models: $AUDIT_MODEL_DIR, the installed copy, or the checkout's."""
    if os.environ.get("AUDIT_MODEL_DIR"):
        return Path(os.environ["AUDIT_MODEL_DIR"])
    installed = Path(__file__).resolve().parent / "models"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[1] / "models"
