#pragma once
// TLS for the event loop's connections: OpenSSL over a non-blocking socket. Every call
// returns at once, saying whether it finished or which readiness it waits for, so a
// handshake or a record split across reads never stalls the loop. The server's
// certificate is verified against the system's trust store, or against `ca_file` when
// the target names one, and must be for the URL's host.

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string>

namespace perfgate {

struct SslFree {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};
using TlsSession = std::unique_ptr<SSL, SslFree>;

enum class TlsStep { kDone, kWantRead, kWantWrite, kClosed, kFailed };

struct TlsIo {
  TlsStep step;
  std::size_t bytes = 0;  // kDone: read or written
};

class TlsContext {
 public:
  // Throws kInput when `ca_file` cannot be loaded.
  TlsContext(std::string host, const std::string& ca_file);
  // A session on a connected socket, for the host.
  TlsSession start(int fd) const;

 private:
  struct CtxFree {
    void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
  };
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
  std::string host_;
};

TlsStep tls_handshake(SSL* ssl);
TlsIo tls_write(SSL* ssl, const char* data, std::size_t n);
TlsIo tls_read(SSL* ssl, char* buffer, std::size_t n);

}  // namespace perfgate
