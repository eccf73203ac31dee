#include "report/markdown_text.h"

#include <string_view>

namespace perfgate {

std::string escape_markdown(const std::string& text) {
  constexpr std::string_view kMarkup = "\\`*_{}[]()<>#+-.!|~";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '@') {
      out += "@\u200b";  // zero-width space: GitHub no longer sees a mention
    } else if (c == '&') {
      out += "&amp;";
    } else if (kMarkup.find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace perfgate
