#pragma once
// Human-readable figures for terminals and error messages.

#include <cstdint>
#include <string>
#include <string_view>

#include "perfgate/units.h"

namespace perfgate {

std::string format_seconds(Seconds s);         // "250ms", "2s", "1.5s", "3m20s"
std::string format_latency_ns(double ns);      // "850ns", "12.3us", "4.56ms", "1.20s"
std::string format_bytes(double bytes);        // "512B", "1.5KiB", "200MiB"
std::string format_count(double value);        // "950", "12.3k", "4.56M"
std::string format_fixed(double value, int decimals);
std::string format_share(double fraction);  // 0.575 -> "57.5%"
// `text` without leading and trailing whitespace.
std::string trim(std::string_view text);
// The first 12 hex digits of a commit id: what messages and tables show.
std::string short_commit(std::string_view commit);
// The longest prefix of UTF-8 `text` of at most `limit` bytes that ends on a character
// boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t limit);
// Input quoted in a message: 'text', cut to its first 60 bytes (at a character
// boundary) with the full length said, so a 100 kB argument is not echoed back whole.
std::string quote_input(std::string_view text);

}  // namespace perfgate
