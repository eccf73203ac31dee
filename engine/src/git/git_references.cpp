// References for the git adapter (see git_repository.h).

#include <chrono>
#include <thread>

#include "git/git_handles.h"
#include "perfgate/error.h"

namespace perfgate {

using namespace git_detail;

ReferenceUpdate GitRepository::update_reference(const std::string& name, const std::string& target,
                                                const std::optional<std::string>& expected,
                                                const std::string& log_message) {
  // Another writer holds the lock only for the instant of its own write, so a short wait
  // tells a concurrent writer (then the reference has moved) from a stale lock file.
  constexpr auto kLockPatience = std::chrono::seconds(2);
  const auto give_up = std::chrono::steady_clock::now() + kLockPatience;
  const git_oid oid = parse_oid(target);
  // The test has to happen under the reference's lock: git_reference_create_matching does
  // that; a zero expected id means "must not exist yet", whereas
  // git_reference_create(force = 0) tests before locking and lets two racing writers both
  // "create" the reference (the second overwriting).
  const git_oid current = expected ? parse_oid(*expected) : git_oid{};
  for (;;) {
    git_reference* updated = nullptr;
    const int rc = git_reference_create_matching(&updated, handle_->repo.get(), name.c_str(), &oid, 1, &current,
                                                 log_message.c_str());
    if (rc == 0) {
      git_reference_free(updated);
      return ReferenceUpdate::kUpdated;
    }
    if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) return ReferenceUpdate::kMoved;
    if (rc != GIT_ELOCKED) check(rc, "cannot update " + name);
    if (std::chrono::steady_clock::now() >= give_up) {
      return reference_target(name) != expected ? ReferenceUpdate::kMoved : ReferenceUpdate::kLocked;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ReferenceCreation GitRepository::create_reference(const std::string& name, const std::string& target,
                                                  const std::string& log_message) {
  switch (update_reference(name, target, std::nullopt, log_message)) {
    case ReferenceUpdate::kUpdated:
      return ReferenceCreation::kCreated;
    case ReferenceUpdate::kMoved:
      return ReferenceCreation::kAlreadyExists;
    case ReferenceUpdate::kLocked:
      break;
  }
  return ReferenceCreation::kLocked;
}

std::vector<std::string> GitRepository::reference_names(const std::string& glob) const {
  git_reference_iterator* iterator = nullptr;
  check(git_reference_iterator_glob_new(&iterator, handle_->repo.get(), glob.c_str()), "cannot list references");
  const ReferenceIteratorPtr owned(iterator);
  std::vector<std::string> names;
  const char* name = nullptr;
  int rc = 0;
  while ((rc = git_reference_next_name(&name, owned.get())) == 0) names.emplace_back(name);
  if (rc != GIT_ITEROVER) check(rc, "cannot list references");
  return names;
}

std::optional<std::string> GitRepository::reference_target(const std::string& name) const {
  git_oid oid;
  const int rc = git_reference_name_to_id(&oid, handle_->repo.get(), name.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot read " + name);
  return to_hex(oid);
}

bool GitRepository::delete_reference(const std::string& name) {
  const int rc = git_reference_remove(handle_->repo.get(), name.c_str());
  if (rc == GIT_ENOTFOUND) return false;
  check(rc, "cannot delete " + name);
  return true;
}

}  // namespace perfgate
