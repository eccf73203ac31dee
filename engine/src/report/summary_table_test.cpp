#include <doctest/doctest.h>

#include "perfgate/report.h"

using namespace perfgate;

TEST_CASE("summary table: medians over trials, human units, aligned columns (golden)") {
  Result r;
  ScenarioResult s;
  s.name = "kv/get-put";
  for (double scale : {1.0, 3.0, 2.0}) {
    TrialResult t;
    t.metrics = {{"throughput", 1e6 * scale}, {"latency_p50", 850 * scale}, {"latency_p99", 12345 * scale},
                 {"latency_p999", 2e5}, {"latency_p9999", 4.56e6}, {"latency_max", 1.2e9},
                 {"error_rate", 0.0}, {"cpu_user", 0.5}, {"cpu_sys", 0.01}, {"rss_peak", 200.0 * 1048576}};
    s.trials.push_back(t);
  }
  r.scenarios.push_back(s);
  ScenarioResult failing;
  failing.name = "cmd";
  TrialResult f;
  f.metrics = {{"throughput", 0.0}, {"error_rate", 1.0}, {"cpu_user", 0.0}, {"cpu_sys", 0.0}, {"rss_peak", 1536}};
  failing.trials.push_back(f);
  r.scenarios.push_back(failing);
  CHECK(render_summary_table(r) ==
        "scenario    trials  throughput     p50     p99  p99.9  p99.99    max   errors    cpu  rss peak\n"
        "kv/get-put       3     2.00M/s  1.70us  24.7us  200us  4.56ms  1.20s    0.00%  0.51s    200MiB\n"
        "cmd              1         0/s       -       -      -       -      -  100.00%  0.00s   1.50KiB\n");
}
