// The "profiles" entries of a verdict (docs/verdict-schema.md, "profiles").
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

#include "profile/profile_json.h"

namespace perfgate {
namespace {

constexpr auto kMaxCount = std::numeric_limits<std::uint64_t>::max();

Json change_to_json(const FunctionChange& f) {
  return {{"function", f.function},
          {"self_samples", {f.baseline_self, f.candidate_self}},
          {"total_samples", {f.baseline_total, f.candidate_total}},
          {"self_seconds_per_op", {f.baseline_self_per_op, f.candidate_self_per_op}},
          {"self_share", {f.baseline_self_share, f.candidate_self_share}},
          {"total_share", {f.baseline_total_share, f.candidate_total_share}},
          {"self_ratio", {number_or_null(f.self_ratio), number_or_null(f.self_low), number_or_null(f.self_high)}},
          {"total_ratio", {number_or_null(f.total_ratio), number_or_null(f.total_low), number_or_null(f.total_high)}},
          {"self_p", f.self_p},
          {"total_p", f.total_p},
          {"self_finding", f.self_finding},
          {"total_finding", f.total_finding}};
}

// A [baseline, candidate] pair (or [estimate, low, high] triple) of numbers.
template <std::size_t N>
std::array<double, N> numbers(const JsonCursor& c) {
  const auto items = c.elements();
  if (items.size() != N) c.fail_expected("an array of " + std::to_string(N) + " numbers");
  std::array<double, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = items[i].value().is_null() ? NAN : items[i].as_number();
  return out;
}

std::array<std::uint64_t, 2> counts(const JsonCursor& c) {
  const auto items = c.elements();
  if (items.size() != 2) c.fail_expected("[baseline, candidate] sample counts");
  return {items[0].as_uint(0, kMaxCount), items[1].as_uint(0, kMaxCount)};
}

std::string finding_from(const JsonCursor& c) {
  std::string f = c.as_string();
  if (f != "" && f != "slower" && f != "faster") c.fail_expected("\"slower\", \"faster\" or \"\"");
  return f;
}

FunctionChange change_from_json(const JsonCursor& c) {
  c.expect_object({"function", "self_samples", "total_samples", "self_seconds_per_op", "self_share", "total_share",
                   "self_ratio", "total_ratio", "self_p", "total_p", "self_finding", "total_finding"});
  FunctionChange f;
  f.function = c.at("function").as_string();
  const auto self = counts(c.at("self_samples"));
  std::tie(f.baseline_self, f.candidate_self) = std::pair(self[0], self[1]);
  const auto total = counts(c.at("total_samples"));
  std::tie(f.baseline_total, f.candidate_total) = std::pair(total[0], total[1]);
  const auto per_op = numbers<2>(c.at("self_seconds_per_op"));
  std::tie(f.baseline_self_per_op, f.candidate_self_per_op) = std::pair(per_op[0], per_op[1]);
  const auto self_share = numbers<2>(c.at("self_share")), total_share = numbers<2>(c.at("total_share"));
  std::tie(f.baseline_self_share, f.candidate_self_share) = std::pair(self_share[0], self_share[1]);
  std::tie(f.baseline_total_share, f.candidate_total_share) = std::pair(total_share[0], total_share[1]);
  const auto self_ratio = numbers<3>(c.at("self_ratio")), total_ratio = numbers<3>(c.at("total_ratio"));
  std::tie(f.self_ratio, f.self_low, f.self_high) = std::tuple(self_ratio[0], self_ratio[1], self_ratio[2]);
  std::tie(f.total_ratio, f.total_low, f.total_high) = std::tuple(total_ratio[0], total_ratio[1], total_ratio[2]);
  f.self_p = c.at("self_p").as_number_in(0, 1);
  f.total_p = c.at("total_p").as_number_in(0, 1);
  f.self_finding = finding_from(c.at("self_finding"));
  f.total_finding = finding_from(c.at("total_finding"));
  return f;
}

}  // namespace

Json to_json(const ProfileDiff& d) {
  Json functions = Json::array();
  for (const auto& f : d.functions) functions.push_back(change_to_json(f));
  return {{"scenario", d.scenario},
          {"alpha", d.alpha},
          {"min_change", d.min_change},
          {"samples", {d.baseline_samples, d.candidate_samples}},
          {"operations", {d.baseline_operations, d.candidate_operations}},
          {"seconds_per_sample", {d.baseline_seconds_per_sample, d.candidate_seconds_per_sample}},
          {"functions", std::move(functions)},
          {"baseline_stacks", folded_stacks_to_json(d.baseline_stacks)},
          {"candidate_stacks", folded_stacks_to_json(d.candidate_stacks)},
          {"other_samples", {d.baseline_other, d.candidate_other}}};
}

ProfileDiff profile_diff_from_json(const Json& doc, const std::string& where) {
  return profile_diff_from_json(JsonCursor(doc, where));
}

ProfileDiff profile_diff_from_json(const JsonCursor& c) {
  c.expect_object({"scenario", "alpha", "min_change", "samples", "operations", "seconds_per_sample", "functions",
                   "baseline_stacks", "candidate_stacks", "other_samples"});
  ProfileDiff d;
  d.scenario = c.at("scenario").as_string();
  d.alpha = c.at("alpha").as_number_in(0, 1);
  d.min_change = c.at("min_change").as_number_in(0, 1e6);
  const auto samples = counts(c.at("samples")), operations = counts(c.at("operations"));
  std::tie(d.baseline_samples, d.candidate_samples) = std::pair(samples[0], samples[1]);
  std::tie(d.baseline_operations, d.candidate_operations) = std::pair(operations[0], operations[1]);
  const auto sps = numbers<2>(c.at("seconds_per_sample"));
  std::tie(d.baseline_seconds_per_sample, d.candidate_seconds_per_sample) = std::pair(sps[0], sps[1]);
  for (const auto& f : c.at("functions").elements()) d.functions.push_back(change_from_json(f));
  d.baseline_stacks = folded_stacks_from_json(c.at("baseline_stacks"));
  d.candidate_stacks = folded_stacks_from_json(c.at("candidate_stacks"));
  const auto other = counts(c.at("other_samples"));
  std::tie(d.baseline_other, d.candidate_other) = std::pair(other[0], other[1]);
  return d;
}

}  // namespace perfgate
