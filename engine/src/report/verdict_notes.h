#pragma once
// The footnotes every rendering of a verdict carries: at what level the intervals are,
// how much the machine itself changed between two separate runs, and whether the
// comparison was paired. One list, so no output format can leave one out.

#include <string>
#include <vector>

#include "perfgate/compare.h"

namespace perfgate {

std::vector<std::string> verdict_notes(const VerdictReport& report);

}  // namespace perfgate
