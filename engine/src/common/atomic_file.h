#pragma once

#include <string>
#include <string_view>

namespace perfgate {

// Writes `content` to `path` so that readers see the old file or the complete new one,
// never a part: a temp file in the same directory, fsync, then rename(2).
// "-" writes to stdout instead. Throws kEnvironment naming the path on failure.
void write_file_atomically(const std::string& path, std::string_view content);

// Reads a whole file; "-" reads stdin. Throws kInput naming the path on failure.
std::string read_file(const std::string& path);

}  // namespace perfgate
