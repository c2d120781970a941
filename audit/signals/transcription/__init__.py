"""The transcription signal (placeholder until its issue lands: no findings, no scores).

Two parts share the name: ``within`` (one article on its own) and ``across`` (the same
passage in other articles of the batch).
"""

from audit.signals.base import Signal

SIGNAL = Signal(name="transcription", description="not built yet")
