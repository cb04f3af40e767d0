// Mbed TLS (Debian's mbedtls source package): the algorithms of its own
// speed test (programs/test/benchmark.c) run a fixed amount of work each
// instead of for a fixed time: hashes (MD5, SHA-1, SHA-256, SHA-512),
// ciphers (AES-128-CBC, AES-256-GCM, ChaCha20-Poly1305, 3DES-CBC), the
// CTR_DRBG generator, RSA-2048 (key generation, private and public
// operations), ECDSA on P-256 and ECDH on Curve25519. Randomness comes from
// a fixed generator, so every result is the same on both targets; prints
// fingerprints of the results, never a time.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "mbedtls/chachapoly.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/des.h"
#include "mbedtls/ecdh.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/aes.h"
#include "mbedtls/gcm.h"
#include "mbedtls/md.h"
#include "mbedtls/rsa.h"

#define BUFFER (64u << 10)

static uint32_t rngState = 12345;

// A linear congruential generator standing in for the entropy source and
// the random generators the library's functions take.
static int Random(void* unused, unsigned char* out, size_t n) {
  (void)unused;
  for (size_t i = 0; i < n; i++) {
    rngState = rngState * 1664525u + 1013904223u;
    out[i] = (unsigned char)(rngState >> 24);
  }
  return 0;
}

static int Check(int ret, const char* what) {
  if (ret != 0) {
    printf("%s failed: -0x%04x\n", what, (unsigned)-ret);
    exit(1);
  }
  return ret;
}

static void Hash(mbedtls_md_type_t type, const char* name, const unsigned char* data, unsigned mebibytes) {
  mbedtls_md_context_t md;
  unsigned char digest[64];
  mbedtls_md_init(&md);
  Check(mbedtls_md_setup(&md, mbedtls_md_info_from_type(type), 0), name);
  Check(mbedtls_md_starts(&md), name);
  for (unsigned i = 0; i < mebibytes * 16; i++) Check(mbedtls_md_update(&md, data, BUFFER), name);
  Check(mbedtls_md_finish(&md, digest), name);
  printf("%-18s %u MiB, digest fingerprint %08x\n", name, mebibytes,
         Fingerprint(digest, mbedtls_md_get_size(mbedtls_md_info_from_type(type))));
  mbedtls_md_free(&md);
}

int main(void) {
  unsigned char* data = malloc(BUFFER);
  unsigned char* out = malloc(BUFFER);
  unsigned char key[32], iv[16], tag[16];
  if (!data || !out) return 1;
  MakeCorpus(data, BUFFER, 5);
  Random(NULL, key, sizeof key);

  Hash(MBEDTLS_MD_MD5, "MD5", data, 24);
  Hash(MBEDTLS_MD_SHA1, "SHA-1", data, 16);
  Hash(MBEDTLS_MD_SHA256, "SHA-256", data, 12);
  Hash(MBEDTLS_MD_SHA512, "SHA-512", data, 12);

  // Ciphers encrypt the buffer in place again and again, so each pass
  // depends on the one before.
  memcpy(out, data, BUFFER);
  mbedtls_aes_context aes;
  mbedtls_aes_init(&aes);
  Check(mbedtls_aes_setkey_enc(&aes, key, 128), "AES key");
  memset(iv, 0, sizeof iv);
  for (int i = 0; i < 8 * 16; i++) Check(mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, BUFFER, iv, out, out), "AES-CBC");
  printf("%-18s 8 MiB, fingerprint %08x\n", "AES-128-CBC", Fingerprint(out, BUFFER));
  mbedtls_aes_free(&aes);

  mbedtls_gcm_context gcm;
  mbedtls_gcm_init(&gcm);
  Check(mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 256), "GCM key");
  for (int i = 0; i < 4 * 16; i++) {
    iv[0] = (unsigned char)i;
    Check(mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, BUFFER, iv, 12, key, 13, out, out, 16, tag), "GCM");
  }
  printf("%-18s 4 MiB, fingerprint %08x, tag fingerprint %08x\n", "AES-256-GCM", Fingerprint(out, BUFFER),
         Fingerprint(tag, 16));
  mbedtls_gcm_free(&gcm);

  mbedtls_chachapoly_context chachapoly;
  mbedtls_chachapoly_init(&chachapoly);
  Check(mbedtls_chachapoly_setkey(&chachapoly, key), "ChaChaPoly key");
  for (int i = 0; i < 12 * 16; i++) {
    iv[0] = (unsigned char)i;
    Check(mbedtls_chachapoly_encrypt_and_tag(&chachapoly, BUFFER, iv, key, 13, out, out, tag), "ChaChaPoly");
  }
  printf("%-18s 12 MiB, fingerprint %08x, tag fingerprint %08x\n", "ChaCha20-Poly1305", Fingerprint(out, BUFFER),
         Fingerprint(tag, 16));
  mbedtls_chachapoly_free(&chachapoly);

  mbedtls_des3_context des3;
  mbedtls_des3_init(&des3);
  Check(mbedtls_des3_set3key_enc(&des3, key), "3DES key");
  memset(iv, 0, sizeof iv);
  for (int i = 0; i < 1 * 16; i++) Check(mbedtls_des3_crypt_cbc(&des3, MBEDTLS_DES_ENCRYPT, BUFFER, iv, out, out), "3DES");
  printf("%-18s 1 MiB, fingerprint %08x\n", "3DES-CBC", Fingerprint(out, BUFFER));
  mbedtls_des3_free(&des3);

  mbedtls_ctr_drbg_context drbg;
  mbedtls_ctr_drbg_init(&drbg);
  Check(mbedtls_ctr_drbg_seed(&drbg, Random, NULL, (const unsigned char*)"bench", 5), "CTR_DRBG seed");
  for (int i = 0; i < 4 * 1024; i++) Check(mbedtls_ctr_drbg_random(&drbg, out + (i % 64) * 1024, 1024), "CTR_DRBG");
  printf("%-18s 4 MiB, fingerprint %08x\n", "CTR_DRBG", Fingerprint(out, BUFFER));
  mbedtls_ctr_drbg_free(&drbg);

  mbedtls_rsa_context rsa;
  mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V15, 0);
  Check(mbedtls_rsa_gen_key(&rsa, Random, NULL, 2048, 65537), "RSA key generation");
  unsigned char message[256], signature[256];
  memcpy(message, data, sizeof message);
  message[0] = 0;  // below the modulus
  for (int i = 0; i < 12; i++) {
    Check(mbedtls_rsa_private(&rsa, Random, NULL, message, signature), "RSA private");
    memcpy(message + 1, signature + 1, sizeof message - 1);
  }
  for (int i = 0; i < 200; i++) Check(mbedtls_rsa_public(&rsa, signature, message), "RSA public");
  printf("%-18s key fingerprint %08x, signature fingerprint %08x, public %08x\n", "RSA-2048",
         Fingerprint((const unsigned char*)rsa.N.p, rsa.N.n * sizeof *rsa.N.p), Fingerprint(signature, 256),
         Fingerprint(message, 256));
  mbedtls_rsa_free(&rsa);

  mbedtls_ecdsa_context ecdsa;
  mbedtls_ecdsa_init(&ecdsa);
  Check(mbedtls_ecdsa_genkey(&ecdsa, MBEDTLS_ECP_DP_SECP256R1, Random, NULL), "ECDSA key");
  unsigned char hash[32], sig[MBEDTLS_ECDSA_MAX_LEN];
  size_t sigLength = 0;
  uint32_t sigPrint = 0;
  memcpy(hash, data, sizeof hash);
  for (int i = 0; i < 60; i++) {
    hash[0] = (unsigned char)i;
    Check(mbedtls_ecdsa_write_signature(&ecdsa, MBEDTLS_MD_SHA256, hash, sizeof hash, sig, &sigLength, Random, NULL),
          "ECDSA sign");
    Check(mbedtls_ecdsa_read_signature(&ecdsa, hash, sizeof hash, sig, sigLength), "ECDSA verify");
    sigPrint ^= Fingerprint(sig, sigLength);
  }
  printf("%-18s signatures fingerprint %08x\n", "ECDSA-P256", sigPrint);
  mbedtls_ecdsa_free(&ecdsa);

  mbedtls_ecp_group group;
  mbedtls_mpi secret, shared;
  mbedtls_ecp_point public;
  mbedtls_ecp_group_init(&group);
  mbedtls_mpi_init(&secret);
  mbedtls_mpi_init(&shared);
  mbedtls_ecp_point_init(&public);
  Check(mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_CURVE25519), "Curve25519");
  uint32_t sharedPrint = 0;
  for (int i = 0; i < 60; i++) {
    Check(mbedtls_ecdh_gen_public(&group, &secret, &public, Random, NULL), "ECDH public");
    Check(mbedtls_ecdh_compute_shared(&group, &shared, &public, &secret, Random, NULL), "ECDH shared");
    unsigned char bytes[32];
    Check(mbedtls_mpi_write_binary(&shared, bytes, sizeof bytes), "ECDH write");
    sharedPrint ^= Fingerprint(bytes, sizeof bytes);
  }
  printf("%-18s shared secrets fingerprint %08x\n", "ECDH-X25519", sharedPrint);
  mbedtls_ecp_point_free(&public);
  mbedtls_mpi_free(&shared);
  mbedtls_mpi_free(&secret);
  mbedtls_ecp_group_free(&group);
  free(out);
  free(data);
  return 0;
}
