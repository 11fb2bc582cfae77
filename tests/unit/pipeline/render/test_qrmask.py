"""qrmask.Code chooses the mask qrcode's QRCode chooses, so the codes are the same modules."""

import random
import string

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from qrcode.util import lost_point

from workbook.pipeline.render.qrmask import Code, _penalty


def _data(seed: int) -> tuple[str, int]:
    rng = random.Random(seed)
    length = rng.choice([1, 12, 40, 90, 200, 450])  # versions 1 to about 17: with and without version bits
    text = "".join(rng.choice(string.ascii_letters + string.digits + "/:.-_?=&% ") for _ in range(length))
    return text, rng.choice([ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q, ERROR_CORRECT_H])


def _made(cls: type, data: str, level: int) -> qrcode.QRCode:
    code = cls(error_correction=level, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code


@pytest.mark.parametrize("seed", range(60))
def test_same_mask_and_modules_as_qrcode(seed):
    data, level = _data(seed)
    ours, theirs = _made(Code, data, level), _made(qrcode.QRCode, data, level)
    assert ours.version == theirs.version
    assert ours.get_matrix() == theirs.get_matrix()
    assert ours.best_mask_pattern() == theirs.best_mask_pattern()  # lays the code out again: last


@pytest.mark.parametrize("data", ["https://example.org/228", "https://example.org/284"])
def test_a_tie_goes_to_the_first_mask_as_in_qrcode(data):
    """Masks 1 and 5 (then 1 and 6) score the same lowest penalty for these."""
    assert _made(Code, data, ERROR_CORRECT_M).best_mask_pattern() == 1
    assert _made(Code, data, ERROR_CORRECT_M).get_matrix() == _made(qrcode.QRCode, data, ERROR_CORRECT_M).get_matrix()


@pytest.mark.parametrize("seed", range(8))
def test_each_mask_scores_as_qrcode_scores_it(seed):
    """Every pattern's penalty, not only the winner's: a wrong score that happened not to change
    the choice would still be caught."""
    data, level = _data(seed)
    code = _made(qrcode.QRCode, data, level)
    n = code.modules_count
    for mask in range(8):
        code.makeImpl(True, mask)
        rows = [int("".join("1" if m else "0" for m in row), 2) for row in code.modules]
        assert _penalty(rows, n) == lost_point(code.modules)
