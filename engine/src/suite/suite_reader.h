#pragma once
// Reads a suite from an already parsed JSON value, for documents that embed one
// (result files); errors carry the cursor's path, e.g. "/suite/scenarios/0/trials".

#include "common/json_cursor.h"
#include "perfgate/suite.h"

namespace perfgate {

SuiteSpec suite_from_json(const JsonCursor& root, const std::string& source_name);

}  // namespace perfgate
