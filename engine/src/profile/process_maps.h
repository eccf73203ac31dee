#pragma once
// The executable mappings of sampled processes, from /proc/PID/maps at the start and
// from the kernel's mmap and fork records after it: enough to turn a sampled address
// into a file and an offset after the process has gone.

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace perfgate {

struct Mapping {
  std::uint64_t start = 0, end = 0;  // [start, end) in the process
  std::uint64_t file_offset = 0;     // of `start` in the file
  std::string path;                  // file, or "[vdso]" and the like
};

class ProcessMaps {
 public:
  // A new mapping hides the parts of older ones it overlaps, as mmap does.
  void add(pid_t pid, const Mapping& mapping);
  // A forked child shares its parent's mappings until it maps its own (after exec).
  void fork(pid_t parent, pid_t child);
  // Executable mappings listed in /proc/PID/maps; false when the process is gone.
  bool read_proc(pid_t pid);
  // Parses one line of /proc/PID/maps; false for a line that is not an executable mapping.
  static bool parse_line(std::string_view line, Mapping& out);

  const Mapping* find(pid_t pid, std::uint64_t address) const;

 private:
  std::map<pid_t, std::map<std::uint64_t, Mapping>> by_pid_;  // by start
  std::map<pid_t, pid_t> parent_;  // children without mappings of their own look here
};

}  // namespace perfgate
