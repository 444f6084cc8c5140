/*
 * jsimd_vector.h: what the vector hooks (jsimd_vector.c, jsimd_idct.c) share: vector types,
 * fixed-count loop unrolling, and three operations both wasm SIMD128 and SSE2 have as one
 * instruction (a 16-bit dot product and two saturating narrowings), named per target with a
 * plain-C equivalent for any other.
 */
#ifndef CORDON_JSIMD_VECTOR_H
#define CORDON_JSIMD_VECTOR_H

#define JPEG_INTERNALS
#include "jinclude.h"
#include "jpeglib.h"
#include "jsimd.h"
#include "jdct.h"
#include "jsimddct.h"

#include <stdint.h>
#include <string.h>

#if BITS_IN_JSAMPLE != 8 || DCTSIZE != 8
#error "the vector hooks are written for 8-bit samples and 8x8 blocks"
#endif

/* Let clang use SIMD128 in these functions only: the rest of the module is unchanged. */
#ifdef __wasm__
#define VECTOR __attribute__((target("simd128")))
#else
#define VECTOR
#endif
#define ALWAYS static inline __attribute__((always_inline))
/* Fixed-count loops over a block fully unrolled: left as loops (as clang does for wasm), each
 * iteration would pay a deadline check and keep the block in memory instead of registers. */
#if defined(__clang__)
#define UNROLLED _Pragma("clang loop unroll(full)")
#elif defined(__GNUC__)
#define UNROLLED _Pragma("GCC unroll 16")
#else
#define UNROLLED
#endif

typedef uint32_t u32x8 __attribute__((vector_size(32)));
typedef int32_t i32x8 __attribute__((vector_size(32)));
typedef int16_t i16x8 __attribute__((vector_size(16)));
typedef int16_t i16x16 __attribute__((vector_size(32)));
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef uint8_t u8x8 __attribute__((vector_size(8)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));
typedef int32_t i32x4 __attribute__((vector_size(16)));
typedef int16_t i16x4 __attribute__((vector_size(8)));
typedef uint64_t u64x2 __attribute__((vector_size(16)));

#define SPLAT(x) {x, x, x, x, x, x, x, x}
#define SPLAT4(x) {x, x, x, x}
#define SPLAT16(x) {x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}

/* Arithmetic right shift of each lane (RIGHT_SHIFT of signed JLONG). */
ALWAYS u32x4 sra(u32x4 v, int n) { return (u32x4)((i32x4)v >> n); }

/* Each lane clamped to 0..255 (read as signed). */
ALWAYS i32x8 clamp_sample(i32x8 v) {
    const i32x8 zero = SPLAT(0), max = SPLAT(255);
    v &= ~(v < zero);
    i32x8 over = v > max;
    return (v & ~over) | (max & over);
}

/* Lanes 0..7 as bytes (each already 0..255) stored at `out`. */
ALWAYS void store8(JSAMPLE *out, i32x8 v) {
    u8x8 bytes = __builtin_convertvector(v, u8x8);
    memcpy(out, &bytes, sizeof bytes);
}

/* Three operations with one instruction each in wasm SIMD and SSE2, and plain C elsewhere. */
#if defined(__wasm__)
#define DOT16(a, b) ((i32x4)__builtin_wasm_dot_s_i32x4_i16x8((a), (b)))
#define NARROW32(a, b) ((i16x8)__builtin_wasm_narrow_s_i16x8_i32x4((a), (b)))
#define NARROW16U(a, b) ((u8x16)__builtin_wasm_narrow_u_i8x16_i16x8((a), (b)))
#elif defined(__SSE2__)
#define DOT16(a, b) ((i32x4)__builtin_ia32_pmaddwd128((a), (b)))
#define NARROW32(a, b) ((i16x8)__builtin_ia32_packssdw128((a), (b)))
#define NARROW16U(a, b) ((u8x16)__builtin_ia32_packuswb128((a), (b)))
#else
#define DOT16(a, b) dot16(a, b)
#define NARROW32(a, b) narrow32(a, b)
#define NARROW16U(a, b) narrow16u(a, b)
#endif

/* i32x4.dot_i16x8_s / pmaddwd: a[2i] * b[2i] + a[2i+1] * b[2i+1] in 32 bits. */
ALWAYS i32x4 dot16(i16x8 a, i16x8 b) {
    i32x4 even = __builtin_convertvector(__builtin_shufflevector(a, a, 0, 2, 4, 6), i32x4) *
                 __builtin_convertvector(__builtin_shufflevector(b, b, 0, 2, 4, 6), i32x4);
    i32x4 odd = __builtin_convertvector(__builtin_shufflevector(a, a, 1, 3, 5, 7), i32x4) *
                __builtin_convertvector(__builtin_shufflevector(b, b, 1, 3, 5, 7), i32x4);
    return even + odd;
}

/* Eight 32-bit lanes to 16 bits, saturating (the values here always fit). */
ALWAYS i16x8 narrow32(i32x4 a, i32x4 b) {
    i32x8 v = __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
    const i32x8 lo = SPLAT(-32768), hi = SPLAT(32767);
    i32x8 under = v < lo, over = v > hi;
    v = (v & ~under) | (lo & under);
    v = (v & ~over) | (hi & over);
    return __builtin_convertvector(v, i16x8);
}

/* Sixteen 16-bit lanes to bytes, saturating to 0..255: the sample clamp. */
ALWAYS u8x16 narrow16u(i16x8 a, i16x8 b) {
    i16x16 v = __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const i16x16 zero = {0}, max = {255, 255, 255, 255, 255, 255, 255, 255,
                                    255, 255, 255, 255, 255, 255, 255, 255};
    i16x16 under = v < zero, over = v > max;
    v &= ~under;
    v = (v & ~over) | (max & over);
    return __builtin_convertvector(v, u8x16);
}


#endif
