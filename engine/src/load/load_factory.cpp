#include "load/load_factory.h"

#include "load/closed_load.h"
#include "load/open_load.h"
#include "load/worker_threads.h"

namespace perfgate {

std::unique_ptr<OperationRunner> Target::make_event_runner(unsigned, unsigned) { return nullptr; }

namespace {

std::unique_ptr<OperationRunner> make_runner(Target& target, unsigned slots, unsigned threads) {
  if (auto runner = target.make_event_runner(slots, threads)) return runner;
  return std::make_unique<WorkerThreads>(target, slots);
}

}  // namespace

std::unique_ptr<Load> make_load(Target& target, const LoadSpec& spec) {
  if (const auto* open = std::get_if<OpenLoadSpec>(&spec)) {
    return std::make_unique<OpenLoad>(make_runner(target, open->max_concurrency, open->threads), *open,
                                      target.server_pid());
  }
  const auto& closed = std::get<ClosedLoadSpec>(spec);
  return std::make_unique<ClosedLoad>(make_runner(target, closed.concurrency, closed.threads));
}

}  // namespace perfgate
