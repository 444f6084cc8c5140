/*
 * adler32_swar.c: Adler-32 eight bytes at a time (SWAR: the byte sums and the position-weighted
 * byte sums of a 64-bit word come from two multiplications each), replacing zlib's byte-at-a-time
 * adler32()/adler32_z() in both builds. zlib's own functions stay, renamed by the manifest
 * (zlib_adler32, zlib_adler32_z), and this file hands them short inputs. Same results: the sums
 * are exactly zlib's, grouped differently, with the same NMAX bound between reductions.
 *
 * In wasm the byte loop is the problem: 16 dependent adds and 16 loads per iteration, spilled,
 * 2.8x its native time in a libpng decode profile; here one load and a few multiplications
 * cover eight bytes.
 */
#include <stdint.h>
#include <string.h>

#include "zlib.h"

#define BASE 65521U /* largest prime smaller than 65536 */
#define NMAX 5552   /* zlib's: the longest run before the 32-bit sums must be reduced */

uLong ZEXPORT zlib_adler32_z(uLong adler, const Bytef *buf, z_size_t len);

/* Adds eight bytes (little-endian word x) to the sums. */
static inline void add8(uint64_t x, uint32_t *adler, uint32_t *sum2) {
    const uint64_t lanes = 0x00ff00ff00ff00ffULL;
    uint64_t even = x & lanes, odd = (x >> 8) & lanes; /* bytes 0,2,4,6 and 1,3,5,7 */
    /* Byte i is added to sum2 8 - i times over the eight steps. */
    uint32_t weighted = (uint32_t)((even * 0x0008000600040002ULL) >> 48) +
                        (uint32_t)((odd * 0x0007000500030001ULL) >> 48);
    uint32_t sum = (uint32_t)(((even + odd) * 0x0001000100010001ULL) >> 48);
    *sum2 += 8 * *adler + weighted;
    *adler += sum;
}

uLong ZEXPORT adler32_z(uLong adler_in, const Bytef *buf, z_size_t len) {
    if (buf == Z_NULL || len < 32)
        return zlib_adler32_z(adler_in, buf, len);
    uint32_t adler = (uint32_t)(adler_in & 0xffff), sum2 = (uint32_t)((adler_in >> 16) & 0xffff);
    while (len >= 8) {
        z_size_t run = len < NMAX ? len & ~(z_size_t)7 : NMAX;
        len -= run;
        for (; run; run -= 8, buf += 8) {
            uint64_t x;
            memcpy(&x, buf, 8); /* both targets are little-endian */
            add8(x, &adler, &sum2);
        }
        adler %= BASE;
        sum2 %= BASE;
    }
    return zlib_adler32_z(adler | ((uLong)sum2 << 16), buf, len);
}

uLong ZEXPORT adler32(uLong adler, const Bytef *buf, uInt len) {
    return adler32_z(adler, buf, len);
}
