#!/usr/bin/env python3
"""Writes a benchmark suite's nightly history in Google Benchmark's JSON (1.8 shape, with
repetitions and their aggregates): many benchmarks whose times span nanoseconds to milliseconds,
a few regressing on the last night. CI builds a site from it to check pages at that scale.

    scripts/generate-suite.py OUT_DIR [--benchmarks 200] [--nights 12] [--repetitions 5]
"""
import argparse
import json
import pathlib
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--benchmarks", type=int, default=200)
    parser.add_argument("--nights", type=int, default=12)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(200)
    families = ["BM_Parse", "BM_Serialize", "BM_HashMap", "BM_Sort", "BM_Regex", "BM_Compress", "BM_Tokenize",
                "BM_Matmul"]
    suite = []
    for i in range(args.benchmarks):
        family = families[i % len(families)]
        size = 2 ** (i // len(families) + 3)
        # From a few ns to a few ms: the unit has to fit the values.
        base_ns = 2.0 * (10 ** rng.uniform(0, 6))
        suite.append((f"{family}/{size}", base_ns))
    regressing = set(rng.sample(range(args.benchmarks), 6))
    improving = set(rng.sample(sorted(set(range(args.benchmarks)) - regressing), 3))
    for night in range(args.nights):
        last = night == args.nights - 1
        entries = []
        for index, (name, base_ns) in enumerate(suite):
            factor = (1.4 if index in regressing else 0.7 if index in improving else 1.0) if last else 1.0
            unit, scale = ("ns", 1.0) if base_ns < 1e4 else ("us", 1e-3) if base_ns < 1e7 else ("ms", 1e-6)
            times = [base_ns * factor * rng.lognormvariate(0, 0.02) * scale for _ in range(args.repetitions)]
            iterations = max(1, int(1e9 / base_ns / 10))
            for r, t in enumerate(times):
                entries.append({"name": name, "family_index": index, "per_family_instance_index": 0,
                                "run_name": name, "run_type": "iteration", "repetitions": args.repetitions,
                                "repetition_index": r, "threads": 1, "iterations": iterations,
                                "real_time": round(t, 6), "cpu_time": round(t * 0.98, 6), "time_unit": unit})
            mean = sum(times) / len(times)
            ordered = sorted(times)
            median = ordered[len(ordered) // 2]
            for aggregate, value in (("mean", mean), ("median", median)):
                entries.append({"name": f"{name}_{aggregate}", "family_index": index, "per_family_instance_index": 0,
                                "run_name": name, "run_type": "aggregate", "repetitions": args.repetitions,
                                "threads": 1, "aggregate_name": aggregate, "aggregate_unit": "time",
                                "iterations": args.repetitions, "real_time": round(value, 6),
                                "cpu_time": round(value * 0.98, 6), "time_unit": unit})
        document = {
            "context": {"date": f"2026-11-{night + 1:02d}T02:00:00+00:00", "host_name": "bench-runner",
                        "executable": "./suite_benchmarks", "num_cpus": 2, "mhz_per_cpu": 2450,
                        "cpu_scaling_enabled": False, "library_version": "v1.8.3", "library_build_type": "release",
                        "json_schema_version": 1},
            "benchmarks": entries,
        }
        (out / f"suite-2026-11-{night + 1:02d}.json").write_text(json.dumps(document, indent=1) + "\n")


if __name__ == "__main__":
    main()
