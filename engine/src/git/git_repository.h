#pragma once
// The one place perfgate talks to libgit2: RAII over its handles, every return code
// checked, failures turned into perfgate::Error (kEnvironment) with git's own message.
// Objects are named by their full hex id; nothing of libgit2 leaks out of this header.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate {

struct GitSignature {
  std::string name, email;
  std::int64_t time = 0;    // seconds since the epoch
  int offset_minutes = 0;   // the signer's UTC offset
};

struct GitCommitInfo {
  std::string id;
  std::vector<std::string> parents;
  GitSignature author;
  GitSignature committer;
  std::string message;
};

struct GitTagInfo {
  std::string target;  // id of the tagged object
  GitSignature tagger;
  std::string message;
};

struct GitTreeFile {
  std::string name;
  std::string blob;        // id from write_blob, or from write_tree for a directory
  bool directory = false;  // the id is a tree
};

enum class ReferenceCreation { kCreated, kAlreadyExists, kLocked };
enum class ReferenceUpdate { kUpdated, kMoved, kLocked };

class GitRepository {
 public:
  // Finds the repository containing `path` (searching upwards); empty when there is none.
  static std::optional<GitRepository> discover(const std::string& path);
  // As discover, but a missing repository is a kEnvironment error naming `path`.
  static GitRepository open(const std::string& path);

  GitRepository(GitRepository&&) noexcept;
  GitRepository& operator=(GitRepository&&) noexcept;
  ~GitRepository();

  bool is_bare() const;
  bool is_shallow() const;
  std::optional<std::string> head_commit() const;  // empty on an unborn branch
  std::string head_branch() const;                 // empty when detached or unborn
  bool has_uncommitted_changes() const;            // tracked files only

  // Revisions: a commit id (full or abbreviated), branch, tag or any rev-parse
  // expression, peeled to a commit. Throws kInput when it names no commit.
  std::string resolve_commit(const std::string& revision) const;
  bool has_object(const std::string& id) const;
  // True when `ancestor` is `descendant` or reachable from it.
  bool is_ancestor(const std::string& ancestor, const std::string& descendant) const;
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;

  // Who is acting: GIT_COMMITTER_NAME/EMAIL when set (as git does), else user.name and
  // user.email from the git configuration, at the current time. Throws kEnvironment
  // when neither says.
  GitSignature current_identity() const;

  // Writing objects (content-addressed, so concurrent writers cannot corrupt them).
  std::string write_blob(std::string_view content);
  std::string write_tree(const std::vector<GitTreeFile>& files);
  std::string write_commit(const std::string& tree, const std::vector<std::string>& parents,
                           const GitSignature& author, const std::string& message);
  std::string write_tag(const std::string& tag_name, const std::string& target_commit,
                        const GitSignature& tagger, const std::string& message);

  // Reading objects.
  GitCommitInfo read_commit(const std::string& id) const;
  std::optional<GitTagInfo> read_tag(const std::string& id) const;  // empty: not an annotated tag
  // A file in a commit's tree ("name" or "dir/name"), byte for byte; empty when absent.
  std::optional<std::string> read_file(const std::string& commit, const std::string& path) const;
  // The entries of a directory of a commit's tree, by name; empty when it is absent.
  std::vector<GitTreeFile> list_directory(const std::string& commit, const std::string& path) const;

  // Writes the tree of `commit` into `directory` (created when missing), as a checkout
  // would, without touching this repository's HEAD, index or work tree. Submodules are
  // not checked out.
  void export_tree(const std::string& commit, const std::string& directory) const;

  // References. Creation never overwrites: the atomic test-and-set other writers
  // race on. A lock held by another writer is waited for briefly before kLocked.
  ReferenceCreation create_reference(const std::string& name, const std::string& target,
                                     const std::string& log_message);
  // Moves `name` to `target` only if it still points at `expected` (nullopt: only if it
  // does not exist yet), under the reference's lock: the compare-and-swap appenders
  // retry on (kMoved). A lock held too long is kLocked, as for create_reference.
  ReferenceUpdate update_reference(const std::string& name, const std::string& target,
                                   const std::optional<std::string>& expected, const std::string& log_message);
  std::vector<std::string> reference_names(const std::string& glob) const;
  std::optional<std::string> reference_target(const std::string& name) const;
  bool delete_reference(const std::string& name);  // false when it did not exist

 private:
  struct Handle;
  explicit GitRepository(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace perfgate
