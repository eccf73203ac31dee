#pragma once
// One HTTP/1.1 response at a time, fed in whatever pieces the socket gives, by nodejs's
// http-parser (Debian's libhttp-parser-dev, the parser wrk is built on): no allocation,
// no copy, bodies skipped as they stream past.

#include <http_parser.h>

#include <cstddef>
#include <string>

namespace perfgate {

class ResponseParser {
 public:
  enum class Progress { kMore, kComplete, kError };

  // Before each request. `head`: the request was HEAD, so the response has no body
  // whatever its Content-Length says.
  void reset(bool head);
  Progress feed(const char* data, std::size_t n);
  // The server closed the connection: completes a response that ends at EOF.
  Progress finish_at_eof();
  // After kComplete.
  int status() const { return int(parser_.status_code); }
  bool keep_alive() const;
  // After kError: what was wrong, from http-parser.
  std::string error() const;

 private:
  static int on_headers_complete(http_parser* p);
  static int on_message_complete(http_parser* p);
  static const http_parser_settings& settings();

  http_parser parser_{};
  bool head_ = false;
  bool complete_ = false;
};

}  // namespace perfgate
