// perf-run result files (the baseline and candidate perf-compare reads, the results
// perf-report renders and merges), and the same text as perf-compare's sample loader.
#include "fuzz_input.h"
#include "perfgate/result.h"
#include "perfgate/samples.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    const auto result = perfgate::result_from_text(text, "fuzz.json");
    (void)perfgate::to_json(result).dump();
    (void)perfgate::samples_from_text(text, "fuzz.json", perfgate::InputFormat::kPerfgate);
  });
}
