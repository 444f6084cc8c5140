/*
 * config.h for libwebp 1.6.0 in Cordon (bridge/libs/webp), used by the sandboxed (wasm32)
 * and the native build alike. libwebp includes it as "src/webp/config.h" when HAVE_CONFIG_H
 * is defined (cordon.toml defines it); this file takes the place of the one autotools would
 * generate from third_party/libwebp/src/webp/config.h.in.
 *
 * Its main job is what it leaves out: with HAVE_CONFIG_H defined, src/dsp/cpu.h enables
 * WEBP_USE_SSE2 / SSE41 / AVX2 / NEON only when WEBP_HAVE_SSE2 / ... are defined here too,
 * so no intrinsics path exists in either build, even natively on x86_64 where __SSE2__ is
 * always defined: both run the same plain C. No WEBP_USE_THREAD: one thread, no pthreads.
 */
#ifndef CORDON_WEBP_CONFIG_H
#define CORDON_WEBP_CONFIG_H

/* clang has these builtins on every target; without them endian_inl_utils.h falls back to
 * x86 inline assembly natively and shifts on wasm32. */
#define HAVE_BUILTIN_BSWAP16 1
#define HAVE_BUILTIN_BSWAP32 1
#define HAVE_BUILTIN_BSWAP64 1

/* Deliberately not defined: WEBP_HAVE_SSE2, WEBP_HAVE_SSE41, WEBP_HAVE_AVX2, WEBP_HAVE_NEON,
 * WEBP_HAVE_NEON_RTCD, WEBP_USE_THREAD, WORDS_BIGENDIAN (both targets are little-endian). */

/* The largest allocation libwebp itself will attempt. utils.h picks 2 GiB - 64 KiB for 32-bit
 * size_t and 16 GiB for 64-bit; the 32-bit value for both, so the two builds refuse the same
 * requests (a sandbox's memory cap is lower still and refuses earlier). */
#define WEBP_MAX_ALLOCABLE_MEMORY ((1ULL << 31) - (1 << 16))

#endif /* CORDON_WEBP_CONFIG_H */
