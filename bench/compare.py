"""Compare `workbook` with a raw-ReportLab floor and with Typst, in one interleaved run.

    python bench/compare.py [--rounds 7] [--batch 200] [--batch-rounds 3] [--jobs N]
                            [--only build,edit,batch] [--json]

Everything is a whole process, started the way a person starts it, and measured by the CPU
time (user + system, the process and the children it waited for) that the operating system
charges to it, and by wall time. Each round runs every contender once, one after the other, so
that a busy or drifting machine slows all of them alike; the table gives the median of the
rounds, and each RATIO is the median of the rounds' own ratios (a contender against the
reference measured in the same round).

  build   cold `python -m workbook build` of the default content into an empty folder (with
          --no-cache when the command has that option), against the floor (bench/floor.py:
          a plain platypus script rendering the bound workbook from the same content, with
          the same fields, QR codes, fonts and "Page X of Y") and Typst (bench/typst/build.py,
          no fields; skipped when the `typst` package is not installed).
  edit    the edit loop: a practice folder from `workbook init`, built once; then one
          sentence of one of its documents is changed (a different sentence each round) and
          `workbook build -p` runs again. Against a cold Typst compile (and the floor).
  batch   `workbook batch` of N made-up clients (--jobs, default: the machine's core count),
          against one floor render; wall time matters here (the packets are built in
          parallel), CPU time is shown too.

It uses nothing from the package but its command line, so it keeps working while the package
is restructured. Run it from anywhere; it finds the repository from its own path. Measure on a
quiet machine when you can; when you cannot, the ratios are still fair, the seconds are not."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORKBOOK = [PY, "-m", "workbook"]


@dataclass
class Series:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


def run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """CPU seconds (user + sys, with the children it waited for) and wall seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def has_typst() -> bool:
    return subprocess.run([PY, "-c", "import typst"], capture_output=True).returncode == 0


def build_options() -> list[str]:
    """Options that make a build cold whatever caching the command has grown."""
    help_text = subprocess.run([*WORKBOOK, "build", "--help"], cwd=ROOT, capture_output=True, text=True).stdout
    return ["--no-cache"] if "--no-cache" in help_text else []


def edit_sentence(practice: Path, n: int) -> Path:
    """Change one sentence of the practice's first document: a prose line gets a new ending."""
    for doc in sorted((practice / "content").glob("*.yaml")):
        lines = doc.read_text(encoding="utf-8").splitlines(keepends=True)
        for i, line in enumerate(lines):
            if re.match(r"^\s{4,}[A-Z][^:#{}]*\.\s*$", line):
                lines[i] = line.rstrip().removesuffix(".") + f", edit {n}.\n"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200, help="clients in the batch (default 200)")
    parser.add_argument("--batch-rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", default="build,edit,batch")
    parser.add_argument("--json", action="store_true", help="print the raw series as JSON too")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    typst = has_typst()
    cold = build_options()
    s: dict[str, Series] = {}

    def measure(name: str, cmd: list[str], cwd: Path = ROOT) -> None:
        cpu, wall = run(cmd, cwd)
        series = s.setdefault(name, Series())
        series.cpu.append(cpu)
        series.wall.append(wall)

    with tempfile.TemporaryDirectory(prefix="kap-compare-") as tmp:
        tmp = Path(tmp)
        floor = [PY, str(ROOT / "bench" / "floor.py"), "-o", str(tmp / "floor.pdf")]
        typst_cmd = [PY, str(ROOT / "bench" / "typst" / "build.py"), "-o", str(tmp / "typst.pdf")]
        practice = tmp / "practice"
        if "edit" in parts:
            subprocess.run([*WORKBOOK, "init", str(practice)], cwd=ROOT, check=True, capture_output=True)
            subprocess.run([*WORKBOOK, "build", "-p", str(practice), "-o", str(tmp / "edit")], cwd=ROOT, check=True,
                           capture_output=True)
        for r in range(args.rounds):
            if "build" in parts or "edit" in parts:
                measure("floor", floor)
                if typst:
                    measure("typst", typst_cmd)
            if "build" in parts:
                measure("build", [*WORKBOOK, "build", *cold, "-o", str(tmp / f"cold{r}")])
            if "edit" in parts:
                edit_sentence(practice, r)
                measure("edit", [*WORKBOOK, "build", "-p", str(practice), "-o", str(tmp / "edit")])
            print(f"round {r + 1}/{args.rounds}", file=sys.stderr, end="\r")
        if "batch" in parts:
            clients = tmp / "clients.csv"
            make_clients(clients, args.batch)
            for r in range(args.batch_rounds):
                measure("batch floor", floor)
                measure("batch", [*WORKBOOK, "batch", str(clients), "-o", str(tmp / f"packets{r}"), "--jobs", str(args.jobs)])
                print(f"batch round {r + 1}/{args.batch_rounds}", file=sys.stderr, end="\r")
        print(file=sys.stderr)  # end the progress line
        sizes = {p.name: p.stat().st_size for p in [tmp / "floor.pdf", tmp / "typst.pdf", tmp / "cold0" / "workbook.pdf"]
                 if p.exists()}

    print(f"{os.uname().nodename}: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}, load {os.getloadavg()[0]:.2f}; medians of {args.rounds} rounds"
          + (f" ({args.batch_rounds} for the batch)" if "batch" in parts else ""))
    print(f"{'':34} {'CPU s':>7} {'wall s':>7}  {'CPU ratio':>16}")
    rows = [("floor (raw ReportLab, 1 PDF)", "floor", None), ("typst (no fields, 1 PDF)", "typst", "floor"),
            ("workbook build, cold (9 PDFs)", "build", "floor"), ("", "build", "typst"),
            ("edit one sentence, rebuild", "edit", "typst"), ("", "edit", "floor"),
            (f"batch {args.batch} packets, --jobs {args.jobs}", "batch", "batch floor")]
    for label, name, ref in rows:
        if name not in s or (ref and ref not in s):
            continue
        left = f"{label:34} {statistics.median(s[name].cpu):7.3f} {statistics.median(s[name].wall):7.3f}" if label \
            else " " * 50
        right = f"{ratio(s[name], s[ref]):6.2f}x {ref}" if ref else ""
        print(f"{left}  {right}")
    if "batch" in s:
        b = s["batch"]
        print(f"  batch: {ratio(b, s['batch floor'], 'wall'):.1f}x one floor render in wall time; "
              f"{args.batch / statistics.median(b.wall):.0f} packets/s; "
              f"{1000 * statistics.median(b.cpu) / args.batch:.0f} ms CPU a packet")
    print("  sizes: " + ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in sizes.items()))
    if args.json:
        print(json.dumps({k: {"cpu": v.cpu, "wall": v.wall} for k, v in s.items()}))


if __name__ == "__main__":
    main()
