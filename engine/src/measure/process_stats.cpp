#include "measure/process_stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace perfgate {
namespace {

std::chrono::nanoseconds to_ns(const timeval& tv) {
  return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
}

std::string proc_file(pid_t pid, const char* name) {
  return (pid == 0 ? std::string("/proc/self/") : "/proc/" + std::to_string(pid) + "/") + name;
}

}  // namespace

CpuTimes self_cpu_times() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return {to_ns(usage.ru_utime), to_ns(usage.ru_stime)};
}

std::uint64_t self_rss_bytes() { return process_rss_bytes(0).value_or(0); }

std::optional<std::uint64_t> process_rss_bytes(pid_t pid) {
  std::ifstream statm(proc_file(pid, "statm"));
  std::uint64_t size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return std::nullopt;
  return resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::optional<CpuTimes> process_cpu_times(pid_t pid) {
  std::ifstream stat_file(proc_file(pid, "stat"));
  std::string text;
  if (!std::getline(stat_file, text)) return std::nullopt;
  // Fields 14 and 15 (utime, stime, in clock ticks) follow the command name, which is
  // in parentheses and may itself hold spaces or parentheses: count from the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(text.substr(close + 1));
  std::string skip;
  for (int i = 3; i <= 13; ++i) fields >> skip;
  unsigned long long utime = 0, stime = 0;
  if (!(fields >> utime >> stime)) return std::nullopt;
  const double tick_ns = 1e9 / double(sysconf(_SC_CLK_TCK));
  return CpuTimes{std::chrono::nanoseconds(std::int64_t(double(utime) * tick_ns)),
                  std::chrono::nanoseconds(std::int64_t(double(stime) * tick_ns))};
}

bool reset_self_peak_rss() {
  // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0).
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

std::optional<std::uint64_t> self_peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return std::nullopt;
}

std::optional<std::chrono::nanoseconds> machine_busy_time() {
  std::ifstream stat_file("/proc/stat");
  std::string label;
  std::uint64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  if (!(stat_file >> label >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || label != "cpu") {
    return std::nullopt;
  }
  const double ticks = double(user + nice + system + irq + softirq + steal);
  return std::chrono::nanoseconds(static_cast<std::int64_t>(ticks * 1e9 / double(sysconf(_SC_CLK_TCK))));
}

std::optional<double> neighbour_cores(const std::optional<std::chrono::nanoseconds>& busy_before,
                                      const std::optional<std::chrono::nanoseconds>& busy_after, double ours_s,
                                      double elapsed_s) {
  if (!busy_before || !busy_after || elapsed_s <= 0) return std::nullopt;
  const double others = std::chrono::duration<double>(*busy_after - *busy_before).count() - ours_s;
  return std::max(0.0, others / elapsed_s);
}

}  // namespace perfgate
