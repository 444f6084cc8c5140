/*
 * jsimd_vector.c: libjpeg-turbo's SIMD hook table (jsimd.h, jsimddct.h), filled with portable
 * C written in the compiler's vector extensions (clang's and GCC's `vector_size`), compiled
 * into both builds: clang lowers it to wasm SIMD128 in the sandbox and to SSE4.1 natively
 * (both target x86-64-v2), so the two still run the same C; three operations that both
 * instruction sets have as one instruction (a 16-bit dot product and two saturating
 * narrowings) are named per target, with a plain-C equivalent for any other. libjpeg-turbo
 * asks `jsimd_can_*` once per decode and falls back to its own C for every hook answered 0;
 * nothing in `third_party/` is edited (the
 * config header turns WITH_SIMD on, as upstream's CMake does when it builds its SIMD code).
 *
 * Implemented (the functions that are most of a sandboxed decode's time):
 * - jsimd_idct_islow: jidctint.c's jpeg_idct_islow, in jsimd_idct.c.
 * - jsimd_ycc_rgb_convert: jdcolext.c's ycc_rgb_convert for every RGB layout, computing the
 *   products its tables hold: RGBA 16 pixels at a time in 16-bit lanes, other layouts 8 at a
 *   time in 32-bit lanes.
 * - jsimd_h2v1/h2v2_fancy_upsample: jdsample.c's fancy upsampling of 4:2:2 and 4:2:0 chroma,
 *   8 input samples (16 output) at a time in 16-bit lanes, the same sums and rounding.
 * Everything else answers 0.
 */
#include "jsimd_vector.h"

/* ---- YCbCr -> RGB (jdcolext.c) --------------------------------------------------------- */

#define SCALEBITS 16
#define ONE_HALF ((JLONG)1 << (SCALEBITS - 1))
#define FIX16(x) ((JLONG)((x) * (1L << SCALEBITS) + 0.5))

GLOBAL(int)
jsimd_can_ycc_rgb(void) { return 1; }

/* One pixel, exactly as ycc_rgb_convert with its tables computed in place. */
ALWAYS void ycc_pixel(int y, int cb, int cr, JSAMPLE *out, int r, int g, int b) {
    int32_t x_cb = cb - CENTERJSAMPLE, x_cr = cr - CENTERJSAMPLE;
    int red = y + (int)((FIX16(1.40200) * x_cr + ONE_HALF) >> SCALEBITS);
    int green = y + (int)(((-FIX16(0.34414)) * x_cb + ONE_HALF + (-FIX16(0.71414)) * x_cr) >> SCALEBITS);
    int blue = y + (int)((FIX16(1.77200) * x_cb + ONE_HALF) >> SCALEBITS);
    out[r] = (JSAMPLE)(red < 0 ? 0 : red > MAXJSAMPLE ? MAXJSAMPLE : red);
    out[g] = (JSAMPLE)(green < 0 ? 0 : green > MAXJSAMPLE ? MAXJSAMPLE : green);
    out[b] = (JSAMPLE)(blue < 0 ? 0 : blue > MAXJSAMPLE ? MAXJSAMPLE : blue);
}

/* Eight samples of a row widened to 32-bit lanes. */
ALWAYS i32x8 load8(const JSAMPLE *in) {
    u8x8 bytes;
    memcpy(&bytes, in, sizeof bytes);
    return __builtin_convertvector(bytes, i32x8);
}

/* One output row of 4-byte pixels: 8 at a time, then the rest one by one. With constant
 * byte positions (the RGBA/RGBX layout the bridge asks for) the shifts fold away. */
ALWAYS void ycc_row4(const JSAMPLE *in_y, const JSAMPLE *in_cb, const JSAMPLE *in_cr,
                     JSAMPLE *out, JDIMENSION width, int r, int g, int b, int fourth) {
    const i32x8 center = SPLAT(CENTERJSAMPLE), half = SPLAT(ONE_HALF);
    const u32x8 opaque = SPLAT(255u << (8 * fourth));
    JDIMENSION col = 0;
    for (; col + 8 <= width; col += 8) {
        i32x8 y = load8(in_y + col);
        i32x8 x_cb = load8(in_cb + col) - center, x_cr = load8(in_cr + col) - center;
        i32x8 red = clamp_sample(y + ((x_cr * (int32_t)FIX16(1.40200) + half) >> SCALEBITS));
        i32x8 green = clamp_sample(y + ((x_cb * (int32_t)-FIX16(0.34414) + half +
                                         x_cr * (int32_t)-FIX16(0.71414)) >> SCALEBITS));
        i32x8 blue = clamp_sample(y + ((x_cb * (int32_t)FIX16(1.77200) + half) >> SCALEBITS));
        /* one 32-bit word a pixel, little-endian on both targets */
        u32x8 pixels = ((u32x8)red << (8 * r)) | ((u32x8)green << (8 * g)) |
                       ((u32x8)blue << (8 * b)) | opaque;
        memcpy(out + 4 * (size_t)col, &pixels, sizeof pixels);
    }
    for (; col < width; col++) {
        ycc_pixel(in_y[col], in_cb[col], in_cr[col], out + 4 * (size_t)col, r, g, b);
        out[4 * (size_t)col + fourth] = MAXJSAMPLE;
    }
}

/* (c * x + 32768) >> 16 for c = FIX16(m) split as k * 65536 + f, |f| < 32768: the k * x part
 * is whole, so the result is k * x plus the dot product of (x, 2) with (f, 16384), shifted.
 * Exactly the scalar's value (two's complement shifts floor both ways). */
#define SPLIT_WHOLE(c) (((c) + 32768) >> 16)
#define SPLIT_FRACTION(c) ((c) - SPLIT_WHOLE(c) * 65536)
_Static_assert(SPLIT_WHOLE(FIX16(1.40200)) == 1 && SPLIT_FRACTION(FIX16(1.40200)) == 26345,
               "Cr -> R split");
_Static_assert(SPLIT_WHOLE(FIX16(1.77200)) == 2 && SPLIT_FRACTION(FIX16(1.77200)) == -14942,
               "Cb -> B split");
_Static_assert(SPLIT_WHOLE(FIX16(0.71414)) == 1 && SPLIT_FRACTION(FIX16(0.71414)) == -18734,
               "Cr -> G split");

/* Eight samples widened to 16-bit lanes. */
ALWAYS i16x8 load8w(const JSAMPLE *in) {
    u8x8 bytes;
    memcpy(&bytes, in, sizeof bytes);
    return __builtin_convertvector(bytes, i16x8);
}

/* Sixteen RGBA pixels of ycc_rgb_convert: 16-bit lanes, the products through dot products of
 * 16-bit pairs, the clamp as the saturating narrowing to bytes, alpha 255. */
VECTOR ALWAYS void ycc_rgba16(const JSAMPLE *in_y, const JSAMPLE *in_cb, const JSAMPLE *in_cr,
                       JSAMPLE *out) {
    const i16x8 center = SPLAT(CENTERJSAMPLE), two = SPLAT(2);
    const i16x8 red_k = {26345, 16384, 26345, 16384, 26345, 16384, 26345, 16384};
    const i16x8 blue_k = {-14942, 16384, -14942, 16384, -14942, 16384, -14942, 16384};
    const i16x8 green_k = {-22554, 18734, -22554, 18734, -22554, 18734, -22554, 18734};
    const i32x4 half = SPLAT4(ONE_HALF);
    i16x8 channel[3][2];
    UNROLLED
    for (int h = 0; h < 2; h++) { /* pixels 8h..8h+7 */
        i16x8 y = load8w(in_y + 8 * h), cb = load8w(in_cb + 8 * h), cr = load8w(in_cr + 8 * h);
        cb -= center;
        cr -= center;
        i16x8 cr2_lo = __builtin_shufflevector(cr, two, 0, 8, 1, 9, 2, 10, 3, 11);
        i16x8 cr2_hi = __builtin_shufflevector(cr, two, 4, 12, 5, 13, 6, 14, 7, 15);
        i16x8 cb2_lo = __builtin_shufflevector(cb, two, 0, 8, 1, 9, 2, 10, 3, 11);
        i16x8 cb2_hi = __builtin_shufflevector(cb, two, 4, 12, 5, 13, 6, 14, 7, 15);
        i16x8 cbcr_lo = __builtin_shufflevector(cb, cr, 0, 8, 1, 9, 2, 10, 3, 11);
        i16x8 cbcr_hi = __builtin_shufflevector(cb, cr, 4, 12, 5, 13, 6, 14, 7, 15);
        i16x8 red = NARROW32(DOT16(cr2_lo, red_k) >> 16, DOT16(cr2_hi, red_k) >> 16);
        i16x8 blue = NARROW32(DOT16(cb2_lo, blue_k) >> 16, DOT16(cb2_hi, blue_k) >> 16);
        i16x8 green = NARROW32((DOT16(cbcr_lo, green_k) + half) >> 16,
                               (DOT16(cbcr_hi, green_k) + half) >> 16);
        channel[0][h] = y + cr + red;
        channel[1][h] = y - cr + green;
        channel[2][h] = y + cb + cb + blue;
    }
    u8x16 r = NARROW16U(channel[0][0], channel[0][1]);
    u8x16 g = NARROW16U(channel[1][0], channel[1][1]);
    u8x16 b = NARROW16U(channel[2][0], channel[2][1]);
    const u8x16 a = SPLAT16(MAXJSAMPLE);
    u8x16 rg_lo = __builtin_shufflevector(r, g, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    u8x16 rg_hi = __builtin_shufflevector(r, g, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    u8x16 ba_lo = __builtin_shufflevector(b, a, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    u8x16 ba_hi = __builtin_shufflevector(b, a, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    i16x8 pixels[4] = {
        __builtin_shufflevector((i16x8)rg_lo, (i16x8)ba_lo, 0, 8, 1, 9, 2, 10, 3, 11),
        __builtin_shufflevector((i16x8)rg_lo, (i16x8)ba_lo, 4, 12, 5, 13, 6, 14, 7, 15),
        __builtin_shufflevector((i16x8)rg_hi, (i16x8)ba_hi, 0, 8, 1, 9, 2, 10, 3, 11),
        __builtin_shufflevector((i16x8)rg_hi, (i16x8)ba_hi, 4, 12, 5, 13, 6, 14, 7, 15),
    };
    memcpy(out, pixels, sizeof pixels);
}

VECTOR GLOBAL(void)
jsimd_ycc_rgb_convert(j_decompress_ptr cinfo, JSAMPIMAGE input_buf, JDIMENSION input_row,
                      JSAMPARRAY output_buf, int num_rows) {
    const int r = rgb_red[cinfo->out_color_space], g = rgb_green[cinfo->out_color_space],
              b = rgb_blue[cinfo->out_color_space], size = rgb_pixelsize[cinfo->out_color_space];
    const JDIMENSION width = cinfo->output_width;
    for (; num_rows > 0; num_rows--, input_row++) {
        const JSAMPLE *in_y = input_buf[0][input_row], *in_cb = input_buf[1][input_row];
        const JSAMPLE *in_cr = input_buf[2][input_row];
        JSAMPLE *out = *output_buf++;
        if (size == 4 && r == 0 && g == 1 && b == 2) {
            JDIMENSION col = 0;
            for (; col + 16 <= width; col += 16)
                ycc_rgba16(in_y + col, in_cb + col, in_cr + col, out + 4 * (size_t)col);
            ycc_row4(in_y + col, in_cb + col, in_cr + col, out + 4 * (size_t)col, width - col,
                     0, 1, 2, 3);
        }
        else if (size == 4) /* the X or A byte is the one the colours leave: set to 255 */
            ycc_row4(in_y, in_cb, in_cr, out, width, r, g, b, 6 - r - g - b);
        else
            for (JDIMENSION col = 0; col < width; col++)
                ycc_pixel(in_y[col], in_cb[col], in_cr[col], out + (size_t)size * col, r, g, b);
    }
}

/* ---- Fancy upsampling (jdsample.c): 4:2:2 and 4:2:0 chroma ---------------------------- */

/* Sixteen output samples: the even and odd results interleaved (each already 0..255). */
ALWAYS void store_pairs(JSAMPLE *out, i16x8 even, i16x8 odd) {
    i16x16 both =
        __builtin_shufflevector(even, odd, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
    u8x16 bytes = __builtin_convertvector(both, u8x16);
    memcpy(out, &bytes, sizeof bytes);
}

GLOBAL(int) jsimd_can_h2v1_fancy_upsample(void) { return 1; }
GLOBAL(int) jsimd_can_h2v2_fancy_upsample(void) { return 1; }

/* h2v1_fancy_upsample: each output pair 3/4 the nearer input sample + 1/4 the further one.
 * libjpeg-turbo selects it only for rows of more than 2 samples. */
VECTOR GLOBAL(void)
jsimd_h2v1_fancy_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                          JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr) {
    const JDIMENSION w = compptr->downsampled_width;
    const i16x8 one = SPLAT(1), two = SPLAT(2), three = SPLAT(3);
    for (int row = 0; row < cinfo->max_v_samp_factor; row++) {
        const JSAMPLE *in = input_data[row];
        JSAMPLE *out = (*output_data_ptr)[row];
        out[0] = in[0];
        out[1] = (JSAMPLE)((in[0] * 3 + in[1] + 2) >> 2);
        JDIMENSION c = 1;
        for (; c + 9 <= w; c += 8) { /* columns c..c+7, reading c-1..c+8 */
            i16x8 here = load8w(in + c) * three;
            store_pairs(out + 2 * (size_t)c, (here + load8w(in + c - 1) + one) >> 2,
                        (here + load8w(in + c + 1) + two) >> 2);
        }
        for (; c < w - 1; c++) {
            int here = in[c] * 3;
            out[2 * (size_t)c] = (JSAMPLE)((here + in[c - 1] + 1) >> 2);
            out[2 * (size_t)c + 1] = (JSAMPLE)((here + in[c + 1] + 2) >> 2);
        }
        out[2 * (size_t)c] = (JSAMPLE)((in[c] * 3 + in[c - 1] + 1) >> 2);
        out[2 * (size_t)c + 1] = in[c];
    }
}

/* Column sums of h2v2_fancy_upsample: 3 x the nearer row + the further row. */
ALWAYS i16x8 colsum8(const JSAMPLE *near, const JSAMPLE *far, JDIMENSION c) {
    const i16x8 three = SPLAT(3);
    return load8w(near + c) * three + load8w(far + c);
}

/* h2v2_fancy_upsample: 9/16, 3/16, 3/16, 1/16 of the four nearest input samples, with the
 * scalar's alternating rounding (8, 7). Selected only for rows of more than 2 samples. */
VECTOR GLOBAL(void)
jsimd_h2v2_fancy_upsample(j_decompress_ptr cinfo, jpeg_component_info *compptr,
                          JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr) {
    const JDIMENSION w = compptr->downsampled_width;
    const i16x8 three = SPLAT(3), seven = SPLAT(7), eight = SPLAT(8);
    int inrow = 0, outrow = 0;
    while (outrow < cinfo->max_v_samp_factor) {
        for (int v = 0; v < 2; v++) {
            /* the nearest input row, and the next nearest: above for v = 0, below for v = 1 */
            const JSAMPLE *near = input_data[inrow];
            const JSAMPLE *far = input_data[v == 0 ? inrow - 1 : inrow + 1];
            JSAMPLE *out = (*output_data_ptr)[outrow++];
            int this_sum = near[0] * 3 + far[0], next_sum = near[1] * 3 + far[1];
            out[0] = (JSAMPLE)((this_sum * 4 + 8) >> 4);
            out[1] = (JSAMPLE)((this_sum * 3 + next_sum + 7) >> 4);
            JDIMENSION c = 1;
            for (; c + 9 <= w; c += 8) { /* columns c..c+7, reading c-1..c+8 */
                i16x8 here = colsum8(near, far, c) * three;
                store_pairs(out + 2 * (size_t)c, (here + colsum8(near, far, c - 1) + eight) >> 4,
                            (here + colsum8(near, far, c + 1) + seven) >> 4);
            }
            int last_sum = near[c - 1] * 3 + far[c - 1];
            this_sum = near[c] * 3 + far[c];
            for (; c < w - 1; c++) {
                next_sum = near[c + 1] * 3 + far[c + 1];
                out[2 * (size_t)c] = (JSAMPLE)((this_sum * 3 + last_sum + 8) >> 4);
                out[2 * (size_t)c + 1] = (JSAMPLE)((this_sum * 3 + next_sum + 7) >> 4);
                last_sum = this_sum;
                this_sum = next_sum;
            }
            out[2 * (size_t)c] = (JSAMPLE)((this_sum * 3 + last_sum + 8) >> 4);
            out[2 * (size_t)c + 1] = (JSAMPLE)((this_sum * 4 + 7) >> 4);
        }
        inrow++;
    }
}

/* ---- Everything else: answered 0, so libjpeg-turbo never calls the bodies ---------------- */

GLOBAL(int) jsimd_can_rgb_ycc(void) { return 0; }
GLOBAL(int) jsimd_can_rgb_gray(void) { return 0; }
GLOBAL(int) jsimd_can_ycc_rgb565(void) { return 0; }
GLOBAL(int) jsimd_c_can_null_convert(void) { return 0; }
GLOBAL(int) jsimd_can_h2v2_downsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v1_downsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v2_smooth_downsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v2_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v1_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_int_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_h1v2_fancy_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v2_merged_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v1_merged_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_huff_encode_one_block(void) { return 0; }
GLOBAL(int) jsimd_can_encode_mcu_AC_first_prepare(void) { return 0; }
GLOBAL(int) jsimd_can_encode_mcu_AC_refine_prepare(void) { return 0; }
GLOBAL(int) jsimd_can_convsamp(void) { return 0; }
GLOBAL(int) jsimd_can_convsamp_float(void) { return 0; }
GLOBAL(int) jsimd_can_fdct_islow(void) { return 0; }
GLOBAL(int) jsimd_can_fdct_ifast(void) { return 0; }
GLOBAL(int) jsimd_can_fdct_float(void) { return 0; }
GLOBAL(int) jsimd_can_quantize(void) { return 0; }
GLOBAL(int) jsimd_can_quantize_float(void) { return 0; }
GLOBAL(int) jsimd_can_idct_2x2(void) { return 0; }
GLOBAL(int) jsimd_can_idct_4x4(void) { return 0; }
GLOBAL(int) jsimd_can_idct_6x6(void) { return 0; }
GLOBAL(int) jsimd_can_idct_12x12(void) { return 0; }
GLOBAL(int) jsimd_can_idct_ifast(void) { return 0; }
GLOBAL(int) jsimd_can_idct_float(void) { return 0; }

/* Unreachable (their jsimd_can_* answers 0); defined because libjpeg-turbo links them. */
GLOBAL(void) jsimd_rgb_ycc_convert(j_compress_ptr c, JSAMPARRAY i, JSAMPIMAGE o, JDIMENSION r, int n) {}
GLOBAL(void) jsimd_rgb_gray_convert(j_compress_ptr c, JSAMPARRAY i, JSAMPIMAGE o, JDIMENSION r, int n) {}
GLOBAL(void) jsimd_ycc_rgb565_convert(j_decompress_ptr c, JSAMPIMAGE i, JDIMENSION r, JSAMPARRAY o, int n) {}
GLOBAL(void) jsimd_c_null_convert(j_compress_ptr c, JSAMPARRAY i, JSAMPIMAGE o, JDIMENSION r, int n) {}
GLOBAL(void) jsimd_h2v2_downsample(j_compress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY o) {}
GLOBAL(void) jsimd_h2v1_downsample(j_compress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY o) {}
GLOBAL(void) jsimd_h2v2_smooth_downsample(j_compress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY o) {}
GLOBAL(void) jsimd_h2v2_upsample(j_decompress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY *o) {}
GLOBAL(void) jsimd_h2v1_upsample(j_decompress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY *o) {}
GLOBAL(void) jsimd_int_upsample(j_decompress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY *o) {}
GLOBAL(void) jsimd_h1v2_fancy_upsample(j_decompress_ptr c, jpeg_component_info *p, JSAMPARRAY i, JSAMPARRAY *o) {}
GLOBAL(void) jsimd_h2v2_merged_upsample(j_decompress_ptr c, JSAMPIMAGE i, JDIMENSION r, JSAMPARRAY o) {}
GLOBAL(void) jsimd_h2v1_merged_upsample(j_decompress_ptr c, JSAMPIMAGE i, JDIMENSION r, JSAMPARRAY o) {}
GLOBAL(JOCTET *) jsimd_huff_encode_one_block(void *s, JOCTET *buffer, JCOEFPTR block, int last,
                                             c_derived_tbl *dc, c_derived_tbl *ac) { return buffer; }
GLOBAL(void) jsimd_encode_mcu_AC_first_prepare(const JCOEF *block, const int *order, int Sl, int Al,
                                               UJCOEF *values, size_t *zerobits) {}
GLOBAL(int) jsimd_encode_mcu_AC_refine_prepare(const JCOEF *block, const int *order, int Sl, int Al,
                                               UJCOEF *absvalues, size_t *bits) { return 0; }
GLOBAL(void) jsimd_convsamp(JSAMPARRAY s, JDIMENSION c, DCTELEM *w) {}
GLOBAL(void) jsimd_convsamp_float(JSAMPARRAY s, JDIMENSION c, FAST_FLOAT *w) {}
GLOBAL(void) jsimd_fdct_islow(DCTELEM *data) {}
GLOBAL(void) jsimd_fdct_ifast(DCTELEM *data) {}
GLOBAL(void) jsimd_fdct_float(FAST_FLOAT *data) {}
GLOBAL(void) jsimd_quantize(JCOEFPTR c, DCTELEM *d, DCTELEM *w) {}
GLOBAL(void) jsimd_quantize_float(JCOEFPTR c, FAST_FLOAT *d, FAST_FLOAT *w) {}
GLOBAL(void) jsimd_idct_2x2(j_decompress_ptr c, jpeg_component_info *p, JCOEFPTR b, JSAMPARRAY o, JDIMENSION col) {}
GLOBAL(void) jsimd_idct_4x4(j_decompress_ptr c, jpeg_component_info *p, JCOEFPTR b, JSAMPARRAY o, JDIMENSION col) {}
GLOBAL(void) jsimd_idct_6x6(j_decompress_ptr c, jpeg_component_info *p, JCOEFPTR b, JSAMPARRAY o, JDIMENSION col) {}
GLOBAL(void) jsimd_idct_12x12(j_decompress_ptr c, jpeg_component_info *p, JCOEFPTR b, JSAMPARRAY o, JDIMENSION col) {}
GLOBAL(void) jsimd_idct_ifast(j_decompress_ptr c, jpeg_component_info *p, JCOEFPTR b, JSAMPARRAY o, JDIMENSION col) {}
GLOBAL(void) jsimd_idct_float(j_decompress_ptr c, jpeg_component_info *p, JCOEFPTR b, JSAMPARRAY o, JDIMENSION col) {}
