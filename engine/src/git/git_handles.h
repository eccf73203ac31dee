#pragma once
// Internal to the git adapter: RAII owners for libgit2 handles and the error check that
// turns a libgit2 return code into perfgate::Error. Only git/*.cpp include this.

#include <git2.h>

#include <memory>
#include <string>

#include "git/git_repository.h"

namespace perfgate::git_detail {

[[noreturn]] void throw_git_error(const std::string& what);
inline void check(int rc, const std::string& what) {
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
using ReferenceIteratorPtr = GitPtr<git_reference_iterator, git_reference_iterator_free>;
using StatusListPtr = GitPtr<git_status_list, git_status_list_free>;
using SignaturePtr = GitPtr<git_signature, git_signature_free>;
using TreeBuilderPtr = GitPtr<git_treebuilder, git_treebuilder_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TagPtr = GitPtr<git_tag, git_tag_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;
using OdbPtr = GitPtr<git_odb, git_odb_free>;

std::string to_hex(const git_oid& oid);
git_oid parse_oid(const std::string& hex);  // throws kInput on a malformed id

}  // namespace perfgate::git_detail

namespace perfgate {

struct GitRepository::Handle {
  git_detail::LibGit2Reference library;
  git_detail::RepositoryPtr repo;
};

}  // namespace perfgate
