"""The registry of signals: the one place that lists them, in report order.

Adding a signal = writing a module with a ``SIGNAL`` and naming it here; the pipeline,
the JSON, the DataFrame and the reports pick it up.
"""

from __future__ import annotations

from audit.signals import attribution, consistency, hedging, readability, style, transcription
from audit.signals.base import Signal

SIGNALS: tuple[Signal, ...] = (
    readability.SIGNAL,
    attribution.SIGNAL,
    hedging.SIGNAL,
    consistency.SIGNAL,
    transcription.SIGNAL,
    style.SIGNAL,
)


def get_signal(name: str) -> Signal:
    """The registered signal called ``name``."""
    for signal in SIGNALS:
        if signal.name == name:
            return signal
    raise KeyError(f"no signal called {name!r} (known: {', '.join(s.name for s in SIGNALS)})")


__all__ = ["SIGNALS", "Signal", "get_signal"]
