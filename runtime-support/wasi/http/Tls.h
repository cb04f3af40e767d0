// TLS for outgoing https:// requests (Tls.cpp), with BearSSL
// (bearssl/BearSSL.cmake says how it is built into the runtime).
#pragma once

#include <bearssl.h>
#include <stddef.h>
#include <stdint.h>

#include "wasi/http/Http.h"

namespace wacc_rt::http {

// A TLS client session over a connected socket.
struct TlsConnection;

// Starts a session over `socket` (still owned by the caller, whose deadline
// its reads and writes keep) with the server `host` (a name or dotted
// address, without the port): the name sent as SNI and that its
// certificate must carry. Nothing is exchanged yet.
TlsConnection* TlsOpen(ClientSocket* socket, const uint8_t* host, uint32_t hostLength, ErrorCode& error,
                       const char*& message);
// Runs the handshake; false with the error-code case (and message) when it
// fails.
bool TlsHandshake(TlsConnection* tls, ErrorCode& error, const char*& message);
// Sends all of `bytes` and flushes; false with the error-code case (and
// message) when the handshake or the connection failed.
bool TlsSend(TlsConnection* tls, const uint8_t* bytes, uint64_t size, ErrorCode& error, const char*& message);
// Receives up to `size` bytes: how many, 0 at the end of the stream (the
// server's close_notify, or its closing the socket: the HTTP framing finds a
// response cut short), or -1 with the error-code case (and message).
long TlsReceive(TlsConnection* tls, uint8_t* buffer, size_t size, ErrorCode& error, const char*& message);
// Frees the session (not the socket).
void TlsClose(TlsConnection* tls);

// The TLS-alert-received payload behind `message` when an error is that
// case: true with the alert's number (TlsSend/TlsReceive point `message` at
// the alert's name, from a table of their own).
bool TlsAlertNumber(const char* message, uint8_t& alert);

// The trust anchors of TrustedCaFile(), loaded on first use; none (count 0)
// when it cannot be read.
const br_x509_trust_anchor* TrustAnchors(size_t& count);
// wacc --tls-ca-file's path when given, else the build's WACC_TLS_CA_FILE.
const char* TrustedCaFile();

}  // namespace wacc_rt::http
