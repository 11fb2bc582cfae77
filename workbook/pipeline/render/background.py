"""Run one function in a forked process while this one goes on: the bound workbook is laid out
on the second core while the single documents are laid out on the first.

Where fork is not available (Windows, macOS defaults), the function simply runs when its
result is asked for. The result comes back pickled through a pipe; so does any exception."""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_background(fn: Callable[[], T]) -> Callable[[], T]:
    """Start fn now; return a function that waits for and returns its result."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return fn
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
        os.close(read_end)
        try:
            payload = pickle.dumps((True, fn()))
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            payload = pickle.dumps((False, exc))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            ok, value = pickle.loads(pipe.read())
        os.waitpid(pid, 0)
        if not ok:
            raise value
        return value

    return result
