#include "run/machine_probe.h"

#include "load/load_factory.h"
#include "targets/target_factory.h"

namespace perfgate {
namespace {

// Sorting 20 000 integers (≈ 1 ms) mixes branchy compute with a 160 KiB working set
// that fits L2: it slows with a CPU-hungry neighbour, a throttled or smaller core, and
// cache pressure, the machine changes that move most benchmarks. Three 100 ms trials
// before and after the suite cost 0.7 s and give a median whose own spread on an idle
// VM is ~1 % (docs/statistics.md).
constexpr double kItems = 20000;
constexpr unsigned kTrials = 3;
constexpr Seconds kTrialLength{0.1};
constexpr Seconds kWarmup{0.05};
constexpr std::uint64_t kSeed = 0x9e3779b97f4a7c15ULL;

}  // namespace

struct MachineProbeRunner::Parts {
  std::unique_ptr<Target> target;
  std::unique_ptr<Load> load;
  explicit Parts(std::unique_ptr<Target> t) : target(std::move(t)), load(make_load(*target, ClosedLoadSpec{})) {}
};

MachineProbeRunner::MachineProbeRunner(std::stop_token stop)
    : parts_(std::make_unique<Parts>(make_target(BuiltinTargetSpec{"sort", {{"items", kItems}}}, kSeed, stop))),
      stop_(std::move(stop)) {}

MachineProbeRunner::~MachineProbeRunner() = default;

std::string MachineProbeRunner::workload() { return "std::sort of 20000 integers, 3 x 100 ms, 1 worker"; }

Seconds MachineProbeRunner::duration() { return kWarmup + kTrialLength * double(kTrials); }

std::vector<double> MachineProbeRunner::measure() {
  parts_->load->run(kWarmup, stop_);
  std::vector<double> speeds;
  for (unsigned i = 0; i < kTrials && !stop_.stop_requested(); ++i) {
    const LoadMeasurement m = parts_->load->run(kTrialLength, stop_);
    if (m.stopped || m.elapsed.count() <= 0) return {};
    speeds.push_back(double(m.operations) / m.elapsed.count());
  }
  return speeds;
}

}  // namespace perfgate
