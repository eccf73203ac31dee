#include "profile/process_maps.h"

#include <charconv>
#include <fstream>

namespace perfgate {
namespace {

bool parse_hex(std::string_view& text, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  if (ec != std::errc()) return false;
  text.remove_prefix(std::size_t(end - text.data()));
  return true;
}

bool skip(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

std::string_view next_field(std::string_view& text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const auto end = text.find(' ');
  const auto field = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end);
  return field;
}

}  // namespace

void ProcessMaps::add(pid_t pid, const Mapping& mapping) {
  if (mapping.end <= mapping.start) return;
  auto& maps = by_pid_[pid];
  // Trim or drop every older mapping that overlaps the new one.
  auto it = maps.lower_bound(mapping.start);
  if (it != maps.begin() && std::prev(it)->second.end > mapping.start) --it;
  while (it != maps.end() && it->second.start < mapping.end) {
    Mapping old = it->second;
    it = maps.erase(it);
    if (old.start < mapping.start) {
      Mapping head = old;
      head.end = mapping.start;
      maps.emplace(head.start, head);
    }
    if (old.end > mapping.end) {
      Mapping tail = old;
      tail.file_offset += mapping.end - old.start;
      tail.start = mapping.end;
      it = maps.emplace(tail.start, tail).first;
      ++it;
    }
  }
  maps.emplace(mapping.start, mapping);
}

void ProcessMaps::fork(pid_t parent, pid_t child) {
  if (parent != child) parent_.emplace(child, parent);
}

bool ProcessMaps::parse_line(std::string_view line, Mapping& out) {
  std::uint64_t start = 0, end = 0, offset = 0;
  if (!parse_hex(line, start) || !skip(line, '-') || !parse_hex(line, end) || !skip(line, ' ')) return false;
  const auto perms = next_field(line);
  if (perms.size() < 3 || perms[2] != 'x') return false;
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  if (!parse_hex(line, offset)) return false;
  next_field(line);  // device
  next_field(line);  // inode
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  out = Mapping{start, end, offset, std::string(line)};
  return true;
}

bool ProcessMaps::read_proc(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
  if (!in) return false;
  std::string line;
  Mapping mapping;
  while (std::getline(in, line)) {
    if (parse_line(line, mapping)) add(pid, mapping);
  }
  return true;
}

const Mapping* ProcessMaps::find(pid_t pid, std::uint64_t address) const {
  // A bounded walk up the parents, in case of a cycle from reused pids.
  for (int depth = 0; depth < 64; ++depth) {
    if (const auto maps = by_pid_.find(pid); maps != by_pid_.end()) {
      auto it = maps->second.upper_bound(address);
      if (it != maps->second.begin() && (--it)->second.end > address) return &it->second;
      return nullptr;  // after exec a process has its own mappings only
    }
    const auto parent = parent_.find(pid);
    if (parent == parent_.end()) return nullptr;
    pid = parent->second;
  }
  return nullptr;
}

}  // namespace perfgate
