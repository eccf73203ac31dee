// A child process with known behaviour, for the command-target tests:
//   exit N | signal N | alloc MIB | sleep SECONDS | spawn-sleeper PIDFILE SECONDS
//   check-env NAME VALUE | check-cwd DIR
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) return 64;
  const std::string mode = argv[1];
  const auto arg = [&](int i) { return i < argc ? std::string(argv[i]) : std::string(); };
  if (mode == "exit") return std::atoi(argv[2]);
  if (mode == "signal") {
    raise(std::atoi(argv[2]));
    return 65;
  }
  if (mode == "alloc") {
    std::vector<char> block(std::size_t(std::atol(argv[2])) << 20);
    for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = 1;  // make it resident
    return block[block.size() / 2] == 1 ? 0 : 66;
  }
  if (mode == "sleep") {
    usleep(static_cast<useconds_t>(std::atof(argv[2]) * 1e6));
    return 0;
  }
  if (mode == "spawn-sleeper") {
    const pid_t pid = fork();
    if (pid == 0) {
      sleep(static_cast<unsigned>(std::atoi(argv[3])));
      _exit(0);
    }
    std::ofstream(argv[2]) << pid << "\n";
    sleep(static_cast<unsigned>(std::atoi(argv[3])));
    return 0;
  }
  if (mode == "check-env") {
    const char* v = std::getenv(argv[2]);
    return v != nullptr && arg(3) == v ? 0 : 1;
  }
  if (mode == "check-cwd") {
    return std::filesystem::canonical(".") == std::filesystem::canonical(argv[2]) ? 0 : 1;
  }
  return 64;
}
