#pragma once
// perfgate's JSON value type: insertion-ordered, so files read top-down the way they
// are documented ("schema" first), and diffs of re-written files stay small.

#include <nlohmann/json.hpp>

namespace perfgate {

using Json = nlohmann::ordered_json;

}  // namespace perfgate
