#!/usr/bin/env python3
"""Measures `benchsite build` on a synthetic history (release build).

Generates RUNS runs x MODELS models x SAMPLES samples in benchsite's run format (fixed seed),
builds the site REPEAT times into a fresh folder each time, and reports the median wall time
and the peak resident memory of the benchsite process.

    scripts/benchmark.py                      # 500 runs x 10 models x 200 samples, 5 repeats
    scripts/benchmark.py --runs 50 --repeat 3 # smaller
"""
import argparse
import json
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def generate(folder: pathlib.Path, runs: int, models: int, samples: int) -> int:
    marker = folder / f".generated-{runs}-{models}-{samples}"
    if marker.exists():
        return sum(f.stat().st_size for f in folder.glob("*.json"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(1234)
    prompts = [f"Prompt number {i}: explain topic {i} briefly." for i in range(4)]
    total = 0
    for r in range(runs):
        day = r % 28 + 1
        month = (r // 28) % 12 + 1
        year = 2020 + r // (28 * 12)
        results = []
        for m in range(models):
            base = 0.5 + m * 0.3
            rows = []
            for s in range(samples):
                latency = base * rng.lognormvariate(0, 0.1)
                rows.append({"prompt_index": s % 4, "latency_s": round(latency, 5), "ttft_s": round(latency * 0.1, 5),
                             "prompt_tokens": 12, "completion_tokens": rng.randint(80, 160)})
            results.append({"model": f"model-{m:02d}", "scenario": "gpu", "samples": rows})
        run = {"format": "benchsite-run/1", "id": f"run-{r:04d}", "timestamp": f"{year:04d}-{month:02d}-{day:02d}T02:00:00Z",
               "environment": {"host": "bench"}, "prompts": prompts, "results": results}
        text = json.dumps(run, separators=(",", ":"))
        (folder / f"run-{r:04d}.json").write_text(text)
        total += len(text)
    marker.write_text("")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--models", type=int, default=10)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", default="/tmp/benchsite-benchmark")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "benchsite"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = ROOT / ".build" / "release" / "benchsite"
    data = pathlib.Path(args.data) / "history"
    size = generate(data, args.runs, args.models, args.samples)
    print(f"input: {args.runs} runs x {args.models} models x {args.samples} samples "
          f"= {args.runs * args.models * args.samples:,} samples in {args.runs} files, {size / 1e6:.0f} MB")

    times, peaks = [], []
    for i in range(args.repeat):
        out = pathlib.Path(args.data) / "site"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        child = subprocess.Popen([str(binary), "build", str(data), "--out", str(out), "--quiet"])
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            print(f"benchsite exited with status {status}", file=sys.stderr)
            return 1
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)  # KiB -> MiB
        print(f"  run {i + 1}: {elapsed:.2f} s, peak {usage.ru_maxrss / 1024:.0f} MiB")
    pages = sum(1 for _ in (pathlib.Path(args.data) / "site").rglob("*.html"))
    print(f"median: {statistics.median(times):.2f} s, peak memory (max of runs): {max(peaks):.0f} MiB, {pages} pages, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
