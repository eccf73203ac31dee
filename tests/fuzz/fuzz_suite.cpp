// Suite files: parsed, validated, then written back as perf-run embeds them in a result.
#include "fuzz_input.h"
#include "perfgate/suite.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    const auto suite = perfgate::suite_from_text(text, "fuzz.json");
    (void)perfgate::to_json(suite).dump();
  });
}
