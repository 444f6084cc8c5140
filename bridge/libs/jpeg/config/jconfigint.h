/* jconfigint.h for Cordon's wasm32-wasi build of libjpeg-turbo 3.1.0.
 * Filled in by hand from third_party/libjpeg-turbo/src/jconfigint.h.in
 * (WITH_SIMD on, its hooks in guest/jsimd_vector.c and jsimd_idct.c; no TurboJPEG API; clang).
 *
 * One deviation from a plain substitution: SIZEOF_SIZE_T follows the
 * compiler's __SIZEOF_SIZE_T__ when it is defined (4 on wasm32, 8 on x86_64),
 * so the same header also serves a native reference build.  jcphuff.c sizes
 * arrays with it and jchuff.c/jdhuff.c pick their bit-buffer width from it,
 * so it must match the target.  Likewise HAVE_BUILTIN_CTZL is defined only
 * when sizeof(unsigned long) == sizeof(size_t), which is what the CMake check
 * requires (true on wasm32 and on LP64).
 */

/* libjpeg-turbo build number */
#define BUILD  "cordon-wasm32"

/* How to hide global symbols. */
#define HIDDEN  __attribute__((visibility("hidden")))

/* Compiler's inline keyword */
#undef inline

/* How to obtain function inlining. */
#define INLINE  __inline__ __attribute__((always_inline))

/* How to obtain thread-local storage */
/* Only src/turbojpeg.c uses it, and the TurboJPEG API is not built.  Left
 * empty: wasm32-wasi without the threads proposal has one thread. */
#define THREAD_LOCAL

/* Define to the full name of this package. */
#define PACKAGE_NAME  "libjpeg-turbo"

/* Version number of package */
#define VERSION  "3.1.0"

/* The size of `size_t', as computed by sizeof. */
#if defined(__SIZEOF_SIZE_T__)
#define SIZEOF_SIZE_T  __SIZEOF_SIZE_T__
#else
#define SIZEOF_SIZE_T  4
#endif

/* Define if your compiler has __builtin_ctzl() and sizeof(unsigned long) == sizeof(size_t). */
#if defined(__SIZEOF_LONG__) && defined(__SIZEOF_SIZE_T__) && \
    __SIZEOF_LONG__ == __SIZEOF_SIZE_T__
#define HAVE_BUILTIN_CTZL
#endif

/* Define to 1 if you have the <intrin.h> header file. */
/* #undef HAVE_INTRIN_H */

#if defined(_MSC_VER) && defined(HAVE_INTRIN_H)
#if (SIZEOF_SIZE_T == 8)
#define HAVE_BITSCANFORWARD64
#elif (SIZEOF_SIZE_T == 4)
#define HAVE_BITSCANFORWARD
#endif
#endif

#if defined(__has_attribute)
#if __has_attribute(fallthrough)
#define FALLTHROUGH  __attribute__((fallthrough));
#else
#define FALLTHROUGH
#endif
#else
#define FALLTHROUGH
#endif

/*
 * Define BITS_IN_JSAMPLE as either
 *   8   for 8-bit sample values (the usual setting)
 *   12  for 12-bit sample values
 * Only 8 and 12 are legal data precisions for lossy JPEG according to the
 * JPEG standard, and the IJG code does not support anything else!
 */

#ifndef BITS_IN_JSAMPLE
#define BITS_IN_JSAMPLE  8      /* use 8 or 12 */
#endif

#undef C_ARITH_CODING_SUPPORTED
#undef D_ARITH_CODING_SUPPORTED
#undef WITH_SIMD

#if BITS_IN_JSAMPLE == 8

/* Support arithmetic encoding */
#define C_ARITH_CODING_SUPPORTED 1

/* Support arithmetic decoding */
#define D_ARITH_CODING_SUPPORTED 1

/* Use accelerated SIMD routines: Cordon's portable vector hooks (guest/jsimd_vector.c and
 * jsimd_idct.c). */
#define WITH_SIMD 1

#endif
