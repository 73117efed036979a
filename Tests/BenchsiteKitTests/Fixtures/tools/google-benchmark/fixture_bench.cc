// benchsite fixture: exercises aggregates, complexity (BigO/RMS), errors, skips,
// user counters, threads, time units.
#include <benchmark/benchmark.h>
#include <algorithm>
#include <numeric>
#include <vector>

// 1) Complexity benchmark: O(N) with automatic fit and an explicit oN fit.
static void BM_VectorSum(benchmark::State& state) {
  std::vector<int> v(static_cast<size_t>(state.range(0)), 1);
  for (auto _ : state) {
    int s = std::accumulate(v.begin(), v.end(), 0);
    benchmark::DoNotOptimize(s);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_VectorSum)->RangeMultiplier(4)->Range(64, 16384)->Complexity(benchmark::oN);

static void BM_SortAuto(benchmark::State& state) {
  std::vector<int> v(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>((i * 7919) % 1000);
    state.ResumeTiming();
    std::sort(v.begin(), v.end());
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_SortAuto)->RangeMultiplier(4)->Range(256, 4096)->Complexity();

// 2) Errors in every repetition.
static void BM_AlwaysError(benchmark::State& state) {
  state.SkipWithError("backend unavailable");
  for (auto _ : state) {
  }
}
BENCHMARK(BM_AlwaysError)->Repetitions(3);

#ifndef NO_FLAKY
// 3) Error in one repetition of three (the second): aggregates over the others.
static int g_rep = 0;
static void BM_FlakyError(benchmark::State& state) {
  int rep = g_rep++;
  if (rep == 1) {
    state.SkipWithError("transient failure");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(rep);
  }
}
BENCHMARK(BM_FlakyError)->Repetitions(3)->Iterations(1000);
#endif  // NO_FLAKY (v1.7.1 aborts in ComputeStats: errored repetition has a different iteration count)

#ifdef HAVE_SKIP_WITH_MESSAGE
// 4) Skipped (not an error) - SkipWithMessage exists from v1.8.0 on.
static void BM_Skipped(benchmark::State& state) {
  state.SkipWithMessage("not supported on this platform");
  for (auto _ : state) {
  }
}
BENCHMARK(BM_Skipped);
#endif

// 5) Repetitions with aggregates, user counters (plain, rate, avg-per-thread), ms unit.
static void BM_Counters(benchmark::State& state) {
  std::vector<char> buf(4096, 'x');
  size_t bytes = 0;
  for (auto _ : state) {
    std::vector<char> copy(buf);
    benchmark::DoNotOptimize(copy.data());
    bytes += copy.size();
  }
  state.counters["items"] = static_cast<double>(state.iterations());
  state.counters["bytes_per_second"] =
      benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kIsRate);
  state.counters["foo"] = benchmark::Counter(3.0, benchmark::Counter::kAvgThreads);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel("copy-4k");
}
BENCHMARK(BM_Counters)->Repetitions(3)->Unit(benchmark::kMicrosecond);

// 6) Threads + repetitions, aggregates only reported (ReportAggregatesOnly).
static void BM_Threaded(benchmark::State& state) {
  for (auto _ : state) {
    int x = 0;
    for (int i = 0; i < 100; ++i) benchmark::DoNotOptimize(x += i);
  }
}
BENCHMARK(BM_Threaded)->Threads(1)->Threads(2)->Repetitions(3)->ReportAggregatesOnly(true)
    ->Unit(benchmark::kNanosecond);

// 7) Manual time in milliseconds with a parameter and an argument name.
static void BM_ManualTime(benchmark::State& state) {
  for (auto _ : state) {
    state.SetIterationTime(0.001 * static_cast<double>(state.range(0)));
  }
}
BENCHMARK(BM_ManualTime)->ArgName("ms")->Arg(2)->Arg(5)->UseManualTime()->Iterations(10)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
