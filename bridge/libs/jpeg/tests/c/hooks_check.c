/*
 * hooks_check.c: the bridge's vector colour conversion and fancy upsampling
 * (guest/jsimd_vector.c) on rows allocated to their exact length, against libjpeg-turbo's
 * scalar definitions (jdcolext.c's ycc_rgb_convert with jdcolor.c's tables, jdsample.c's
 * h2v1/h2v2_fancy_upsample), written out again here. The native backend runs these hooks
 * unsandboxed, so tests/hooks_asan.rs builds this file with AddressSanitizer and UBSan: an
 * access one byte past a row is a reported error. (The decode tests cannot see one: libjpeg
 * pads its sample rows, and in the sandbox a stray access stays in the library's memory.)
 *
 * Colour conversion: every RGB layout the hook serves, 1 to 80 pixels, two rows a call.
 * Upsampling: 3 to 80 input samples (libjpeg-turbo selects fancy upsampling only for rows of
 * more than 2), the rows above and below for h2v2. Each with all 0x00, all 0xff and random
 * samples. Exit status 0 and a count on stdout when every row matched.
 */
#include "jsimd_vector.h"

#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x2545f4914f6cdd1dull;

static JSAMPLE next_sample(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (JSAMPLE)(state >> 32);
}

static JSAMPLE *row_of(size_t n, int pattern) {
    JSAMPLE *row = malloc(n); /* exactly n: AddressSanitizer reports any access beyond */
    if (row == NULL)
        exit(2);
    for (size_t i = 0; i < n; i++)
        row[i] = pattern == 0 ? 0 : pattern == 1 ? MAXJSAMPLE : next_sample();
    return row;
}

static unsigned long checked, failures;

static void verdict(const char *what, long size, int pattern, const JSAMPLE *got,
                    const JSAMPLE *want, size_t n) {
    checked++;
    if (memcmp(got, want, n) != 0 && failures++ < 10)
        fprintf(stderr, "%s, size %ld, pattern %d: wrong\n", what, size, pattern);
}

/* ---- colour conversion ---- */

#define SCALEBITS 16
#define ONE_HALF ((JLONG)1 << (SCALEBITS - 1))
#define YCC_FIX(x) ((JLONG)((x) * (1L << SCALEBITS) + 0.5))

static int clamp(int v) { return v < 0 ? 0 : v > MAXJSAMPLE ? MAXJSAMPLE : v; }

/* jdcolor.c's build_ycc_rgb_table entries for one pixel, then jdcolext.c's sums. */
static void ycc_reference(int y, int cb, int cr, JSAMPLE *out, J_COLOR_SPACE space) {
    int x_cb = cb - CENTERJSAMPLE, x_cr = cr - CENTERJSAMPLE;
    int cr_r = (int)((YCC_FIX(1.40200) * x_cr + ONE_HALF) >> SCALEBITS);
    int cb_b = (int)((YCC_FIX(1.77200) * x_cb + ONE_HALF) >> SCALEBITS);
    JLONG cr_g = -YCC_FIX(0.71414) * x_cr, cb_g = -YCC_FIX(0.34414) * x_cb + ONE_HALF;
    out[rgb_red[space]] = (JSAMPLE)clamp(y + cr_r);
    out[rgb_green[space]] = (JSAMPLE)clamp(y + (int)((cb_g + cr_g) >> SCALEBITS));
    out[rgb_blue[space]] = (JSAMPLE)clamp(y + cb_b);
    if (rgb_pixelsize[space] == 4) /* the X or A byte: opaque */
        out[6 - rgb_red[space] - rgb_green[space] - rgb_blue[space]] = MAXJSAMPLE;
}

static void check_colour(void) {
    static const J_COLOR_SPACE spaces[] = {JCS_RGB,      JCS_EXT_RGB,  JCS_EXT_RGBX,
                                           JCS_EXT_BGR,  JCS_EXT_BGRX, JCS_EXT_XBGR,
                                           JCS_EXT_XRGB, JCS_EXT_RGBA, JCS_EXT_BGRA,
                                           JCS_EXT_ABGR, JCS_EXT_ARGB};
    for (size_t s = 0; s < sizeof spaces / sizeof spaces[0]; s++) {
        for (JDIMENSION width = 1; width <= 80; width++) {
            for (int pattern = 0; pattern < 3; pattern++) {
                struct jpeg_decompress_struct cinfo;
                memset(&cinfo, 0, sizeof cinfo);
                cinfo.out_color_space = spaces[s];
                cinfo.output_width = width;
                size_t size = (size_t)rgb_pixelsize[spaces[s]], n = size * width;
                JSAMPROW planes[3][2], out[2];
                for (int c = 0; c < 3; c++)
                    for (int r = 0; r < 2; r++)
                        planes[c][r] = row_of(width, pattern);
                for (int r = 0; r < 2; r++)
                    out[r] = row_of(n, 0);
                JSAMPARRAY input[3] = {planes[0], planes[1], planes[2]};
                jsimd_ycc_rgb_convert(&cinfo, input, 0, out, 2);
                JSAMPLE *want = row_of(n, 0);
                for (int r = 0; r < 2; r++) {
                    for (JDIMENSION x = 0; x < width; x++)
                        ycc_reference(planes[0][r][x], planes[1][r][x], planes[2][r][x],
                                      want + size * x, spaces[s]);
                    verdict("ycc_rgb_convert", (long)width, pattern, out[r], want, n);
                }
                free(want);
                for (int r = 0; r < 2; r++) {
                    free(out[r]);
                    for (int c = 0; c < 3; c++)
                        free(planes[c][r]);
                }
            }
        }
    }
}

/* ---- fancy upsampling ---- */

/* jdsample.c's h2v1_fancy_upsample for one row of w > 2 samples. */
static void h2v1_reference(const JSAMPLE *in, JDIMENSION w, JSAMPLE *out) {
    out[0] = in[0];
    out[1] = (JSAMPLE)((in[0] * 3 + in[1] + 2) >> 2);
    for (JDIMENSION c = 1; c + 1 < w; c++) {
        int here = in[c] * 3;
        out[2 * c] = (JSAMPLE)((here + in[c - 1] + 1) >> 2);
        out[2 * c + 1] = (JSAMPLE)((here + in[c + 1] + 2) >> 2);
    }
    out[2 * w - 2] = (JSAMPLE)((in[w - 1] * 3 + in[w - 2] + 1) >> 2);
    out[2 * w - 1] = in[w - 1];
}

/* jdsample.c's h2v2_fancy_upsample for one output row from its nearer and further inputs. */
static void h2v2_reference(const JSAMPLE *near, const JSAMPLE *far, JDIMENSION w,
                           JSAMPLE *out) {
    int sums[81];
    for (JDIMENSION c = 0; c < w; c++)
        sums[c] = near[c] * 3 + far[c];
    out[0] = (JSAMPLE)((sums[0] * 4 + 8) >> 4);
    out[1] = (JSAMPLE)((sums[0] * 3 + sums[1] + 7) >> 4);
    for (JDIMENSION c = 1; c + 1 < w; c++) {
        out[2 * c] = (JSAMPLE)((sums[c] * 3 + sums[c - 1] + 8) >> 4);
        out[2 * c + 1] = (JSAMPLE)((sums[c] * 3 + sums[c + 1] + 7) >> 4);
    }
    out[2 * w - 2] = (JSAMPLE)((sums[w - 1] * 3 + sums[w - 2] + 8) >> 4);
    out[2 * w - 1] = (JSAMPLE)((sums[w - 1] * 4 + 7) >> 4);
}

static void check_upsampling(void) {
    for (JDIMENSION w = 3; w <= 80; w++) {
        for (int pattern = 0; pattern < 3; pattern++) {
            struct jpeg_decompress_struct cinfo;
            jpeg_component_info component;
            memset(&cinfo, 0, sizeof cinfo);
            memset(&component, 0, sizeof component);
            component.downsampled_width = w;
            JSAMPLE *want = row_of(2 * (size_t)w, 0);

            cinfo.max_v_samp_factor = 1;
            JSAMPROW in = row_of(w, pattern), out = row_of(2 * (size_t)w, 0);
            JSAMPARRAY output = &out;
            jsimd_h2v1_fancy_upsample(&cinfo, &component, &in, &output);
            h2v1_reference(in, w, want);
            verdict("h2v1_fancy_upsample", (long)w, pattern, out, want, 2 * (size_t)w);
            free(in);
            free(out);

            /* h2v2: one input row with its neighbours (libjpeg's context rows), two out. */
            cinfo.max_v_samp_factor = 2;
            JSAMPROW rows[3] = {row_of(w, pattern), row_of(w, pattern), row_of(w, pattern)};
            JSAMPROW outs[2] = {row_of(2 * (size_t)w, 0), row_of(2 * (size_t)w, 0)};
            output = outs;
            jsimd_h2v2_fancy_upsample(&cinfo, &component, rows + 1, &output);
            h2v2_reference(rows[1], rows[0], w, want);
            verdict("h2v2_fancy_upsample (upper)", (long)w, pattern, outs[0], want, 2 * (size_t)w);
            h2v2_reference(rows[1], rows[2], w, want);
            verdict("h2v2_fancy_upsample (lower)", (long)w, pattern, outs[1], want, 2 * (size_t)w);
            for (int r = 0; r < 3; r++)
                free(rows[r]);
            free(outs[0]);
            free(outs[1]);
            free(want);
        }
    }
}

int main(void) {
    check_colour();
    check_upsampling();
    printf("%lu rows checked, %lu wrong\n", checked, failures);
    return failures == 0 && checked > 0 ? 0 : 1;
}
