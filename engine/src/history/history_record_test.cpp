#include <doctest/doctest.h>

#include "history/history_record.h"
#include "perfgate/error.h"

using namespace perfgate;

TEST_CASE("a history run's record round-trips, without its key or result") {
  HistoryRun run;
  run.key = "01700000000-00000007-0123456789ab";
  run.source_commit = std::string(40, 'c');
  run.source_branch = "main";
  run.commit_time = 1700000000;
  run.suite = "s";
  run.result_format = "perfgate";
  run.tool_version = "1.0";
  run.recorded_by = {"CI", "ci@example.invalid", 1700000100, -120};
  run.result_text = "{}";
  const std::string text = record_text(run);
  CHECK(text.find("01700000000") == std::string::npos);  // the key is the directory's name
  const HistoryRun back = run_from_record(text, "r.json");
  CHECK(back.source_commit == run.source_commit);
  CHECK(back.commit_time == run.commit_time);
  CHECK(back.recorded_by.offset_minutes == -120);
  CHECK(back.suite == "s");
  CHECK_THROWS_WITH_AS(run_from_record(R"({"schema": "perfgate.history-run/2"})", "r.json"),
                       doctest::Contains("unknown history record schema"), Error);
  CHECK_THROWS_WITH_AS(run_from_record(R"({"schema": "perfgate.history-run/1"})", "r.json"),
                       doctest::Contains("r.json"), Error);
}

TEST_CASE("history keys sort as runs are ordered and parse back") {
  const std::string a = history_key(1700000000, 9, "ffffffffffffffff");
  const std::string b = history_key(1700000000, 10, "0000000000000000");
  const std::string c = history_key(1700000001, 1, "0000000000000000");
  CHECK(a < b);  // same commit time: record order
  CHECK(b < c);  // commit time first
  CHECK(parse_history_key(b).commit_time == 1700000000);
  CHECK(parse_history_key(b).sequence == 10);
  CHECK(parse_history_key("stray").commit_time == -1);
  CHECK(parse_history_key("1700000000-1-abc").commit_time == -1);
}
