#pragma once

#include <string>

namespace perfgate {

// Escapes user-controlled text for HTML and XML text and attribute values: markup
// characters become entities, and control characters XML 1.0 cannot carry are dropped.
std::string escape_xml(const std::string& text);

}  // namespace perfgate
