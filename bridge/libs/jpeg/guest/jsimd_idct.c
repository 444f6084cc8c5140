/*
 * jsimd_idct.c: jidctint.c's jpeg_idct_islow (the default "islow" inverse DCT) as a vector
 * hook, for both builds.
 *
 * The fast path keeps the block in 16-bit lanes, all 8 columns (then rows) at once, and does
 * every multiplication as a dot product of 16-bit pairs (wasm's `i32x4.dot_i16x8_s`, SSE2's
 * `pmaddwd`) summed in 32 bits, the layout of libjpeg-turbo's SSE2 routine: half the registers
 * of 32-bit lanes (an 8x8 block is 8 vectors, not 16), so Cranelift no longer spills most of
 * it, and a dot product costs less than a 32-bit lane multiply on x86. Unlike upstream's SIMD
 * it stays exact: every sum the scalar routine forms is a linear combination of at most four
 * inputs, written as two dot products with constants that fit 16 bits, so each 32-bit result
 * equals the scalar's whenever the inputs fit 16 bits. The dequantised coefficients and the
 * first pass's results are checked for that; a block that does not fit (no block encoded
 * from 8-bit samples has one; a hostile file, or a quantiser near 255 with extreme
 * coefficients, may) goes through `idct_islow_wide`, the same steps in 32-bit lanes.
 * The last step reproduces the range-limit table (10-bit wrap, then clamp), so the samples
 * equal jpeg_idct_islow's for every block it computes without overflow.
 */
#include "jsimd_vector.h"


#define CONST_BITS 13
#define PASS1_BITS 2
#define FIX_0_298631336 2446u
#define FIX_0_390180644 3196u
#define FIX_0_541196100 4433u
#define FIX_0_765366865 6270u
#define FIX_0_899976223 7373u
#define FIX_1_175875602 9633u
#define FIX_1_501321110 12299u
#define FIX_1_847759065 15137u
#define FIX_1_961570560 16069u
#define FIX_2_053119869 16819u
#define FIX_2_562915447 20995u
#define FIX_3_072711026 25172u

/* jpeg_idct_islow's 1-D step on 4 lanes: in[k] holds frequency k, out[x] sample x, each
 * DESCALEd by `shift` bits (the even part, then the odd part "per figure 8"). */
ALWAYS void idct_1d(const u32x4 in[8], u32x4 out[8], int shift) {
    u32x4 z2 = in[2], z3 = in[6];
    u32x4 z1 = (z2 + z3) * FIX_0_541196100;
    u32x4 tmp2 = z1 + z3 * (0u - FIX_1_847759065);
    u32x4 tmp3 = z1 + z2 * FIX_0_765366865;
    u32x4 tmp0 = (in[0] + in[4]) << CONST_BITS;
    u32x4 tmp1 = (in[0] - in[4]) << CONST_BITS;
    u32x4 tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
    u32x4 tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

    tmp0 = in[7];
    tmp1 = in[5];
    tmp2 = in[3];
    tmp3 = in[1];
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    u32x4 z4 = tmp1 + tmp3;
    u32x4 z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= 0u - FIX_0_899976223;
    z2 *= 0u - FIX_2_562915447;
    z3 *= 0u - FIX_1_961570560;
    z4 *= 0u - FIX_0_390180644;
    z3 += z5;
    z4 += z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;

    const u32x4 round = SPLAT4(1u << (shift - 1));
    out[0] = sra(tmp10 + tmp3 + round, shift);
    out[7] = sra(tmp10 - tmp3 + round, shift);
    out[1] = sra(tmp11 + tmp2 + round, shift);
    out[6] = sra(tmp11 - tmp2 + round, shift);
    out[2] = sra(tmp12 + tmp1 + round, shift);
    out[5] = sra(tmp12 - tmp1 + round, shift);
    out[3] = sra(tmp13 + tmp0 + round, shift);
    out[4] = sra(tmp13 - tmp0 + round, shift);
}

/* Transpose an 8x8 matrix held as m[row][half] (columns 0-3 and 4-7) into t: each 4x4 block
 * with 32- then 64-bit interleaves, the shuffles both SSE2 and wasm SIMD do in one step. */
ALWAYS void transpose(u32x4 m[8][2], u32x4 t[8][2]) {
    UNROLLED
    for (int i = 0; i < 2; i++)
        UNROLLED
        for (int j = 0; j < 2; j++) {
            u32x4 a = m[4 * i][j], b = m[4 * i + 1][j], c = m[4 * i + 2][j], d = m[4 * i + 3][j];
            u32x4 ab_lo = __builtin_shufflevector(a, b, 0, 4, 1, 5);
            u32x4 ab_hi = __builtin_shufflevector(a, b, 2, 6, 3, 7);
            u32x4 cd_lo = __builtin_shufflevector(c, d, 0, 4, 1, 5);
            u32x4 cd_hi = __builtin_shufflevector(c, d, 2, 6, 3, 7);
            t[4 * j][i] = __builtin_shufflevector(ab_lo, cd_lo, 0, 1, 4, 5);
            t[4 * j + 1][i] = __builtin_shufflevector(ab_lo, cd_lo, 2, 3, 6, 7);
            t[4 * j + 2][i] = __builtin_shufflevector(ab_hi, cd_hi, 0, 1, 4, 5);
            t[4 * j + 3][i] = __builtin_shufflevector(ab_hi, cd_hi, 2, 3, 6, 7);
        }
}

/* One 1-D pass over both halves: lanes run across the block, in[k][h] is frequency k. */
ALWAYS void idct_pass(u32x4 in[8][2], u32x4 out[8][2], int shift) {
    UNROLLED
    for (int h = 0; h < 2; h++) {
        u32x4 column[8], result[8];
        UNROLLED
        for (int k = 0; k < 8; k++)
            column[k] = in[k][h];
        idct_1d(column, result, shift);
        UNROLLED
        for (int k = 0; k < 8; k++)
            out[k][h] = result[k];
    }
}

/* The whole block in 32-bit lanes, 4 columns (then rows) at a time: the scalar routine's sums
 * in wrapping 32-bit arithmetic (as JLONG is on wasm32), so equal to the native 64-bit
 * scalar's wherever those sums do not overflow 32 bits. Called for the rare blocks the 16-bit
 * path below cannot take exactly. */
VECTOR static __attribute__((noinline)) void
idct_islow_wide(jpeg_component_info *compptr, JCOEFPTR coef_block, JSAMPARRAY output_buf,
                JDIMENSION output_col) {
    const ISLOW_MULT_TYPE *quant = (const ISLOW_MULT_TYPE *)compptr->dct_table;
    u32x4 a[8][2], b[8][2];
    UNROLLED
    for (int k = 0; k < 16; k++) { /* DEQUANTIZE: a 16x16->32-bit product, as the scalar's */
        i16x4 coef, q;
        memcpy(&coef, coef_block + 4 * k, sizeof coef);
        memcpy(&q, quant + 4 * k, sizeof q);
        a[k / 2][k % 2] =
            (u32x4)(__builtin_convertvector(coef, i32x4) * __builtin_convertvector(q, i32x4));
    }
    idct_pass(a, b, CONST_BITS - PASS1_BITS); /* columns: lanes are columns */
    transpose(b, a);
    idct_pass(a, b, CONST_BITS + PASS1_BITS + 3); /* rows: lanes are rows */
    transpose(b, a);
    const i32x8 center = SPLAT(CENTERJSAMPLE);
    UNROLLED
    for (int y = 0; y < 8; y++) {
        /* range_limit[x & RANGE_MASK]: x wraps to 10 signed bits, then clamps around 128. */
        u32x8 row = __builtin_shufflevector(a[y][0], a[y][1], 0, 1, 2, 3, 4, 5, 6, 7);
        i32x8 x = (i32x8)(row << 22) >> 22;
        store8(output_buf[y] + output_col, clamp_sample(x + center));
    }
}

/* testdata/tools/idct_check.c counts the blocks that take the 32-bit path. */
#ifndef IDCT_ON_FALLBACK
#define IDCT_ON_FALLBACK()
#endif

/* ---- The 16-bit path -------------------------------------------------------------------- */

/* Lanes 0-3 (lo) or 4-7 (hi) of a and b interleaved: the pairs a dot product multiplies. */
ALWAYS i16x8 zip_lo(i16x8 a, i16x8 b) { return __builtin_shufflevector(a, b, 0, 8, 1, 9, 2, 10, 3, 11); }
ALWAYS i16x8 zip_hi(i16x8 a, i16x8 b) { return __builtin_shufflevector(a, b, 4, 12, 5, 13, 6, 14, 7, 15); }

/* Coefficient pairs as the dot product takes them (each fits 16 bits: clang warns otherwise). */
#define PAIR(c1, c2) {c1, c2, c1, c2, c1, c2, c1, c2}
#define F(x) ((int)FIX_##x)

/* The inputs of one 1-D step as the dot products take them: for each half h of the lanes
 * (lanes 0-3, 4-7), the frequencies (0, 4), (2, 6), (1, 3) and (5, 7) interleaved. */
typedef struct {
    i16x8 p04[2], p26[2], p13[2], p57[2];
} idct_pairs;

/* jpeg_idct_islow's 1-D step on 8 lanes, each 32-bit result DESCALEd by `shift` bits into
 * out[x][h]. The even part as the scalar forms it: its tmp0/tmp1 ((in0 +- in4) << CONST_BITS)
 * from the pair (in0, in4), its tmp2/tmp3 (z1 = (in2 + in6) * FIX_0_541196100 folded in) from
 * (in2, in6), then their sums and differences tmp10..tmp13: four dot products, where pairing
 * (in0, in2) with (in4, in6) needed two for each of the four sums. The odd part: the scalar's
 * tmp0..tmp3 after its z1..z5 steps, each four products of in1, in3, in5, in7 (expanded by
 * hand from the scalar's sums; testdata/tools/idct_check.c checks them). */
VECTOR ALWAYS void idct_1d16(const idct_pairs *in, i32x4 out[8][2], int shift) {
    const i16x8 even0 = PAIR(1 << CONST_BITS, 1 << CONST_BITS);
    const i16x8 even1 = PAIR(1 << CONST_BITS, -(1 << CONST_BITS));
    const i16x8 even3 = PAIR(F(0_541196100) + F(0_765366865), F(0_541196100));
    const i16x8 even2 = PAIR(F(0_541196100), F(0_541196100) - F(1_847759065));
    /* odd tmp0 (in7's row): in1, in3 | in5, in7 */
    const i16x8 odd0_a = PAIR(F(1_175875602) - F(0_899976223), F(1_175875602) - F(1_961570560));
    const i16x8 odd0_b = PAIR(F(1_175875602), F(0_298631336) - F(0_899976223) -
                                                  F(1_961570560) + F(1_175875602));
    const i16x8 odd1_a = PAIR(F(1_175875602) - F(0_390180644), F(1_175875602) - F(2_562915447));
    const i16x8 odd1_b = PAIR(F(2_053119869) - F(2_562915447) - F(0_390180644) +
                                  F(1_175875602), F(1_175875602));
    const i16x8 odd2_a = PAIR(F(1_175875602), F(3_072711026) - F(2_562915447) -
                                                  F(1_961570560) + F(1_175875602));
    const i16x8 odd2_b = PAIR(F(1_175875602) - F(2_562915447), F(1_175875602) - F(1_961570560));
    const i16x8 odd3_a = PAIR(F(1_501321110) - F(0_899976223) - F(0_390180644) +
                                  F(1_175875602), F(1_175875602));
    const i16x8 odd3_b = PAIR(F(1_175875602) - F(0_390180644), F(1_175875602) - F(0_899976223));
    const i32x4 round = SPLAT4(1 << (shift - 1));
    UNROLLED
    for (int h = 0; h < 2; h++) {
        i16x8 p04 = in->p04[h], p26 = in->p26[h], p13 = in->p13[h], p57 = in->p57[h];
        i32x4 t0 = DOT16(p04, even0) + round, t1 = DOT16(p04, even1) + round;
        i32x4 e3 = DOT16(p26, even3), e2 = DOT16(p26, even2);
        i32x4 tmp10 = t0 + e3, tmp13 = t0 - e3, tmp11 = t1 + e2, tmp12 = t1 - e2;
        i32x4 tmp0 = DOT16(p13, odd0_a) + DOT16(p57, odd0_b);
        i32x4 tmp1 = DOT16(p13, odd1_a) + DOT16(p57, odd1_b);
        i32x4 tmp2 = DOT16(p13, odd2_a) + DOT16(p57, odd2_b);
        i32x4 tmp3 = DOT16(p13, odd3_a) + DOT16(p57, odd3_b);
        out[0][h] = (tmp10 + tmp3) >> shift;
        out[7][h] = (tmp10 - tmp3) >> shift;
        out[1][h] = (tmp11 + tmp2) >> shift;
        out[6][h] = (tmp11 - tmp2) >> shift;
        out[2][h] = (tmp12 + tmp1) >> shift;
        out[5][h] = (tmp12 - tmp1) >> shift;
        out[3][h] = (tmp13 + tmp0) >> shift;
        out[4][h] = (tmp13 - tmp0) >> shift;
    }
}

/* Pass 1's pairs: frequency rows k (lanes are columns) interleaved lane by lane. */
ALWAYS void pairs_of_frequencies(const i16x8 in[8], idct_pairs *p) {
    p->p04[0] = zip_lo(in[0], in[4]);
    p->p04[1] = zip_hi(in[0], in[4]);
    p->p26[0] = zip_lo(in[2], in[6]);
    p->p26[1] = zip_hi(in[2], in[6]);
    p->p13[0] = zip_lo(in[1], in[3]);
    p->p13[1] = zip_hi(in[1], in[3]);
    p->p57[0] = zip_lo(in[5], in[7]);
    p->p57[1] = zip_hi(in[5], in[7]);
}

/* A row of pass 1's results, whose lanes hold the frequencies in the order 0, 2, 4, 6, 1, 3,
 * 5, 7, with the first four reordered 0, 4, 2, 6 (one `pshuflw` in both instruction sets). */
ALWAYS i16x8 even_pairs(i16x8 row) { return __builtin_shufflevector(row, row, 0, 2, 1, 3, 4, 5, 6, 7); }

/* Pass 2's pairs from pass 1's rows y: after even_pairs, read as 32-bit lanes each row holds
 * the pairs (0, 4), (2, 6), (1, 3), (5, 7), so a 4x4 transpose of 32-bit lanes (rows 0-3, then
 * 4-7) gives them with the rows across the lanes. Only the unpack shuffles of both instruction
 * sets; written as one transpose of 16-bit lanes followed by interleaves, clang fuses the last
 * steps into byte shuffles that Cranelift lowers to two pshufb and a por each. */
ALWAYS void pairs_of_rows(const i16x8 mid[8], idct_pairs *p) {
    UNROLLED
    for (int h = 0; h < 2; h++) {
        u32x4 r0 = (u32x4)even_pairs(mid[4 * h]), r1 = (u32x4)even_pairs(mid[4 * h + 1]);
        u32x4 r2 = (u32x4)even_pairs(mid[4 * h + 2]), r3 = (u32x4)even_pairs(mid[4 * h + 3]);
        u64x2 t0 = (u64x2)__builtin_shufflevector(r0, r1, 0, 4, 1, 5);
        u64x2 t1 = (u64x2)__builtin_shufflevector(r0, r1, 2, 6, 3, 7);
        u64x2 t2 = (u64x2)__builtin_shufflevector(r2, r3, 0, 4, 1, 5);
        u64x2 t3 = (u64x2)__builtin_shufflevector(r2, r3, 2, 6, 3, 7);
        p->p04[h] = (i16x8)__builtin_shufflevector(t0, t2, 0, 2);
        p->p26[h] = (i16x8)__builtin_shufflevector(t0, t2, 1, 3);
        p->p13[h] = (i16x8)__builtin_shufflevector(t1, t3, 0, 2);
        p->p57[h] = (i16x8)__builtin_shufflevector(t1, t3, 1, 3);
    }
}

/* An 8x8 matrix of 16-bit lanes transposed: 16-, 32-, then 64-bit interleaves (the
 * unpack instructions of both instruction sets). */
ALWAYS void transpose16(const i16x8 m[8], i16x8 t[8]) {
    i16x8 a[8], b[8];
    UNROLLED
    for (int i = 0; i < 4; i++) {
        a[2 * i] = zip_lo(m[2 * i], m[2 * i + 1]);
        a[2 * i + 1] = zip_hi(m[2 * i], m[2 * i + 1]);
    }
    UNROLLED
    for (int i = 0; i < 2; i++)
        UNROLLED
        for (int j = 0; j < 2; j++) {
            i16x8 x = a[4 * i + j], y = a[4 * i + j + 2];
            b[4 * i + 2 * j] = __builtin_shufflevector(x, y, 0, 1, 8, 9, 2, 3, 10, 11);
            b[4 * i + 2 * j + 1] = __builtin_shufflevector(x, y, 4, 5, 12, 13, 6, 7, 14, 15);
        }
    UNROLLED
    for (int i = 0; i < 4; i++) {
        t[2 * i] = __builtin_shufflevector(b[i], b[i + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        t[2 * i + 1] = __builtin_shufflevector(b[i], b[i + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

/* Lanes that do not fit 16 bits, accumulated: (x + 32768) is below 65536 exactly when x fits,
 * and an OR of such values stays below it. */
ALWAYS u32x4 misfits(u32x4 acc, i32x4 x) { return acc | (u32x4)(x + 32768); }

ALWAYS int any_misfit(u32x4 acc) {
    uint64_t halves[2];
    acc >>= 16;
    memcpy(halves, &acc, sizeof halves);
    return (halves[0] | halves[1]) != 0;
}

GLOBAL(int)
jsimd_can_idct_islow(void) { return sizeof(ISLOW_MULT_TYPE) == 2 && sizeof(JCOEF) == 2; }

VECTOR GLOBAL(void)
jsimd_idct_islow(j_decompress_ptr cinfo, jpeg_component_info *compptr, JCOEFPTR coef_block,
                 JSAMPARRAY output_buf, JDIMENSION output_col) {
    (void)cinfo;
    const ISLOW_MULT_TYPE *quant = (const ISLOW_MULT_TYPE *)compptr->dct_table;
    const i16x8 even = {-1, 0, -1, 0, -1, 0, -1, 0}, odd = ~even;
    i16x8 in[8], mid[8];
    i32x4 wide[8][2];
    idct_pairs pairs;
    u32x4 fit = {0};
    UNROLLED
    for (int k = 0; k < 8; k++) {
        /* DEQUANTIZE: the scalar's 16x16->32-bit products, as dot products with the other
         * lane of each pair zeroed: columns 0, 2, 4, 6 in one, 1, 3, 5, 7 in the other, so
         * every row below holds its columns in that order (what pairs_of_rows needs). */
        i16x8 coef, q;
        memcpy(&coef, coef_block + 8 * k, sizeof coef);
        memcpy(&q, quant + 8 * k, sizeof q);
        i32x4 evens = DOT16(coef, q & even), odds = DOT16(coef, q & odd);
        fit = misfits(misfits(fit, evens), odds);
        in[k] = NARROW32(evens, odds);
    }
    pairs_of_frequencies(in, &pairs);
    idct_1d16(&pairs, wide, CONST_BITS - PASS1_BITS); /* columns: lanes are columns */
    UNROLLED
    for (int k = 0; k < 8; k++) {
        fit = misfits(misfits(fit, wide[k][0]), wide[k][1]);
        mid[k] = NARROW32(wide[k][0], wide[k][1]);
    }
    if (any_misfit(fit)) {
        IDCT_ON_FALLBACK();
        idct_islow_wide(compptr, coef_block, output_buf, output_col);
        return;
    }
    pairs_of_rows(mid, &pairs);
    idct_1d16(&pairs, wide, CONST_BITS + PASS1_BITS + 3); /* rows: lanes are rows */
    const i16x8 center = SPLAT(CENTERJSAMPLE);
    UNROLLED
    for (int x = 0; x < 8; x++) {
        /* |result| < 2^13 here; range_limit[x & RANGE_MASK]: a 10-bit wrap, then the clamp
         * (the saturating narrowing to bytes below) around CENTERJSAMPLE */
        i16x8 column = NARROW32(wide[x][0], wide[x][1]);
        mid[x] = (i16x8)((column << 6) >> 6) + center;
    }
    transpose16(mid, in); /* back to rows */
    UNROLLED
    for (int y = 0; y < 8; y += 2) {
        uint64_t two[2]; /* rows y and y + 1 as bytes */
        u8x16 bytes = NARROW16U(in[y], in[y + 1]);
        memcpy(two, &bytes, sizeof two);
        memcpy(output_buf[y] + output_col, &two[0], 8);
        memcpy(output_buf[y + 1] + output_col, &two[1], 8);
    }
}
