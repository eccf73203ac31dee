#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "targets/builtin/rng.h"
#include "targets/builtin/scale_free_graph.h"
#include "targets/builtin/vector_search.h"
#include "targets/builtin/workload_catalogue.h"

using namespace perfgate;

namespace {

WorkloadParams defaults_of(const WorkloadInfo& w) {
  WorkloadParams p;
  for (const auto& param : w.params) p[std::string(param.name)] = param.default_value;
  return p;
}

// Small sizes so every workload runs a few hundred operations in milliseconds.
WorkloadParams small_params(const WorkloadInfo& w) {
  WorkloadParams p = defaults_of(w);
  for (const char* key : {"keys", "nodes", "vectors", "items"}) {
    if (p.count(key)) p[key] = 2000;
  }
  return p;
}

}  // namespace

TEST_CASE("the catalogue lists the six reference workloads with sane parameters") {
  std::set<std::string> names;
  for (const auto& w : workload_catalogue()) {
    names.insert(std::string(w.name));
    for (const auto& p : w.params) {
      CAPTURE(p.name);
      CHECK(p.min <= p.default_value);
      CHECK(p.default_value <= p.max);
    }
    CHECK(w.check_params(defaults_of(w)).empty());
  }
  CHECK(names == std::set<std::string>{"noop", "kv", "graph_bfs", "vector_topk", "sort", "alloc_churn"});
  CHECK(find_workload("kv") != nullptr);
  CHECK(find_workload("KV") == nullptr);
}

TEST_CASE("every workload runs operations on several workers") {
  for (const auto& w : workload_catalogue()) {
    CAPTURE(w.name);
    auto target = w.make(small_params(w), 7);
    CHECK(target->resource_scope() == ResourceScope::kThisProcess);
    auto first = target->make_worker(0);
    auto second = target->make_worker(1);
    WorkerTally tally;
    for (int i = 0; i < 200; ++i) {
      REQUIRE(first->run_once(tally));
      REQUIRE(second->run_once(tally));
    }
    CHECK(tally.errors_by_reason.empty());
  }
}

TEST_CASE("the PRNG is deterministic and uniform enough") {
  Rng a(123), b(123), c(124);
  CHECK(a.next() == b.next());
  CHECK(a.next() != c.next());
  std::array<int, 10> buckets{};
  for (int i = 0; i < 100000; ++i) ++buckets[Rng(i).below(10)];
  for (int n : buckets) CHECK(std::abs(n - 10000) < 500);
}

TEST_CASE("the generated graph is a deterministic scale-free graph") {
  const std::uint32_t n = 20000, m = 4;
  const Graph g = make_scale_free_graph(n, m, 99);
  CHECK(g.node_count() == n);
  // Seed clique of m+1 nodes, then m edges per further node; each edge stored twice.
  const std::size_t edges = (m + 1) * m / 2 + std::size_t(n - m - 1) * m;
  CHECK(g.targets.size() == 2 * edges);
  std::vector<std::uint32_t> degree(n);
  for (std::uint32_t i = 0; i < n; ++i) degree[i] = g.offsets[i + 1] - g.offsets[i];
  CHECK(*std::min_element(degree.begin(), degree.end()) >= m);
  // Preferential attachment grows hubs far above the mean degree (2m); a random graph would not.
  CHECK(*std::max_element(degree.begin(), degree.end()) > 20 * 2 * m);
  // Undirected: every edge a-b is listed at both ends.
  for (std::uint32_t a = 0; a < 200; ++a) {
    for (auto i = g.offsets[a]; i < g.offsets[a + 1]; ++i) {
      const auto b = g.targets[i];
      CHECK(std::count(g.targets.begin() + g.offsets[b], g.targets.begin() + g.offsets[b + 1], a) >= 1);
    }
  }
  CHECK(make_scale_free_graph(n, m, 99).targets == g.targets);
  CHECK(make_scale_free_graph(n, m, 100).targets != g.targets);
}

TEST_CASE("top-k search returns exactly the k best rows, best first") {
  const VectorSet set = make_random_vectors(3000, 16, 5);
  std::vector<float> query(16);
  Rng rng(9);
  for (auto& q : query) q = static_cast<float>(rng.unit() - 0.5);
  std::vector<std::pair<float, std::size_t>> all;
  for (std::size_t r = 0; r < set.count; ++r) {
    float s = 0;
    for (std::size_t d = 0; d < set.dim; ++d) s += set.values[r * set.dim + d] * query[d];
    all.emplace_back(s, r);
  }
  std::sort(all.begin(), all.end(), std::greater<>());
  const auto best = top_k_by_dot_product(set, query.data(), 10);
  REQUIRE(best.size() == 10);
  for (std::size_t i = 0; i < 10; ++i) CHECK(best[i] == all[i].second);
  CHECK(top_k_by_dot_product(set, query.data(), 5000).size() == 3000);
}
