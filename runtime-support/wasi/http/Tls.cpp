// The https:// client's TLS: a BearSSL client session over the
// non-blocking socket Exchange.cpp connected, through BearSSL's simple I/O
// wrapper (br_sslio), whose callbacks read and write the socket
// (ClientSocket: each wait bounded by the exchange's deadline of the
// moment). TLS 1.2 only (BearSSL has no 1.3) with forward-secret AEAD suites
// only (ECDHE with AES-GCM or ChaCha20-Poly1305): what rustls, and so
// Wasmtime, offers for TLS 1.2; BearSSL's full profile would also offer
// TLS 1.0/1.1, CBC, 3DES and RSA key exchange.
//
// Verification is BearSSL's "minimal" X.509 engine: the chain must lead to
// one of TrustAnchors() (the system store or wacc --tls-ca-file), every
// certificate must be valid now, and the server's must name the host (SAN
// dNSName, or the CN without SANs; BearSSL knows no iPAddress names, so a
// certificate for a dotted address fails). The time is CLOCK_REALTIME (the
// runtime has no libc time(), and BearSSL is built not to look for one);
// the engine's random generator is seeded from getrandom(2).
//
// Failures map to wasi:http error-code cases more finely than Wasmtime does
// (it reports every TLS failure as TLS-protocol-error): a certificate BearSSL
// rejects is TLS-certificate-error, a fatal alert from the server is
// TLS-alert-received with its number and name, the socket failing mid-way
// is connection-terminated, anything else TLS-protocol-error.
#include "wasi/http/Tls.h"

#include "core/Clock.h"
#include "wasi/Linux.h"

// BearSSL's one libc need the runtime did not have (core/MemFunctions.cpp
// has the mem* functions).
extern "C" size_t strlen(const char* text) {
  size_t n = 0;
  while (text[n]) ++n;
  return n;
}

namespace wacc_rt::http {

using namespace linux_abi;

struct TlsConnection {
  br_ssl_client_context client;
  br_x509_minimal_context x509;
  br_sslio_context io;
  ClientSocket* socket;
  bool receivedData;
  unsigned char buffer[BR_SSL_BUFSIZE_BIDI];
};

namespace {

constexpr uint16_t kSuites[] = {
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,       BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,       BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
};
// Days from 1 January of year 0 (proleptic Gregorian, BearSSL's origin) to
// the Unix epoch.
constexpr uint64_t kDaysToUnixEpoch = 719528;

int ReadSocket(void* context, unsigned char* data, size_t length) {
  long got = static_cast<TlsConnection*>(context)->socket->read(data, length);
  return got > 0 ? (int)got : -1;
}

int WriteSocket(void* context, const unsigned char* data, size_t length) {
  long sent = static_cast<TlsConnection*>(context)->socket->write(data, length);
  return sent > 0 ? (int)sent : -1;
}

// TLS alert descriptions (RFC 8446 6, with TLS 1.2's), for
// TLS-alert-received's alert-message. TlsAlertNumber finds the number again
// from the name's address.
struct AlertName {
  uint8_t number;
  char name[32];
};
constexpr AlertName kAlertNames[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {21, "decryption_failed"},
    {22, "record_overflow"},
    {40, "handshake_failure"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},
    {115, "unknown_psk_identity"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
};

// The error-code case for the engine's last error (a fatal alert whose
// number the table lacks is TLS-protocol-error: the payload's name is how
// the number travels).
ErrorCode MapError(TlsConnection* tls, const char*& message) {
  message = nullptr;
  int code = br_ssl_engine_last_error(&tls->client.eng);
  if (code >= BR_ERR_RECV_FATAL_ALERT && code < BR_ERR_SEND_FATAL_ALERT) {
    uint8_t alert = (uint8_t)(code - BR_ERR_RECV_FATAL_ALERT);
    for (const AlertName& entry : kAlertNames)
      if (entry.number == alert) message = entry.name;
    return message ? kTlsAlertReceived : kTlsProtocolError;
  }
  if (code >= BR_ERR_X509_OK && code <= BR_ERR_X509_NOT_TRUSTED) return kTlsCertificateError;
  if (code == BR_ERR_IO || code == BR_ERR_OK) return kConnectionTerminated;
  return kTlsProtocolError;
}

}  // namespace

bool TlsAlertNumber(const char* message, uint8_t& alert) {
  const char* first = kAlertNames[0].name;
  const char* end = reinterpret_cast<const char*>(kAlertNames + sizeof kAlertNames / sizeof kAlertNames[0]);
  if (!message || message < first || message >= end) return false;
  size_t index = (size_t)(message - first) / sizeof(AlertName);
  alert = kAlertNames[index].number;
  return true;
}

TlsConnection* TlsOpen(ClientSocket* socket, const uint8_t* host, uint32_t hostLength, ErrorCode& error,
                       const char*& message) {
  message = nullptr;
  size_t anchorCount;
  const br_x509_trust_anchor* anchors = TrustAnchors(anchorCount);
  if (!anchorCount) {
    // internal-error's message is static: built once, the file never changes.
    static char text[512];
    if (!text[0]) {
      size_t length = 0;
      const char* const parts[] = {"wacc: no trusted certificate authorities for https:// (no certificate read from ",
                                   TrustedCaFile(), "; see wacc --tls-ca-file)"};
      for (const char* part : parts)
        for (; *part && length + 1 < sizeof text; ++part) text[length++] = *part;
    }
    error = kInternalError;
    message = text;
    return nullptr;
  }
  char name[256];
  if (hostLength == 0 || hostLength >= sizeof name) {
    error = kDestinationNotFound;
    return nullptr;
  }
  __builtin_memcpy(name, host, hostLength);
  name[hostLength] = 0;

  TlsConnection* tls = static_cast<TlsConnection*>(HeapAllocate(sizeof(TlsConnection)));
  tls->socket = socket;
  tls->receivedData = false;
  br_ssl_client_init_full(&tls->client, &tls->x509, anchors, anchorCount);
  br_ssl_engine_set_versions(&tls->client.eng, BR_TLS12, BR_TLS12);
  br_ssl_engine_set_suites(&tls->client.eng, kSuites, sizeof kSuites / sizeof kSuites[0]);
  ClockTime now{};
  ClockGettime(kClockIdRealtime, &now);
  uint64_t seconds = now.seconds > 0 ? (uint64_t)now.seconds : 0;
  br_x509_minimal_set_time(&tls->x509, (uint32_t)(kDaysToUnixEpoch + seconds / 86400), (uint32_t)(seconds % 86400));
  br_ssl_engine_set_buffer(&tls->client.eng, tls->buffer, sizeof tls->buffer, 1);
  uint8_t seed[32];
  long got = RetryInterrupted([&] { return Sys(arch::kSysGetrandom, (long)seed, sizeof seed, 0); });
  if (got != (long)sizeof seed) {
    HeapFree(tls, sizeof(TlsConnection));
    error = kInternalError;
    message = "wacc: getrandom failed (no entropy for TLS)";
    return nullptr;
  }
  br_ssl_engine_inject_entropy(&tls->client.eng, seed, sizeof seed);
  if (!br_ssl_client_reset(&tls->client, name, 0)) {
    error = MapError(tls, message);
    HeapFree(tls, sizeof(TlsConnection));
    return nullptr;
  }
  br_sslio_init(&tls->io, &tls->client.eng, ReadSocket, tls, WriteSocket, tls);
  return tls;
}

bool TlsHandshake(TlsConnection* tls, ErrorCode& error, const char*& message) {
  // With no application data buffered, flushing runs the engine until it
  // may send some: the whole handshake.
  if (br_sslio_flush(&tls->io) == 0) return true;
  error = MapError(tls, message);
  return false;
}

bool TlsSend(TlsConnection* tls, const uint8_t* bytes, uint64_t size, ErrorCode& error, const char*& message) {
  if (br_sslio_write_all(&tls->io, bytes, size) == 0 && br_sslio_flush(&tls->io) == 0) return true;
  error = MapError(tls, message);
  return false;
}

long TlsReceive(TlsConnection* tls, uint8_t* buffer, size_t size, ErrorCode& error, const char*& message) {
  int got = br_sslio_read(&tls->io, buffer, size);
  if (got > 0) {
    tls->receivedData = true;
    return got;
  }
  int code = br_ssl_engine_last_error(&tls->client.eng);
  // The end: close_notify, or the server closing the socket after sending
  // something (many do without close_notify; truncation shows in the framing).
  if (code == BR_ERR_OK || (code == BR_ERR_IO && tls->receivedData)) return 0;
  error = MapError(tls, message);
  return -1;
}

void TlsClose(TlsConnection* tls) { HeapFree(tls, sizeof(TlsConnection)); }

}  // namespace wacc_rt::http
