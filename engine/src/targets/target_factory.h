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

// Checks, without building anything, that a target can start (a command's executable
// and working directory exist), so a typo fails before the first scenario runs.
// Throws kEnvironment.
void check_target_can_start(const TargetSpec& spec);

}  // namespace perfgate
