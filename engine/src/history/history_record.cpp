#include "history/history_record.h"

#include <cstdio>

#include "common/json_cursor.h"
#include "perfgate/error.h"

namespace perfgate {

Json to_json(const HistoryRun& run) {
  Json j = Json::object();
  if (!run.key.empty()) j["key"] = run.key;
  j.update(Json{{"source_commit", run.source_commit},
                {"source_branch", run.source_branch},
                {"commit_time", run.commit_time},
                {"suite", run.suite},
                {"result_format", run.result_format},
                {"tool_version", run.tool_version},
                {"recorded_by", {{"name", run.recorded_by.name}, {"email", run.recorded_by.email}}},
                {"recorded_at", run.recorded_by.time},
                {"recorded_at_offset_minutes", run.recorded_by.offset_minutes}});
  return j;
}

std::string record_text(const HistoryRun& run) {
  HistoryRun unkeyed = run;
  unkeyed.key.clear();  // the directory's name, not part of the record
  Json j = {{"schema", kHistoryRecordSchema}};
  j.update(to_json(unkeyed));
  return j.dump(2) + "\n";
}

HistoryRun run_from_record(const std::string& text, const std::string& where) {
  const Json doc = parse_json_text(text, where);
  const JsonCursor root(doc, where);
  const std::string schema = root.at("schema").as_string();
  if (schema != kHistoryRecordSchema) {
    throw input_error(where + ": unknown history record schema '" + schema + "' (this perfgate reads " +
                      std::string(kHistoryRecordSchema) + "); upgrade perfgate");
  }
  constexpr double kLatestTime = 1e11;  // beyond any commit time git can write
  HistoryRun run;
  run.source_commit = root.at("source_commit").as_string();
  run.source_branch = root.at("source_branch").as_string();
  run.commit_time = static_cast<std::int64_t>(root.at("commit_time").as_number_in(0, kLatestTime));
  run.suite = root.at("suite").as_string();
  run.result_format = root.at("result_format").as_string();
  run.tool_version = root.at("tool_version").as_string();
  run.recorded_by = {root.at("recorded_by").at("name").as_string(), root.at("recorded_by").at("email").as_string(),
                     static_cast<std::int64_t>(root.at("recorded_at").as_number_in(0, kLatestTime)),
                     static_cast<int>(root.at("recorded_at_offset_minutes").as_number_in(-24 * 60, 24 * 60))};
  return run;
}

std::string history_key(std::int64_t commit_time, std::uint64_t sequence, const std::string& result_blob) {
  char prefix[48];
  std::snprintf(prefix, sizeof prefix, "%011lld-%08llu-", static_cast<long long>(commit_time),
                static_cast<unsigned long long>(sequence));
  return prefix + result_blob.substr(0, 12);
}

KeyParts parse_history_key(const std::string& key) {
  long long time = -1;
  unsigned long long sequence = 0;
  int consumed = 0;
  if (std::sscanf(key.c_str(), "%11lld-%8llu-%n", &time, &sequence, &consumed) != 2 || consumed != 21) return {};
  return {time, sequence};
}

}  // namespace perfgate
