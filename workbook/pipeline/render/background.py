"""Run one function in a forked process while this one goes on: the bound workbook is laid out
on the second core while the single documents are laid out on the first.

Where fork is not available (Windows, macOS defaults), the function simply runs when its
result is asked for. The result comes back pickled through a pipe; so does any exception. A
caller that stops early (an error, Ctrl-C) cancels the child, so none is left running."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    def __init__(self, fn: Callable[[], T]):
        self.fn, self.pid, self.pipe = fn, 0, -1
        if not hasattr(os, "fork") or sys.platform == "darwin":
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
