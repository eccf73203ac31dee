#include "targets/gbench/benchmark_binary.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/format.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

// The listing and --help take milliseconds; a binary that is still running after this
// is not answering them.
constexpr Seconds kProbeTimeout{30.0};

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A benchmark may log without bound; its last line is all a message needs.
std::string tail_of(const std::string& path) {
  constexpr std::streamoff kTail = 4096;
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? std::streamoff(in.tellg()) : 0;
  in.seekg(std::max<std::streamoff>(0, size - kTail));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string last_line(const std::string& text) {
  const auto lines = lines_of(text);
  return lines.empty() ? "" : lines.back();
}

// A regular expression matching exactly `name`: the library matches with std::regex
// or POSIX regcomp (extended), where a bracket makes any special character literal.
std::string exact_pattern(const std::string& name) {
  std::string pattern = "^";
  for (char c : name) {
    if (std::string_view(".[]{}()*+?|$^\\").find(c) == std::string_view::npos) {
      pattern += c;
    } else if (c == '^' || c == '\\' || c == ']') {
      pattern += '.';  // no portable bracket form; the report is matched by exact name anyway
    } else {
      pattern += std::string("[") + c + "]";
    }
  }
  return pattern + "$";
}

std::string format_min_time(Seconds t, bool with_unit) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", t.count());
  return std::string("--benchmark_min_time=") + buf + (with_unit ? "s" : "");
}

}  // namespace

BenchmarkBinary::BenchmarkBinary(const GbenchTargetSpec& spec, std::stop_token stop)
    : spec_(spec),
      executable_(resolve_executable(spec.binary, "", "gbench target")),
      stop_(std::move(stop)),
      scratch_("perfgate-gbench") {
  const Output help = run_with({"--help"});
  const std::string usage = help.out + help.err;
  if (usage.find("--benchmark_filter") == std::string::npos) {
    throw environment_error(name() + " is not a Google Benchmark binary: its --help (" +
                            help.outcome.describe(kProbeTimeout) + ") does not describe --benchmark_filter");
  }
  min_time_has_unit_ = usage.find("<float>s") != std::string::npos;
}

ChildOutcome BenchmarkBinary::spawn(const std::vector<std::string>& flags, const ChildOutput& files,
                                    Seconds timeout) const {
  std::vector<std::string> argv{spec_.binary};
  argv.insert(argv.end(), spec_.args.begin(), spec_.args.end());
  argv.insert(argv.end(), flags.begin(), flags.end());
  const SpawnCommand command(executable_, std::move(argv), inherited_environment(), "", files);
  return run_child(command, timeout, stop_);
}

BenchmarkBinary::Output BenchmarkBinary::run_with(const std::vector<std::string>& flags) const {
  const ChildOutput files{scratch_.file("stdout"), scratch_.file("stderr")};
  Output o{spawn(flags, files, kProbeTimeout), contents(files.stdout_path), tail_of(files.stderr_path)};
  if (o.outcome.kind == ChildOutcome::Kind::kStopped) throw Error(ErrorKind::kEnvironment, "interrupted");
  return o;
}

std::vector<std::string> BenchmarkBinary::list() const {
  std::vector<std::string> flags{"--benchmark_list_tests=true"};
  if (!spec_.filter.empty()) flags.push_back("--benchmark_filter=" + spec_.filter);
  const Output listing = run_with(flags);
  if (!listing.outcome.succeeded()) {
    const std::string said = last_line(listing.err);
    throw environment_error(name() + ": listing its benchmarks failed (" + listing.outcome.describe(kProbeTimeout) +
                            ")" + (said.empty() ? "" : ": " + said));
  }
  std::vector<std::string> names = lines_of(listing.out);
  if (names.empty()) {
    const std::vector<std::string> all = spec_.filter.empty() ? names : lines_of(run_with({"--benchmark_list_tests=true"}).out);
    std::string known;
    for (std::size_t i = 0; i < all.size() && i < 10; ++i) known += (i ? ", " : "") + all[i];
    if (all.size() > 10) known += ", ... (" + std::to_string(all.size()) + " in all)";
    throw input_error(name() + ": filter '" + spec_.filter + "' matches no benchmark" +
                      (all.empty() ? " (the binary lists none)" : " (it has: " + known + ")"));
  }
  return names;
}

BenchmarkRun BenchmarkBinary::run(Seconds min_time) const {
  const std::string report_path = scratch_.file("report.json");
  std::error_code ignored;
  std::filesystem::remove(report_path, ignored);  // a crash must not leave the last trial's report to be read
  const std::vector<std::string> flags = {"--benchmark_filter=" + exact_pattern(spec_.benchmark),
                                          format_min_time(min_time, min_time_has_unit_), "--benchmark_repetitions=1",
                                          "--benchmark_out=" + report_path, "--benchmark_out_format=json"};
  const ChildOutput files{"", scratch_.file("stderr")};
  const auto start = std::chrono::steady_clock::now();
  BenchmarkRun r;
  r.outcome = spawn(flags, files, spec_.timeout);
  r.wall = std::chrono::steady_clock::now() - start;
  r.report = contents(report_path);
  r.last_error = last_line(tail_of(files.stderr_path));
  return r;
}

}  // namespace perfgate
