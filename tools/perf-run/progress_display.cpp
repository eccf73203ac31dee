#include "perf-run/progress_display.h"

#include <cstdio>
#include <string>

namespace perfgate::tools {
namespace {

std::string clock_text(double seconds) {
  const long s = seconds < 0 ? 0 : static_cast<long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

ProgressDisplay::ProgressDisplay(bool enabled) : enabled_(enabled) {
  if (!enabled_) return;
  ticker_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; })) {
      redraw();
    }
  });
}

ProgressDisplay::~ProgressDisplay() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  ticker_.join();
  std::fputs("\r\033[2K", stderr);
  std::fflush(stderr);
}

void ProgressDisplay::update(const RunProgress& progress) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  last_ = progress;
  last_at_ = std::chrono::steady_clock::now();
  redraw();
}

// Called with mutex_ held. Elapsed and remaining advance between runner reports.
void ProgressDisplay::redraw() {
  if (!last_ || last_->phase == RunProgress::Phase::kScenarioDone) return;
  const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_at_).count();
  const auto& p = *last_;
  std::string what = "trial " + std::to_string(p.trial + 1) + "/" + std::to_string(p.trials);
  if (p.phase == RunProgress::Phase::kWarmup) what = "warmup";
  if (p.phase == RunProgress::Phase::kProfile) what = "profiling";
  if (p.phase == RunProgress::Phase::kExtraTrial) what = "extra trial " + std::to_string(p.trial + 1) + " (until decided)";
  std::fprintf(stderr, "\r\033[2K[%zu/%zu] %s  %s  %s elapsed, ~%s left", p.scenario_index + 1,
               p.scenario_count, p.scenario_name.c_str(), what.c_str(),
               clock_text(p.suite_elapsed.count() + since).c_str(),
               clock_text(p.suite_remaining.count() - since).c_str());
  std::fflush(stderr);
}

}  // namespace perfgate::tools
