/*
 * png_filters.c: whole-pixel row filters, installed through libpng's own hook for
 * hardware-specific filters (PNG_FILTER_OPTIMIZATIONS, the way its SSE2 and NEON filters are;
 * no change to libpng). Compiled into both builds, sandboxed and native, so they decode
 * through the same code.
 *
 * libpng's generic filters walk a row one byte at a time and reload the byte `bpp` back from
 * memory. Sub and Avg here walk one pixel at a time and keep the previous pixel in locals: in
 * wasm every loop back-edge also carries the deadline check, so a pixel per iteration means a
 * third or a quarter of the checks, and fewer loads. Up works on 8 bytes at a time (SWAR);
 * Paeth on a pixel's bytes at once in vector lanes, eight pixels a loop step. The arithmetic is
 * libpng's, so the output is byte for byte the same (the conformance suite checks it).
 */
#include <stdint.h>
#include <string.h>

#include "pngpriv.h"

/* Up: add the previous row, 8 bytes at a time without carries between bytes. */
static void up(png_row_infop row_info, png_bytep row, png_const_bytep prev) {
    size_t n = row_info->rowbytes, i = 0;
    const uint64_t high = 0x8080808080808080ull;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, row + i, 8);
        memcpy(&y, prev + i, 8);
        uint64_t sum = ((x & ~high) + (y & ~high)) ^ ((x ^ y) & high);
        memcpy(row + i, &sum, 8);
    }
    for (; i < n; i++)
        row[i] = (png_byte)(row[i] + prev[i]);
}

/* Paeth, one pixel per step with its bytes in 16-bit vector lanes (lanes past the pixel
 * are computed and dropped). Each pixel depends on the one before it, so the time per pixel is
 * the length of that dependency chain: as scalar code, byte by byte, about 20 cycles a pixel
 * (compares and selects, and natively branch mispredictions); as lanes, a subtract, an add, an
 * absolute value, a minimum, a compare, two selects, an add and a mask, about 9. Measured on a
 * 4 MP RGB image (with four-pixel steps), Paeth's time per decode fell from 35 to 12 ms
 * natively and from 28 to 15 ms sandboxed; eight-pixel steps took about 5% more off the
 * sandboxed time. Written with clang's portable vector types, so the native build runs the same
 * algorithm (SSE there; SIMD128 and relaxed SIMD's lane select in the sandbox, enabled for
 * these functions only). */
#ifdef __wasm__
#define VECTOR __attribute__((target("simd128,relaxed-simd")))
#else
#define VECTOR
#endif
#define ALWAYS static inline __attribute__((always_inline))

typedef int16_t i16x8 __attribute__((vector_size(16)));
typedef uint8_t u8x8 __attribute__((vector_size(8)));
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef uint32_t u32x2 __attribute__((vector_size(8)));

/* Hides a vector's value range from the optimiser. Knowing every lane is a byte, clang turns
 * these 16-bit signed operations into unsigned ones and byte-wise absolute differences (max,
 * min, subtract, widen), which SSE has no single instruction for, so Cranelift (and x86 codegen)
 * spend three or four instructions on each link of the chain where one would do. */
#if defined(__wasm__)
#define OPAQUE(v) __asm__("" : "+r"(v))
#elif defined(__SSE2__) && (defined(__clang__) || defined(__GNUC__))
#define OPAQUE(v) __asm__("" : "+x"(v))
#else
#define OPAQUE(v) (void)0
#endif

/* `bytes` (3 or 4) bytes at p, zero-extended into lanes 0..bytes-1. */
ALWAYS VECTOR i16x8 pixel_load(png_const_bytep p, size_t bytes) {
    uint32_t word = 0;
    memcpy(&word, p, bytes);
    u32x2 words = {word, 0};
    i16x8 pixel = __builtin_convertvector((u8x8)words, i16x8);
    OPAQUE(pixel);
    return pixel;
}

/* Lanes 0..bytes-1 (each 0..255) stored as bytes at p. */
ALWAYS VECTOR void pixel_store(png_bytep p, i16x8 v, size_t bytes) {
    u32x2 words = (u32x2)__builtin_convertvector(v, u8x8);
    uint32_t word = words[0];
    memcpy(p, &word, bytes);
}

/* Absolute value and minimum of each lane: one instruction each in SIMD128 and SSSE3/SSE2. */
#if defined(__has_builtin) && __has_builtin(__builtin_elementwise_abs) &&                        \
    __has_builtin(__builtin_elementwise_min)
#define ABS(v) __builtin_elementwise_abs(v)
#define MIN(a, b) __builtin_elementwise_min((a), (b))
#else
ALWAYS i16x8 ABS(i16x8 v) {
    i16x8 sign = v >> 15;
    return (v ^ sign) - sign;
}
ALWAYS i16x8 MIN(i16x8 a, i16x8 b) {
    i16x8 less = a < b;
    return (a & less) | (b & ~less);
}
#endif

/* Each lane from `a` where `mask` (all ones or all zeros per lane) is set, else from `b`. In wasm
 * as relaxed SIMD's lane select, which Cranelift compiles to one `pblendvb` (SSE4.1) where the
 * bitwise form (`v128.bitselect`) costs three dependent instructions; with whole-lane masks the
 * relaxed instruction's result is fully determined (it may differ between hosts only for masks
 * whose bytes are neither all ones nor all zeros, which these never are). */
#if defined(__wasm__)
#define SELECT(mask, a, b) __builtin_wasm_relaxed_laneselect_i16x8((a), (b), (mask))
#else
#define SELECT(mask, a, b) (((a) & (mask)) | ((b) & ~(mask)))
#endif

/* libpng's Paeth predictor choice, with its tie order (a, then b, then c), added to x. */
ALWAYS VECTOR i16x8 paeth_pixel(i16x8 a, i16x8 b, i16x8 c, i16x8 x) {
    const i16x8 byte = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    i16x8 p = b - c, q = a - c;
    i16x8 pa = ABS(p), pb = ABS(q), pc = ABS(p + q);
    i16x8 take_b = pb < pa;
    i16x8 predictor = SELECT(take_b, b, a);
    i16x8 take_c = pc < MIN(pa, pb);
    predictor = SELECT(take_c, c, predictor);
    i16x8 decoded = (x + predictor) & byte;
    OPAQUE(decoded);
    return decoded;
}

/* The pixel at p, zero-extended into 16-bit lanes from an 8-byte load (`i16x8.load8x8_u`, one
 * instruction; lanes past the pixel are computed and dropped): 8 bytes must be readable. */
ALWAYS VECTOR i16x8 pixel_load8(png_const_bytep p) {
    u8x8 bytes;
    memcpy(&bytes, p, 8);
    i16x8 pixel = __builtin_convertvector(bytes, i16x8);
    OPAQUE(pixel);
    return pixel;
}

/* Four decoded pixels (lanes 0..BPP-1 of each, 0..255) stored as 4*BPP bytes at p. */
ALWAYS VECTOR void store_four3(png_bytep p, i16x8 a0, i16x8 a1, i16x8 a2, i16x8 a3) {
    i16x8 lo = __builtin_shufflevector(a0, a1, 0, 1, 2, 8, 9, 10, -1, -1);
    i16x8 hi = __builtin_shufflevector(a2, a3, 0, 1, 2, 8, 9, 10, -1, -1);
    u8x16 bytes = __builtin_convertvector(
        __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, -1, -1, -1, -1),
        u8x16);
    memcpy(p, &bytes, 12);
}

ALWAYS VECTOR void store_four4(png_bytep p, i16x8 a0, i16x8 a1, i16x8 a2, i16x8 a3) {
    u8x16 bytes = __builtin_convertvector(
        __builtin_shufflevector(__builtin_shufflevector(a0, a1, 0, 1, 2, 3, 8, 9, 10, 11),
                                __builtin_shufflevector(a2, a3, 0, 1, 2, 3, 8, 9, 10, 11), 0, 1,
                                2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
        u8x16);
    memcpy(p, &bytes, 16);
}

/* Four pixels from byte i: loaded, decoded in order from the running a and c, stored. */
#define PAETH_FOUR(BPP, i)                                                                       \
    do {                                                                                         \
        i16x8 b0 = pixel_load8(prev + (i)), b1 = pixel_load8(prev + (i) + (BPP));                \
        i16x8 b2 = pixel_load8(prev + (i) + 2 * (BPP));                                          \
        i16x8 b3 = pixel_load8(prev + (i) + 3 * (BPP));                                          \
        i16x8 x0 = pixel_load8(row + (i)), x1 = pixel_load8(row + (i) + (BPP));                  \
        i16x8 x2 = pixel_load8(row + (i) + 2 * (BPP)), x3 = pixel_load8(row + (i) + 3 * (BPP));  \
        i16x8 a0 = paeth_pixel(a, b0, c, x0);                                                    \
        i16x8 a1 = paeth_pixel(a0, b1, b0, x1);                                                  \
        i16x8 a2 = paeth_pixel(a1, b2, b1, x2);                                                  \
        a = paeth_pixel(a2, b3, b2, x3);                                                         \
        c = b3;                                                                                  \
        store_four##BPP(row + (i), a0, a1, a2, a);                                               \
    } while (0)

/* Blocks of four pixels while the fourth pixel's 8-byte loads stay in the row: the four
 * dependent pixel steps in registers, then one store of the 4*BPP decoded bytes; two blocks a
 * loop step. In wasm every loop back-edge carries the deadline check, and Cranelift keeps
 * vectors live across it in stack slots, so a step per pixel would store and reload the
 * running pixel each time (it made the SIMD128 filter no faster than the scalar one); per
 * eight pixels it is an eighth of that. The stored bytes end before the next block's loads
 * begin. The last few pixels go one at a time, through 4-byte loads where 4 bytes remain, else
 * 3-byte ones. */
#define PAETH_ROW(BPP)                                                                           \
    static VECTOR void paeth##BPP(png_row_infop row_info, png_bytep row, png_const_bytep prev) { \
        size_t n = row_info->rowbytes, i = 0;                                                    \
        i16x8 a = {0}, c = {0};                                                                  \
        for (; i + 7 * (BPP) + 8 <= n; i += 8 * (BPP)) {                                         \
            PAETH_FOUR(BPP, i);                                                                  \
            PAETH_FOUR(BPP, i + 4 * (BPP));                                                      \
        }                                                                                        \
        if (i + 3 * (BPP) + 8 <= n) {                                                            \
            PAETH_FOUR(BPP, i);                                                                  \
            i += 4 * (BPP);                                                                      \
        }                                                                                        \
        for (; i + 4 <= n; i += (BPP)) {                                                         \
            i16x8 b = pixel_load(prev + i, 4);                                                   \
            a = paeth_pixel(a, b, c, pixel_load(row + i, 4));                                    \
            pixel_store(row + i, a, (BPP));                                                      \
            c = b;                                                                               \
        }                                                                                        \
        if (i + (BPP) <= n) {                                                                    \
            i16x8 b = pixel_load(prev + i, (BPP));                                               \
            pixel_store(row + i, paeth_pixel(a, b, c, pixel_load(row + i, (BPP))), (BPP));       \
        }                                                                                        \
    }

PAETH_ROW(3)
PAETH_ROW(4)

/* One filter for one pixel size: PIXEL_LOOP(bpp, body) runs `body` once per pixel with
 * x[k] the filtered byte, a[k] the decoded byte to the left, b[k] the one above and c[k] the
 * one above-left (zero for the first pixel, as the PNG specification says). */
#define PIXEL_LOOP(BPP, BODY)                                                                    \
    size_t n = row_info->rowbytes;                                                               \
    unsigned a[BPP] = {0}, c[BPP] = {0};                                                         \
    for (size_t i = 0; i + BPP <= n; i += BPP) {                                                 \
        for (int k = 0; k < BPP; k++) {                                                          \
            unsigned b = prev[i + k], x = row[i + k];                                            \
            a[k] = (BODY)&0xffu;                                                                 \
            row[i + k] = (png_byte)a[k];                                                         \
            c[k] = b;                                                                            \
        }                                                                                        \
    }                                                                                            \
    (void)c;

#define FILTERS(BPP)                                                                             \
    static void sub##BPP(png_row_infop row_info, png_bytep row, png_const_bytep prev) {          \
        (void)prev;                                                                              \
        size_t n = row_info->rowbytes;                                                           \
        unsigned a[BPP] = {0};                                                                   \
        for (size_t i = 0; i + BPP <= n; i += BPP)                                               \
            for (int k = 0; k < BPP; k++)                                                        \
                row[i + k] = (png_byte)(a[k] = (row[i + k] + a[k]) & 0xffu);                     \
    }                                                                                            \
    static void avg##BPP(png_row_infop row_info, png_bytep row, png_const_bytep prev) {          \
        PIXEL_LOOP(BPP, x + ((a[k] + b) >> 1))                                                   \
    }                                                                                            \

FILTERS(3)
FILTERS(4)

/* libpng calls this once per image (pngrutil.c, png_init_filter_functions) after installing
 * its generic filters; rows are always whole pixels, so rowbytes is a multiple of bpp. */
void cordon_png_init_filters(png_structp png, unsigned int bpp) {
    png->read_filter[PNG_FILTER_VALUE_UP - 1] = up;
    if (bpp == 3) {
        png->read_filter[PNG_FILTER_VALUE_SUB - 1] = sub3;
        png->read_filter[PNG_FILTER_VALUE_AVG - 1] = avg3;
        png->read_filter[PNG_FILTER_VALUE_PAETH - 1] = paeth3;
    } else if (bpp == 4) {
        png->read_filter[PNG_FILTER_VALUE_SUB - 1] = sub4;
        png->read_filter[PNG_FILTER_VALUE_AVG - 1] = avg4;
        png->read_filter[PNG_FILTER_VALUE_PAETH - 1] = paeth4;
    }
}
