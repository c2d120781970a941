"""The hedging signal (placeholder until its issue lands: no findings, no scores)."""

from audit.signals.base import Signal

SIGNAL = Signal(name="hedging", description="not built yet")
