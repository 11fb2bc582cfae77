"""Forked helpers: one function run beside this process (Background), and a build's PDFs
shared out among processes (each)."""

from __future__ import annotations

import os
import time

import pytest

from workbook.errors import Location, Problem, WorkbookError
from workbook.pipeline.render.background import Background, each


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


def _fails_on(*bad: int):
    def fn(i: int) -> tuple[int, int]:
        if i in bad:
            raise WorkbookError([Problem(Location(f"item{i}.yaml"), "too tall")])
        return i, os.getpid()  # a result made in the process that took the item
    return fn


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_each_gives_results_in_order_whichever_item_is_handed_out_first(jobs):
    assert [i for i, _ in each(_fails_on(), list(range(8)), jobs, first=7)] == list(range(8))


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("bad", [(7,), (2, 7), (5,)])
def test_each_raises_the_first_failure_in_order_as_one_process_would(jobs, bad):
    """The item handed out first is the last in order: when it and an earlier one fail, the
    earlier one's error is raised, as by one process taking them in order."""
    with pytest.raises(WorkbookError) as raised:
        each(_fails_on(*bad), list(range(8)), jobs, first=7)
    assert str(raised.value.problems[0].where).startswith(f"item{bad[0]}.yaml")
