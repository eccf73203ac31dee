#include "baseline/baseline_metadata.h"

#include <cstdio>
#include <ctime>

#include "common/json_cursor.h"
#include "perfgate/error.h"

namespace perfgate {

std::string format_git_time(std::int64_t time, int offset_minutes) {
  const std::time_t local = static_cast<std::time_t>(time + std::int64_t{offset_minutes} * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[96];
  const int offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, offset_minutes < 0 ? '-' : '+', offset / 60,
                offset % 60);
  return text;
}

Json to_json(const BaselineVersion& v) {
  Json j = {{"name", v.name},
            {"version", v.version},
            {"ref", v.label()},
            {"tag", v.tag},
            {"commit", v.commit},
            {"saved_by", {{"name", v.tagger.name}, {"email", v.tagger.email}}},
            {"saved_at", format_git_time(v.tagger.time, v.tagger.offset_minutes)},
            {"reason", v.reason},
            {"source_commit", v.source_commit},
            {"source_branch", v.source_branch},
            {"result_format", v.result_format},
            {"tool_version", v.tool_version},
            {"runs", v.runs}};
  if (!v.previous.empty()) j["previous_commit"] = v.previous;
  if (v.deleted) j["deleted"] = true;
  if (v.fingerprint) j["fingerprint"] = *v.fingerprint;
  return j;
}

std::string metadata_text(const BaselineVersion& v) {
  Json j = {{"schema", kBaselineSchema},
            {"name", v.name},
            {"version", v.version},
            {"reason", v.reason},
            {"saved_by", {{"name", v.tagger.name}, {"email", v.tagger.email}}},
            {"saved_at", v.tagger.time},
            {"saved_at_offset_minutes", v.tagger.offset_minutes},
            {"source_commit", v.source_commit},
            {"source_branch", v.source_branch},
            {"result_file", kStoredResultFile},
            {"result_format", v.result_format},
            {"tool_version", v.tool_version}};
  if (v.runs > 1) j["runs"] = v.runs;  // absent in single-run versions, as before
  if (v.fingerprint) j["fingerprint"] = *v.fingerprint;
  return j.dump(2) + "\n";
}

BaselineVersion version_from_metadata(const std::string& text, const std::string& where) {
  const Json doc = parse_json_text(text, where);
  const JsonCursor root(doc, where);
  const std::string schema = root.at("schema").as_string();
  if (schema != kBaselineSchema) {
    throw input_error(where + ": unknown baseline schema '" + schema + "' (this perfgate reads " +
                      std::string(kBaselineSchema) + "); upgrade perfgate");
  }
  BaselineVersion v;
  v.name = root.at("name").as_string();
  v.version = static_cast<unsigned>(root.at("version").as_uint(1, 999999999));
  v.reason = root.at("reason").as_string();
  v.tagger = {root.at("saved_by").at("name").as_string(), root.at("saved_by").at("email").as_string(),
              static_cast<std::int64_t>(root.at("saved_at").as_number()),
              static_cast<int>(root.at("saved_at_offset_minutes").as_number_in(-24 * 60, 24 * 60))};
  v.source_commit = root.at("source_commit").as_string();
  v.source_branch = root.at("source_branch").as_string();
  v.result_format = root.at("result_format").as_string();
  v.tool_version = root.at("tool_version").as_string();
  if (root.has("fingerprint")) v.fingerprint = root.at("fingerprint").value();
  if (auto runs = root.find("runs")) v.runs = static_cast<unsigned>(runs->as_uint(1, 10000));
  return v;
}

}  // namespace perfgate
