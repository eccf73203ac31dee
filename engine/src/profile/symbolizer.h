#pragma once
// Sampled addresses to function names with elfutils' libdwfl: the ELF symbol tables
// (.symtab, else .dynsym) of the file each address was mapped from, C++ names
// demangled. Separate debug files and debuginfod are not consulted: symbolising must
// not reach the network, and the functions a gate cares about are in the build's own
// binaries, which keep their symbols unless stripped. The [vdso] (clock_gettime and
// friends) is read from perf-run's own, the same image in every 64-bit process.

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "profile/process_maps.h"

namespace perfgate {

class ElfSymbols;

class Symbolizer {
 public:
  Symbolizer();
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  // The function at `address` in process `pid`; "FILE+0xOFFSET" where the file has no
  // symbol there (stripped), "[unknown]" where no mapping covers it.
  // `return_address`: the address follows a call, so look one byte back.
  std::string function_at(const ProcessMaps& maps, pid_t pid, std::uint64_t address, bool return_address);

 private:
  ElfSymbols* symbols_of(const std::string& path);

  std::vector<char> vdso_image_;  // read by files_["[vdso]"]
  std::map<std::string, std::unique_ptr<ElfSymbols>> files_;
  std::map<std::pair<std::string, std::uint64_t>, std::string> names_;  // by file and offset
};

// A C++ symbol's readable name without its parameter list, return type or clone suffix
// (std::sort<int*>, not void std::sort<int*>(int*, int*) [clone .isra.0]); other names
// unchanged. Overloads share a frame: a profile cares where time went, not which overload.
std::string demangle(const char* symbol);
std::string short_function_name(std::string demangled);

}  // namespace perfgate
