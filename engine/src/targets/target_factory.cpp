#include "targets/target_factory.h"

#include "perfgate/error.h"
#include "targets/builtin/workload_catalogue.h"
#include "targets/command/child_process.h"
#include "targets/command/command_target.h"
#include "targets/http/http_target.h"

namespace perfgate {
namespace {

struct TargetMaker {
  std::uint64_t seed;
  std::stop_token stop;

  std::unique_ptr<Target> operator()(const BuiltinTargetSpec& spec) const {
    return find_workload(spec.workload)->make(spec.params, seed);
  }
  std::unique_ptr<Target> operator()(const CommandTargetSpec& spec) const {
    return make_command_target(spec, stop);
  }
  std::unique_ptr<Target> operator()(const HttpTargetSpec& spec) const { return make_http_target(spec); }
  // A benchmark binary runs trials itself (targets/gbench), not operations under a load.
  std::unique_ptr<Target> operator()(const GbenchTargetSpec& spec) const {
    throw Error(ErrorKind::kInput, "Google Benchmark binary '" + spec.binary + "' is not a load target");
  }
};

struct StartCheck {
  void operator()(const BuiltinTargetSpec&) const {}
  void operator()(const CommandTargetSpec& spec) const { check_command_can_start(spec); }
  void operator()(const HttpTargetSpec& spec) const { check_http_can_start(spec); }
  void operator()(const GbenchTargetSpec& spec) const { resolve_executable(spec.binary, "", "gbench target"); }
};

}  // namespace

void check_target_can_start(const TargetSpec& spec) { std::visit(StartCheck{}, spec); }

std::unique_ptr<Target> make_target(const TargetSpec& spec, std::uint64_t seed, std::stop_token stop) {
  return std::visit(TargetMaker{seed, std::move(stop)}, spec);
}

}  // namespace perfgate
