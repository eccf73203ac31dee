#pragma once
// A position in a parsed JSON document: the value plus its JSON Pointer path, so that
// every validation error can say exactly which field of which file is wrong, e.g.
//   suite.json: /scenarios/2/load/concurrency: expected integer >= 1, got "four"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "perfgate/json.h"

#include "perfgate/units.h"

namespace perfgate {

class JsonCursor {
 public:
  JsonCursor(const Json& value, std::string source, std::string path = "")
      : value_(&value), source_(std::move(source)), path_(std::move(path)) {}

  const Json& value() const { return *value_; }
  const std::string& path() const { return path_; }
  const std::string& source() const { return source_; }

  [[noreturn]] void fail(const std::string& what) const;
  [[noreturn]] void fail_expected(const std::string& expected) const;  // "expected X, got Y"

  // Requires an object whose keys are all in `allowed`; names the first unknown key.
  void expect_object(std::initializer_list<std::string_view> allowed) const;
  bool has(std::string_view key) const;
  JsonCursor at(std::string_view key) const;  // required member
  std::optional<JsonCursor> find(std::string_view key) const;
  std::vector<JsonCursor> elements() const;  // requires an array
  std::vector<std::pair<std::string, JsonCursor>> members() const;  // requires an object

  std::string as_string() const;
  double as_number() const;
  double as_number_in(double min, double max) const;
  std::uint64_t as_uint(std::uint64_t min, std::uint64_t max) const;
  bool as_bool() const;
  // A duration: a number of seconds, or a string such as "250ms", "2s", "1.5m", "1h".
  Seconds as_duration(Seconds min) const;
  std::vector<std::string> as_string_array() const;

 private:
  const Json* value_;
  std::string source_;
  std::string path_;
};

// "250ms", "2s", "1.5m", "1h", "100us", "5ns", "2" (seconds) → seconds; empty when not a
// duration, or not a finite one from 0 to kMaxDurationSeconds.
std::optional<double> parse_duration_seconds(const std::string& text);
// Thirty days: longer than any soak, short enough that no count derived from it overflows.
inline constexpr double kMaxDurationSeconds = 30.0 * 24 * 3600;
inline bool is_sane_duration(double seconds) {
  return std::isfinite(seconds) && seconds >= 0 && seconds <= kMaxDurationSeconds;
}

// JSON has no NaN or infinity: an undefined figure is written as null and read back as NaN.
Json number_or_null(double v);
double number_or_nan(const JsonCursor& c);

// Parses JSON text; a syntax error is reported with the source name, line and column.
// Nesting deeper than kMaxJsonDepth arrays/objects is refused (no perfgate file needs
// more than ten), as is a number out of a double's range.
// Files people write (suites) are read strictly: a key given twice in one object is
// refused with its JSON Pointer, as an unknown field is, instead of the last one winning.
inline constexpr std::size_t kMaxJsonDepth = 256;
enum class DuplicateKeys { kLastWins, kRefuse };
Json parse_json_text(const std::string& text, const std::string& source_name,
                     DuplicateKeys duplicates = DuplicateKeys::kLastWins);

}  // namespace perfgate
