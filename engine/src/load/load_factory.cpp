#include "load/load_factory.h"

#include "load/closed_load.h"
#include "load/open_load.h"

namespace perfgate {

std::unique_ptr<Load> make_load(Target& target, const LoadSpec& spec) {
  if (const auto* open = std::get_if<OpenLoadSpec>(&spec)) {
    return std::make_unique<OpenLoad>(target.make_runner(open->max_concurrency, open->threads), *open,
                                      target.server_pid());
  }
  const auto& closed = std::get<ClosedLoadSpec>(spec);
  return std::make_unique<ClosedLoad>(target.make_runner(closed.concurrency, closed.threads));
}

}  // namespace perfgate
