// The GitHub Actions event payload perf-report github reads the pull request from.
#include "fuzz_input.h"
#include "perfgate/github.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    perfgate::github_event_from_text(text, "event.json");
  });
}
