/* sha256.c - SHA-256 through Nettle (see sha256.h).
 *
 * Nettle is a well-kept library and, built as Debian builds it, picks at
 * run time the fastest code the processor has (the x86 SHA extensions,
 * about five times the portable speed): hashing every input of a report
 * for its provenance was 4% of the audit export with our own portable
 * code. This file keeps the project's small interface over it. */
#include "sha256.h"

#include <nettle/sha2.h>

/* Nettle's header renames sha256_init and the like to its own functions
 * (nettle_sha256_init...); ours keep their names, and call those. */
#undef sha256_init
#undef sha256_update
#undef sha256_digest

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(sha256),
               "sha256 holds Nettle's state");
_Static_assert(_Alignof(struct sha256_ctx) <= 16, "and is aligned for it");

static struct sha256_ctx *ctx_of(sha256 *s)
{
    return (struct sha256_ctx *)(void *)s->state;
}

void sha256_init(sha256 *s)
{
    nettle_sha256_init(ctx_of(s));
}

void sha256_update(sha256 *s, const void *data, size_t n)
{
    nettle_sha256_update(ctx_of(s), n, data);
}

void sha256_hex(sha256 *s, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char digest[SHA256_DIGEST_SIZE];
    nettle_sha256_digest(ctx_of(s), sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xF];
    }
    out[64] = '\0';
}
