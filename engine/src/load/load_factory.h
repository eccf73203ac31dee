#pragma once
// The load model a scenario asks for, driving a target with the runner that target
// needs: its own event loops (HTTP) or a thread per worker.

#include <memory>

#include "load/load.h"
#include "perfgate/suite.h"

namespace perfgate {

std::unique_ptr<Load> make_load(Target& target, const LoadSpec& spec);

}  // namespace perfgate
