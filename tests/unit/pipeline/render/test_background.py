"""The forked helper that lays out the workbook beside the single documents."""

from __future__ import annotations

import os
import time

import pytest

from workbook.pipeline.render.background import Background


def test_returns_the_result_of_the_function():
    assert Background(lambda: {"pages": [1, 2, 3]}).result() == {"pages": [1, 2, 3]}


def test_raises_the_functions_exception_in_the_caller():
    job = Background(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        job.result()


def test_cancel_stops_a_child_still_running():
    job = Background(lambda: time.sleep(30))
    pid = job.pid
    job.cancel()
    with pytest.raises(ChildProcessError):  # already reaped: nothing is left running
        os.waitpid(pid, os.WNOHANG)
