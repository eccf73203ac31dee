#pragma once
// A run's record.json (docs/history.md): who recorded which commit of which suite. The
// result itself is stored beside it byte for byte.

#include <string>

#include "perfgate/history.h"

namespace perfgate {

inline constexpr const char* kHistoryRunsDirectory = "runs";
inline constexpr const char* kHistoryRecordFile = "record.json";
inline constexpr const char* kHistoryResultFile = "result.json";

std::string record_text(const HistoryRun& run);
// Fills every field but key and result_text; `where` names the stored file in errors.
HistoryRun run_from_record(const std::string& text, const std::string& where);

// Keys sort as runs are ordered: zero-padded commit time, then the record sequence (one
// more than the history's highest when recorded), then the result's content id.
std::string history_key(std::int64_t commit_time, std::uint64_t sequence, const std::string& result_blob);
struct KeyParts {
  std::int64_t commit_time = -1;  // -1: not a key history_key made
  std::uint64_t sequence = 0;
};
KeyParts parse_history_key(const std::string& key);

}  // namespace perfgate
