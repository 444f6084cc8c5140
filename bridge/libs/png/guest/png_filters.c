/*
 * png_filters.c: whole-pixel row filters, installed through libpng's own hook for
 * hardware-specific filters (PNG_FILTER_OPTIMIZATIONS, the way its SSE2 and NEON filters are;
 * no change to libpng). Compiled into both builds, sandboxed and native, so they decode
 * through the same code.
 *
 * libpng's generic filters walk a row one byte at a time and reload the byte `bpp` back from
 * memory. These walk one pixel at a time and keep the previous pixel in locals: in wasm every
 * loop back-edge also carries the deadline check, so a pixel per iteration means a third or a
 * quarter of the checks, and fewer loads. Up works on 8 bytes at a time (SWAR). The arithmetic
 * is libpng's, so the output is byte for byte the same (the conformance suite checks it).
 */
#include <stdint.h>
#include <string.h>

#include "pngpriv.h"

/* libpng's Paeth predictor choice, with its tie order (a, then b, then c). */
static inline unsigned paeth(unsigned a, unsigned b, unsigned c) {
    int p = (int)b - (int)c, q = (int)a - (int)c;
    int pa = p < 0 ? -p : p;
    int pb = q < 0 ? -q : q;
    int pc = p + q < 0 ? -(p + q) : p + q;
    if (pb < pa) {
        pa = pb;
        a = b;
    }
    return pc < pa ? c : a;
}

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
    static void paeth##BPP(png_row_infop row_info, png_bytep row, png_const_bytep prev) {        \
        PIXEL_LOOP(BPP, x + paeth(a[k], b, c[k]))                                                \
    }

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
