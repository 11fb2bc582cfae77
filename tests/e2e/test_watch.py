"""`workbook build --watch` in its own process: a save rebuilds what it changed and says so, a
content mistake is shown located and the watch waits for the fix, Ctrl-C stops it with exit 130.
Every wait has a deadline; nothing here is timed."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading

import pypdf
import pytest

DEADLINE = 90  # seconds for any one step, on a busy machine


class Watcher:
    """The watching process, its stderr read line by line on a thread."""

    def __init__(self, *args: str, env: dict):
        self.proc = subprocess.Popen([sys.executable, "-m", "workbook", "build", "--watch", *args], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> re.Match:
        """The first line from now on that matches pattern (a regular expression)."""
        while True:
            try:
                line = self.lines.get(timeout=DEADLINE)
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r}; saw {self.seen}") from None
            self.seen.append(line)
            found = re.search(pattern, line)
            if found:
                return found

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)  # Ctrl-C
        self.proc.wait(timeout=DEADLINE)
        self.reader.join(timeout=DEADLINE)  # every line, up to the end of stderr
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return self.proc.returncode, "\n".join(self.seen + rest)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is a POSIX signal")
def test_watch_rebuilds_on_save_waits_out_a_mistake_and_stops_on_ctrl_c(cli, tmp_path):
    practice, out = tmp_path / "practice", tmp_path / "out"
    assert cli("init", practice).exit_code == 0
    welcome = practice / "content" / "welcome.yaml"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    watcher = Watcher("-p", str(practice), "-o", str(out), env=env)
    try:
        watcher.wait_for(r"laid out \d+ PDFs in [\d.]+ s")
        watcher.wait_for(r"^watching .*practice")

        text = welcome.read_text(encoding="utf-8")
        assert "Welcome" in text
        welcome.write_text(text.replace("Welcome", "Greetings, reader", 1), encoding="utf-8")
        watcher.wait_for(r"^changed: .*welcome\.yaml")
        watcher.wait_for(r"laid out welcome\.pdf, workbook\.pdf in [\d.]+ s; \d+ unchanged$")
        assert "Greetings, reader" in pypdf.PdfReader(out / "welcome.pdf").pages[0].extract_text()

        welcome.write_text(text + "  - bogus: true\n", encoding="utf-8")
        problem = watcher.wait_for(r"welcome\.yaml:(\d+):(\d+): unknown block type 'bogus'")
        assert int(problem.group(1)) == len(text.splitlines()) + 1
        watcher.wait_for(r"^1 problem found; waiting for a fix\.$")
        assert "Greetings, reader" in pypdf.PdfReader(out / "welcome.pdf").pages[0].extract_text()  # kept

        welcome.write_text(text.replace("Welcome", "Hello again", 1), encoding="utf-8")
        watcher.wait_for(r"laid out welcome\.pdf, workbook\.pdf in [\d.]+ s")
        assert "Hello again" in pypdf.PdfReader(out / "welcome.pdf").pages[0].extract_text()
    finally:
        code, said = watcher.stop()
    assert code == 130, said
    assert said.splitlines()[-1] == f"interrupted; stopped watching; {out} holds the last complete build"
    assert "Traceback" not in said
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))  # no temporary file left behind
