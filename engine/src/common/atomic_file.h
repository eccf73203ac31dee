#pragma once

#include <string>
#include <string_view>

namespace perfgate {

// Writes `content` to `path` so that readers see the old file or the complete new one,
// never a part: a temp file in the same directory, fsync, then rename(2). A symlink is
// followed (its target is replaced, the link kept). An existing non-regular file
// (/dev/null, a FIFO, /dev/stdout) is written in place, since rename would replace the
// device itself. "-" writes to stdout. Throws kEnvironment naming the path on failure.
void write_file_atomically(const std::string& path, std::string_view content);

// Fails early (kEnvironment) when `path` could not be written later: its directory is
// missing or not writable. "-" always passes. Lets a long run refuse before it starts.
void check_writable_destination(const std::string& path);

// Reads a whole file; "-" reads stdin. Throws kInput naming the path on failure.
std::string read_file(const std::string& path);

}  // namespace perfgate
