/*
 * adler32_simd128.c: Adler-32 in wasm SIMD128 for zlib-ng's function table (installed by
 * patches/functable-simd128.patch; zlib-ng ships SIMD versions for x86, ARM, POWER,
 * RISC-V and LoongArch but none for wasm). Both sums of 16 bytes at a time:
 *
 *   s1' = s1 + sum(b[i]),   s2' = s2 + 16 * s1 + sum((16 - i) * b[i])   (i = 0..15)
 *
 * Lane sums of the bytes (pairwise widening adds), of the weighted bytes (16-bit dot
 * products), and of s1's running prefix (for the 16 * s1 terms), reduced modulo 65521 once per
 * NMAX bytes as zlib does: every lane is a part of a sum that NMAX keeps below 2^32. Used for
 * every Adler-32 zlib-ng computes, including the copy-and-checksum into inflate's window.
 */
#ifdef __wasm__ /* installed in the function table for wasm builds only */

#include "zbuild.h"
#include "adler32_p.h"

#include <string.h>

#define SIMD __attribute__((target("simd128")))

typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef uint8_t u8x8 __attribute__((vector_size(8)));
typedef uint16_t u16x8 __attribute__((vector_size(16)));
typedef int16_t i16x8 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));

uint32_t adler32_simd128(uint32_t adler, const uint8_t *buf, size_t len);

static inline SIMD uint32_t lane_sum(u32x4 v) {
    return v[0] + v[1] + v[2] + v[3];
}

/* One 16-byte chunk into the lane sums: `prefixes` gains the byte sum so far (for the
 * 16 * s1 terms), `sums` the chunk's bytes, `weighted` its bytes times 16..1. */
static inline __attribute__((always_inline)) SIMD void chunk(const uint8_t *buf, u32x4 *sums,
                                                             u32x4 *prefixes, u32x4 *weighted) {
    const i16x8 first_weights = {16, 15, 14, 13, 12, 11, 10, 9};
    const i16x8 last_weights = {8, 7, 6, 5, 4, 3, 2, 1};
    u8x16 bytes;
    memcpy(&bytes, buf, 16);
    *prefixes += *sums;
    *sums += (u32x4)__builtin_wasm_extadd_pairwise_i16x8_u_i32x4(
        __builtin_wasm_extadd_pairwise_i8x16_u_i16x8(bytes));
    i16x8 first = __builtin_convertvector(
        __builtin_shufflevector(bytes, bytes, 0, 1, 2, 3, 4, 5, 6, 7), i16x8);
    i16x8 last = __builtin_convertvector(
        __builtin_shufflevector(bytes, bytes, 8, 9, 10, 11, 12, 13, 14, 15), i16x8);
    *weighted += (u32x4)__builtin_wasm_dot_s_i32x4_i16x8(first, first_weights);
    *weighted += (u32x4)__builtin_wasm_dot_s_i32x4_i16x8(last, last_weights);
}

SIMD uint32_t adler32_simd128(uint32_t adler, const uint8_t *buf, size_t len) {
    uint32_t s1 = adler & 0xffff, s2 = adler >> 16;
    if (UNLIKELY(len == 1))
        return adler32_len_1(s1, buf, s2);
    if (UNLIKELY(buf == NULL))
        return 1;
    if (len < 16)
        return adler32_len_16(s1, buf, len, s2);

    while (len >= 16) {
        size_t chunks = (len < NMAX ? len : NMAX) / 16, k = 0;
        len -= chunks * 16;
        uint32_t start = s1;
        u32x4 sums = {0}, prefixes = {0}, weighted = {0};
        /* Four chunks a loop step: in wasm each back-edge carries the deadline check, and
         * Cranelift keeps the three vectors in stack slots across it. */
        for (; k + 4 <= chunks; k += 4, buf += 64) {
            chunk(buf, &sums, &prefixes, &weighted);
            chunk(buf + 16, &sums, &prefixes, &weighted);
            chunk(buf + 32, &sums, &prefixes, &weighted);
            chunk(buf + 48, &sums, &prefixes, &weighted);
        }
        for (; k < chunks; k++, buf += 16)
            chunk(buf, &sums, &prefixes, &weighted);
        s1 = (start + lane_sum(sums)) % BASE;
        s2 = (s2 + 16 * (uint32_t)chunks * start + 16 * lane_sum(prefixes) + lane_sum(weighted)) %
             BASE;
    }
    /* Under 16 bytes left: one at a time, as zlib-ng's own tail does. */
    return adler32_len_16(s1, buf, len, s2);
}

#endif /* __wasm__ */
