#!/usr/bin/env python3
"""Times `benchsite compare` (release build) on two runs of SERIES series x SAMPLES samples each
(fixed seed): Mann-Whitney U, a 1,000-resample bootstrap and Benjamini-Hochberg for every series
and metric. Reports the median wall time of REPEAT runs and the peak memory.

    scripts/benchmark-compare.py                 # 1000 series x 1000 samples, 5 repeats
"""
import argparse
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write_run(path, series, samples, shift, seed):
    rng = random.Random(seed)
    results = []
    for s in range(series):
        base = 0.5 + (s % 50) * 0.05
        factor = shift if s % 10 == 0 else 1.0
        rows = [{"latency_s": round(base * factor * rng.lognormvariate(0, 0.1), 6)} for _ in range(samples)]
        results.append({"model": f"model-{s:04d}", "scenario": "gpu", "samples": rows})
    run = {"format": "benchsite-run/1", "id": path.stem, "timestamp": "2026-10-01T00:00:00Z", "results": results}
    path.write_text(json.dumps(run, separators=(",", ":")))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", default="/tmp/benchsite-compare-benchmark")
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "benchsite"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    binary = ROOT / ".build" / "release" / "benchsite"
    data = pathlib.Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    a, b = data / f"baseline-{args.series}x{args.samples}.json", data / f"contender-{args.series}x{args.samples}.json"
    if not a.exists():
        write_run(a, args.series, args.samples, 1.0, 1)
        write_run(b, args.series, args.samples, 1.08, 2)
    print(f"input: 2 runs x {args.series} series x {args.samples} samples ({a.stat().st_size / 1e6:.0f} MB each)")
    times, peaks = [], []
    for i in range(args.repeat):
        start = time.perf_counter()
        child = subprocess.Popen([str(binary), "compare", str(a), str(b), "--format", "json"], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            print(f"benchsite exited with status {status}", file=sys.stderr)
            return 1
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)
        print(f"  run {i + 1}: {elapsed:.2f} s, peak {usage.ru_maxrss / 1024:.0f} MiB")
    print(f"median: {statistics.median(times):.2f} s, peak memory {max(peaks):.0f} MiB, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
