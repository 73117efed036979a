#!/usr/bin/env python3
"""Writes Tests/BenchsiteKitTests/Fixtures/google-benchmark/compare-py-pvalues.json: the U-test
p-values that Google Benchmark's own tools/compare.py computes for baseline.json against
contender.json (apt-get install libbenchmark-tools ships it under /usr/share/benchmark).
The same p-values, printed rounded, come from:
    python3 /usr/share/benchmark/compare.py benchmarks baseline.json contender.json"""
import json
import pathlib
import sys

sys.path.insert(0, "/usr/share/benchmark")
from gbench import report  # noqa: E402

folder = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "BenchsiteKitTests" / "Fixtures" / "google-benchmark"
a = json.loads((folder / "baseline.json").read_text())
b = json.loads((folder / "contender.json").read_text())
out = {}
for entry in report.get_difference_report(a, b, True):
    utest = entry.get("utest") or {}
    if utest.get("time_pvalue") is not None:
        out[entry["name"]] = {"time_pvalue": utest["time_pvalue"], "cpu_pvalue": utest["cpu_pvalue"]}
(folder / "compare-py-pvalues.json").write_text(json.dumps(out, indent=1) + "\n")
