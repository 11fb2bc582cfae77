"""The one error boundary, through the real command in its own process: each kind of failure
gives one clear line, its documented exit code and no traceback, and leaves nothing behind."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKBOOK = [sys.executable, "-m", "workbook"]


def workbook(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*WORKBOOK, *map(str, args)], capture_output=True, text=True, timeout=120, **kwargs)


def test_an_output_folder_that_cannot_be_made_exits_3(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = workbook("build", "welcome", "-o", blocker / "out")
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [f"cannot write to {blocker / 'out'}: Not a directory"]
    assert result.stdout == ""


def _small_disk():
    """Files may not grow past 20 KB, as on a nearly full disk (EFBIG instead of a signal)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_full_disk_exits_3_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "welcome.pdf").write_bytes(b"earlier")
    result = workbook("build", "-o", out, "--client", "Ann Lee", preexec_fn=_small_disk)
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cannot write to") and "Traceback" not in result.stderr
    assert "Ann" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["welcome.pdf"]
    assert (out / "welcome.pdf").read_bytes() == b"earlier"


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _interrupt_once_laying_out(out: Path, flags: tuple[str, ...], env: dict | None = None) -> tuple[str, str, int, int]:
    """Ctrl-C, as a terminal sends it, once a build's worker is forked: stdout, stderr, the exit
    code and the worker's pid."""
    proc = subprocess.Popen([*WORKBOOK, "build", *flags, "-o", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=env)
    deadline = time.monotonic() + 60
    while not _children(proc.pid):  # the worker is forked once layout starts
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it could be interrupted"
        time.sleep(0.005)
    worker = _children(proc.pid).pop()
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    stdout, stderr = proc.communicate(timeout=60)
    return stdout, stderr, proc.returncode, worker


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see child processes")
@pytest.mark.parametrize("flags", [
    ("--client", "Ada Okafor", "--jobs", "2"),  # a client's workbook and the documents shared with a worker
    ("--no-cache", "--jobs", "2"),  # the documents shared with a worker
], ids=["client", "documents"])
def test_ctrl_c_during_a_build_exits_130_and_stops_its_worker(tmp_path, flags):
    out = tmp_path / "out"
    stdout, stderr, code, worker = _interrupt_once_laying_out(out, flags)
    assert code == 130
    assert stderr.strip().splitlines() == ["interrupted; nothing was written"]
    assert stdout == ""
    assert not out.exists() or list(out.iterdir()) == []
    assert not Path(f"/proc/{worker}").exists()


# The command's Ctrl-C handler run inside exec()'d code, where a KeyboardInterrupt lands when it
# interrupts a dataclass being made by a module importing mid-build (seen 1 build in 40).
CTRL_C_IN_EXEC = """\
import signal
_signal = signal.signal
def _in_exec(sig, handler):
    if sig == signal.SIGINT and getattr(handler, "__name__", "") == "_on_ctrl_c":
        return _signal(sig, lambda n, f: exec("handler(n, f)", {"handler": handler, "n": n, "f": f}))
    return _signal(sig, handler)
signal.signal = _in_exec
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see child processes")
def test_python_m_workbook_exits_130_when_the_interrupt_passed_through_exec(tmp_path):
    """Run with -m, CPython ends a process with SIGINT, whatever exit code it chose, once a
    KeyboardInterrupt has passed through exec()'d code, even one the command handled."""
    (tmp_path / "sitecustomize.py").write_text(CTRL_C_IN_EXEC)
    out = tmp_path / "out"
    _, stderr, code, _ = _interrupt_once_laying_out(out, ("--no-cache", "--jobs", "2"),
                                                    {**os.environ, "PYTHONPATH": str(tmp_path)})
    assert code == 130
    assert stderr.strip().splitlines() == ["interrupted; nothing was written"]
    assert not out.exists() or list(out.iterdir()) == []


def test_an_internal_error_exits_70_in_one_line_and_debug_shows_the_traceback(tmp_path):
    # A bug stand-in: the package made to fail where no error is expected (a missing font file).
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    (tmp_path / "sitecustomize.py").write_text(
        "import workbook.pipeline.render.fonts as f\n"
        "f.BUILTIN_FILES = tuple(p.with_name('missing.ttf') for p in f.BUILTIN_FILES)\n")
    result = workbook("build", "welcome", "--no-cache", "-o", tmp_path / "out", env=env)
    assert result.returncode == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("internal error (") and "report" in lines[0]
    debug = workbook("--debug", "build", "welcome", "--no-cache", "-o", tmp_path / "out", env=env)
    assert debug.returncode != 0 and "Traceback" in debug.stderr
    assert not (tmp_path / "out").exists()
