// OpenSSL's libcrypto (Debian: libssl-dev): SHA-256 (it uses the CPU's SHA instructions), and for sync's
// certificate sign-in, PEM keys and certificates and RSA-PSS signatures.
// SHA256_Init/Update/Final, deprecated since OpenSSL 3.0 but kept in it, hash a short object's content twice
// as fast as an EVP context (measured: a million 250-byte digests, 0.46 against 0.85 s): they skip the
// provider dispatch. The macro keeps their deprecation warnings out of Swift's build.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
