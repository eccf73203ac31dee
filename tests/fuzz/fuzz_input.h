#pragma once
// The one rule every reader of untrusted input keeps: bad input ends in perfgate::Error
// (which the tools turn into exit 2 with a one-line message). Anything else escaping a
// harness -- another exception, a crash, a sanitizer report, a hang -- is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "perfgate/error.h"

namespace perfgate::fuzz {

template <typename Reader>
int read_untrusted(const std::uint8_t* data, std::size_t size, Reader&& reader) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    reader(text);
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace perfgate::fuzz
