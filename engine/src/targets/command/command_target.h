#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>

#include "perfgate/suite.h"
#include "targets/target.h"

namespace perfgate {

// Runs the command once per operation. Throws kEnvironment when the executable or the
// working directory cannot be found: a target that cannot start at all is not a
// measurement, it is a broken setup.
void check_command_can_start(const CommandTargetSpec& spec);
std::unique_ptr<WorkerTarget> make_command_target(const CommandTargetSpec& spec, std::stop_token stop);

}  // namespace perfgate
