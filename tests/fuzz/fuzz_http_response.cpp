// HTTP responses as perf-run's HTTP engine reads them (targets/http/response_parser),
// in the pieces a socket might deliver: the first byte picks the cut points, the rest is
// what the server sent. Whatever arrives, the parser must end in complete, more or error
// without reading out of bounds, and say why when it refuses.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "targets/http/response_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned piece = 1u + data[0] % 64u;  // bytes per read
  const bool head = (data[0] & 0x80) != 0;
  const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  perfgate::ResponseParser parser;
  // Responses back to back, as on a keep-alive connection: each parse starts where the
  // previous one ended.
  std::size_t at = 0;
  for (int responses = 0; responses < 8 && at <= bytes.size(); ++responses) {
    parser.reset(head);
    auto progress = perfgate::ResponseParser::Progress::kMore;
    std::size_t used = at;
    for (; used < bytes.size() && progress == perfgate::ResponseParser::Progress::kMore; used += piece) {
      progress = parser.feed(bytes.data() + used, std::min<std::size_t>(piece, bytes.size() - used));
    }
    if (progress == perfgate::ResponseParser::Progress::kMore) progress = parser.finish_at_eof();
    switch (progress) {
      case perfgate::ResponseParser::Progress::kComplete:
        if (parser.status() < 100 || parser.status() > 999) std::abort();
        (void)parser.keep_alive();
        break;
      case perfgate::ResponseParser::Progress::kError:
        if (parser.error().empty()) std::abort();
        return 0;
      case perfgate::ResponseParser::Progress::kMore: return 0;
    }
    if (used >= bytes.size()) return 0;
    at = used;
  }
  return 0;
}
