// hyperfine JSON (--export-json) as perf-compare reads it, and format detection.
#include "fuzz_input.h"
#include "perfgate/samples.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    (void)perfgate::samples_from_text(text, "fuzz.json", perfgate::InputFormat::kHyperfine);
    (void)perfgate::samples_from_text(text, "fuzz.json", perfgate::InputFormat::kAuto);
  });
}
