"""Running database work off the UI thread, the same way on every screen.

`in_background` runs a function in a thread worker with the thread's own database
connection; the result comes back on the UI thread. A JewelError becomes an error
toast (and `failed(error)` if given, e.g. to show it at a form field); the user's
input stays where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from jeweltui.db import thread_connection
from jeweltui.errors import JewelError

T = TypeVar("T")


def in_background(
    node: DOMNode,
    job: Callable[[], T],
    done: Callable[[T], Any],
    *,
    group: str = "default",
    exclusive: bool = True,
    failed: Callable[[JewelError], Any] | None = None,
) -> Worker:
    """Run job() in a thread worker; call done(result) on the UI thread unless superseded.

    exclusive=True: a newer job of the same group cancels this one (search as you type,
    paging), and a cancelled job's result is dropped rather than shown.
    """
    app = node.app

    def work() -> None:
        try:
            with thread_connection():
                result = job()
        except JewelError as error:
            app.call_from_thread(app.notify, error.message, severity="error", timeout=6)
            if failed is not None:
                app.call_from_thread(failed, error)
            return
        except Exception as error:  # a bug: say so in a toast, keep the screen alive
            app.call_from_thread(
                app.notify, f"Something went wrong: {error!r}", severity="error", timeout=10
            )
            raise
        if not get_current_worker().is_cancelled:
            app.call_from_thread(done, result)

    return node.run_worker(work, thread=True, exclusive=exclusive, group=group, exit_on_error=False)
