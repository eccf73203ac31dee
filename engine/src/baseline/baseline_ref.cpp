#include <algorithm>
#include <cctype>

#include "baseline/baseline_tags.h"
#include "perfgate/baseline.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool safe_char(unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-'; }

// Segments git accepts in a ref name, and that cannot be mistaken for a version.
bool valid_segment(std::string_view s) {
  return !s.empty() && s.front() != '.' && s.front() != '-' && !all_digits(s) &&
         s.find("..") == std::string_view::npos && !(s.size() >= 5 && s.substr(s.size() - 5) == ".lock") &&
         std::all_of(s.begin(), s.end(), safe_char);
}

std::optional<unsigned> parse_version(std::string_view s) {
  if (!all_digits(s) || s.size() > 9 || s.front() == '0') return std::nullopt;
  return static_cast<unsigned>(std::stoul(std::string(s)));
}

}  // namespace

void validate_baseline_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 200;
  for (std::size_t start = 0; ok;) {
    const std::size_t slash = name.find('/', start);
    ok = valid_segment(std::string_view(name).substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (!ok) {
    throw input_error("invalid baseline name '" + name + "': use letters, digits, '.', '_', '-' in '/'-separated "
                      "parts, none of them all digits (e.g. main, release/2.x)");
  }
}

BaselineRef BaselineRef::parse(const std::string& text) {
  const std::size_t at = text.rfind('@');
  BaselineRef ref{text.substr(0, at), std::nullopt};
  if (at != std::string::npos) {
    ref.version = parse_version(std::string_view(text).substr(at + 1));
    if (!ref.version) throw input_error("invalid baseline version in '" + text + "': expected NAME@N with N ≥ 1");
  }
  validate_baseline_name(ref.name);
  return ref;
}

std::string BaselineRef::to_string() const {
  return version ? name + "@" + std::to_string(*version) : name;
}

void validate_tag_prefix(const std::string& prefix) {
  const std::string error = "invalid tag prefix '" + prefix + "': expected e.g. perfgate/ (ending in '/')";
  if (prefix.size() < 2 || prefix.back() != '/') throw input_error(error);
  try {
    validate_baseline_name(prefix.substr(0, prefix.size() - 1));
  } catch (const Error&) {
    throw input_error(error);
  }
}

std::string tag_reference(const std::string& prefix, const std::string& name, unsigned version) {
  return "refs/tags/" + prefix + name + "/" + std::to_string(version);
}

std::optional<TagName> parse_tag_reference(const std::string& prefix, const std::string& reference) {
  const std::string head = "refs/tags/" + prefix;
  if (reference.rfind(head, 0) != 0) return std::nullopt;
  const std::string rest = reference.substr(head.size());
  const std::size_t slash = rest.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto version = parse_version(std::string_view(rest).substr(slash + 1));
  if (!version) return std::nullopt;
  return TagName{rest.substr(0, slash), *version};
}

}  // namespace perfgate
