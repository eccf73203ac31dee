#pragma once
// The folded-stack lists shared by a result's profile and a verdict's profile diff.

#include <vector>

#include "common/json_cursor.h"
#include "perfgate/profile.h"

namespace perfgate {

Json folded_stacks_to_json(const std::vector<FoldedStack>& stacks);
std::vector<FoldedStack> folded_stacks_from_json(const JsonCursor& c);
// Readers at a position inside a larger document, so errors name the full path.
Profile profile_from_json(const JsonCursor& c);
ProfileDiff profile_diff_from_json(const JsonCursor& c);

}  // namespace perfgate
