// Verdict files perf-report renders: read, then rendered in every format it writes.
#include "common/json_cursor.h"
#include "fuzz_input.h"
#include "perfgate/compare.h"
#include "perfgate/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    const auto verdict = perfgate::verdict_from_json(perfgate::parse_json_text(text, "fuzz.json"), "fuzz.json");
    (void)perfgate::render_verdict_markdown(verdict);
    (void)perfgate::render_verdict_junit(verdict, "fuzz");
    (void)perfgate::render_verdict_table(verdict);
    (void)perfgate::render_verdict_html({verdict, std::nullopt, std::nullopt, "fuzz", ""});
    (void)perfgate::to_json(verdict).dump();
  });
}
