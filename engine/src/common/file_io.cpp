#include "perfgate/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "perfgate/error.h"

namespace perfgate {

std::string input_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }
namespace {

[[noreturn]] void fail_write(const std::string& path, int err) {
  throw environment_error("cannot write '" + path + "': " + std::strerror(err));
}

// Devices, FIFOs and the like (/dev/null, /dev/stdout, a pipe) cannot be replaced by
// rename without destroying them; they are written in place.
void write_in_place(const std::string& path, std::string_view content) {
  const int fd = open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) fail_write(path, errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      close(fd);
      fail_write(path, err);
    }
    written += static_cast<std::size_t>(n);
  }
  if (close(fd) != 0) fail_write(path, errno);
}

void write_by_rename(const std::filesystem::path& target, const std::string& shown_path,
                     std::string_view content) {
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) fail_write(shown_path, errno);
  const auto abandon = [&](int err) {
    close(fd);
    unlink(temp.c_str());
    fail_write(shown_path, err);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) abandon(errno);
    written += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; results are ordinary shareable files.
  const mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0) abandon(errno);
  if (close(fd) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    fail_write(shown_path, err);
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    fail_write(shown_path, err);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) throw environment_error("cannot write to stdout");
    return;
  }
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);  // follows symlinks
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    if (std::filesystem::is_directory(status)) throw environment_error("cannot write '" + path + "': is a directory");
    write_in_place(path, content);
    return;
  }
  // Replace what a symlink points to, not the link itself.
  const auto target = std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))
                          ? std::filesystem::weakly_canonical(path, ec)
                          : std::filesystem::path(path);
  write_by_rename(target, path, content);
}

void check_writable_destination(const std::string& path) {
  if (path == "-") return;
  const std::filesystem::path target(path);
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw environment_error("cannot write '" + path + "': directory '" + dir.string() + "' does not exist");
  }
  if (access(dir.c_str(), W_OK) != 0) fail_write(path, errno);
  if (std::filesystem::is_directory(target, ec)) throw environment_error("cannot write '" + path + "': is a directory");
}

std::string read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    return all.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw input_error(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path + ": cannot open: " + std::strerror(errno));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace perfgate
