"""Pausing Python's cyclic garbage collector around allocation-heavy work.

Loading models and knowledge, and merging event mentions, allocate hundreds of thousands of
objects and little garbage; every full collection on the way traverses all of them again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused(*, collect: bool = False) -> Iterator[None]:
    """Pause the collector; its earlier state is restored on the way out, whatever happens.

    ``collect``: run one full collection before turning it back on, which moves what was
    made to the oldest generation (for long-lived objects: else the next collections promote
    them piecemeal, each time traversing them all again)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if collect:
                gc.collect()
            gc.enable()
