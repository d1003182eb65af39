// glibc's malloc tuning (mallopt), which Swift's Glibc module leaves out; nothing elsewhere.
#if __has_include(<malloc.h>) && defined(__linux__)
#include <malloc.h>
#endif
