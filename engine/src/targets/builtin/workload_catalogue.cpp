#include "targets/builtin/workload_catalogue.h"

#include <algorithm>

namespace perfgate {

std::span<const WorkloadInfo> workload_catalogue() {
  static const std::vector<WorkloadInfo> catalogue = {
      noop_workload(),   kv_workload(),   graph_bfs_workload(),
      vector_topk_workload(), sort_workload(), alloc_churn_workload(),
  };
  return catalogue;
}

const WorkloadInfo* find_workload(std::string_view name) {
  const auto all = workload_catalogue();
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& w) { return w.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace perfgate
