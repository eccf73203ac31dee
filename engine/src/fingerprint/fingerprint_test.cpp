#include "perfgate/fingerprint.h"

#include <doctest/doctest.h>
#include <git2.h>

#include <fstream>

#include "temp_dir.h"

using namespace perfgate;

namespace {

// Builds a real repository with libgit2: one commit of `file.txt` on branch "main".
class CommittedRepo {
 public:
  CommittedRepo() {
    git_libgit2_init();
    git_repository_init_options opts;
    REQUIRE(git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION) == 0);
    opts.initial_head = "main";
    REQUIRE(git_repository_init_ext(&repo_, dir_.path().c_str(), &opts) == 0);
    write("file.txt", "one\n");
    git_index* index = nullptr;
    REQUIRE(git_repository_index(&index, repo_) == 0);
    REQUIRE(git_index_add_bypath(index, "file.txt") == 0);
    REQUIRE(git_index_write(index) == 0);
    git_oid tree_id;
    REQUIRE(git_index_write_tree(&tree_id, index) == 0);
    git_index_free(index);
    git_tree* tree = nullptr;
    REQUIRE(git_tree_lookup(&tree, repo_, &tree_id) == 0);
    git_signature* sig = nullptr;
    REQUIRE(git_signature_now(&sig, "Test", "test@example.invalid") == 0);
    REQUIRE(git_commit_create_v(&commit_, repo_, "HEAD", sig, sig, nullptr, "initial", tree, 0) == 0);
    git_signature_free(sig);
    git_tree_free(tree);
  }
  ~CommittedRepo() {
    git_repository_free(repo_);
    git_libgit2_shutdown();
  }
  CommittedRepo(const CommittedRepo&) = delete;
  CommittedRepo& operator=(const CommittedRepo&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_.path() / name) << text;
  }
  std::string dir() const { return dir_.path().string(); }
  std::string commit() const {
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commit_);
    return hex;
  }
  void detach() { REQUIRE(git_repository_set_head_detached(repo_, &commit_) == 0); }

 private:
  TempDir dir_;
  git_repository* repo_ = nullptr;
  git_oid commit_{};
};

}  // namespace

TEST_CASE("fingerprint describes the machine") {
  const Fingerprint f = collect_fingerprint("/");
  CHECK(f.logical_cores > 0);
  CHECK(f.kernel.rfind("Linux ", 0) == 0);
  CHECK(f.hostname_hash.size() == 16);
  CHECK_FALSE(f.perfgate_version.empty());
  CHECK_FALSE(f.compiler.empty());
}

TEST_CASE("outside a repository the git state is absent, not an error") {
  const TempDir dir;
  CHECK_FALSE(collect_fingerprint(dir.path().string()).git.has_value());
}

TEST_CASE("git state: commit, branch and dirty flag of the working tree") {
  CommittedRepo repo;
  auto git = collect_fingerprint(repo.dir()).git;
  REQUIRE(git.has_value());
  CHECK(git->commit == repo.commit());
  CHECK(git->branch == "main");
  CHECK_FALSE(git->dirty);

  repo.write("untracked.txt", "new");
  CHECK_FALSE(collect_fingerprint(repo.dir()).git->dirty);  // untracked files do not count
  repo.write("file.txt", "changed\n");
  CHECK(collect_fingerprint(repo.dir()).git->dirty);

  repo.detach();
  git = collect_fingerprint(repo.dir()).git;
  CHECK(git->branch.empty());
  CHECK(git->commit == repo.commit());
}

TEST_CASE("fingerprint JSON round trip") {
  Fingerprint f = collect_fingerprint("/");
  f.git = GitState{"0123", "", true};
  CHECK(to_json(fingerprint_from_json(to_json(f), "f.json")) == to_json(f));
}
