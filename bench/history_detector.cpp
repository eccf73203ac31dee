// perfgate-bench-history: how well and how fast the history's change-point detector
// (E-divisive means with a permutation test, as perf-report history runs it: alpha 0.01,
// 199 permutations, segments of at least 4 runs, changes under 1 % dropped) works on
// synthetic series where the truth is known.
//
//  1. Steps of 2, 5 and 20 % in lognormal noise of 1, 2 and 3 % (CV), 200 runs, the step
//     at a random run in [40, 160]: recall (a change reported within 5 runs of the step),
//     precision (reported changes that are the step), mean location error.
//  2. The same with 2 % of runs outliers (x1.5), and a slow drift (+10 % over 200 runs).
//  3. Pure noise (1-3 %), 200 runs: the share of series with no change reported.
//  4. Cost: 200 series of 1 000 runs, each with 3 steps of 3-10 %, 2 % noise.
//
// Usage: perfgate-bench-history [SERIES_PER_CELL=200]

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "stats/e_divisive.h"

namespace {

using namespace perfgate::stats;

ChangePointOptions history_options() {
  ChangePointOptions o;
  o.min_relative_change = 0.01;  // perf-report history's default
  return o;
}

struct Truth {
  std::vector<double> series;
  std::vector<std::size_t> steps;  // first run after each true step
};

Truth simulate(std::size_t n, double step, double cv, double outliers, double drift, std::mt19937_64& gen) {
  std::normal_distribution<double> z(0, 1);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<std::size_t> where(40, n - 40);
  Truth t;
  if (step != 0) {
    t.steps.push_back(where(gen));
  }
  for (std::size_t i = 0; i < n; ++i) {
    double level = 100 * (1 + drift * double(i) / double(n));
    if (!t.steps.empty() && i >= t.steps[0]) level *= 1 + step;
    double v = level * std::exp(cv * z(gen));
    if (u(gen) < outliers) v *= 1.5;
    t.series.push_back(v);
  }
  return t;
}

struct Tally {
  std::size_t series = 0, found = 0, reported = 0, correct = 0;
  double location_error = 0;
};

void score(const Truth& t, const std::vector<DetectedChange>& found, Tally& tally) {
  ++tally.series;
  tally.reported += found.size();
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    for (const auto& c : found) {
      const long error = std::labs(long(c.index) - long(t.steps[k]));
      if (error > 5) continue;
      ++tally.found;
      ++tally.correct;
      tally.location_error += double(error);
      break;
    }
  }
}

void accuracy(std::size_t per_cell) {
  std::printf("| step | noise (CV) | extra | series | recall | precision | mean location error (runs) |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  std::mt19937_64 gen(2026);
  struct Cell {
    double step, cv, outliers, drift;
    const char* extra;
  };
  std::vector<Cell> cells;
  for (double step : {0.02, 0.05, 0.20}) {
    for (double cv : {0.01, 0.02, 0.03}) cells.push_back({step, cv, 0, 0, "-"});
  }
  for (double step : {0.02, 0.05}) cells.push_back({step, 0.02, 0.02, 0, "2 % outliers x1.5"});
  cells.push_back({0.05, 0.02, 0, 0.10, "drift +10 %"});
  for (const auto& cell : cells) {
    Tally tally;
    for (std::size_t s = 0; s < per_cell; ++s) {
      const Truth t = simulate(200, cell.step, cell.cv, cell.outliers, cell.drift, gen);
      score(t, detect_change_points(t.series, history_options()), tally);
    }
    std::printf("| %+.0f %% | %.0f %% | %s | %zu | %.3f | %.3f | %.2f |\n", cell.step * 100, cell.cv * 100, cell.extra,
                tally.series, double(tally.found) / double(tally.series),
                tally.reported ? double(tally.correct) / double(tally.reported) : 1.0,
                tally.found ? tally.location_error / double(tally.found) : NAN);
  }
}

void pure_noise(std::size_t per_cell) {
  std::mt19937_64 gen(7);
  for (double cv : {0.01, 0.02, 0.03}) {
    std::size_t clean = 0;
    for (std::size_t s = 0; s < per_cell; ++s) {
      clean += detect_change_points(simulate(200, 0, cv, 0, 0, gen).series, history_options()).empty();
    }
    std::printf("pure noise, CV %.0f %%, 200 runs: no change reported in %zu of %zu series (%.1f %%)\n", cv * 100, clean,
                per_cell, 100.0 * double(clean) / double(per_cell));
  }
  std::size_t clean = 0;
  for (std::size_t s = 0; s < per_cell; ++s) {
    clean += detect_change_points(simulate(200, 0, 0.02, 0.02, 0, gen).series, history_options()).empty();
  }
  std::printf("pure noise, CV 2 %% with 2 %% outliers x1.5: no change reported in %zu of %zu series (%.1f %%)\n", clean,
              per_cell, 100.0 * double(clean) / double(per_cell));
}

void cost() {
  std::mt19937_64 gen(11);
  std::normal_distribution<double> z(0, 1);
  std::uniform_real_distribution<double> size(0.03, 0.10);
  std::vector<std::vector<double>> all;
  for (int s = 0; s < 200; ++s) {
    std::vector<double> v;
    double level = 100;
    for (std::size_t i = 0; i < 1000; ++i) {
      if (i == 250 || i == 500 || i == 750) level *= 1 + size(gen);
      v.push_back(level * std::exp(0.02 * z(gen)));
    }
    all.push_back(std::move(v));
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t changes = 0;
  for (const auto& v : all) changes += detect_change_points(v, history_options()).size();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("cost: 200 series x 1000 runs (3 steps each): %.2f s, %zu changes found (600 true)\n", seconds, changes);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t per_cell = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200;
  accuracy(per_cell);
  pure_noise(per_cell);
  cost();
}
