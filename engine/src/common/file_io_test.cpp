#include "perfgate/file_io.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "perfgate/error.h"
#include "temp_dir.h"

using namespace perfgate;
namespace fs = std::filesystem;

TEST_CASE("atomic write replaces the file whole and leaves no temp files") {
  const TempDir dir;
  const auto path = (dir.path() / "out.json").string();
  write_file_atomically(path, "first");
  write_file_atomically(path, "second version");
  CHECK(read_file(path) == "second version");
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("a failed write leaves the old file untouched and reports the path") {
  const TempDir dir;
  const auto path = (dir.path() / "out.json").string();
  write_file_atomically(path, "keep me");
  fs::create_directory(dir.path() / "sub");
  const auto blocked = (dir.path() / "sub").string();  // a directory cannot be replaced by a file
  try {
    write_file_atomically(blocked, "x");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kEnvironment);
    CHECK(std::string(e.what()).find(blocked) != std::string::npos);
  }
  CHECK(read_file(path) == "keep me");
  CHECK(std::distance(fs::directory_iterator(dir.path() / "sub"), fs::directory_iterator()) == 0);
}

TEST_CASE("devices and FIFOs are written in place, never replaced") {
  const TempDir dir;
  const auto fifo = dir.path() / "pipe";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_file(fifo.string()); });
  write_file_atomically(fifo.string(), "through the pipe");
  reader.join();
  CHECK(received == "through the pipe");
  CHECK(fs::is_fifo(fifo));
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("a symlink destination keeps the link and replaces its target") {
  const TempDir dir;
  write_file_atomically((dir.path() / "real.json").string(), "old");
  fs::create_symlink("real.json", dir.path() / "link.json");
  write_file_atomically((dir.path() / "link.json").string(), "new");
  CHECK(fs::is_symlink(dir.path() / "link.json"));
  CHECK(read_file((dir.path() / "real.json").string()) == "new");
}

TEST_CASE("destinations are checked before long work starts") {
  const TempDir dir;
  CHECK_NOTHROW(check_writable_destination((dir.path() / "new.json").string()));
  CHECK_NOTHROW(check_writable_destination("-"));
  CHECK_THROWS_AS(check_writable_destination((dir.path() / "missing" / "x.json").string()), Error);
  CHECK_THROWS_AS(check_writable_destination(dir.path().string()), Error);
}

TEST_CASE("reading a missing file is an input error naming it") {
  try {
    read_file("/nonexistent/suite.json");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kInput);
    CHECK(std::string(e.what()).rfind("/nonexistent/suite.json: ", 0) == 0);
  }
}
