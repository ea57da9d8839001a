"""Many requests at once: real threads, each with its own database connection and client.

PostgreSQL: the test database as it is. SQLite: the test database lives in memory with a
shared cache, where concurrent writers fail with "table is locked" instead of waiting (the
site never runs like that); so the threads work on a file copy of it, in WAL mode with
IMMEDIATE transactions, exactly as the site's SQLite database is configured
(``tests/proposals/test_concurrency.py`` does the same).
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

from ..proposals.test_concurrency import in_thread, threads_database

__all__ = ["burst", "in_thread", "threads_database"]


def burst(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` for ``i`` in ``range(count)`` in ``count`` threads released together.

    ``work`` is a generator: its set-up runs up to its ``yield`` (one thread at a time), then all
    threads wait for each other and run the rest together.

    Returns the results in the order of ``i``; re-raises the first exception of any thread.
    """
    barrier = threading.Barrier(count)
    # The set-up parts (log in, open a connection) run one at a time: only the racing part is
    # under test, and forty SQLite connections opened at once can be refused at connect time.
    setting_up = threading.Lock()
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            prepared = work(i)  # a generator: set up, yield, then do the racing part
            with setting_up:
                next(prepared)
            barrier.wait()
            try:
                next(prepared)
            except StopIteration as stop:
                results[i] = stop.value
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
