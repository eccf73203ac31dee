#pragma once
// Durations are typed so that a seconds/milliseconds mix-up is a compile error.

#include <chrono>

namespace perfgate {

using Seconds = std::chrono::duration<double>;
using Nanoseconds = std::chrono::nanoseconds;

}  // namespace perfgate
