// perf-run result files (the baseline and candidate perf-compare reads, the results
// perf-report renders and merges), and the same text as perf-compare's sample loader.
// Profiles in them are diffed and drawn, as perf-compare and perf-report do.
#include "fuzz_input.h"
#include "perfgate/result.h"
#include "perfgate/samples.h"
#include "report/flame_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    const auto result = perfgate::result_from_text(text, "fuzz.json");
    (void)perfgate::to_json(result).dump();
    (void)perfgate::samples_from_text(text, "fuzz.json", perfgate::InputFormat::kPerfgate);
    for (const auto& s : result.scenarios) {
      if (!s.profile || !s.profile->available()) continue;
      (void)perfgate::flame_graph_svg(*s.profile);
      (void)perfgate::function_shares(*s.profile);
      if (s.baseline && s.baseline->profile && s.baseline->profile->available()) {
        (void)perfgate::differential_flame_graph_svg(perfgate::diff_profiles(*s.baseline->profile, *s.profile));
      }
    }
  });
}
