"""The forked helper that lays out the workbook beside the single documents."""

from __future__ import annotations

import pytest

from workbook.pipeline.render.background import in_background


def test_returns_the_result_of_the_function():
    assert in_background(lambda: {"pages": [1, 2, 3]})() == {"pages": [1, 2, 3]}


def test_raises_the_functions_exception_in_the_caller():
    result = in_background(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        result()
