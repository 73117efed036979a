#!/usr/bin/env python3
"""Writes Tests/BenchsiteKitTests/Fixtures/corpus-numpy.json: for every series in ../shared/corpus
that has raw samples, the statistics numpy computes from them (percentile: linear, std: ddof=1).
A test checks that benchsite's data/summary.csv agrees. Needs numpy."""
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
rows = []


def add(run_id, model, scenario, metric, values):
    a = np.array([v for v in values if v is not None], dtype=float)
    if len(a) == 0:
        return
    rows.append({
        "run_id": run_id, "model": model, "scenario": scenario, "metric": metric, "n": int(len(a)),
        "mean": float(np.mean(a)), "stddev": float(np.std(a, ddof=1)) if len(a) > 1 else None,
        "min": float(np.min(a)), "p50": float(np.percentile(a, 50)), "p90": float(np.percentile(a, 90)),
        "p95": float(np.percentile(a, 95)), "p99": float(np.percentile(a, 99)), "max": float(np.max(a)),
    })


for path in sorted((CORPUS / "llmperf" / "individual").glob("*.json")):
    summary = json.loads((CORPUS / "llmperf" / "summary" / path.name).read_text())
    model, scenario = summary["model"], f"concurrency {summary['num_concurrent_requests']}"
    ok = [r for r in json.loads(path.read_text()) if r.get("error_code") is None and not r.get("error_msg")]
    add(path.stem, model, scenario, "latency", [r["end_to_end_latency_s"] for r in ok])
    add(path.stem, model, scenario, "ttft", [r["ttft_s"] for r in ok])
    add(path.stem, model, scenario, "itl", [r["inter_token_latency_s"] for r in ok])
    add(path.stem, model, scenario, "per_request_throughput", [r["request_output_throughput_token_per_s"] for r in ok])

hyper = json.loads((CORPUS / "hyperfine" / "1brc.json").read_text())
for result in hyper["results"]:
    times = [t for t, c in zip(result["times"], result.get("exit_codes", [0] * len(result["times"]))) if c == 0]
    add("1brc", result["command"], "default", "latency", times)

for test in json.loads((CORPUS / "llama-bench" / "llama-bench.json").read_text()):
    name = pathlib.Path(test["model_filename"]).stem
    parts = [p for p in (f"pp{test['n_prompt']}" if test["n_prompt"] else None, f"tg{test['n_gen']}" if test["n_gen"] else None) if p]
    scenario = "+".join(parts) + (f" @ d{test['n_depth']}" if test.get("n_depth") else "")
    add("llama-bench", name, scenario, "latency", [ns / 1e9 for ns in test["samples_ns"]])
    add("llama-bench", name, scenario, "throughput", test["samples_ts"])

scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
for path in sorted((CORPUS / "google-benchmark").glob("*.json")):
    data = json.loads(path.read_text())
    groups = {}
    for row in data["benchmarks"]:
        if row.get("run_type") == "aggregate" or "aggregate_name" in row or "real_time" not in row:
            continue
        name = row.get("run_name", row["name"])
        groups.setdefault(name, []).append(row)
    for name, items in groups.items():
        add(path.stem, name, "default", "latency", [r["real_time"] * scale[r.get("time_unit", "ns")] for r in items])
        add(path.stem, name, "default", "cpu_time", [r["cpu_time"] * scale[r.get("time_unit", "ns")] for r in items])

out = ROOT / "Tests" / "BenchsiteKitTests" / "Fixtures" / "corpus-numpy.json"
out.write_text(json.dumps({"numpy": np.__version__, "rows": rows}, indent=1) + "\n")
print(f"{len(rows)} series")
