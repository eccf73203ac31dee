#pragma once
// How baseline versions map to tag references: refs/tags/PREFIX/NAME/VERSION.

#include <optional>
#include <string>

namespace perfgate {

struct TagName {
  std::string name;
  unsigned version = 0;
};

void validate_tag_prefix(const std::string& prefix);  // throws kInput
std::string tag_reference(const std::string& prefix, const std::string& name, unsigned version);
// Empty for references under the prefix that are not NAME/VERSION.
std::optional<TagName> parse_tag_reference(const std::string& prefix, const std::string& reference);

}  // namespace perfgate
