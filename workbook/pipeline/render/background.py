"""Share a build's PDFs between this process and forked ones (each): every helper is a
Background, a function run in a child while this process goes on.

Where fork is not available (Windows, macOS defaults), the function simply runs when its
result is asked for. The result comes back pickled through a pipe; so does any exception. A
caller that stops early (an error, Ctrl-C) cancels the child, so none is left running."""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from workbook.errors import WorkbookError

T = TypeVar("T")
R = TypeVar("R")

QUEUED = 16_000  # items a queue holds (2 bytes each, in a pipe's 64 KiB); past it, one process
FORKS = hasattr(os, "fork") and sys.platform != "darwin"  # macOS: fork is unsafe with its system libraries


def each(fn: Callable[[T], R], items: Sequence[T], jobs: int, first: int | None = None) -> list[R]:
    """fn of every item, in order, computed by this process and jobs - 1 forked ones. Each
    takes the next item from one queue (a pipe of item numbers, which readers share without
    splitting one), so a long document does not hold up the rest; `first`, an item known to be
    long, is handed out before the others, so that it does not start last. A process stops at
    its first WorkbookError. The error raised is that of the first item in order that failed:
    every item before it was taken, and done (only the one process that took `first` can have
    stopped there instead), so it is the one a single process would raise."""
    jobs = min(jobs, len(items))
    if jobs < 2 or len(items) > QUEUED or not FORKS:
        return [fn(item) for item in items]
    order = ([first] if first is not None else []) + [i for i in range(len(items)) if i != first]
    queue, fill = os.pipe()
    try:
        os.write(fill, b"".join(struct.pack("<H", i) for i in order))
    finally:
        os.close(fill)

    def work() -> dict[int, R | WorkbookError]:
        done: dict[int, R | WorkbookError] = {}
        while len(taken := os.read(queue, 2)) == 2:
            i = struct.unpack("<H", taken)[0]
            try:
                done[i] = fn(items[i])
            except WorkbookError as exc:
                done[i] = exc
                break
        return done

    helpers: list[Background[dict[int, R | WorkbookError]]] = []
    try:
        helpers = [Background(work) for _ in range(jobs - 1)]
        results = work()
        for helper in helpers:
            results.update(helper.result())
    finally:
        for helper in helpers:
            helper.cancel()
        os.close(queue)
    out = []
    for i in range(len(items)):  # an item missing comes after one that failed
        result = results[i]
        if isinstance(result, WorkbookError):
            raise result
        out.append(result)
    return out


class Background(Generic[T]):
    def __init__(self, fn: Callable[[], T]):
        self.fn, self.pid, self.pipe = fn, 0, -1
        if not FORKS:
            return
        self.pipe, write_end = os.pipe()
        # Ctrl-C is the parent's to handle: held back across the fork, so that it cannot reach
        # the child before the child ignores it.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        self.pid = os.fork()
        if self.pid == 0:
            self._child(write_end)
        os.close(write_end)
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a held-back Ctrl-C lands here
        except BaseException:
            self.cancel()
            raise

    def _child(self, write_end: int) -> None:
        """Compute, send, and leave, whatever happens: the child never returns into the
        parent's stack (its error handling, its cleanup)."""
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            os.close(self.pipe)
            try:
                payload = pickle.dumps((True, self.fn()))
            except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
                payload = pickle.dumps((False, exc))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)

    def result(self) -> T:
        """Wait for and return the function's result (or raise its exception)."""
        if not self.pid:
            return self.fn()
        with os.fdopen(self.pipe, "rb", closefd=False) as pipe:
            ok, value = pickle.loads(pipe.read())
        self._reap(kill=False)
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child if it is still running; nothing if its result was taken."""
        if self.pid:
            self._reap(kill=True)

    def _reap(self, kill: bool) -> None:
        if kill:
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.pipe)
        self.pid = 0
