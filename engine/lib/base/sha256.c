/* sha256.c - SHA-256 as FIPS 180-4 specifies it (see sha256.h): 64-byte
 * blocks, big-endian words, the length in bits appended after a 0x80 pad.
 * On x86-64 processors with the SHA extensions the blocks are compressed
 * by those instructions (about 5 times faster: the digests of a report's
 * inputs were 3% of the audit export); the portable code is the same
 * function, and the reference the other is tested against. */
#include "sha256.h"

#include <stdbool.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SHA256_SHANI 1
#endif

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

static void compress_portable(uint32_t *state, const unsigned char *block)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
               (uint32_t)block[4 * i + 2] << 8 | (uint32_t)block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 =
            rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 =
            rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
                      ((e & f) ^ (~e & g)) + round_constants[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) +
                      ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

#ifdef SHA256_SHANI
/* The blocks through the SHA extensions: the state kept as the two
 * vectors the instructions take (ABEF, CDGH), each group of four rounds
 * given its four message words plus constants, the schedule extended by
 * sha256msg1/msg2 as FIPS 180-4 extends it. */
__attribute__((target("sha,sse4.1"))) static void compress_shani(
    uint32_t *state, const unsigned char *data, size_t blocks)
{
    const __m128i big_endian =
        _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i cdab = _mm_shuffle_epi32(_mm_loadu_si128((void *)&state[0]), 0xB1);
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((void *)&state[4]), 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    for (; blocks > 0; blocks--, data += 64) {
        __m128i abef_before = abef, cdgh_before = cdgh, w[4];
        for (int g = 0; g < 16; g++) {
            if (g < 4) {
                w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
                                            (const void *)(data + 16 * g)),
                                        big_endian);
            } else {
                __m128i x = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(w[(g + 3) & 3],
                                                     w[(g + 2) & 3], 4));
                w[g & 3] = _mm_sha256msg2_epu32(x, w[(g + 3) & 3]);
            }
            __m128i msg =
                _mm_add_epi32(w[g & 3],
                              _mm_loadu_si128(
                                  (const void *)&round_constants[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
            abef =
                _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(msg, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((void *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((void *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}
#endif

static bool use_shani(void)
{
#ifdef SHA256_SHANI
    static int known = -1;
    if (known < 0)
        known =
            __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
    return known;
#else
    return false;
#endif
}

/* Compresses n whole blocks at data into the state. */
static void compress(sha256 *s, const unsigned char *data, size_t n)
{
#ifdef SHA256_SHANI
    if (use_shani()) {
        compress_shani(s->h, data, n);
        return;
    }
#endif
    for (; n > 0; n--, data += 64)
        compress_portable(s->h, data);
}

void sha256_init(sha256 *s)
{
    static const uint32_t initial[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(s->h, initial, sizeof initial);
    s->length = 0;
    s->used = 0;
}

void sha256_update(sha256 *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    s->length += n;
    while (n > 0) {
        if (s->used == 0 && n >= 64) { /* whole blocks, where they are */
            compress(s, p, n / 64);
            p += n / 64 * 64;
            n %= 64;
            continue;
        }
        size_t take = 64 - s->used < n ? 64 - s->used : n;
        memcpy(s->block + s->used, p, take);
        s->used += take;
        p += take;
        n -= take;
        if (s->used == 64) {
            compress(s, s->block, 1);
            s->used = 0;
        }
    }
}

void sha256_hex(sha256 *s, char out[65])
{
    uint64_t bits = s->length * 8;
    unsigned char pad[72] = {0x80};
    size_t padding = (s->used < 56 ? 56 : 120) - s->used;
    unsigned char length_bytes[8];
    for (int i = 0; i < 8; i++)
        length_bytes[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(s, pad, padding);
    sha256_update(s, length_bytes, 8);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) {
            unsigned byte = (s->h[i] >> (24 - 8 * j)) & 0xff;
            out[8 * i + 2 * j] = hex[byte >> 4];
            out[8 * i + 2 * j + 1] = hex[byte & 0xf];
        }
    out[64] = '\0';
}
