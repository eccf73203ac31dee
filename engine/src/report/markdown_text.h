#pragma once

#include <string>

namespace perfgate {

// Escapes user-controlled text for a Markdown table cell: no markup, no HTML, no table
// breaks, no @mentions or #references that would notify people or link issues, and no
// autolinks (scheme:// and www. get a zero-width space).
std::string escape_markdown(const std::string& text);

}  // namespace perfgate
