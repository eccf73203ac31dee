// The small languages of flags and suite fields: gate thresholds ("kv/*:p99=10%"),
// absolute checks ("p95 < 200ms"), durations ("1.5m") and shards ("2/4"). The first
// byte picks the parser, so one corpus covers all four.
#include "fuzz_input.h"
#include "perfgate/gate_rules.h"
#include "perfgate/run.h"
#include "perfgate/suite.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t parser = data[0] % 4;
  return perfgate::fuzz::read_untrusted(data + 1, size - 1, [parser](const std::string& text) {
    switch (parser) {
      case 0: (void)perfgate::parse_practical_threshold(text); break;
      case 1: (void)perfgate::parse_absolute_check(text); break;
      case 2: (void)perfgate::parse_duration(text); break;
      default: (void)perfgate::parse_shard(text); break;
    }
  });
}
