#pragma once
// What a tool prints about bad input is itself built from that input: a file name, a
// field, an expression someone passed. One line, bounded, and inert on a terminal.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace perfgate::tools {

inline constexpr std::size_t kMaxErrorLine = 480;

// Control characters (an ANSI escape, a newline, a NUL) become \xNN; past
// kMaxErrorLine bytes the text is cut at a character boundary and marked.
inline std::string printable_line(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= kMaxErrorLine) {
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();  // a lead byte cut off
      return out + " ... (" + std::to_string(text.size() - i) + " more bytes)";
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
    } else {
      out += char(c);
    }
  }
  return out;
}

// CLI11's Range lets NaN through (every comparison with it is false).
inline CLI::Validator finite_range(double min, double max) {
  const std::string bounds = "[" + CLI::detail::to_string(min) + " - " + CLI::detail::to_string(max) + "]";
  return CLI::Validator(
      [min, max, bounds](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return "expected a finite number";
        if (v < min || v > max) return "value " + text + " not in range " + bounds;
        return "";
      },
      "FLOAT in " + bounds);
}

}  // namespace perfgate::tools
