#pragma once
// File output for tools: atomic writes and early writability checks.

#include <string>
#include <string_view>

namespace perfgate {

// How messages name an input path: "<stdin>" for "-".
std::string input_name(const std::string& path);
// Reads a whole file; "-" reads stdin. Throws kInput naming the path on failure.
std::string read_file(const std::string& path);
// Atomic (temp + rename) for regular files; devices and FIFOs in place; "-" is stdout.
void write_file_atomically(const std::string& path, std::string_view content);
// Throws kEnvironment now when `path` could not be written later.
void check_writable_destination(const std::string& path);

}  // namespace perfgate
