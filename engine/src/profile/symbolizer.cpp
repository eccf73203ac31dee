#include "profile/symbolizer.h"

#include <cxxabi.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <sys/auxv.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

namespace perfgate {
namespace {

int no_separate_debuginfo(Dwfl_Module*, void**, const char*, Dwarf_Addr, const char*, const char*, GElf_Word,
                          char**) {
  return -1;
}

const Dwfl_Callbacks kCallbacks = {
    .find_elf = nullptr,  // every module is reported with its file
    .find_debuginfo = no_separate_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = nullptr,
};

struct LoadSegment {
  std::uint64_t file_offset, file_size, address;
};

std::string file_and_offset(const std::string& path, std::uint64_t offset) {
  char hex[24];
  std::snprintf(hex, sizeof hex, "+0x%llx", static_cast<unsigned long long>(offset));
  return std::filesystem::path(path).filename().string() + hex;
}

}  // namespace

std::string demangle(const char* symbol) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> readable(abi::__cxa_demangle(symbol, nullptr, nullptr, &status),
                                                       &std::free);
  return status == 0 && readable ? short_function_name(readable.get()) : std::string(symbol);
}

// Scans a demangled name at template depth 0, skipping "(anonymous namespace)" and the
// parentheses of "operator()".
std::string short_function_name(std::string name) {
  if (const auto clone = name.find(" [clone "); clone != std::string::npos) name.erase(clone);
  int depth = 0;
  std::size_t last_space = std::string::npos;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name.compare(i, 21, "(anonymous namespace)") == 0) {
      i += 20;
    } else if (name.compare(i, 10, "operator()") == 0) {
      i += 9;
    } else if (name[i] == '<') {
      ++depth;
    } else if (name[i] == '>' && depth > 0) {
      --depth;
    } else if (depth == 0 && name[i] == ' ') {
      last_space = i;
    } else if (depth == 0 && name[i] == '(') {
      name.erase(i);  // the parameter list
      break;
    }
  }
  // A template function's return type comes first ("void f<int>"); "operator new" keeps its space.
  const bool operator_word = last_space != std::string::npos && last_space >= 8 &&
                             name.compare(last_space - 8, 8, "operator") == 0;
  if (last_space != std::string::npos && !operator_word && last_space + 1 < name.size()) {
    name.erase(0, last_space + 1);
  }
  return name;
}

constexpr std::string_view kVdso = "[vdso]";  // its name in /proc/PID/maps

// The vDSO image of this process, copied: every 64-bit process on this kernel maps the
// same one, and it is on no disk. Its section headers come last in the image.
std::vector<char> this_process_vdso() {
  const auto base = getauxval(AT_SYSINFO_EHDR);
  if (base == 0) return {};
  const auto* header = reinterpret_cast<const Elf64_Ehdr*>(base);
  const std::size_t size = header->e_shoff + std::size_t(header->e_shnum) * header->e_shentsize;
  const char* image = reinterpret_cast<const char*>(base);
  return {image, image + size};
}

// One ELF file's symbols, reported alone to its own Dwfl so that files mapped at the
// same addresses in different processes never collide.
class ElfSymbols {
 public:
  explicit ElfSymbols(const std::string& path) {
    load([&](Dwfl* dwfl) { return dwfl_report_elf(dwfl, path.c_str(), path.c_str(), -1, 0, false); });
  }
  // An image in memory, which must outlive this object.
  explicit ElfSymbols(std::vector<char>& image) {
    if (image.empty()) return;
    load([&](Dwfl* dwfl) { return dwfl_report_offline_memory(dwfl, kVdso.data(), kVdso.data(), image.data(), image.size()); });
  }

  // The symbol covering a file offset, or "" when there is none.
  std::string function_at(std::uint64_t file_offset) const {
    for (const auto& s : segments_) {
      if (file_offset < s.file_offset || file_offset >= s.file_offset + s.file_size) continue;
      GElf_Off offset = 0;
      GElf_Sym symbol;
      const GElf_Addr address = s.address + (file_offset - s.file_offset) + bias_;
      const char* name = dwfl_module_addrinfo(module_, address, &offset, &symbol, nullptr, nullptr, nullptr);
      return name ? demangle(name) : std::string();
    }
    return {};
  }

 private:
  template <class Report>
  void load(Report report) {
    if (!dwfl_) return;
    dwfl_report_begin(dwfl_.get());
    module_ = report(dwfl_.get());
    dwfl_report_end(dwfl_.get(), nullptr, nullptr);
    if (!module_) return;
    Elf* elf = dwfl_module_getelf(module_, &bias_);
    std::size_t headers = 0;
    if (!elf || elf_getphdrnum(elf, &headers) != 0) return;
    for (std::size_t i = 0; i < headers; ++i) {
      GElf_Phdr header;
      if (gelf_getphdr(elf, int(i), &header) && header.p_type == PT_LOAD) {
        segments_.push_back({header.p_offset, header.p_filesz, header.p_vaddr});
      }
    }
  }

  std::unique_ptr<Dwfl, decltype(&dwfl_end)> dwfl_{dwfl_begin(&kCallbacks), &dwfl_end};
  Dwfl_Module* module_ = nullptr;
  Dwarf_Addr bias_ = 0;
  std::vector<LoadSegment> segments_;
};

Symbolizer::Symbolizer() = default;
Symbolizer::~Symbolizer() = default;

ElfSymbols* Symbolizer::symbols_of(const std::string& path) {
  auto& slot = files_[path];
  if (!slot && path == kVdso) {
    vdso_image_ = this_process_vdso();
    slot = std::make_unique<ElfSymbols>(vdso_image_);
  }
  if (!slot) slot = std::make_unique<ElfSymbols>(path);
  return slot.get();
}

std::string Symbolizer::function_at(const ProcessMaps& maps, pid_t pid, std::uint64_t address,
                                    bool return_address) {
  if (return_address && address > 0) --address;
  const Mapping* mapping = maps.find(pid, address);
  if (!mapping) return "[unknown]";
  if (mapping->path.empty() || (mapping->path.front() == '[' && mapping->path != kVdso)) {
    return mapping->path.empty() ? "[anonymous]" : mapping->path;  // JIT code, [vsyscall], ...
  }
  const std::uint64_t offset = address - mapping->start + mapping->file_offset;
  const auto key = std::make_pair(mapping->path, offset);
  if (const auto known = names_.find(key); known != names_.end()) return known->second;
  std::string name = symbols_of(mapping->path)->function_at(offset);
  if (name.empty()) name = file_and_offset(mapping->path, offset);
  return names_.emplace(key, std::move(name)).first->second;
}

}  // namespace perfgate
