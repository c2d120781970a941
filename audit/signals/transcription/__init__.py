"""The transcription signal: garbles left by rewrite tools, speech-to-text and careless copying.

Two parts share the name: ``within`` (one article on its own: garbled idioms, typos,
broken sentences) and ``across`` (the same passage in other articles of the batch).

>>> SIGNAL.name, SIGNAL.analyse is not None
('transcription', True)
"""

from audit.signals.base import Signal
from audit.signals.transcription import within

SIGNAL = Signal(
    name="transcription",
    description="Likely transcription and rewrite errors: garbled fixed expressions, typos and broken words, "
    "orphaned verbs; each with what the text probably meant.",
    scores=within.SCORES,
    analyse=within.analyse,
)
