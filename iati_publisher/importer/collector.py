"""Python's cyclic garbage collector while a file is read and written.

Reading and writing a chunk of 500 rich activities allocates a few hundred thousand container
objects (records, model instances, row dictionaries) that live until the chunk is written:
every 700 allocations the collector walks the young ones, and its full passes walk the whole
heap again — a quarter of the write stage's CPU, measured with bench/bench_iati_import.py.
Almost none of it is garbage with cycles (~8 objects per activity). :func:`paused` turns the
automatic passes off for the duration of the file and collects the young generations once per
chunk (:meth:`Paused.chunk_done`, ~50 ms per 500 activities): the same garbage is freed, at
chunk boundaries instead of in the middle of them. Memory stays bounded by one chunk. No SQL.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


class Paused:
    def chunk_done(self) -> None:
        """Free the cyclic garbage of the chunk just handled (young generations only)."""
        gc.collect(1)


@contextmanager
def paused():
    """Automatic collection off inside the block (restored as it was on exit, errors too)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield Paused()
    finally:
        gc.collect(1)
        if was_enabled:
            gc.enable()
