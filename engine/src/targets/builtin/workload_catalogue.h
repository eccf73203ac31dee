#pragma once
// The reference workloads compiled into the engine: their names, what one operation
// does, and their parameters with defaults and bounds. The suite parser validates
// against this table; make_builtin_target() builds from it.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "targets/target.h"

namespace perfgate {

struct ParamInfo {
  std::string_view name;
  double default_value;
  double min;
  double max;
  bool integer;
  std::string_view description;
};

using WorkloadParams = std::map<std::string, double>;

struct WorkloadInfo {
  std::string_view name;
  std::string_view operation;  // what one operation does, for --help and docs
  std::vector<ParamInfo> params;
  std::function<std::unique_ptr<WorkerTarget>(const WorkloadParams&, std::uint64_t seed)> make;
  // Checks constraints between parameters; returns what is wrong, or "" when fine.
  std::function<std::string(const WorkloadParams&)> check_params = [](const WorkloadParams&) {
    return std::string();
  };
};

std::span<const WorkloadInfo> workload_catalogue();
const WorkloadInfo* find_workload(std::string_view name);

// Each workload's description; defined in its own file.
WorkloadInfo noop_workload();
WorkloadInfo kv_workload();
WorkloadInfo graph_bfs_workload();
WorkloadInfo vector_topk_workload();
WorkloadInfo sort_workload();
WorkloadInfo alloc_churn_workload();

}  // namespace perfgate
