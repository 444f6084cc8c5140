/*
 * idct_check.c: the bridge's vector IDCT (guest/jsimd_idct.c) against libjpeg-turbo's scalar
 * jpeg_idct_islow, block by block.
 *
 * Three kinds of block, a third each:
 * - valid: 8-bit pixels (noise, checkerboards, stripes and random 0/255, the largest
 *   coefficients 8-bit samples can give) through jpeg_fdct_islow, quantised by 1..3 (quality
 *   100 and just below). The vector IDCT must equal the scalar one on every block and never
 *   need its 32-bit path.
 * - edge: a quantiser of 1-4 for the whole block and one to four coefficients whose products
 *   reach +-8191, around the largest values the 16-bit path takes: it must equal the scalar
 *   routine on every block, whichever path the block took (about half take each).
 * - arbitrary: coefficients and quantisers anywhere in 16 bits (what a hostile file can hold).
 *   Practically all take the 32-bit path (`idct_islow_wide`), so comparing with it checks
 *   only that the dispatch is consistent; where its 32-bit sums overflow, the native scalar
 *   routine's 64-bit ones differ (the count is printed, not checked).
 *
 *   J=../../../../..; clang-22 -O2 -march=x86-64-v2 -I ../../config -I $J/third_party/libjpeg-turbo/src \
 *     -I ../../guest idct_check.c $J/third_party/libjpeg-turbo/src/jidctint.c \
 *     $J/third_party/libjpeg-turbo/src/jfdctint.c -o idct_check && ./idct_check 3000000
 *
 * (add -U__SSE2__ to check the plain-C fallbacks of the dot product and narrowings).
 * tests/hooks_asan.rs runs it on 300,000 blocks under AddressSanitizer and UBSan.
 */
static long fallbacks;
#define IDCT_ON_FALLBACK() (fallbacks++)
#include "jsimd_idct.c"

#include <stdio.h>
#include <stdlib.h>

void jpeg_fdct_islow(DCTELEM *data);
void jpeg_idct_islow(j_decompress_ptr cinfo, jpeg_component_info *compptr, JCOEFPTR coef_block,
                     JSAMPARRAY output_buf, JDIMENSION output_col);

static uint64_t state = 88172645463325252ull;
static uint32_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)state;
}
static int between(int lo, int hi) { return lo + (int)(next() % (uint32_t)(hi - lo + 1)); }

/* jdmaster.c's prepare_range_limit_table for 8-bit samples. */
static void range_limit_table(JSAMPLE *mem, j_decompress_ptr cinfo) {
    JSAMPLE *table = mem + 256;
    memset(mem, 0, 256);
    cinfo->sample_range_limit = table;
    for (int i = 0; i < 256; i++)
        table[i] = (JSAMPLE)i;
    table += 128;
    for (int i = 128; i < 512; i++)
        table[i] = 255;
    memset(table + 512, 0, 384);
    memcpy(table + 1024 - 128, cinfo->sample_range_limit, 128);
}

static void valid_block(JCOEF coef[64], ISLOW_MULT_TYPE quant[64]) {
    DCTELEM data[64];
    int kind = between(0, 3), q = between(1, 3), edge = between(0, 8);
    for (int i = 0; i < 64; i++) {
        int pixel = kind == 0 ? between(0, 255)
                    : kind == 1 ? ((i ^ (i >> 3)) & 1) * 255
                    : kind == 2 ? between(0, 1) * 255
                                : ((i & 7) < edge ? 0 : 255);
        data[i] = (DCTELEM)(pixel - CENTERJSAMPLE);
    }
    jpeg_fdct_islow(data); /* 8 times the coefficients, as jcdctmgr.c divides them */
    for (int i = 0; i < 64; i++) {
        int v = data[i], divisor = 8 * q;
        quant[i] = (ISLOW_MULT_TYPE)q;
        coef[i] = (JCOEF)(v >= 0 ? (v + divisor / 2) / divisor : -((-v + divisor / 2) / divisor));
    }
}

static void edge_block(JCOEF coef[64], ISLOW_MULT_TYPE quant[64]) {
    int q = between(1, 4);
    for (int i = 0; i < 64; i++) {
        quant[i] = (ISLOW_MULT_TYPE)q;
        coef[i] = 0;
    }
    for (int k = between(1, 4); k > 0; k--)
        coef[between(0, 63)] = (JCOEF)between(-8191 / q, 8191 / q);
}

static void arbitrary_block(JCOEF coef[64], ISLOW_MULT_TYPE quant[64]) {
    int wide_quant = between(0, 1);
    for (int i = 0; i < 64; i++) {
        quant[i] = (ISLOW_MULT_TYPE)(wide_quant ? between(-32768, 32767) : between(1, 255));
        coef[i] = (JCOEF)(between(-32768, 32767) >> between(0, 15));
    }
}

int main(int argc, char **argv) {
    long blocks = argc > 1 ? atol(argv[1]) : 1000000;
    static JSAMPLE table[5 * 256 + 128];
    struct jpeg_decompress_struct cinfo;
    memset(&cinfo, 0, sizeof cinfo);
    range_limit_table(table, &cinfo);
    ISLOW_MULT_TYPE quant[64];
    jpeg_component_info component;
    memset(&component, 0, sizeof component);
    component.dct_table = quant;
    JCOEF coef[64];
    JSAMPLE scalar[8][16], vector[8][16], wide[8][16];
    JSAMPROW scalar_rows[8], vector_rows[8], wide_rows[8];
    for (int y = 0; y < 8; y++) {
        scalar_rows[y] = scalar[y];
        vector_rows[y] = vector[y];
        wide_rows[y] = wide[y];
    }
    long valid_differ = 0, valid_fallbacks = 0, wide_differ = 0, scalar_differ = 0;
    long edge_differ = 0, edge_fallbacks = 0;
    for (long n = 0; n < blocks; n++) {
        int kind = (int)(n % 3);
        if (kind == 0)
            valid_block(coef, quant);
        else if (kind == 1)
            edge_block(coef, quant);
        else
            arbitrary_block(coef, quant);
        JDIMENSION col = (JDIMENSION)between(0, 8);
        long before = fallbacks;
        jpeg_idct_islow(&cinfo, &component, coef, scalar_rows, col);
        jsimd_idct_islow(&cinfo, &component, coef, vector_rows, col);
        idct_islow_wide(&component, coef, wide_rows, col);
        int differs_scalar = 0, differs_wide = 0;
        for (int y = 0; y < 8; y++) {
            differs_scalar |= memcmp(scalar[y] + col, vector[y] + col, 8) != 0;
            differs_wide |= memcmp(wide[y] + col, vector[y] + col, 8) != 0;
        }
        wide_differ += differs_wide;
        if (kind == 0) {
            valid_differ += differs_scalar;
            valid_fallbacks += fallbacks != before;
        } else if (kind == 1) {
            edge_differ += differs_scalar;
            edge_fallbacks += fallbacks != before;
        } else {
            scalar_differ += differs_scalar;
        }
    }
    long per_kind = blocks / 3;
    printf("valid blocks %ld: differ from jpeg_idct_islow %ld, took the 32-bit path %ld\n",
           per_kind, valid_differ, valid_fallbacks);
    printf("edge blocks %ld: differ from jpeg_idct_islow %ld, took the 32-bit path %ld\n",
           per_kind, edge_differ, edge_fallbacks);
    printf("arbitrary blocks %ld: took the 32-bit path %ld, differ from the scalar's 64-bit "
           "sums %ld\n", per_kind, fallbacks - valid_fallbacks - edge_fallbacks, scalar_differ);
    printf("all blocks: differ from the 32-bit path %ld\n", wide_differ);
    return valid_differ != 0 || valid_fallbacks != 0 || edge_differ != 0 || wide_differ != 0;
}
