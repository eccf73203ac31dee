#pragma once
// "Where it changed": the functions whose CPU time moved most between the two profiles
// of a scenario, for the terminal and for Markdown.

#include <string>
#include <vector>

#include "perfgate/compare.h"

namespace perfgate {

// Rows shown per scenario: the largest changes of self time per operation, plus any
// further findings.
inline constexpr std::size_t kProfileRowsShown = 8;

std::vector<const FunctionChange*> functions_shown(const ProfileDiff& diff);
// The diffs of scenarios with a regression: where a reader wants to know why.
std::vector<const ProfileDiff*> regressed_profiles(const VerdictReport& report);

// The table's columns and one function's cells, shared by every rendering.
extern const std::vector<std::string> kProfileTableHeader;
std::vector<std::string> profile_table_row(const FunctionChange& f);

std::string render_profile_markdown(const ProfileDiff& diff);
std::string render_profile_text(const ProfileDiff& diff);

// "x1.30 [1.19, 1.43]"
std::string format_time_ratio(double ratio, double low, double high);
// What a finding needs, in one sentence, for every output.
std::string profile_method_note(const ProfileDiff& diff);

}  // namespace perfgate
