#include "common/scratch_directory.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "perfgate/error.h"

namespace perfgate {

ScratchDirectory::ScratchDirectory(const std::string& prefix) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/" + prefix + ".XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw environment_error("cannot create a temporary directory " + pattern + ": " + std::strerror(errno));
  }
  path_ = buffer.data();
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;  // a destructor cannot report; a leftover directory in /tmp is harmless
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace perfgate
