// The "profile" object of a result scenario (docs/result-schema.md, "profile").
#include <limits>

#include "profile/profile_json.h"

namespace perfgate {
namespace {

constexpr auto kMaxCount = std::numeric_limits<std::uint64_t>::max();

}  // namespace

Json folded_stacks_to_json(const std::vector<FoldedStack>& stacks) {
  Json out = Json::array();
  for (const auto& s : stacks) out.push_back({{"frames", s.frames}, {"samples", s.samples}});
  return out;
}

std::vector<FoldedStack> folded_stacks_from_json(const JsonCursor& c) {
  std::vector<FoldedStack> stacks;
  for (const auto& s : c.elements()) {
    s.expect_object({"frames", "samples"});
    stacks.push_back({s.at("frames").as_string(), s.at("samples").as_uint(1, kMaxCount)});
  }
  return stacks;
}

Json to_json(const Profile& p) {
  if (!p.available()) return {{"unavailable", p.unavailable}};
  return {{"scope", p.scope},
          {"rate_hz", p.rate_hz},
          {"duration_s", p.duration_s},
          {"operations", p.operations},
          {"throughput_ratio", number_or_null(p.throughput_ratio)},
          {"samples", p.samples},
          {"lost", p.lost},
          {"processes", p.processes},
          {"stacks", folded_stacks_to_json(p.stacks)},
          {"other_samples", p.other_samples},
          {"other_stacks", p.other_stacks}};
}

Profile profile_from_json(const Json& doc, const std::string& where) { return profile_from_json(JsonCursor(doc, where)); }

Profile profile_from_json(const JsonCursor& c) {
  Profile p;
  if (c.has("unavailable")) {
    c.expect_object({"unavailable"});
    p.unavailable = c.at("unavailable").as_string();
    if (p.unavailable.empty()) c.at("unavailable").fail_expected("a reason");
    return p;
  }
  c.expect_object({"scope", "rate_hz", "duration_s", "operations", "throughput_ratio", "samples", "lost", "processes", "stacks",
                   "other_samples", "other_stacks"});
  p.scope = c.at("scope").as_string();
  p.rate_hz = c.at("rate_hz").as_number_in(1, 1e6);
  p.duration_s = c.at("duration_s").as_number_in(0, kMaxDurationSeconds);
  p.operations = c.at("operations").as_uint(0, kMaxCount);
  p.throughput_ratio = number_or_nan(c.at("throughput_ratio"));
  p.samples = c.at("samples").as_uint(0, kMaxCount);
  p.lost = c.at("lost").as_uint(0, kMaxCount);
  p.processes = c.at("processes").as_uint(0, kMaxCount);
  p.stacks = folded_stacks_from_json(c.at("stacks"));
  p.other_samples = c.at("other_samples").as_uint(0, kMaxCount);
  p.other_stacks = c.at("other_stacks").as_uint(0, kMaxCount);
  std::uint64_t listed = p.other_samples;
  for (const auto& s : p.stacks) listed += std::min(s.samples, kMaxCount - listed);
  if (listed != p.samples) c.at("samples").fail("expected the stacks' and other_samples' sum, " + std::to_string(listed));
  return p;
}

}  // namespace perfgate
