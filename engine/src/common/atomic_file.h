#pragma once

#include <string>
#include <string_view>

#include "perfgate/io.h"

namespace perfgate {

// Reads a whole file; "-" reads stdin. Throws kInput naming the path on failure.
std::string read_file(const std::string& path);

}  // namespace perfgate
