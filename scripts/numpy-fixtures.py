#!/usr/bin/env python3
"""Writes Tests/BenchsiteKitTests/Fixtures/numpy-quantiles.json: sample sets and the statistics numpy
computes for them (numpy.percentile with its default linear method, numpy.std with ddof=1).
The quantile tests compare benchsite's numbers with these. Needs numpy."""
import json
import pathlib
import random

import numpy as np

rng = random.Random(7)
cases = {
    "one value": [3.25],
    "two values": [1.0, 2.0],
    "workshop rounds": [38.498725175857544, 38.89013609886169, 39.05744504928589],
    "ties": [1, 1, 1, 2, 2, 3, 5, 5, 5, 5],
    "unsorted with outlier": [0.91, 0.87, 12.4, 0.95, 0.88, 0.9, 0.93, 0.89, 0.92, 0.94, 0.86],
    "lognormal 101": [round(rng.lognormvariate(0.0, 0.4), 6) for _ in range(101)],
    "uniform 1000": [rng.uniform(0.05, 3.0) for _ in range(1000)],
}
out = []
for name, values in cases.items():
    a = np.array(values, dtype=float)
    out.append({
        "name": name,
        "values": values,
        "mean": float(np.mean(a)),
        "stddev": float(np.std(a, ddof=1)) if len(a) > 1 else None,
        "percentiles": {str(q): float(np.percentile(a, q)) for q in (0, 5, 25, 50, 75, 90, 95, 99, 100)},
    })
path = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "BenchsiteKitTests" / "Fixtures" / "numpy-quantiles.json"
path.write_text(json.dumps({"numpy": np.__version__, "cases": out}, indent=1) + "\n")
