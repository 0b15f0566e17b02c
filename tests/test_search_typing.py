"""A stale query is stopped at once by Interruptible (for search as you type)."""

from __future__ import annotations

import threading
import time

from jeweltui.db import Interruptible, open_database
from jeweltui.models import database_proxy

SLOW_QUERY = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)"
    " SELECT count(*) FROM n"
)


def test_a_stale_query_is_interrupted_and_answers_nothing(db_path):
    open_database(db_path, create=True)
    running = Interruptible()
    answers: list = []

    def worker() -> None:
        open_database(db_path)  # the worker's own connection, as a screen's worker has
        answers.append(running.run(lambda: database_proxy.obj.execute_sql(SLOW_QUERY).fetchone()))

    thread = threading.Thread(target=worker)
    thread.start()
    time.sleep(0.3)  # the count is under way
    started = time.monotonic()
    running.interrupt()
    thread.join(30)
    assert not thread.is_alive() and answers == [None]
    assert time.monotonic() - started < 30  # stopped, not finished: 10^8 rows take minutes
