#!/usr/bin/env python3
"""Writes Tests/BenchsiteKitTests/Fixtures/scipy-mannwhitneyu.json: sample pairs with SciPy's
two-sided mannwhitneyu (defaults: method="auto", use_continuity=True) and Benjamini-Hochberg
adjusted p-values (scipy.stats.false_discovery_control). Needs SciPy."""
import json
import pathlib
import random

import scipy
from scipy import stats

rng = random.Random(11)
cases = {
    "exact, small, no ties": ([1.1, 2.3, 0.7, 4.2, 3.3], [2.9, 5.1, 6.0, 4.4, 7.2, 3.8, 5.5]),
    "exact, 3 against 20": ([0.5, 0.9, 1.4], [round(rng.uniform(0.6, 3.0), 6) for _ in range(20)]),
    "exact, 8 against 8": ([rng.gauss(1.0, 0.1) for _ in range(8)], [rng.gauss(1.1, 0.1) for _ in range(8)]),
    "exact, extreme": ([1, 2, 3, 4], [5, 6, 7, 8, 9]),
    "ties, small": ([1, 2, 2, 3, 4], [2, 3, 3, 5, 6, 6]),
    "asymptotic, 30 against 40": ([rng.lognormvariate(0, 0.3) for _ in range(30)], [rng.lognormvariate(0.1, 0.3) for _ in range(40)]),
    "asymptotic, ties from rounding": ([round(rng.gauss(10, 1), 1) for _ in range(50)], [round(rng.gauss(10.3, 1), 1) for _ in range(60)]),
    "identical": ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]),
    "asymptotic, 200 against 200": ([rng.lognormvariate(0, 0.2) for _ in range(200)], [rng.lognormvariate(0.02, 0.2) for _ in range(200)]),
}
out = []
for name, (x, y) in cases.items():
    r = stats.mannwhitneyu(x, y)
    out.append({"name": name, "x": x, "y": y, "u1": float(r.statistic), "p": float(r.pvalue)})
ps = [c["p"] for c in out]
bh = [float(v) for v in stats.false_discovery_control(ps)]
path = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "BenchsiteKitTests" / "Fixtures" / "scipy-mannwhitneyu.json"
path.write_text(json.dumps({"scipy": scipy.__version__, "cases": out, "bh_input": ps, "bh": bh}, indent=1) + "\n")
