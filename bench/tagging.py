"""What tagging for screen readers costs: the whole default build, tagged and untagged, as a user
runs it (a fresh `python -m workbook build` each time), interleaved in alternating order.

    python bench/tagging.py [--rounds N] [--flat]

CPU time is user + system of the process and of the worker it forks for the bound workbook,
so other work on a shared machine counts less than in wall time. The figure that matters is
the ratio tagged / untagged within each round; its median is reported with the range."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(out: Path, flags: list[str]) -> tuple[float, float, int]:
    """One build: (CPU seconds, wall seconds, bytes written)."""
    before, start = os.times(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "workbook", "build", "-o", str(out), *flags], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, after = time.perf_counter() - start, os.times()
    cpu = after.children_user + after.children_system - before.children_user - before.children_system
    return cpu, wall, sum(p.stat().st_size for p in out.glob("*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description="Tagged against untagged: the whole default build.")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--flat", action="store_true")
    args = parser.parse_args()
    # --no-cache: a tagged build is otherwise read from the build cache (untagged ones never are)
    flags = ["--no-cache", *(["--flat"] if args.flat else [])]
    modes = {"tagged": flags, "untagged": [*flags, "--untagged"]}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    wall: dict[str, list[float]] = {m: [] for m in modes}
    size: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in modes:  # warm the disk cache and the .pyc files
            run(Path(tmp) / mode, modes[mode])
        for r in range(args.rounds):
            for mode in (list(modes) if r % 2 == 0 else list(reversed(modes))):
                c, w, size[mode] = run(Path(tmp) / mode, modes[mode])
                cpu[mode].append(c)
                wall[mode].append(w)
    ratio = [t / u for t, u in zip(cpu["tagged"], cpu["untagged"])]
    print(f"whole `workbook build{' --flat' if args.flat else ''}`, {args.rounds} interleaved rounds")
    for mode in modes:
        print(f"  {mode:9} CPU median {statistics.median(cpu[mode]):.3f} s, wall median "
              f"{statistics.median(wall[mode]):.3f} s, {size[mode] / 1024:.0f} KB")
    print(f"  tagged / untagged CPU: median {statistics.median(ratio):.3f} "
          f"[{min(ratio):.3f} .. {max(ratio):.3f}]; wall: median "
          f"{statistics.median(wall['tagged']) / statistics.median(wall['untagged']):.3f}")


if __name__ == "__main__":
    main()
