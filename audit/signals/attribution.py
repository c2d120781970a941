"""The attribution signal (placeholder until its issue lands: no findings, no scores)."""

from audit.signals.base import Signal

SIGNAL = Signal(name="attribution", description="not built yet")
