// Writing and reading git objects for the git adapter (see git_repository.h).

#include "git/git_handles.h"
#include "perfgate/error.h"

namespace perfgate {

using namespace git_detail;

namespace {

SignaturePtr make_signature(const GitSignature& s) {
  git_signature* out = nullptr;
  check(git_signature_new(&out, s.name.c_str(), s.email.c_str(), s.time, s.offset_minutes),
        "invalid identity '" + s.name + " <" + s.email + ">'");
  return SignaturePtr(out);
}

GitSignature from_git(const git_signature& s) { return {s.name, s.email, s.when.time, s.when.offset}; }

CommitPtr lookup_commit(git_repository* repo, const std::string& id) {
  const git_oid oid = parse_oid(id);
  git_commit* commit = nullptr;
  check(git_commit_lookup(&commit, repo, &oid), "cannot read commit " + id);
  return CommitPtr(commit);
}

}  // namespace

std::string GitRepository::write_blob(std::string_view content) {
  git_oid oid;
  check(git_blob_create_from_buffer(&oid, handle_->repo.get(), content.data(), content.size()),
        "cannot write a blob");
  return to_hex(oid);
}

std::string GitRepository::write_tree(const std::vector<GitTreeFile>& files) {
  git_treebuilder* builder = nullptr;
  check(git_treebuilder_new(&builder, handle_->repo.get(), nullptr), "cannot build a tree");
  const TreeBuilderPtr owned(builder);
  for (const auto& file : files) {
    const git_oid blob = parse_oid(file.blob);
    check(git_treebuilder_insert(nullptr, owned.get(), file.name.c_str(), &blob,
                                 file.directory ? GIT_FILEMODE_TREE : GIT_FILEMODE_BLOB),
          "cannot add " + file.name + " to a tree");
  }
  git_oid oid;
  check(git_treebuilder_write(&oid, owned.get()), "cannot write a tree");
  return to_hex(oid);
}

std::string GitRepository::write_commit(const std::string& tree, const std::vector<std::string>& parents,
                                        const GitSignature& author, const std::string& message) {
  git_repository* repo = handle_->repo.get();
  const git_oid tree_oid = parse_oid(tree);
  git_tree* tree_object = nullptr;
  check(git_tree_lookup(&tree_object, repo, &tree_oid), "cannot read tree " + tree);
  const TreePtr owned_tree(tree_object);
  std::vector<CommitPtr> parent_commits;
  std::vector<const git_commit*> parent_pointers;
  for (const auto& parent : parents) {
    parent_commits.push_back(lookup_commit(repo, parent));
    parent_pointers.push_back(parent_commits.back().get());
  }
  const SignaturePtr signature = make_signature(author);
  git_oid oid;
  check(git_commit_create(&oid, repo, nullptr, signature.get(), signature.get(), "UTF-8", message.c_str(),
                          owned_tree.get(), parent_pointers.size(), parent_pointers.data()),
        "cannot write a commit");
  return to_hex(oid);
}

std::string GitRepository::write_tag(const std::string& tag_name, const std::string& target_commit,
                                     const GitSignature& tagger, const std::string& message) {
  const git_oid target_oid = parse_oid(target_commit);
  git_object* target = nullptr;
  check(git_object_lookup(&target, handle_->repo.get(), &target_oid, GIT_OBJECT_COMMIT),
        "cannot read commit " + target_commit);
  const ObjectPtr owned_target(target);
  const SignaturePtr signature = make_signature(tagger);
  git_oid oid;
  check(git_tag_annotation_create(&oid, handle_->repo.get(), tag_name.c_str(), owned_target.get(),
                                  signature.get(), message.c_str()),
        "cannot write tag " + tag_name);
  return to_hex(oid);
}

GitCommitInfo GitRepository::read_commit(const std::string& id) const {
  const CommitPtr commit = lookup_commit(handle_->repo.get(), id);
  GitCommitInfo info{id, {}, from_git(*git_commit_author(commit.get())), from_git(*git_commit_committer(commit.get())),
                     git_commit_message(commit.get())};
  for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
    info.parents.push_back(to_hex(*git_commit_parent_id(commit.get(), i)));
  }
  return info;
}

std::optional<GitTagInfo> GitRepository::read_tag(const std::string& id) const {
  const git_oid oid = parse_oid(id);
  git_object* object = nullptr;
  check(git_object_lookup(&object, handle_->repo.get(), &oid, GIT_OBJECT_ANY), "cannot read object " + id);
  const ObjectPtr owned(object);
  if (git_object_type(owned.get()) != GIT_OBJECT_TAG) return std::nullopt;
  const auto* tag = reinterpret_cast<const git_tag*>(owned.get());
  const git_signature* tagger = git_tag_tagger(tag);
  const char* message = git_tag_message(tag);
  return GitTagInfo{to_hex(*git_tag_target_id(tag)), tagger ? from_git(*tagger) : GitSignature{},
                    message ? message : ""};
}

namespace {

TreePtr tree_of(git_repository* repo, const std::string& commit_id) {
  const CommitPtr commit = lookup_commit(repo, commit_id);
  git_tree* tree = nullptr;
  check(git_commit_tree(&tree, commit.get()), "cannot read the tree of " + commit_id);
  return TreePtr(tree);
}

// The entry at `path` in `tree`; empty when there is none.
std::optional<std::string> entry_id(git_tree* tree, const std::string& path, git_object_t type) {
  git_tree_entry* entry = nullptr;
  const int rc = git_tree_entry_bypath(&entry, tree, path.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot read " + path);
  const std::unique_ptr<git_tree_entry, decltype(&git_tree_entry_free)> owned(entry, git_tree_entry_free);
  if (git_tree_entry_type(entry) != type) return std::nullopt;
  return to_hex(*git_tree_entry_id(entry));
}

}  // namespace

std::optional<std::string> GitRepository::read_file(const std::string& commit_id, const std::string& path) const {
  const TreePtr tree = tree_of(handle_->repo.get(), commit_id);
  const auto id = entry_id(tree.get(), path, GIT_OBJECT_BLOB);
  if (!id) return std::nullopt;
  const git_oid oid = parse_oid(*id);
  git_blob* blob = nullptr;
  check(git_blob_lookup(&blob, handle_->repo.get(), &oid), "cannot read " + path);
  const BlobPtr owned_blob(blob);
  return std::string(static_cast<const char*>(git_blob_rawcontent(owned_blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(owned_blob.get())));
}

std::vector<GitTreeFile> GitRepository::list_directory(const std::string& commit_id, const std::string& path) const {
  const TreePtr tree = tree_of(handle_->repo.get(), commit_id);
  const auto id = entry_id(tree.get(), path, GIT_OBJECT_TREE);
  if (!id) return {};
  const git_oid oid = parse_oid(*id);
  git_tree* directory = nullptr;
  check(git_tree_lookup(&directory, handle_->repo.get(), &oid), "cannot read " + path);
  const TreePtr owned(directory);
  std::vector<GitTreeFile> entries;
  for (std::size_t i = 0; i < git_tree_entrycount(owned.get()); ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(owned.get(), i);
    entries.push_back({git_tree_entry_name(entry), to_hex(*git_tree_entry_id(entry)),
                       git_tree_entry_type(entry) == GIT_OBJECT_TREE});
  }
  return entries;
}

}  // namespace perfgate
