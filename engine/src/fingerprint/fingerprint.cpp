#include "perfgate/fingerprint.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "common/fnv1a.h"
#include "common/json_cursor.h"
#include "git/git_repository.h"
#include "perfgate/error.h"
#include "perfgate/version.h"

namespace perfgate {
namespace {

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// The value of the first "key<sep>value" line of a file whose key matches, trimmed.
std::string field_value(const std::string& path, const std::string& key, char sep) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto pos = line.find(sep);
    if (pos == std::string::npos) continue;
    std::string k = line.substr(0, pos);
    while (!k.empty() && (k.back() == ' ' || k.back() == '\t')) k.pop_back();
    if (k != key) continue;
    std::string v = line.substr(pos + 1);
    v.erase(0, v.find_first_not_of(" \t\""));
    while (!v.empty() && (v.back() == '"' || v.back() == ' ')) v.pop_back();
    return v;
  }
  return "";
}

// Identifies a host in results without publishing its name.
std::string hash_hex(const std::string& text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(text)));
  return buf;
}

std::optional<GitState> read_git_state(const std::string& directory) {
  try {
    auto repo = GitRepository::discover(directory);
    if (!repo || repo->is_bare()) return std::nullopt;
    GitState state;
    state.commit = repo->head_commit().value_or("");
    state.branch = repo->head_branch();
    state.dirty = repo->has_uncommitted_changes();
    return state;
  } catch (const Error&) {
    return std::nullopt;  // a broken repository must not stop a measurement
  }
}

}  // namespace

Fingerprint collect_fingerprint(const std::string& directory) {
  Fingerprint f;
  f.cpu_model = field_value("/proc/cpuinfo", "model name", ':');
  f.logical_cores = std::thread::hardware_concurrency();
  utsname uts{};
  if (uname(&uts) == 0) f.kernel = std::string(uts.sysname) + " " + uts.release;
  f.os = field_value("/etc/os-release", "PRETTY_NAME", '=');
#if defined(__clang__)
  f.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
  f.compiler = "gcc " __VERSION__;
#endif
  f.cpu_governor = read_first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  f.hostname_hash = hash_hex(host);
  f.perfgate_version = kVersion;
  f.git = read_git_state(directory);
  return f;
}

Json to_json(const Fingerprint& f) {
  Json j = {{"cpu_model", f.cpu_model},       {"logical_cores", f.logical_cores},
                      {"kernel", f.kernel},             {"os", f.os},
                      {"compiler", f.compiler},         {"cpu_governor", f.cpu_governor},
                      {"hostname_hash", f.hostname_hash}, {"perfgate_version", f.perfgate_version}};
  if (f.git) {
    j["git"] = {{"commit", f.git->commit}, {"branch", f.git->branch}, {"dirty", f.git->dirty}};
  }
  return j;
}

// Unknown members are allowed: a later version may describe the machine further.
Fingerprint fingerprint_from_json(const Json& j, const std::string& source, const std::string& path) {
  const JsonCursor c(j, source, path);
  if (!j.is_object()) c.fail_expected("an object");
  Fingerprint f;
  f.cpu_model = c.at("cpu_model").as_string();
  f.logical_cores = static_cast<unsigned>(c.at("logical_cores").as_uint(0, 1u << 20));
  f.kernel = c.at("kernel").as_string();
  f.os = c.at("os").as_string();
  f.compiler = c.at("compiler").as_string();
  f.cpu_governor = c.at("cpu_governor").as_string();
  f.hostname_hash = c.at("hostname_hash").as_string();
  f.perfgate_version = c.at("perfgate_version").as_string();
  if (auto g = c.find("git")) {
    f.git = GitState{g->at("commit").as_string(), g->at("branch").as_string(), g->at("dirty").as_bool()};
  }
  return f;
}

}  // namespace perfgate
