// Google Benchmark JSON, both ways perfgate reads it: a whole file as perf-compare reads
// it (--benchmark_format=json), and one benchmark's report as a gbench trial reads it.
#include "fuzz_input.h"
#include "perfgate/samples.h"
#include "targets/gbench/benchmark_report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    try {
      (void)perfgate::benchmark_measurement_from_text(text, "report.json", "BM_A");
    } catch (const perfgate::Error&) {
      // a refused report; the file reader below still gets the same bytes
    }
    (void)perfgate::samples_from_text(text, "fuzz.json", perfgate::InputFormat::kGoogleBenchmark);
  });
}
