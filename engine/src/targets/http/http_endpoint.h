#pragma once
// What every connection of an HTTP scenario shares, fixed before the first request: the
// server's address, the request as bytes on the wire (sent unchanged each time), and how
// a response is judged.

#include <sys/socket.h>

#include <memory>
#include <string>
#include <vector>

#include "perfgate/suite.h"
#include "perfgate/units.h"
#include "targets/http/tls_session.h"

namespace perfgate {

struct HttpEndpoint {
  sockaddr_storage address{};
  socklen_t address_length = 0;
  std::string request;  // the whole HTTP/1.1 request
  bool head = false;    // a HEAD request: responses carry no body
  // The method may be sent again when a reused connection turns out to have been closed
  // by the server (RFC 9110, 9.2.2); a POST never is.
  bool idempotent = true;
  Nanoseconds timeout{0};
  std::shared_ptr<const TlsContext> tls;  // https:// only
  std::vector<int> expect_status;  // empty: any 2xx

  bool status_ok(int status) const;
};

// Resolves the URL's host (kEnvironment when it cannot be), sets up TLS for https://
// (kInput for a ca_file that cannot be loaded), and writes the request:
// method, path, Host, a User-Agent unless given, the spec's headers, and the body with
// its Content-Length.
HttpEndpoint make_http_endpoint(const HttpTargetSpec& spec);

}  // namespace perfgate
