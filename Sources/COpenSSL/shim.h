// OpenSSL's libcrypto (Debian: libssl-dev), for SHA-256 only: it uses the CPU's SHA instructions.
#include <openssl/evp.h>
