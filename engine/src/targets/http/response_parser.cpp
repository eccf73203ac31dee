#include "targets/http/response_parser.h"

namespace perfgate {

const http_parser_settings& ResponseParser::settings() {
  static const http_parser_settings s = [] {
    http_parser_settings made;
    http_parser_settings_init(&made);
    made.on_headers_complete = &ResponseParser::on_headers_complete;
    made.on_message_complete = &ResponseParser::on_message_complete;
    return made;
  }();
  return s;
}

int ResponseParser::on_headers_complete(http_parser* p) {
  // http-parser takes a status of one to three digits ("HTTP/1.1 2"); HTTP's has three.
  if (p->status_code < 100) return -1;  // stops the parser: HPE_CB_headers_complete
  return static_cast<ResponseParser*>(p->data)->head_ ? 1 : 0;  // 1: no body follows
}

int ResponseParser::on_message_complete(http_parser* p) {
  auto* self = static_cast<ResponseParser*>(p->data);
  self->complete_ = true;
  http_parser_pause(p, 1);  // one response per request: what follows is not ours to parse
  return 0;
}

void ResponseParser::reset(bool head) {
  http_parser_init(&parser_, HTTP_RESPONSE);
  parser_.data = this;
  head_ = head;
  complete_ = false;
}

ResponseParser::Progress ResponseParser::feed(const char* data, std::size_t n) {
  const std::size_t used = http_parser_execute(&parser_, &settings(), data, n);
  if (complete_) return used == n ? Progress::kComplete : Progress::kError;  // bytes nobody asked for
  if (HTTP_PARSER_ERRNO(&parser_) != HPE_OK) return Progress::kError;
  return Progress::kMore;
}

ResponseParser::Progress ResponseParser::finish_at_eof() {
  if (complete_) return Progress::kComplete;
  http_parser_execute(&parser_, &settings(), nullptr, 0);
  return complete_ ? Progress::kComplete : Progress::kMore;
}

bool ResponseParser::keep_alive() const { return http_should_keep_alive(&parser_) != 0; }

std::string ResponseParser::error() const {
  if (complete_) return "bytes after the end of the response";
  if (HTTP_PARSER_ERRNO(&parser_) == HPE_CB_headers_complete && parser_.status_code < 100) return "status code " + std::to_string(parser_.status_code) + " is not three digits";
  return http_errno_description(HTTP_PARSER_ERRNO(&parser_));
}

}  // namespace perfgate
