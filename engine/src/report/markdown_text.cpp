#include "report/markdown_text.h"

#include <string_view>

namespace perfgate {
namespace {

bool starts_www(const std::string& text, std::size_t i) {
  if (i + 4 > text.size() || text[i + 3] != '.') return false;
  for (std::size_t k = i; k < i + 3; ++k) {
    if (text[k] != 'w' && text[k] != 'W') return false;
  }
  return true;
}

}  // namespace

std::string escape_markdown(const std::string& text) {
  constexpr std::string_view kMarkup = "\\`*_{}[]()<>#+-.!|~";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':' && text.compare(i + 1, 2, "//") == 0) {
      out += ":\u200b";  // GitHub would autolink scheme://host
    } else if (starts_www(text, i)) {
      out += text.substr(i, 3) + "\u200b";  // and www.host
      i += 2;
    } else if (c == '\n' || c == '\r') {
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
