#!/usr/bin/env python3
"""Writes Tests/BenchsiteKitTests/Fixtures/scipy-stats.json: reference values for the tests across
runs and prompts. Needs SciPy.

- Student's t: two-sided p-values (2 · scipy.stats.t.sf(|t|, df)) and quantiles (t.ppf).
- Welch's t-test: scipy.stats.ttest_ind(x, y, equal_var=False) on log levels (statistic, df, p).
- Van Elteren's stratified rank-sum test: with one stratum it is the Mann-Whitney U test without
  continuity correction (scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=False)); with
  several strata, the statistic computed here from its definition (van Elteren 1960; Lehmann,
  Nonparametrics, 1975, §3.3): sum over strata of W_h / (N_h + 1), W_h the rank sum of the baseline
  in stratum h (midranks from scipy.stats.rankdata), its expectation and tie-corrected variance.
"""
import json
import math
import pathlib
import random

import numpy as np
import scipy
from scipy import stats

rng = random.Random(23)

t_cases = [(t, df) for t in (0.0, 0.5, 1.96, 2.5, 4.0, 12.0, -3.1) for df in (1, 2, 3.5, 7, 19, 30, 120, 1000)]
t_values = [{"t": t, "df": df, "p": float(2 * stats.t.sf(abs(t), df))} for t, df in t_cases]
q_cases = [(p, df) for p in (0.5, 0.9, 0.975, 0.995, 0.9995, 0.025) for df in (1, 2, 3, 4.5, 9, 19, 60, 500)]
t_quantiles = [{"p": p, "df": df, "q": float(stats.t.ppf(p, df))} for p, df in q_cases]

welch = []
for name, (x, y) in {
    "3 runs a side, 30% slower": ([1.00, 1.03, 0.98], [1.31, 1.27, 1.33]),
    "5 against 8, no change": ([rng.lognormvariate(0, 0.04) for _ in range(5)], [rng.lognormvariate(0, 0.04) for _ in range(8)]),
    "unequal spreads": ([rng.lognormvariate(0, 0.01) for _ in range(6)], [rng.lognormvariate(0.05, 0.08) for _ in range(6)]),
    "2 against 2": ([2.0, 2.1], [2.3, 2.25]),
}.items():
    lx, ly = [math.log(v) for v in x], [math.log(v) for v in y]
    r = stats.ttest_ind(ly, lx, equal_var=False)
    welch.append({"name": name, "x": lx, "y": ly, "t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue)})


def van_elteren(strata):
    statistic = variance = 0.0
    for x, y in strata:
        if not x or not y:
            continue
        n1, n2 = len(x), len(y)
        n = n1 + n2
        ranks = stats.rankdata(list(x) + list(y))
        w = float(ranks[:n1].sum())
        _, counts = np.unique(np.array(list(x) + list(y)), return_counts=True)
        ties = float(((counts ** 3) - counts).sum())
        var = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
        statistic += (w - n1 * (n + 1) / 2) / (n + 1)
        variance += var / (n + 1) ** 2
    z = -statistic / math.sqrt(variance)
    return z, float(2 * stats.norm.sf(abs(z)))


def prompts(levels, n, shift, noise=0.1):
    return [([lv * rng.lognormvariate(0, noise) for _ in range(n)], [lv * shift * rng.lognormvariate(0, noise) for _ in range(n)]) for lv in levels]


elteren = []
one = ([rng.lognormvariate(0, 0.2) for _ in range(25)], [rng.lognormvariate(0.1, 0.2) for _ in range(30)])
mw = stats.mannwhitneyu(one[1], one[0], method="asymptotic", use_continuity=False)
z, p = van_elteren([one])
assert abs(p - mw.pvalue) < 1e-12, (p, mw.pvalue)
for name, strata in {
    "one stratum (Mann-Whitney without continuity correction)": [one],
    "4 prompts 1:1.6:2.5:4, 5 requests each, 30% slower": prompts([1, 1.6, 2.5, 4], 5, 1.3),
    "4 prompts, 5 requests each, no change": prompts([1, 1.6, 2.5, 4], 5, 1.0),
    "3 prompts of different sizes, ties": [([1, 2, 2, 3], [2, 3, 3, 4, 5]), ([10, 11, 11], [11, 12, 13, 13]), ([5.5, 6.5], [6.0, 7.0, 7.5])],
    "a prompt on one side only": [([1.0, 1.1, 0.9], [1.2, 1.3, 1.25]), ([4.0, 4.2], [])],
}.items():
    z, p = van_elteren(strata)
    elteren.append({"name": name, "strata": [{"baseline": list(x), "contender": list(y)} for x, y in strata], "z": z, "p": p})

path = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "BenchsiteKitTests" / "Fixtures" / "scipy-stats.json"
path.write_text(json.dumps({"scipy": scipy.__version__, "t": t_values, "t_quantiles": t_quantiles, "welch": welch, "van_elteren": elteren}, indent=1) + "\n")
print(f"wrote {path}")
