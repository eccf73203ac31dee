#pragma once
// The HTTP target: one request per operation on event loops over keep-alive connections
// (event_loop_runner.h, docs/http-engine.md), TLS for https://, statuses outside the
// expected set and transport failures counted by kind.

#include <memory>

#include "perfgate/suite.h"
#include "targets/target.h"

namespace perfgate {

std::unique_ptr<Target> make_http_target(const HttpTargetSpec& spec);
// One request before any scenario runs: kEnvironment when the endpoint cannot be reached
// (any HTTP answer, even an error status, means it can).
void check_http_can_start(const HttpTargetSpec& spec);

}  // namespace perfgate
