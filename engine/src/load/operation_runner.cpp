#include "load/operation_runner.h"

#include <algorithm>

namespace perfgate {

void RunTally::merge(const RunTally& other) {
  operations += other.operations;
  failures += other.failures;
  late += other.late;
  latency.merge(other.latency);
  service.merge(other.service);
  send_delay.merge(other.send_delay);
  tally.merge(other.tally);
  finished = std::max(finished, other.finished);
}

}  // namespace perfgate
