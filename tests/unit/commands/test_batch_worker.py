"""A batch worker stopped by the pool while Python runs a callback (a weak reference's, a
__del__), where its stop cannot propagate: it leaves at once and prints nothing."""

from __future__ import annotations

import subprocess
import sys

STOPPED_IN_A_CALLBACK = """
import os, signal, weakref
from workbook.commands import batch
batch._worker()
batch._BUSY = True  # inside a packet: the stop raises instead of leaving at once
class Held:
    pass
held = Held()
weakref.finalize(held, os.kill, os.getpid(), signal.SIGTERM)  # the signal lands inside the callback
del held
print("went on with the packet")
"""


def test_a_stop_that_lands_in_a_callback_leaves_silently():
    done = subprocess.run([sys.executable, "-c", STOPPED_IN_A_CALLBACK], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
