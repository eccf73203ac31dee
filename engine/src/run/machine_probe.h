#pragma once
// The machine-speed probe: a short, fixed built-in workload whose speed says how fast
// this machine was when the suite ran. Two separate runs of an unchanged build differ
// by whatever the machine did between them (a neighbour, a slower runner); the probe
// measures that, so perf-compare can refuse to call it a regression.

#include <stop_token>

#include "perfgate/result.h"

namespace perfgate {

// Probe trials of the fixed workload, one worker, after a short warmup. Empty values
// when a stop cut it short.
class MachineProbeRunner {
 public:
  explicit MachineProbeRunner(std::stop_token stop);
  ~MachineProbeRunner();
  MachineProbeRunner(const MachineProbeRunner&) = delete;
  MachineProbeRunner& operator=(const MachineProbeRunner&) = delete;

  std::vector<double> measure();  // operations per second of each probe trial
  static std::string workload();
  static Seconds duration();  // of one measure(): its warmup and trials

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
  std::stop_token stop_;
};

}  // namespace perfgate
