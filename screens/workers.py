"""Database work off the UI thread, one way on every screen.

`run_db(node, job, group=...)` runs `job()` in a named thread worker with the thread's own
database connection and `exit_on_error=False`. The job returns its result as a typed
message (a dataclass subclass of `JobDone`, as in toolong's messages.py), posted to
`node`; handle it with `@on(ThatMessage)`. A job that fails posts `JobFailed` instead: it bubbles up to the
app, which shows it as a toast and on the screen's status line. A failed job never ends
the app, and a bug is logged and said in one line, never shown as a traceback.

`ScanQueue` is the ordered kind, for scans: every scan counts and order matters, so jobs
wait in one queue drained by a single thread worker, and their result messages arrive in
the order the jobs were put. Jobs are small dataclasses (`Scan(code)`), never tuples.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from jeweltui.db import thread_connection
from jeweltui.errors import JewelError

log = logging.getLogger(__name__)

Job = TypeVar("Job")
Posted = Message | None  # what a job hands back: the message to post, or nothing


class JobDone(Message, bubble=False):
    """Base of a job's typed result: declare `@dataclass class Loaded(JobDone): rows: list`
    on the screen. It stays with the node that started the job; it does not bubble."""


@dataclass
class JobFailed(Message):
    """A job raised: `error.message` is the one line the user reads (and `error.field`
    the form field at fault, if any). `screen` is the screen that started the job."""

    group: str
    error: JewelError
    screen: Screen | None = None


@dataclass(frozen=True)
class Scan:
    """One scanned (or typed) code, as a job for a ScanQueue."""

    code: str


def _screen_of(node: DOMNode) -> Screen | None:
    if isinstance(node, Screen):
        return node
    return node.screen if isinstance(node, Widget) else None


def _outcome(group: str, job: Callable[[], Posted], screen: Screen | None) -> Posted:
    """Run job(); a JewelError or a bug becomes a JobFailed message."""
    try:
        return job()
    except JewelError as error:
        return JobFailed(group, error, screen)
    except Exception as error:  # a bug: logged in full, said in one line, the app lives on
        log.exception("job %s failed", group)
        return JobFailed(group, JewelError(f"Something went wrong: {error!r}"), screen)


def _post(node: DOMNode, message: Posted) -> None:
    if message is None:
        return
    if not node.post_message(message) and isinstance(message, JobFailed):
        node.app.post_message(message)  # its screen has closed: the user still hears of it


def run_db(
    node: DOMNode, job: Callable[[], Posted], *, group: str, exclusive: bool = True
) -> Worker:
    """Run job() in a thread worker with its own database connection; post what it returns.

    exclusive=True: a newer job of the same group cancels this one (search as you type,
    paging), and a cancelled job's result is dropped rather than shown.
    """
    screen = _screen_of(node)

    def connected() -> Posted:
        with thread_connection():
            return job()

    def work() -> None:
        message = _outcome(group, connected, screen)
        if not get_current_worker().is_cancelled:
            _post(node, message)

    return node.run_worker(
        work, name=group, group=group, thread=True, exclusive=exclusive, exit_on_error=False
    )


class ScanQueue(Generic[Job]):
    """One ordered consumer: `put(job)` from the UI thread; `handle(job)` runs in a single
    thread worker (its own connection), one job at a time in the order put, and the message
    it returns is posted to `node`. A handler that raises posts JobFailed, and the queue
    goes on with the next job."""

    def __init__(
        self, node: DOMNode, handle: Callable[[Job], Posted], *, group: str = "scans"
    ) -> None:
        self.node, self.handle, self.group = node, handle, group
        self._jobs: deque[Job] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self.peak_backlog = 0  # most jobs waiting at once: shows scans overtook the database

    @property
    def idle(self) -> bool:
        """No job waiting or being run."""
        with self._lock:
            return not self._draining and not self._jobs

    def put(self, job: Job) -> None:
        with self._lock:
            self._jobs.append(job)
            self.peak_backlog = max(self.peak_backlog, len(self._jobs))
            if self._draining:
                return  # the running consumer will take it, in order
            self._draining = True
        self.node.run_worker(
            self._drain, name=self.group, group=self.group, thread=True, exit_on_error=False
        )

    def _next(self) -> Job | None:
        """The next job; None (and the consumer ends) when the queue is empty."""
        with self._lock:
            if self._jobs:
                return self._jobs.popleft()
            self._draining = False
            return None

    def _drain(self) -> None:
        screen = _screen_of(self.node)

        def drain() -> Posted:
            with thread_connection():
                while (job := self._next()) is not None:
                    _post(self.node, _outcome(self.group, partial(self.handle, job), screen))
            return None

        failed = _outcome(self.group, drain, screen)
        if failed is not None:  # no connection: the jobs wait for the next put to retry
            with self._lock:
                self._draining = False
            _post(self.node, failed)
