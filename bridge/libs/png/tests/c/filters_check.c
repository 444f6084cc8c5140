/*
 * filters_check.c: the row filters Cordon installs in libpng (guest/png_filters.c) on rows
 * allocated to their exact length, against the PNG specification's byte-at-a-time definitions.
 * The native backend runs these filters unsandboxed, so tests/filters_asan.rs builds this file
 * with AddressSanitizer and UBSan: a load or store one byte past a row (the vector Paeth reads
 * 8 bytes per pixel) is a reported error, not a silent read of libpng's row padding.
 *
 * Every filter libpng would call for 1 to 8 bytes per pixel (cordon_png_init_filters replaces
 * Up for all of them, Sub, Avg and Paeth for 3 and 4), rows of 1 to 80 pixels, each with rows
 * of all 0x00, all 0xff (the largest sums and differences) and random bytes. Exit status 0 and
 * a count on stdout when every row matched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pngpriv.h"

void cordon_png_init_filters(png_structp png, unsigned int bpp);

static uint64_t state = 0x9e3779b97f4a7c15ull;

static unsigned char next_byte(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned char)(state >> 32);
}

static unsigned paeth_predictor(unsigned a, unsigned b, unsigned c) {
    int p = (int)a + (int)b - (int)c;
    int pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

/* The specification's reconstruction of one row, in place. */
static void reference(int filter, size_t bpp, size_t n, unsigned char *row,
                      const unsigned char *prev) {
    for (size_t i = 0; i < n; i++) {
        unsigned a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
        unsigned predictor = 0;
        switch (filter) {
        case PNG_FILTER_VALUE_SUB: predictor = a; break;
        case PNG_FILTER_VALUE_UP: predictor = b; break;
        case PNG_FILTER_VALUE_AVG: predictor = (a + b) / 2; break;
        case PNG_FILTER_VALUE_PAETH: predictor = paeth_predictor(a, b, c); break;
        }
        row[i] = (unsigned char)(row[i] + predictor);
    }
}

static void fill(unsigned char *bytes, size_t n, int pattern) {
    for (size_t i = 0; i < n; i++)
        bytes[i] = pattern == 0 ? 0x00 : pattern == 1 ? 0xff : next_byte();
}

int main(void) {
    static const char *names[] = {"sub", "up", "avg", "paeth"};
    unsigned long checked = 0, failures = 0;
    for (unsigned bpp = 1; bpp <= 8; bpp++) {
        png_struct png;
        memset(&png, 0, sizeof png);
        cordon_png_init_filters(&png, bpp);
        for (int filter = PNG_FILTER_VALUE_SUB; filter <= PNG_FILTER_VALUE_PAETH; filter++) {
            void (*replaced)(png_row_infop, png_bytep, png_const_bytep) =
                png.read_filter[filter - 1];
            if (replaced == NULL)
                continue; /* libpng's own filter stays in place for this pixel size */
            for (size_t pixels = 1; pixels <= 80; pixels++) {
                for (int pattern = 0; pattern < 4; pattern++) {
                    size_t n = pixels * bpp;
                    /* Exactly n bytes each: AddressSanitizer reports any access beyond. */
                    unsigned char *row = malloc(n), *prev = malloc(n), *expected = malloc(n);
                    if (row == NULL || prev == NULL || expected == NULL)
                        return 2;
                    fill(row, n, pattern);
                    fill(prev, n, pattern == 3 ? 2 : pattern);
                    memcpy(expected, row, n);
                    reference(filter, bpp, n, expected, prev);
                    png_row_info info;
                    memset(&info, 0, sizeof info);
                    info.width = (png_uint_32)pixels;
                    info.rowbytes = n;
                    info.color_type = bpp == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA;
                    info.bit_depth = 8;
                    info.channels = (png_byte)bpp;
                    info.pixel_depth = (png_byte)(8 * bpp);
                    replaced(&info, row, prev);
                    checked++;
                    if (memcmp(row, expected, n) != 0) {
                        if (failures++ < 10)
                            fprintf(stderr, "%s, %u bytes a pixel, %zu pixels, pattern %d: wrong\n",
                                    names[filter - 1], bpp, pixels, pattern);
                    }
                    free(row);
                    free(prev);
                    free(expected);
                }
            }
        }
    }
    printf("%lu rows checked, %lu wrong\n", checked, failures);
    return failures == 0 && checked > 0 ? 0 : 1;
}
