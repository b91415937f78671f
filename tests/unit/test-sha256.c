/* test-sha256.c - SHA-256 (sha256.h): the FIPS 180-4 examples, and the same
 * digest whether the bytes come whole, one by one or in chunks of any size,
 * across every padding case (lengths 0..130 cross the 55/56 and 63/64/65
 * boundaries of one and two blocks). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "sha256.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LENGTH 130

static void digest_whole(const void *data, size_t n, char out[65])
{
    sha256 s;
    sha256_init(&s);
    sha256_update(&s, data, n);
    sha256_hex(&s, out);
}

static void digest_bytewise(const unsigned char *data, size_t n, char out[65])
{
    sha256 s;
    sha256_init(&s);
    for (size_t i = 0; i < n; i++)
        sha256_update(&s, data + i, 1);
    sha256_hex(&s, out);
}

/* A small fixed generator, so a failure can be replayed. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* Chunks of 0..70 bytes (empty updates included), drawn from *seed. */
static void digest_chunked(const unsigned char *data, size_t n, uint32_t *seed,
                           char out[65])
{
    sha256 s;
    sha256_init(&s);
    size_t i = 0;
    while (i < n) {
        size_t take = next_random(seed) % 71;
        if (take > n - i)
            take = n - i;
        sha256_update(&s, data + i, take);
        i += take;
    }
    sha256_update(&s, data, 0);
    sha256_hex(&s, out);
}

/* The test message of length n: bytes (7i + 3) mod 256, as in Python
 * bytes((i * 7 + 3) & 0xff for i in range(n)). */
static void message(unsigned char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)((i * 7 + 3) & 0xff);
}

static void fips_180_examples(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *digest;
    } cases[] = {
        {"",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
         "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        /* UTF-8 text is hashed as its bytes */
        {"Sở Tư pháp",
         "ac7d89d43bad2014cd3d36f9b80721cd381c7910d04267ffcfdc3ac583bbdc78"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char hex[65];
        digest_whole(cases[i].text, strlen(cases[i].text), hex);
        assert_string_equal(hex, cases[i].digest);
        digest_bytewise((const unsigned char *)cases[i].text,
                        strlen(cases[i].text), hex);
        assert_string_equal(hex, cases[i].digest);
    }
}

static void one_million_a(void **state)
{
    (void)state;
    static const char want[] =
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    const size_t n = 1000000;
    char *a = malloc(n);
    assert_non_null(a);
    memset(a, 'a', n);
    char hex[65];
    digest_whole(a, n, hex);
    assert_string_equal(hex, want);

    /* in pieces of 1000, which do not divide into 64-byte blocks */
    sha256 s;
    sha256_init(&s);
    for (size_t i = 0; i < n; i += 1000)
        sha256_update(&s, a + i, 1000);
    sha256_hex(&s, hex);
    assert_string_equal(hex, want);

    /* one byte, then the rest: every block straddles two updates */
    sha256_init(&s);
    sha256_update(&s, a, 1);
    sha256_update(&s, a + 1, n - 1);
    sha256_hex(&s, hex);
    assert_string_equal(hex, want);
    free(a);
}

static void every_length_any_chunking(void **state)
{
    (void)state;
    unsigned char buf[MAX_LENGTH];
    message(buf, sizeof buf);
    uint32_t seed = 0x2026u;
    sha256 all; /* the digests of every length, one after another */
    sha256_init(&all);
    for (size_t n = 0; n <= MAX_LENGTH; n++) {
        char whole[65], bytewise[65], chunked[65];
        digest_whole(buf, n, whole);
        digest_bytewise(buf, n, bytewise);
        assert_int_equal(strlen(whole), 64);
        assert_string_equal(bytewise, whole);
        for (int round = 0; round < 8; round++) {
            digest_chunked(buf, n, &seed, chunked);
            assert_string_equal(chunked, whole);
        }
        sha256_update(&all, whole, 64);
    }
    /* pins all 131 digests at once; from Python:
     * sha256("".join(sha256(message(n)).hexdigest() for n in range(131))) */
    char hex[65];
    sha256_hex(&all, hex);
    assert_string_equal(
        hex,
        "d2742658eeae2e342e618f39ae52ef451168b58f37f0932d49a52eda7f546706");
}

static void padding_boundaries(void **state)
{
    (void)state;
    /* the lengths where the 0x80 byte and the 8-byte length stop fitting
     * in the last block; digests from Python's hashlib */
    static const struct {
        size_t n;
        const char *digest;
    } cases[] = {
        {55,
         "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
        {56,
         "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
        {63,
         "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
        {64,
         "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
        {65,
         "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
        {119,
         "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
        {120,
         "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
        {128,
         "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"},
    };
    unsigned char buf[MAX_LENGTH];
    message(buf, sizeof buf);
    uint32_t seed = 7;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char hex[65];
        digest_whole(buf, cases[i].n, hex);
        assert_string_equal(hex, cases[i].digest);
        digest_bytewise(buf, cases[i].n, hex);
        assert_string_equal(hex, cases[i].digest);
        digest_chunked(buf, cases[i].n, &seed, hex);
        assert_string_equal(hex, cases[i].digest);
    }
}

static void init_starts_over(void **state)
{
    (void)state;
    sha256 s;
    char hex[65];
    sha256_init(&s);
    sha256_update(
        &s,
        "something else entirely, longer than one block of sixty-four bytes",
        66);
    sha256_hex(&s, hex);
    sha256_init(&s); /* the same state, reused */
    sha256_update(&s, "abc", 3);
    sha256_hex(&s, hex);
    assert_string_equal(
        hex,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_180_examples),
        cmocka_unit_test(one_million_a),
        cmocka_unit_test(every_length_any_chunking),
        cmocka_unit_test(padding_boundaries),
        cmocka_unit_test(init_starts_over),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
