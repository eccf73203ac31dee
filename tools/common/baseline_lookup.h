#pragma once
// How every tool finds git-stored baselines: the tag prefix from PERFGATE_TAG_PREFIX
// (default perfgate/), warnings on stderr under the tool's name.

#include <cstdlib>
#include <iostream>
#include <string>

#include "perfgate/baseline.h"

namespace perfgate::tools {

inline BaselineLookup baseline_lookup(const char* tool, std::string directory = ".") {
  BaselineLookup lookup;
  lookup.directory = std::move(directory);
  if (const char* prefix = std::getenv("PERFGATE_TAG_PREFIX"); prefix && *prefix) lookup.prefix = prefix;
  lookup.warn = [tool](const std::string& message) { std::cerr << tool << ": warning: " << message << "\n"; };
  return lookup;
}

}  // namespace perfgate::tools
