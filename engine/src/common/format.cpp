#include "common/format.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace perfgate {
namespace {

// Three significant digits with a unit suffix chosen from a ladder.
std::string scaled(double value, const char* const* units, const double* factors, int n) {
  int i = 0;
  while (i + 1 < n && std::fabs(value) >= factors[i + 1]) ++i;
  const double v = value / factors[i];
  // The base unit is whole unless the value is small and fractional (0.39 ns per
  // iteration of a micro-benchmark is not "0ns").
  const bool whole = i == 0 && (std::fabs(v) >= 10 || v == std::floor(v));
  const int decimals = std::fabs(v) >= 100 || whole ? 0 : (std::fabs(v) >= 10 ? 1 : 2);
  return format_fixed(v, decimals) + units[i];
}

}  // namespace

std::string format_share(double fraction) { return format_fixed(100 * fraction, 1) + "%"; }

std::string format_fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string format_seconds(Seconds s) {
  const double v = s.count();
  if (v < 1.0) return format_fixed(v * 1000.0, v * 1000.0 == std::floor(v * 1000.0) ? 0 : 1) + "ms";
  if (v < 60.0) return format_fixed(v, v == std::floor(v) ? 0 : 1) + "s";
  const auto whole = static_cast<long long>(std::llround(v));
  if (whole < 3600) return std::to_string(whole / 60) + "m" + (whole % 60 ? std::to_string(whole % 60) + "s" : "");
  return std::to_string(whole / 3600) + "h" + (whole % 3600 / 60 ? std::to_string(whole % 3600 / 60) + "m" : "");
}

std::string format_latency_ns(double ns) {
  static const char* const units[] = {"ns", "us", "ms", "s"};
  static const double factors[] = {1, 1e3, 1e6, 1e9};
  return scaled(ns, units, factors, 4);
}

std::string format_bytes(double bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  static const double factors[] = {1, 1024.0, 1048576.0, 1073741824.0, 1099511627776.0};
  return scaled(bytes, units, factors, 5);
}

std::string format_count(double value) {
  static const char* const units[] = {"", "k", "M", "G"};
  static const double factors[] = {1, 1e3, 1e6, 1e9};
  return scaled(value, units, factors, 4);
}

std::string trim(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string short_commit(std::string_view commit) { return std::string(commit.substr(0, 12)); }

std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string quote_input(std::string_view text) {
  constexpr std::size_t kShown = 60;
  if (text.size() <= kShown) return "'" + std::string(text) + "'";
  return "'" + std::string(utf8_prefix(text, kShown)) + "...' (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace perfgate
