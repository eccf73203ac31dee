#pragma once
// The message of the perfgate::Error that `f` throws, or "(no error)".

#include <functional>
#include <string>

#include "perfgate/error.h"

namespace perfgate {

inline std::string error_text(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace perfgate
