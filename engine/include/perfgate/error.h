#pragma once
// The one error type the engine throws for expected failures. Every failure it
// describes aborts the whole command, so the tools catch it in exactly one place
// (tools/common/exit_codes.h) and turn `kind` into the documented exit code.
// Per-operation failures (a request that failed, a child that exited non-zero) are
// not errors in this sense: they are counted in the result.

#include <stdexcept>
#include <string>

namespace perfgate {

enum class ErrorKind {
  kInput,        // bad usage, a malformed or invalid file: exit code 2
  kEnvironment,  // the machine let us down (target cannot start, git, I/O): exit code 3
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

inline Error input_error(const std::string& message) { return {ErrorKind::kInput, message}; }
inline Error environment_error(const std::string& message) {
  return {ErrorKind::kEnvironment, message};
}

}  // namespace perfgate
