"""The consistency signal (placeholder until its issue lands: no findings, no scores)."""

from audit.signals.base import Signal

SIGNAL = Signal(name="consistency", description="not built yet")
