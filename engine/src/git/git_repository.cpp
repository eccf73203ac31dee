#include "git/git_repository.h"

#include <cstdlib>
#include <filesystem>

#include "git/git_handles.h"
#include "perfgate/error.h"

namespace perfgate {
namespace git_detail {

void throw_git_error(const std::string& what) {
  const git_error* e = git_error_last();
  throw environment_error("git: " + what + ": " + (e && e->message ? e->message : "unknown error"));
}

std::string to_hex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

git_oid parse_oid(const std::string& hex) {
  git_oid oid;
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.c_str()) < 0) {
    throw input_error("'" + hex + "' is not a full git object id");
  }
  return oid;
}

}  // namespace git_detail

using namespace git_detail;

GitRepository::GitRepository(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
GitRepository::GitRepository(GitRepository&&) noexcept = default;
GitRepository& GitRepository::operator=(GitRepository&&) noexcept = default;
GitRepository::~GitRepository() = default;

std::optional<GitRepository> GitRepository::discover(const std::string& path) {
  auto handle = std::make_unique<Handle>();
  git_repository* repo = nullptr;
  const int rc = git_repository_open_ext(&repo, path.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot open repository at " + path);
  handle->repo.reset(repo);
  return GitRepository(std::move(handle));
}

GitRepository GitRepository::open(const std::string& path) {
  auto repo = discover(path);
  if (!repo) {
    std::error_code ignored;
    throw environment_error("not a git repository (or any parent up to /): " +
                            std::filesystem::absolute(path, ignored).lexically_normal().string());
  }
  return std::move(*repo);
}

bool GitRepository::is_bare() const { return git_repository_is_bare(handle_->repo.get()) == 1; }
bool GitRepository::is_shallow() const { return git_repository_is_shallow(handle_->repo.get()) == 1; }

std::optional<std::string> GitRepository::head_commit() const {
  git_oid oid;
  const int rc = git_reference_name_to_id(&oid, handle_->repo.get(), "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return std::nullopt;
  check(rc, "cannot resolve HEAD");
  return to_hex(oid);
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
  git_status_options options;
  check(git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION), "cannot initialise status options");
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* list = nullptr;
  check(git_status_list_new(&list, handle_->repo.get(), &options), "cannot read status");
  const StatusListPtr owned(list);
  return git_status_list_entrycount(owned.get()) > 0;
}

std::string GitRepository::resolve_commit(const std::string& revision) const {
  git_object* object = nullptr;
  const int rc = git_revparse_single(&object, handle_->repo.get(), revision.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
    throw input_error("'" + revision + "' names no commit in this repository");
  }
  check(rc, "cannot resolve '" + revision + "'");
  const ObjectPtr owned(object);
  git_object* commit = nullptr;
  if (git_object_peel(&commit, owned.get(), GIT_OBJECT_COMMIT) < 0) {
    throw input_error("'" + revision + "' does not lead to a commit");
  }
  const ObjectPtr owned_commit(commit);
  return to_hex(*git_object_id(owned_commit.get()));
}

bool GitRepository::has_object(const std::string& id) const {
  git_odb* odb = nullptr;
  check(git_repository_odb(&odb, handle_->repo.get()), "cannot open the object database");
  const OdbPtr owned(odb);
  const git_oid oid = parse_oid(id);
  return git_odb_exists(owned.get(), &oid) == 1;
}

bool GitRepository::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
  if (ancestor == descendant) return true;
  const git_oid a = parse_oid(ancestor), d = parse_oid(descendant);
  const int rc = git_graph_descendant_of(handle_->repo.get(), &d, &a);
  check(rc, "cannot walk history from " + descendant);
  return rc == 1;
}

std::optional<std::string> GitRepository::merge_base(const std::string& a, const std::string& b) const {
  const git_oid one = parse_oid(a), two = parse_oid(b);
  git_oid base;
  const int rc = git_merge_base(&base, handle_->repo.get(), &one, &two);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot find the merge base of " + a + " and " + b);
  return to_hex(base);
}

GitSignature GitRepository::current_identity() const {
  git_signature* signature = nullptr;
  const char* env_name = std::getenv("GIT_COMMITTER_NAME");
  const char* env_email = std::getenv("GIT_COMMITTER_EMAIL");
  int rc = 0;
  if (env_name && *env_name && env_email && *env_email) {
    rc = git_signature_now(&signature, env_name, env_email);
  } else {
    rc = git_signature_default(&signature, handle_->repo.get());
    if (rc == GIT_ENOTFOUND) {
      throw environment_error("git: no identity: set user.name and user.email (git config) or "
                              "GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL");
    }
  }
  check(rc, "cannot build an identity");
  const SignaturePtr owned(signature);
  return {owned->name, owned->email, owned->when.time, owned->when.offset};
}

}  // namespace perfgate
