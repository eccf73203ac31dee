#include "common/json_cursor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "common/quantity.h"
#include "perfgate/error.h"

namespace perfgate {
namespace {

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Bounds read better as "[0, 1]" than "[0.0, 1.0]".
std::string number_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return Json(v).dump();
}

std::string describe(const Json& v) {
  std::string text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

}  // namespace

std::optional<double> parse_duration_seconds(const std::string& text) {
  // A bare number is seconds, as it is for a JSON number and the command line.
  static const std::pair<std::string_view, double> kUnits[] = {
      {"", 1.0}, {"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1.0}, {"m", 60.0}, {"min", 60.0}, {"h", 3600.0}};
  // No space between number and unit: "2 s" is not a duration (suite files never had it).
  const auto split = split_number_and_unit(text);
  if (!split || text.find_first_of(" \t") != std::string::npos) return std::nullopt;
  for (const auto& [name, factor] : kUnits) {
    if (split->unit != name) continue;
    const double seconds = split->number * factor;
    if (!is_sane_duration(seconds)) return std::nullopt;
    return seconds;
  }
  return std::nullopt;
}

void JsonCursor::fail(const std::string& what) const {
  throw input_error(source_ + ": " + (path_.empty() ? "/" : path_) + ": " + what);
}

void JsonCursor::fail_expected(const std::string& expected) const {
  fail("expected " + expected + ", got " + describe(*value_));
}

void JsonCursor::expect_object(std::initializer_list<std::string_view> allowed) const {
  if (!value_->is_object()) fail_expected("an object");
  for (const auto& [key, _] : value_->items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string known;
    for (auto a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
    JsonCursor(value_->at(key), source_, path_ + "/" + escape_pointer_token(key))
        .fail("unknown field (known: " + known + ")");
  }
}

bool JsonCursor::has(std::string_view key) const {
  return value_->is_object() && value_->contains(key);
}

JsonCursor JsonCursor::at(std::string_view key) const {
  if (!has(key)) fail("missing required field \"" + std::string(key) + "\"");
  return {value_->at(key), source_, path_ + "/" + escape_pointer_token(key)};
}

std::optional<JsonCursor> JsonCursor::find(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return at(key);
}

std::vector<JsonCursor> JsonCursor::elements() const {
  if (!value_->is_array()) fail_expected("an array");
  std::vector<JsonCursor> out;
  for (std::size_t i = 0; i < value_->size(); ++i) {
    out.emplace_back((*value_)[i], source_, path_ + "/" + std::to_string(i));
  }
  return out;
}

std::vector<std::pair<std::string, JsonCursor>> JsonCursor::members() const {
  if (!value_->is_object()) fail_expected("an object");
  std::vector<std::pair<std::string, JsonCursor>> out;
  for (const auto& [key, v] : value_->items()) {
    out.emplace_back(key, JsonCursor(v, source_, path_ + "/" + escape_pointer_token(key)));
  }
  return out;
}

std::string JsonCursor::as_string() const {
  if (!value_->is_string()) fail_expected("a string");
  return value_->get<std::string>();
}

double JsonCursor::as_number() const {
  if (!value_->is_number()) fail_expected("a number");
  return value_->get<double>();
}

double JsonCursor::as_number_in(double min, double max) const {
  const double v = value_->is_number() ? value_->get<double>() : NAN;
  if (!(v >= min && v <= max)) {
    fail_expected("a number in [" + number_text(min) + ", " + number_text(max) + "]");
  }
  return v;
}

std::uint64_t JsonCursor::as_uint(std::uint64_t min, std::uint64_t max) const {
  std::optional<std::uint64_t> v;
  if (value_->is_number_unsigned()) {
    v = value_->get<std::uint64_t>();
  } else if (value_->is_number_integer()) {  // signed: built in memory, not parsed
    if (const auto i = value_->get<std::int64_t>(); i >= 0) v = static_cast<std::uint64_t>(i);
  } else if (value_->is_number_float()) {
    // 2^64 and beyond (1e300) has no uint64 value: converting it would be undefined.
    const double d = value_->get<double>();
    if (d >= 0 && d < 0x1p64 && std::floor(d) == d) v = std::uint64_t(d);
  }
  if (!v || *v < min || *v > max) {
    fail_expected("integer " +
                  (max == UINT64_MAX ? ">= " + std::to_string(min)
                                     : "in [" + std::to_string(min) + ", " + std::to_string(max) + "]"));
  }
  return *v;
}

bool JsonCursor::as_bool() const {
  if (!value_->is_boolean()) fail_expected("true or false");
  return value_->get<bool>();
}

Seconds JsonCursor::as_duration(Seconds min) const {
  std::optional<double> seconds;
  if (value_->is_number()) seconds = value_->get<double>();
  if (value_->is_string()) seconds = parse_duration_seconds(value_->get<std::string>());
  const std::string expectation =
      "a duration >= " + number_text(min.count()) + "s (seconds, or a string like \"500ms\", \"2s\", \"1m\")";
  if (!seconds || !is_sane_duration(*seconds) || *seconds < min.count()) fail_expected(expectation);
  return Seconds(*seconds);
}

std::vector<std::string> JsonCursor::as_string_array() const {
  std::vector<std::string> out;
  for (const auto& e : elements()) out.push_back(e.as_string());
  return out;
}

namespace {

// nlohmann's DOM copies, compares and prints recursively, so a document nested 100 000
// deep overflows the stack long after parsing succeeded. One linear pass over the text
// (strings skipped) refuses it first, with the line and column where it got too deep.
void check_nesting(const std::string& text, const std::string& source_name) {
  std::size_t depth = 0, line = 1, column = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    ++column;
    if (c == '\n') line += 1, column = 0;
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        throw input_error(source_name + ": invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) +
                          " levels at line " + std::to_string(line) + ", column " + std::to_string(column));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

// Follows the parser's events to know where it is, and throws on a repeated key.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(const std::string& source) : source_(source) {}

  bool operator()(int, Json::parse_event_t event, const Json& parsed) {
    using E = Json::parse_event_t;
    if (event == E::object_start || event == E::array_start) {
      open_.push_back({event == E::object_start, child_token(), {}, {}, 0});
    } else if (event == E::object_end || event == E::array_end) {
      open_.pop_back();
    } else if (event == E::key) {
      Frame& object = open_.back();
      object.last_key = parsed.get<std::string>();
      if (!object.keys.insert(object.last_key).second) {
        throw input_error(source_ + ": " + pointer() + "/" + escape_pointer_token(object.last_key) +
                          ": duplicate key (each field may appear once)");
      }
    } else if (event == E::value && !open_.empty() && !open_.back().object) {
      ++open_.back().elements;
    }
    return true;
  }

 private:
  struct Frame {
    bool object;
    std::string token;  // this container's name in its parent
    std::set<std::string> keys;
    std::string last_key;
    std::size_t elements;
  };
  std::string child_token() {
    if (open_.empty()) return "";
    Frame& parent = open_.back();
    return parent.object ? escape_pointer_token(parent.last_key) : std::to_string(parent.elements++);
  }
  std::string pointer() const {
    std::string out;
    for (std::size_t i = 1; i < open_.size(); ++i) out += "/" + open_[i].token;
    return out;
  }
  const std::string& source_;
  std::vector<Frame> open_;
};

}  // namespace

Json parse_json_text(const std::string& text, const std::string& source_name, DuplicateKeys duplicates) {
  check_nesting(text, source_name);
  try {
    if (duplicates == DuplicateKeys::kRefuse) return Json::parse(text, DuplicateKeyCheck(source_name));
    return Json::parse(text);
  } catch (const Json::exception& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    // (out_of_range.406 for a number such as 1e999 that overflows a double)
    std::string what = e.what();
    const auto pos = what.find("] ");
    throw input_error(source_name + ": invalid JSON: " +
                      (pos == std::string::npos ? what : what.substr(pos + 2)));
  }
}

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

double number_or_nan(const JsonCursor& c) {
  return c.value().is_null() ? std::numeric_limits<double>::quiet_NaN() : c.as_number();
}

}  // namespace perfgate
