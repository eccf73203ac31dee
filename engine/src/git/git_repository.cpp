#include "git/git_repository.h"

#include <git2.h>

#include "perfgate/error.h"

namespace perfgate {
namespace {

[[noreturn]] void throw_git_error(const char* what) {
  const git_error* e = git_error_last();
  throw environment_error(std::string("git: ") + what + ": " + (e && e->message ? e->message : "unknown error"));
}

void check(int rc, const char* what) {
  if (rc < 0) throw_git_error(what);
}

// libgit2 keeps global state that must be initialised once per use; it is reference
// counted, so each repository handle holds one reference.
struct LibGit2Reference {
  LibGit2Reference() { git_libgit2_init(); }
  ~LibGit2Reference() { git_libgit2_shutdown(); }
  LibGit2Reference(const LibGit2Reference&) = delete;
  LibGit2Reference& operator=(const LibGit2Reference&) = delete;
};

template <class T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using RepositoryPtr = GitPtr<git_repository, git_repository_free>;
using ReferencePtr = GitPtr<git_reference, git_reference_free>;
using StatusListPtr = GitPtr<git_status_list, git_status_list_free>;

}  // namespace

struct GitRepository::Handle {
  LibGit2Reference library;
  RepositoryPtr repo;
};

GitRepository::GitRepository(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
GitRepository::GitRepository(GitRepository&&) noexcept = default;
GitRepository& GitRepository::operator=(GitRepository&&) noexcept = default;
GitRepository::~GitRepository() = default;

std::optional<GitRepository> GitRepository::discover(const std::string& path) {
  auto handle = std::make_unique<Handle>();
  git_repository* repo = nullptr;
  const int rc = git_repository_open_ext(&repo, path.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot open repository");
  handle->repo.reset(repo);
  return GitRepository(std::move(handle));
}

bool GitRepository::is_bare() const { return git_repository_is_bare(handle_->repo.get()) == 1; }

std::optional<std::string> GitRepository::head_commit() const {
  git_oid oid;
  const int rc = git_reference_name_to_id(&oid, handle_->repo.get(), "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return std::nullopt;
  check(rc, "cannot resolve HEAD");
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &oid);
  return std::string(hex);
}

std::string GitRepository::head_branch() const {
  git_reference* head = nullptr;
  const int rc = git_repository_head(&head, handle_->repo.get());
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) return "";
  check(rc, "cannot read HEAD");
  const ReferencePtr owned(head);
  if (git_repository_head_detached(handle_->repo.get()) == 1) return "";
  return git_reference_shorthand(owned.get());
}

bool GitRepository::has_uncommitted_changes() const {
  if (is_bare()) return false;
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* list = nullptr;
  check(git_status_list_new(&list, handle_->repo.get(), &options), "cannot read status");
  const StatusListPtr owned(list);
  return git_status_list_entrycount(owned.get()) > 0;
}

}  // namespace perfgate
