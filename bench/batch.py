"""Benchmark `workbook batch`: wall time and peak memory for 200 and 1,000 clients.

    PYTHONPATH=. python bench/batch.py [--jobs 2] [--sizes 200,1000]

Each size runs in a fresh process (so peak memory is its own): the batch itself, through the
real CLI, into a temporary folder. Peak memory is the largest resident set of any one process
(the parent, or a worker), from getrusage."""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_csv(path: Path, n: int) -> None:
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["client", "clinician", "date"])
        for i in range(n):
            out.writerow([f"Client Number {i:04d}", "Dr. Bench", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"])


def one(n: int, jobs: int) -> dict:
    """Run in a child process: one batch of n clients; report time and peak memory."""
    from workbook.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        clients = Path(tmp) / "clients.csv"
        make_csv(clients, n)
        start = time.perf_counter()
        try:
            main(["batch", str(clients), "-o", str(Path(tmp) / "out"), "--jobs", str(jobs)], standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                raise
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").iterdir())
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"clients": n, "jobs": jobs, "seconds": round(seconds, 2), "per_packet_ms": round(1000 * seconds / n, 1),
            "peak_rss_mb": round(peak_kb / 1024, 1), "output_mb": round(size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sizes", default="200,1000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.jobs)))
        return
    for n in (int(s) for s in args.sizes.split(",")):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--one", str(n), "--jobs", str(args.jobs)],
                              capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["process_seconds"] = round(time.perf_counter() - start, 2)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
