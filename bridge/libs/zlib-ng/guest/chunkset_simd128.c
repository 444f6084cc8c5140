/*
 * chunkset_simd128.c: zlib-ng's match copies and inflate_fast with 16-byte wasm SIMD128
 * chunks, in place of the generic 8-byte ones (installed by
 * patches/functable-simd128.patch). What zlib-ng's SSSE3 and NEON files supply, written for
 * wasm: chunks are 16-byte vectors; a repeating pattern of 2, 4 or 8 bytes is a splat; any
 * other distance under 16 is one swizzle through zlib-ng's own permutation table
 * (arch/generic, shared by its 128-bit ports). The copy and inflate loops are zlib-ng's
 * templates, unchanged.
 */
#ifdef __wasm__ /* installed in the function table for wasm builds only */

#include "zbuild.h"
#include "zmemory.h"
#include "arch/generic/chunk_128bit_perm_idx_lut.h"

#include <string.h>

/* Every function from here on (the templates' too) may use SIMD128. */
#pragma clang attribute push(__attribute__((target("simd128"))), apply_to = function)

typedef uint8_t chunk_t __attribute__((vector_size(16)));
typedef int8_t i8x16 __attribute__((vector_size(16)));
typedef uint16_t u16x8 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));
typedef uint64_t u64x2 __attribute__((vector_size(16)));

#define HAVE_CHUNKMEMSET_2
#define HAVE_CHUNKMEMSET_4
#define HAVE_CHUNKMEMSET_8
#define HAVE_CHUNK_MAG

static inline void chunkmemset_2(uint8_t *from, chunk_t *chunk) {
    uint16_t v = zng_memread_2(from);
    *chunk = (chunk_t)(u16x8){v, v, v, v, v, v, v, v};
}

static inline void chunkmemset_4(uint8_t *from, chunk_t *chunk) {
    uint32_t v = zng_memread_4(from);
    *chunk = (chunk_t)(u32x4){v, v, v, v};
}

static inline void chunkmemset_8(uint8_t *from, chunk_t *chunk) {
    uint64_t v = zng_memread_8(from);
    *chunk = (chunk_t)(u64x2){v, v};
}

static inline void loadchunk(uint8_t const *s, chunk_t *chunk) {
    memcpy(chunk, s, sizeof(chunk_t));
}

static inline void storechunk(uint8_t *out, chunk_t *chunk) {
    memcpy(out, chunk, sizeof(chunk_t));
}

/* The `dist`-byte pattern at buf (3 <= dist < 16, not 4 or 8) repeated across a chunk, and in
 * *chunk_rem how many bytes of a chunk are past its last whole repetition. Reads 16 bytes
 * from buf, as zlib-ng's SSSE3 version does: buf + dist is the output being written, which
 * has room for a chunk, and the swizzle uses only the first dist bytes. */
static inline chunk_t GET_CHUNK_MAG(uint8_t *buf, uint32_t *chunk_rem, uint32_t dist) {
    lut_rem_pair lut_rem = perm_idx_lut[dist - 3];
    chunk_t bytes, indices;
    memcpy(&bytes, buf, sizeof bytes);
    memcpy(&indices, permute_table + lut_rem.idx, sizeof indices);
    *chunk_rem = lut_rem.remval;
    return (chunk_t)__builtin_wasm_swizzle_i8x16((i8x16)bytes, (i8x16)indices);
}

#define CHUNKSIZE        chunksize_simd128
#define CHUNKCOPY        chunkcopy_simd128
#define CHUNKUNROLL      chunkunroll_simd128
#define CHUNKMEMSET      chunkmemset_simd128
#define CHUNKMEMSET_SAFE chunkmemset_safe_simd128

#include "chunkset_tpl.h"

#define INFLATE_FAST     inflate_fast_simd128

#include "inffast_tpl.h"

#pragma clang attribute pop

#endif /* __wasm__ */
