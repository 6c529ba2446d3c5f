"""The bulk import's writes of one chunk, executed while the next chunk is read (PostgreSQL).

The write stage alternates Python (reading the XML, building the rows and revisions) and
PostgreSQL (inserting them): run one after the other, each waits for the other — about a
third of the stage's time with rich activities. Here the statements of a chunk, complete
because their primary keys were drawn from the tables' sequences beforehand
(``bulk_sql.allocate``), go to ONE background thread that executes them in order on the
import's own connection (same transaction: an error still rolls the whole file back) while
the main thread reads and prepares the next chunk.

Rules that keep it correct:

- one chunk in flight: :meth:`Pipeline.submit` first waits for the previous chunk;
- the main thread's own queries in the meantime (the next chunk's existing activities, its
  organisations, the search index entries) touch only rows that the chunk in flight does not
  (an identifier appears once in a file); psycopg2 serialises the two threads' statements;
- what follows a chunk's writes (its ``published`` signals, the job's progress) runs in the
  main thread once they are done (``after``);
- :meth:`Pipeline.close` waits for the last chunk and raises its error; on an error of the
  main thread :meth:`Pipeline.abandon` waits without raising, so that nothing runs on the
  connection once the transaction is rolled back.

The statements are executed through a Django cursor opened by the main thread, so they are
counted and logged like any other query. Other databases: no pipeline (``bulk_sql`` writes
each statement at once).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager


@contextmanager
def finishing(sink):
    """Run the block that feeds ``sink`` its chunks, then ``sink.finish()``; on an error,
    ``sink.abandon()`` first (its writes in flight end before the rollback) and the sink's own
    error, if it failed, is raised as the cause. A sink without these methods: the block only."""
    try:
        yield
    except BaseException as failure:
        cause = sink.abandon() if hasattr(sink, "abandon") else None
        if cause is not None:
            raise cause from failure
        raise
    if hasattr(sink, "finish"):
        sink.finish()


class Pipeline:
    def __init__(self, connection):
        self.connection = connection
        self._thread = None
        self._error = None
        self._after = None

    def submit(self, statements, after=None) -> None:
        """Execute ``statements`` [(sql, params)] in order in the background; ``after()`` in
        the main thread once they are done (at the next :meth:`submit` or :meth:`close`)."""
        self.wait()
        cursor = self.connection.cursor()  # opened here: Django checks the thread here

        def run():
            try:
                with cursor:
                    for sql, params in statements:
                        cursor.execute(sql, params)
            except BaseException as error:  # noqa: BLE001 - re-raised in the main thread by wait()
                self._error = error

        self._after = after
        self._thread = threading.Thread(target=run, name="iati-import-writes", daemon=True)
        self._thread.start()

    def _join(self) -> BaseException | None:
        """Wait for the chunk in flight; return its error (cleared)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        error, self._error = self._error, None
        return error

    def wait(self) -> None:
        """Wait for the chunk in flight; raise its error, else run its ``after``."""
        error = self._join()
        if error is not None:
            self._after = None
            raise error
        after, self._after = self._after, None
        if after is not None:
            after()

    close = wait

    def abandon(self) -> BaseException | None:
        """Wait for the chunk in flight without running its ``after``; return its error."""
        self._after = None
        return self._join()
