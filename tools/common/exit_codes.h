#pragma once
// The exit codes of every perfgate tool, defined once, and the one place where an
// engine error becomes one of them.

#include <exception>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>

#include "common/error_line.h"
#include "perfgate/error.h"

namespace perfgate::tools {

enum ExitCode : int {
  kPass = 0,            // measured / no regression
  kGateFailed = 1,      // a regression or a breached threshold
  kUsageOrInput = 2,    // bad flags, malformed or invalid input file
  kEnvironment = 3,     // the machine failed us: target cannot start, I/O, git, network
  kInterrupted = 130,   // stopped by SIGINT/SIGTERM (128 + SIGINT, the shell convention)
};

// Parses arguments with CLI11 and runs `body`, mapping every failure to its exit code
// with a one-line "tool: error: ..." message on stderr.
inline int run_tool(const char* tool, CLI::App& app, int argc, char** argv,
                    const std::function<int()>& body) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tool << ": error: " << printable_line(e.what()) << " (see " << tool << " --help)\n";
    return kUsageOrInput;
  }
  try {
    return body();
  } catch (const Error& e) {
    std::cerr << tool << ": error: " << printable_line(e.what()) << "\n";
    return e.kind() == ErrorKind::kInput ? kUsageOrInput : kEnvironment;
  } catch (const std::bad_alloc&) {
    std::cerr << tool << ": error: out of memory\n";
    return kEnvironment;
  } catch (const std::exception& e) {
    std::cerr << tool << ": internal error: " << printable_line(e.what()) << "\n";
    return kEnvironment;
  }
}

}  // namespace perfgate::tools
