#pragma once
// Which commit a result was measured on, as perf-baseline save and record store it: the
// commit the user names, else the result's own, else HEAD; refusing a dirty work tree.

#include <optional>
#include <string>

#include "perfgate/fingerprint.h"
#include "perfgate/json.h"

namespace perfgate {

class GitRepository;

struct MeasuredSource {
  std::string format;  // "perfgate", "gbench", "hyperfine"
  std::optional<Json> fingerprint;
  std::optional<GitState> git;  // what the result itself says
  std::string commit;           // resolved in the repository
  std::string branch;
};

// What the result says about where it was measured (throws kInput for an unreadable one).
MeasuredSource inspect_result(const std::string& text, const std::string& source);

MeasuredSource measured_source(const GitRepository& repo, const std::string& text, const std::string& source,
                               const std::optional<std::string>& revision, bool allow_dirty,
                               const std::string& what_is_stored);

}  // namespace perfgate
