#!/usr/bin/env python3
"""Small pyperf Runner suite: several benchmarks in one output file."""
import time
import pyperf


def sort_list(n):
    sorted(list(range(n, 0, -1)))


def time_inner(loops):
    # bench_time_func: returns the raw total time of `loops` outer loops,
    # each doing 10 inner iterations (declared with inner_loops=10).
    t0 = pyperf.perf_counter()
    for _ in range(loops):
        for _ in range(10):
            "-".join(["a", "b", "c"])
    return pyperf.perf_counter() - t0


runner = pyperf.Runner(values=3, processes=4, warmups=1)
runner.metadata['description'] = "benchsite fixture suite"
runner.bench_func('sort_list_1000', sort_list, 1000, metadata={'tags': ['sort']})
runner.bench_time_func('join_inner10', time_inner, inner_loops=10)
runner.timeit('dict_lookup', stmt="d['k']", setup="d={'k': 1}")
