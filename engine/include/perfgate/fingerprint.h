#pragma once
// Where and from what a result was measured: enough to warn when a baseline and a
// candidate come from different machines, builds or source trees.

#include <optional>
#include <string>

#include "perfgate/json.h"

namespace perfgate {

struct GitState {
  std::string commit;  // full hex id of HEAD
  std::string branch;  // short name; empty on a detached HEAD
  bool dirty = false;  // tracked files differ from HEAD (untracked files do not count)
};

struct Fingerprint {
  std::string cpu_model;
  unsigned logical_cores = 0;
  std::string kernel;
  std::string os;
  std::string compiler;
  std::string cpu_governor;  // empty when not readable (VMs, containers)
  std::string hostname_hash;
  std::string perfgate_version;
  std::optional<GitState> git;  // absent outside a git working tree
};

// Reads the machine description and the git state of `directory` (libgit2; discovers
// the repository upwards). Never throws: what cannot be read is left empty.
Fingerprint collect_fingerprint(const std::string& directory);

Json to_json(const Fingerprint& fingerprint);
// Throws Error (kInput) naming `source` and the JSON Pointer `path` of the bad field.
Fingerprint fingerprint_from_json(const Json& j, const std::string& source, const std::string& path = "");

}  // namespace perfgate
