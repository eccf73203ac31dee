// A small Google Benchmark suite: ten benchmarks of the kind a C++ project measures, used
// as the worked example of docs/gbench.md and built by the tests (tests/e2e/gbench.sh)
// and by the calibration (bench/gbench_calibration.sh) in several versions:
//   -DSLOWER_HASH_PERCENT=N  BM_Hash does N % more work (a candidate with a regression)
//   -DWITH_FAILING           adds BM_Fails, which calls SkipWithError
//   -DWITH_NEW               adds BM_New, a benchmark the baseline does not have
//   -DWITHOUT_COPY           leaves out BM_Copy (a benchmark the candidate removed)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#ifndef SLOWER_HASH_PERCENT
#define SLOWER_HASH_PERCENT 0
#endif

namespace {

std::vector<std::uint32_t> random_values(std::size_t n) {
  std::mt19937 rng(42);
  std::vector<std::uint32_t> v(n);
  for (auto& x : v) x = rng();
  return v;
}

void BM_Hash(benchmark::State& state) {
  const std::int64_t rounds = 4096 * (100 + SLOWER_HASH_PERCENT) / 100;
  for (auto _ : state) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::int64_t i = 0; i < rounds; ++i) h = (h ^ std::uint64_t(i)) * 1099511628211ULL;
    benchmark::DoNotOptimize(h);
  }
  state.SetItemsProcessed(state.iterations() * rounds);
}
BENCHMARK(BM_Hash);

void BM_Sum(benchmark::State& state) {
  const auto v = random_values(4096);
  for (auto _ : state) benchmark::DoNotOptimize(std::accumulate(v.begin(), v.end(), std::uint64_t{0}));
  state.SetBytesProcessed(state.iterations() * std::int64_t(v.size() * sizeof v[0]));
}
BENCHMARK(BM_Sum);

void BM_Sort(benchmark::State& state) {
  const auto input = random_values(std::size_t(state.range(0)));
  for (auto _ : state) {
    auto v = input;
    std::sort(v.begin(), v.end());
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(BM_Sort)->Arg(256)->Arg(4096);

void BM_Copy(benchmark::State& state) {
  const auto input = random_values(16384);
  std::vector<std::uint32_t> out(input.size());
  for (auto _ : state) {
    std::copy(input.begin(), input.end(), out.begin());
    benchmark::ClobberMemory();
  }
}
#ifndef WITHOUT_COPY
BENCHMARK(BM_Copy);
#endif

void BM_MapInsert(benchmark::State& state) {
  for (auto _ : state) {
    std::map<int, int> m;
    for (int i = 0; i < 256; ++i) m.emplace(i * 7919 % 256, i);
    benchmark::DoNotOptimize(m.size());
  }
}
BENCHMARK(BM_MapInsert);

void BM_HashMapLookup(benchmark::State& state) {
  std::unordered_map<std::uint32_t, std::uint32_t> m;
  const auto keys = random_values(1024);
  for (auto k : keys) m[k] = k;
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(m.find(keys[i++ & 1023]));
}
BENCHMARK(BM_HashMapLookup);

void BM_StringFind(benchmark::State& state) {
  std::string text(8192, 'a');
  text += "needle";
  for (auto _ : state) benchmark::DoNotOptimize(text.find("needle"));
}
BENCHMARK(BM_StringFind);

void BM_PushBack(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<int> v;
    for (int i = 0; i < 512; ++i) v.push_back(i);
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(BM_PushBack);

void BM_Counters(benchmark::State& state) {
  std::uint64_t steps = 0;
  for (auto _ : state) {
    std::uint32_t x = 27;
    while (x != 1) {
      x = x % 2 ? 3 * x + 1 : x / 2;
      ++steps;
    }
    benchmark::DoNotOptimize(x);
  }
  state.counters["steps_per_iteration"] = double(steps) / double(state.iterations());
}
BENCHMARK(BM_Counters);

#ifdef WITH_FAILING
void BM_Fails(benchmark::State& state) {
  for (auto _ : state) {
    state.SkipWithError("fixture could not open its input");
    break;
  }
}
BENCHMARK(BM_Fails);
#endif

#ifdef WITH_NEW
void BM_New(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(state.iterations() * 3);
}
BENCHMARK(BM_New);
#endif

}  // namespace

BENCHMARK_MAIN();
