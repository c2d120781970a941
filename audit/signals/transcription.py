"""The transcription signal (placeholder until its issue lands: no findings, no scores)."""

from audit.signals.base import Signal

SIGNAL = Signal(name="transcription", description="not built yet")
