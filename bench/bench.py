"""Benchmark the full default build: every document plus the bound workbook.

    python bench/bench.py [--runs N]

Prints the median of N runs as a whole process (`python -m workbook build --no-cache`, imports
included) and in-process (warm, no cache), with each stage's share. bench/compare.py gives the
ratios against the floor and Typst that the README reports."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workbook.model.settings import Settings
from workbook.pipeline import Timings, build, load


def whole_process(runs: int, out: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "workbook", "build", "--no-cache", "-o", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(runs: int, out: Path) -> tuple[float, dict[str, float]]:
    build(load(None), out, Settings())  # warm up: modules imported, fonts registered
    times, stages = [], []
    for _ in range(runs):
        timings = Timings()
        start = time.perf_counter()
        build(load(None, timings=timings), out, Settings(), timings=timings)
        times.append(time.perf_counter() - start)
        stages.append(timings.stages)
    return statistics.median(times), {k: statistics.median(s[k] for s in stages) for k in stages[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the full default build.")
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        process = whole_process(runs, out)
        warm, stages = in_process(runs, out)
        pdfs = list(out.glob("*.pdf"))
        size = sum(p.stat().st_size for p in pdfs)
    print(f"full default build ({len(pdfs)} PDFs, {size / 1024:.0f} KB), median of {runs} runs")
    print(f"  whole process  {process:.2f} s")
    print(f"  in-process     {warm:.2f} s")
    for stage, seconds in stages.items():
        print(f"    {stage:<18} {seconds:.3f} s  ({100 * seconds / warm:.0f}%)")


if __name__ == "__main__":
    main()
