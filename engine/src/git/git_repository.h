#pragma once
// The one place perfgate talks to libgit2: RAII over its handles, every return code
// checked, failures turned into perfgate::Error (kEnvironment) with git's own message.

#include <memory>
#include <optional>
#include <string>

struct git_repository;

namespace perfgate {

class GitRepository {
 public:
  // Finds the repository containing `path` (searching upwards); empty when there is none.
  static std::optional<GitRepository> discover(const std::string& path);

  GitRepository(GitRepository&&) noexcept;
  GitRepository& operator=(GitRepository&&) noexcept;
  ~GitRepository();

  bool is_bare() const;
  std::optional<std::string> head_commit() const;  // empty on an unborn branch
  std::string head_branch() const;                 // empty when detached or unborn
  bool has_uncommitted_changes() const;            // tracked files only

 private:
  struct Handle;
  explicit GitRepository(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace perfgate
