"""Hostile and odd inputs (hostile_cases.py), each through the real command line in its own
process, with a time limit and a memory limit: the documented exit code, one message located at
the right file (and line), no traceback, nothing written, the earlier output untouched.

Each run is a process forked from this one once the package is imported, running the CLI's own
entry point (`workbook.cli.main`), so that ~200 runs cost the commands' work and not ~200
interpreter starts; a few run at a time. Its address space may grow by 1.5 GB at most."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_cases import Case, Special, all_cases

REPO = Path(__file__).resolve().parents[2]
MEMORY = 1_500_000_000  # bytes of address space a run may add
TIME_LIMIT = 60  # seconds per run; the slowest case (a template stopped after 2 s) takes ~3 s
WORKERS = (os.cpu_count() or 2) + 1
EARLIER = b"%PDF- an earlier build"
CASES = {c.name: c for c in all_cases()}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    folder: Path


def _make(folder: Path, name: str, body: str | bytes | Special) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(body, str):
        path.write_text(body, encoding="utf-8")
    elif isinstance(body, bytes):
        path.write_bytes(body)
    elif body.kind == "fifo":
        os.mkfifo(path)
    elif body.kind == "dir":
        path.mkdir()
    elif body.kind == "link":
        path.symlink_to(body.target)
    elif body.kind == "copy":
        shutil.copyfile(REPO / body.target, path)
    elif body.kind == "size":
        with path.open("wb") as fh:
            fh.write(body.target.encode("latin-1"))
            fh.truncate(body.size)  # the rest reads as NUL bytes, and costs no disk
    else:
        raise ValueError(body.kind)


def _prepare(case: Case, root: Path) -> tuple[Path, list[str]]:
    folder = root / case.name
    (folder / "p").mkdir(parents=True)
    files = {"practice.yaml": "name: Test Practice\n", **case.files} if case.command == "build" else case.files
    for name, body in files.items():
        at_top = name.startswith("outside/") or name.endswith(".csv")
        _make(folder, name if at_top else f"p/{name}", body)
    (folder / "out").mkdir()
    (folder / "out" / "earlier.pdf").write_bytes(EARLIER)
    if case.command == "build":
        return folder, ["build", *case.args, "-p", "p", "-o", "out"]
    return folder, ["batch", "clients.csv", "-o", "out"]


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _fork(folder: Path, args: list[str]) -> int:
    """Run `workbook ARGS` in a child process, in folder, its output in folder/stdout and
    folder/stderr; the child never returns into pytest."""
    pid = os.fork()
    if pid:
        return pid
    code = 99
    try:
        os.chdir(folder)
        limit = _address_space() + MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        for fd, name in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.stdout, sys.stderr = open(1, "w", closefd=False), open(2, "w", closefd=False)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        from workbook.cli import main

        main(args, prog_name="workbook")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - shown in the child's stderr, which the test reads
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


@pytest.fixture(scope="session")
def runs(tmp_path_factory) -> dict[str, Run]:
    root = tmp_path_factory.mktemp("hostile")
    pending, running, done = list(CASES.values()), {}, {}
    while pending or running:
        while pending and len(running) < WORKERS:
            case = pending.pop(0)
            folder, args = _prepare(case, root)
            running[_fork(folder, args)] = (case, folder, time.monotonic())
        for pid, (case, folder, began) in list(running.items()):
            finished, status = os.waitpid(pid, os.WNOHANG)
            if not finished:
                if time.monotonic() - began > TIME_LIMIT:
                    os.kill(pid, signal.SIGKILL)  # reaped on the next round; the test then fails
                continue
            del running[pid]
            read = lambda name: (folder / name).read_text(errors="replace")  # noqa: E731, B023
            done[case.name] = Run(os.waitstatus_to_exitcode(status), read("stdout"), read("stderr"),
                                  time.monotonic() - began, folder)
        time.sleep(0.005)
    return done


def test_there_are_enough_cases():
    assert len(CASES) >= 150


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_is_refused_located_and_writes_nothing(runs, name):
    case, run = CASES[name], runs[name]
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.returncode == case.exit, run.stderr[-2000:]
    lines = run.stderr.strip().splitlines()
    assert lines[-1].endswith(("nothing was written.", "no other row was built.")), lines[-1][:300]
    problems = lines[:-1]
    assert problems and (case.many or len(problems) == 1), problems
    where = case.where.replace("{repo}", str(REPO))
    assert all(p.startswith(where) for p in problems), problems
    assert any(case.says.lower() in p.lower() for p in problems), problems[0][:400]
    assert run.seconds < TIME_LIMIT
    assert all(len(line) < 1000 for line in lines)  # a huge value is never echoed whole
    assert run.stdout == ""
    out = run.folder / "out"
    assert sorted(p.name for p in out.iterdir()) == ["earlier.pdf"]
    assert (out / "earlier.pdf").read_bytes() == EARLIER
    if case.command == "batch":
        assert "Ann" not in run.stderr and "Lee" not in run.stderr  # no client's name in any message
