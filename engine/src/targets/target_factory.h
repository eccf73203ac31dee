#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>

#include "perfgate/suite.h"
#include "targets/target.h"

namespace perfgate {

// Builds the target a scenario names. `stop` lets targets that wait on the outside
// world (child processes) give up promptly on Ctrl-C.
std::unique_ptr<Target> make_target(const TargetSpec& spec, std::uint64_t seed, std::stop_token stop);

}  // namespace perfgate
