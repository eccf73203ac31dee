// What a fetched history holds: a run's record.json, its directory name, and the result
// every view renders. Input: RECORD, a line "---", RESULT. The result is recorded as ten
// runs so that the series, the change points and every rendering see it.
#include "fuzz_input.h"
#include "history/history_record.h"
#include "perfgate/history.h"
#include "perfgate/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return perfgate::fuzz::read_untrusted(data, size, [](const std::string& text) {
    using namespace perfgate;
    const auto split = text.find("\n---\n");
    const std::string record = text.substr(0, split);
    (void)parse_history_key(record);
    HistoryRun run = run_from_record(record, "fuzz/record.json");
    if (split == std::string::npos) return;
    run.result_text = text.substr(split + 5);
    std::vector<HistoryRun> runs(10, run);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      runs[i].key = history_key(static_cast<std::int64_t>(i), i + 1, "0123456789abcdef");
      runs[i].source_commit = std::string(40, static_cast<char>('a' + i));
    }
    const HistoryAnalysis analysis = analyse_history("fuzz", std::move(runs));
    (void)render_history_table(analysis);
    (void)render_history_markdown(analysis, 3);
    (void)render_history_html(analysis, "fuzz");
    (void)render_history_csv(analysis);
    (void)render_history_openmetrics(analysis);
    (void)to_json(analysis).dump();
  });
}
