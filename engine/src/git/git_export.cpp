// Materialising a commit in a directory of its own (perf-baseline checkout): the
// baseline's build is made beside the candidate's without disturbing the work tree.

#include <filesystem>

#include "git/git_handles.h"
#include "perfgate/error.h"

namespace perfgate {

using namespace git_detail;

void GitRepository::export_tree(const std::string& commit, const std::string& directory) const {
  const git_oid oid = parse_oid(commit);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, handle_->repo.get(), &oid), "cannot read commit " + commit);
  const CommitPtr owned(raw);
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw environment_error(directory + ": cannot create: " + ec.message());
  const std::string absolute = std::filesystem::absolute(directory).string();
  git_checkout_options options;
  check(git_checkout_options_init(&options, GIT_CHECKOUT_OPTIONS_VERSION), "cannot initialise checkout options");
  // FORCE writes every file of the tree; DONT_UPDATE_INDEX keeps this repository's
  // index, which describes its own work tree, untouched.
  options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX;
  options.target_directory = absolute.c_str();
  check(git_checkout_tree(handle_->repo.get(), reinterpret_cast<const git_object*>(raw), &options),
        "cannot write commit " + commit + " into " + directory);
}

}  // namespace perfgate
