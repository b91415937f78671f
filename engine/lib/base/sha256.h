/* sha256.h - SHA-256 (FIPS 180-4), for the provenance of reports: each
 * input file is listed with its digest, so a report can be traced to the
 * exact bytes it was rendered from. */
#ifndef KEHOACH_SHA256_H
#define KEHOACH_SHA256_H

#include <stddef.h>

/* Room for the state of the library that hashes (sha256.c); its header
 * stays out of the rest of the engine, whose names it would rename. */
typedef struct sha256 {
    _Alignas(16) unsigned char state[160];
} sha256;

void sha256_init(sha256 *s);
void sha256_update(sha256 *s, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(sha256 *s, char out[65]);

#endif
