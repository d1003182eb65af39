// OpenSSL's libcrypto (Debian: libssl-dev): SHA-256 (it uses the CPU's SHA instructions), and for sync's
// certificate sign-in, PEM keys and certificates and RSA-PSS signatures.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
