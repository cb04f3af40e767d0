// The certificate authorities https:// requests trust: every CERTIFICATE in
// a PEM bundle, read at run time when the first https:// request is made and
// kept for the life of the process. The bundle is the one `wacc
// --tls-ca-file` named when compiling, else the build's WACC_TLS_CA_FILE
// (the system store, Debian's /etc/ssl/certs/ca-certificates.crt, by
// default).
//
// BearSSL verifies a chain against trust anchors, which are a certificate's
// subject name (DER) and public key, not whole certificates: the file is
// streamed through BearSSL's PEM decoder straight into its X.509 decoder,
// whose subject name and key are copied onto the http heap. Certificates it
// cannot decode (a key type BearSSL lacks) are skipped, as other TLS
// libraries skip them.
#include "core/Capabilities.h"
#include "wasi/Linux.h"
#include "wasi/http/Tls.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

struct Loader {
  br_pem_decoder_context pem;
  br_x509_decoder_context x509;
  ByteBuffer subject;  // the DN of the certificate being decoded
  ByteBuffer anchors;  // br_x509_trust_anchor[], moved as it grows (nothing points into it yet)
  bool inCertificate;
};

void AppendSubject(void* context, const void* bytes, size_t length) {
  static_cast<Loader*>(context)->subject.append(bytes, length);
}

void PushCertificateBytes(void* context, const void* bytes, size_t length) {
  br_x509_decoder_push(&static_cast<Loader*>(context)->x509, bytes, length);
}

// Copies `length` bytes into `cursor`'s block, returning where they went.
unsigned char* CopyOut(uint8_t*& cursor, const void* bytes, size_t length) {
  uint8_t* at = cursor;
  __builtin_memcpy(at, bytes, length);
  cursor += length;
  return at;
}

// The decoded certificate as a trust anchor, its names and key in one block
// of their own.
void AddAnchor(Loader& loader) {
  br_x509_pkey* key = br_x509_decoder_get_pkey(&loader.x509);
  if (!key) return;
  size_t keyBytes = key->key_type == BR_KEYTYPE_RSA ? key->key.rsa.nlen + key->key.rsa.elen
                    : key->key_type == BR_KEYTYPE_EC ? key->key.ec.qlen
                                                     : 0;
  if (!keyBytes) return;
  uint8_t* block = static_cast<uint8_t*>(HeapAllocate(loader.subject.size + keyBytes));
  br_x509_trust_anchor anchor{};
  anchor.dn.data = CopyOut(block, loader.subject.data, loader.subject.size);
  anchor.dn.len = loader.subject.size;
  anchor.flags = br_x509_decoder_isCA(&loader.x509) ? BR_X509_TA_CA : 0;
  anchor.pkey.key_type = key->key_type;
  if (key->key_type == BR_KEYTYPE_RSA) {
    anchor.pkey.key.rsa.n = CopyOut(block, key->key.rsa.n, key->key.rsa.nlen);
    anchor.pkey.key.rsa.nlen = key->key.rsa.nlen;
    anchor.pkey.key.rsa.e = CopyOut(block, key->key.rsa.e, key->key.rsa.elen);
    anchor.pkey.key.rsa.elen = key->key.rsa.elen;
  } else {
    anchor.pkey.key.ec.curve = key->key.ec.curve;
    anchor.pkey.key.ec.q = CopyOut(block, key->key.ec.q, key->key.ec.qlen);
    anchor.pkey.key.ec.qlen = key->key.ec.qlen;
  }
  loader.anchors.append(&anchor, sizeof anchor);
}

// Feeds `length` bytes of the file to the PEM decoder, acting on its events.
void Feed(Loader& loader, const uint8_t* bytes, size_t length) {
  while (length > 0) {
    size_t used = br_pem_decoder_push(&loader.pem, bytes, length);
    bytes += used;
    length -= used;
    switch (br_pem_decoder_event(&loader.pem)) {
      case BR_PEM_BEGIN_OBJ: {
        const char* name = br_pem_decoder_name(&loader.pem);
        loader.inCertificate = BytesEqual(name, "CERTIFICATE", 12) || BytesEqual(name, "X509 CERTIFICATE", 17) ||
                               BytesEqual(name, "TRUSTED CERTIFICATE", 20);
        if (loader.inCertificate) {
          loader.subject.clear();
          br_x509_decoder_init(&loader.x509, AppendSubject, &loader);
          br_pem_decoder_setdest(&loader.pem, PushCertificateBytes, &loader);
        } else {
          br_pem_decoder_setdest(&loader.pem, nullptr, nullptr);
        }
        break;
      }
      case BR_PEM_END_OBJ:
        if (loader.inCertificate) AddAnchor(loader);
        loader.inCertificate = false;
        break;
      case BR_PEM_ERROR:
        loader.inCertificate = false;
        break;
      default:
        break;
    }
  }
}

}  // namespace

const char* TrustedCaFile() {
  const char* configured = capabilities().tls_ca_file;
  return configured && *configured ? configured : WACC_TLS_CA_FILE;
}

const br_x509_trust_anchor* TrustAnchors(size_t& count) {
  static bool loaded;
  static const br_x509_trust_anchor* anchors;
  static size_t anchorCount;
  if (!loaded) {
    loaded = true;
    long fd = RetryInterrupted(
        [&] { return Sys(arch::kSysOpenat, kAtFdCwd, (long)TrustedCaFile(), kOpenReadOnly | kOpenCloexec, 0); });
    if (fd >= 0) {
      Loader* loader = static_cast<Loader*>(HeapAllocate(sizeof(Loader)));
      __builtin_memset(loader, 0, sizeof(Loader));
      br_pem_decoder_init(&loader->pem);
      uint8_t* chunk = static_cast<uint8_t*>(HeapAllocate(16384));
      for (;;) {
        long got = RetryInterrupted([&] { return SysRead((int)fd, chunk, 16384); });
        if (got <= 0) break;
        Feed(*loader, chunk, (size_t)got);
      }
      Feed(*loader, reinterpret_cast<const uint8_t*>("\n"), 1);  // a last line without its newline
      CloseFd((int)fd);
      HeapFree(chunk, 16384);
      anchors = reinterpret_cast<const br_x509_trust_anchor*>(loader->anchors.data);
      anchorCount = loader->anchors.size / sizeof(br_x509_trust_anchor);
      loader->subject.release();
      HeapFree(loader, sizeof(Loader));
    }
  }
  count = anchorCount;
  return anchors;
}

}  // namespace wacc_rt::http
