"""Issue 15's three ratios, measured in one interleaved run: `workbook` against a raw-ReportLab
floor and against Typst.

    python bench/compare.py [--rounds 7] [--batch 200] [--batch-rounds 3] [--jobs N]
                            [--only build,edit,batch] [--json]

The package is byte-compiled first, as an install leaves it (the libraries the floor uses are).
Everything is a whole process started the way a person starts it, measured by the CPU time the
operating system charges to it (user + system, with the children it waited for) and by wall
time. Each round runs every contender once, one after the other, so that a busy or drifting
machine slows all of them alike; the table gives the median of the rounds, and each ratio is the
median of the rounds' own ratios (a contender against its reference in the same round).

  build   a cold `python -m workbook build --no-cache` of the default content into an empty
          folder, against the floor: bench/floor.py, a plain platypus script that lays the bound
          workbook of the same content out with the same fields (ReportLab's stock acroForm
          calls), vector QR codes, embedded fonts and "Page X of Y", in one PDF. Target: 1.25x.
          Also against `floor.py --each`, which makes the PDFs the build makes: each document
          on its own, then the workbook (laid out again, as a plain script would).
  edit    the edit loop, in a practice folder from `workbook init`: one sentence of a document
          is changed (a different one each round) and the PDFs are rebuilt, against a cold
          Typst compile of the same workbook (bench/typst/build.py, no fields). Measured two
          ways: `workbook build -p` as a new process, with its build cache; and a long-running
          `workbook build --watch`, whose CPU for one rebuild is read from /proc before the
          edit and after its rebuild line (wall: from the save to that line). Target: 1.0x.
  batch   `workbook batch` of N made-up clients (--jobs, default: the machine's cores), against
          one floor render, in wall time (the packets are built in parallel). Target: 5x.
  memory  `workbook batch` of each size in --memory (default 200,2000), once each after the
          rounds: the largest resident set of any of its processes (the parent or a worker).
          Target: flat.

Typst needs `pip install typst` (a benchmark dependency only); without it the Typst ratios are
left out. The build cache lives in a temporary folder for the run, never in the user's own.
It uses nothing from the package but its command line. Measure on a quiet machine when you can;
when you cannot, the ratios are still fair, the seconds are not."""

from __future__ import annotations

import argparse
import csv
import json
import os
import queue
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORKBOOK = [PY, "-m", "workbook"]
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Series:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """CPU seconds (user + sys, with the children it waited for) and wall seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def peak_rss(cmd: list[str], env: dict) -> tuple[int, float]:
    """The largest resident set (KB) of any process of a command (it and the workers it waits
    for), measured from a fresh process of its own; and its wall seconds."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)")
    done = subprocess.run([PY, "-c", probe, *cmd], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    kb, seconds = done.stdout.split()
    return int(kb), float(seconds)


class Watch:
    """A `workbook build --watch` process; rebuild() edits a document and measures the rebuild."""

    def __init__(self, practice: Path, out: Path, env: dict):
        self.practice = practice
        self.proc = subprocess.Popen([*WORKBOOK, "build", "--watch", "-p", str(practice), "-o", str(out)], cwd=ROOT,
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._wait(r"^watching ")

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)

    def _wait(self, pattern: str) -> str:
        while True:
            try:
                line = self.lines.get(timeout=120)
            except queue.Empty:
                sys.exit(f"--watch said nothing matching {pattern!r} for two minutes")
            if "problem" in line or "Traceback" in line:
                sys.exit(f"--watch failed: {line}")
            if re.search(pattern, line):
                return line

    def cpu(self) -> float:
        """The process's CPU seconds so far, with the children it waited for (the forked layout)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / TICK  # utime, stime, cutime, cstime

    def rebuild(self, n: int) -> tuple[float, float, float]:
        """CPU and wall seconds from the save to the rebuild's line, and the rebuild's own time
        as the line gives it (without the wait for the save to be noticed)."""
        cpu = self.cpu()
        start = time.perf_counter()
        edit_sentence(self.practice, f"watched, round {n}")
        said = self._wait(r"laid out .* in ([\d.]+) s")
        wall = time.perf_counter() - start
        return self.cpu() - cpu, wall, float(re.search(r" in ([\d.]+) s", said).group(1))

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)


def has_typst() -> bool:
    return subprocess.run([PY, "-c", "import typst"], capture_output=True).returncode == 0


def edit_sentence(practice: Path, ending: str) -> Path:
    """Change one sentence of the practice's first document: its first prose line gets a new
    ending (never one used before in the run, or the cache would already hold the result)."""
    for doc in sorted((practice / "content").glob("*.yaml")):
        lines = doc.read_text(encoding="utf-8").splitlines(keepends=True)
        for i, line in enumerate(lines):
            if re.match(r"^\s{4,}[A-Za-z][^:#{}]*\.\s*$", line):
                lines[i] = re.sub(r"( \(edit [^)]*\))?\.\s*$", f" (edit {ending}).\n", line)
                doc.write_text("".join(lines), encoding="utf-8")
                return doc
    sys.exit(f"no sentence to edit in {practice / 'content'}")


def make_clients(path: Path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["client", "clinician", "date"])
        for i in range(n):
            out.writerow([f"Client Number {i:05d}", "Dr. Bench", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"])


def ratio(num: Series, den: Series, kind: str = "cpu") -> float:
    return statistics.median(a / b for a, b in zip(getattr(num, kind), getattr(den, kind)))


def machine() -> str:
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = "unknown CPU"
    return f"{os.uname().nodename}, {model}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200, help="clients in the batch (default 200)")
    parser.add_argument("--batch-rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                        else os.cpu_count() or 1)
    parser.add_argument("--memory", default="200,2000", help="batch sizes whose peak memory is measured")
    parser.add_argument("--only", default="build,edit,batch,memory")
    parser.add_argument("--json", action="store_true", help="print the raw series as JSON too")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    typst = has_typst()
    s: dict[str, Series] = {}
    load_before = os.getloadavg()

    # The package byte-compiled, as `pip install` leaves it and as the libraries the floor
    # imports are: otherwise, with PYTHONDONTWRITEBYTECODE set, every run of `workbook` from
    # this checkout would compile its source again (about 0.1 s of CPU) and the floor's would not.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "workbook")], check=True)
    with tempfile.TemporaryDirectory(prefix="kap-compare-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "each").mkdir()
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}

        def measure(name: str, cmd: list[str]) -> None:
            cpu, wall = run(cmd, env)
            s.setdefault(name, Series()).cpu.append(cpu)
            s[name].wall.append(wall)

        floor = [PY, str(ROOT / "bench" / "floor.py"), "-o", str(tmp / "floor.pdf")]
        typst_cmd = [PY, str(ROOT / "bench" / "typst" / "build.py"), "-o", str(tmp / "typst.pdf")]
        watch = None
        if "edit" in parts:
            for name in ("practice", "watched"):
                subprocess.run([*WORKBOOK, "init", str(tmp / name)], cwd=ROOT, env=env, check=True, capture_output=True)
            subprocess.run([*WORKBOOK, "build", "-p", str(tmp / "practice"), "-o", str(tmp / "edit")], cwd=ROOT,
                           env=env, check=True, capture_output=True)
            watch = Watch(tmp / "watched", tmp / "watched-out", env)
        try:
            for r in range(args.rounds):
                if parts & {"build", "edit"}:
                    measure("floor", floor)
                    if typst:
                        measure("typst", typst_cmd)
                if "build" in parts:
                    measure("build", [*WORKBOOK, "build", "--no-cache", "-o", str(tmp / f"cold{r}")])
                    measure("floor, each", [PY, str(ROOT / "bench" / "floor.py"), "--each", "-o",
                                            str(tmp / "each" / "workbook.pdf")])
                if watch is not None:
                    edit_sentence(tmp / "practice", f"round {r}")
                    measure("edit", [*WORKBOOK, "build", "-p", str(tmp / "practice"), "-o", str(tmp / "edit")])
                    cpu, wall, own = watch.rebuild(r)
                    s.setdefault("watch", Series()).cpu.append(cpu)
                    s["watch"].wall.append(wall)
                    s.setdefault("watch, as it says", Series()).wall.append(own)
                print(f"round {r + 1}/{args.rounds}", file=sys.stderr, end="\r")
        finally:
            if watch is not None:
                watch.stop()
        if "batch" in parts:
            clients = tmp / "clients.csv"
            make_clients(clients, args.batch)
            for r in range(args.batch_rounds):
                measure("batch floor", floor)
                measure("batch", [*WORKBOOK, "batch", str(clients), "-o", str(tmp / f"packets{r}"), "--jobs", str(args.jobs)])
                print(f"batch round {r + 1}/{args.batch_rounds}", file=sys.stderr, end="\r")
        memory = {}
        if "memory" in parts:
            for n in (int(v) for v in args.memory.split(",")):
                make_clients(tmp / f"clients{n}.csv", n)
                memory[n] = peak_rss([*WORKBOOK, "batch", str(tmp / f"clients{n}.csv"), "-o", str(tmp / f"memory{n}"),
                                      "--jobs", str(args.jobs)], env)
                print(f"memory: {n} packets", file=sys.stderr, end="\r")
        print(file=sys.stderr)  # end the progress line
        sizes = {p.name: p.stat().st_size for p in [tmp / "floor.pdf", tmp / "typst.pdf", tmp / "cold0" / "workbook.pdf"]
                 if p.exists()}
        cold = tmp / "cold0"
        total = sum(p.stat().st_size for p in cold.glob("*.pdf")) if cold.is_dir() else 0

    load_after = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M')}; {machine()}")
    rounds = [f"{args.rounds} rounds"] if parts & {"build", "edit"} else []
    rounds += [f"{args.batch_rounds} for the batch"] if "batch" in parts else []
    print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; medians of {', '.join(rounds)}")
    print(f"{'':40} {'CPU s':>7} {'wall s':>7}")
    rows = [("floor: raw ReportLab, 1 PDF", "floor"), ("typst: no fields, 1 PDF", "typst"),
            ("workbook build --no-cache (all PDFs)", "build"), ("floor --each: the same 14 PDFs", "floor, each"),
            ("edit + workbook build -p (cache)", "edit"),
            ("edit + rebuild by --watch", "watch"), (f"batch {args.batch} packets, --jobs {args.jobs}", "batch"),
            ("floor, beside the batch", "batch floor")]
    for label, name in rows:
        if name in s:
            print(f"{label:40} {statistics.median(s[name].cpu):7.3f} {statistics.median(s[name].wall):7.3f}")
    print("ratios (median of per-round ratios):")
    if "build" in s:
        print(f"  cold build / floor           CPU {ratio(s['build'], s['floor']):5.2f}x  wall "
              f"{ratio(s['build'], s['floor'], 'wall'):5.2f}x   target 1.25x"
              + (f"; / typst CPU {ratio(s['build'], s['typst']):.2f}x" if "typst" in s else ""))
        print(f"  cold build / floor --each    CPU {ratio(s['build'], s['floor, each']):5.2f}x  wall "
              f"{ratio(s['build'], s['floor, each'], 'wall'):5.2f}x   (the same PDFs: each document, and the workbook)")
    for name, label in (("watch", "edit, --watch / typst       "), ("edit", "edit, new process / typst   ")):
        if name in s and "typst" in s:
            print(f"  {label} CPU {ratio(s[name], s['typst']):5.2f}x  wall {ratio(s[name], s['typst'], 'wall'):5.2f}x"
                  f"   target 1.0x; / floor CPU {ratio(s[name], s['floor']):.2f}x")
            if name == "watch":
                own = s["watch, as it says"]
                print(f"  {'':28} wall of the rebuild alone, as --watch reports it: {statistics.median(own.wall):.3f} s, "
                      f"{ratio(own, s['typst'], 'wall'):.2f}x typst")
        elif name in s:
            print(f"  {label.replace('typst', 'floor')} CPU {ratio(s[name], s['floor']):5.2f}x  (typst not installed)")
    if "batch" in s:
        b = s["batch"]
        print(f"  batch / one floor render     wall {ratio(b, s['batch floor'], 'wall'):5.1f}x   target 5x; "
              f"{args.batch / statistics.median(b.wall):.0f} packets/s, {1000 * statistics.median(b.cpu) / args.batch:.0f} ms "
              "CPU a packet")
    for n, (kb, seconds) in memory.items():
        print(f"  batch of {n:>6,} packets: largest process {kb / 1024:6.1f} MB; {seconds:6.2f} s wall, "
              f"{n / seconds:.0f} packets/s")
    print("sizes: " + ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in sizes.items())
          + (f"; all PDFs of a build {total / 1024:.0f} KB" if total else ""))
    if args.json:
        print(json.dumps({k: {"cpu": v.cpu, "wall": v.wall} for k, v in s.items()}))


if __name__ == "__main__":
    main()
