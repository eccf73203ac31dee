#pragma once
// A private temporary directory (mkdtemp under $TMPDIR, else /tmp), removed with its
// contents when the object goes.

#include <string>

namespace perfgate {

class ScratchDirectory {
 public:
  // Throws kEnvironment when no directory can be made.
  explicit ScratchDirectory(const std::string& prefix);
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace perfgate
