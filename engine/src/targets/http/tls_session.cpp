#include "targets/http/tls_session.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "perfgate/error.h"

namespace perfgate {
namespace {

TlsStep step_of(SSL* ssl, int rc) {
  switch (SSL_get_error(ssl, rc)) {
    case SSL_ERROR_WANT_READ: return TlsStep::kWantRead;
    case SSL_ERROR_WANT_WRITE: return TlsStep::kWantWrite;
    case SSL_ERROR_ZERO_RETURN: return TlsStep::kClosed;
    case SSL_ERROR_SYSCALL:
      ERR_clear_error();
      return TlsStep::kClosed;  // the peer went away without a close_notify (or a reset)
    default:
      ERR_clear_error();  // the thread's error queue is not ours to leave full
      return TlsStep::kFailed;
  }
}

std::string last_error() {
  const unsigned long e = ERR_get_error();
  if (e == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(e, text, sizeof text);
  ERR_clear_error();
  return text;
}

}  // namespace

TlsContext::TlsContext(std::string host, const std::string& ca_file)
    : ctx_(SSL_CTX_new(TLS_client_method())), host_(std::move(host)) {
  if (!ctx_) throw environment_error("TLS: cannot create a context (" + last_error() + ")");
  SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);
  // A record written in parts: the loop writes what the socket takes and comes back.
  SSL_CTX_set_mode(ctx_.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  const bool loaded = ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx_.get()) == 1
                                      : SSL_CTX_load_verify_locations(ctx_.get(), ca_file.c_str(), nullptr) == 1;
  if (!loaded) {
    const std::string why = last_error();
    if (!ca_file.empty()) throw input_error("ca_file " + ca_file + ": cannot load certificates (" + why + ")");
    throw environment_error("TLS: cannot load the system's certificates (" + why + ")");
  }
}

TlsSession TlsContext::start(int fd) const {
  TlsSession ssl(SSL_new(ctx_.get()));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) throw environment_error("TLS: cannot start a session (" + last_error() + ")");
  // The certificate must name the host: an IP address as one, a name as a DNS name (which
  // is also sent as SNI; an address never is).
  if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), host_.c_str()) != 1) {
    SSL_set_tlsext_host_name(ssl.get(), host_.c_str());
    SSL_set1_host(ssl.get(), host_.c_str());
  }
  SSL_set_connect_state(ssl.get());
  return ssl;
}

TlsStep tls_handshake(SSL* ssl) {
  const int rc = SSL_do_handshake(ssl);
  return rc == 1 ? TlsStep::kDone : step_of(ssl, rc);
}

TlsIo tls_write(SSL* ssl, const char* data, std::size_t n) {
  std::size_t written = 0;
  const int rc = SSL_write_ex(ssl, data, n, &written);
  return rc == 1 ? TlsIo{TlsStep::kDone, written} : TlsIo{step_of(ssl, rc)};
}

TlsIo tls_read(SSL* ssl, char* buffer, std::size_t n) {
  std::size_t read = 0;
  const int rc = SSL_read_ex(ssl, buffer, n, &read);
  return rc == 1 ? TlsIo{TlsStep::kDone, read} : TlsIo{step_of(ssl, rc)};
}

}  // namespace perfgate
