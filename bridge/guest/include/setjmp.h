/*
 * setjmp.h for Cordon guests (wasm32-wasi, wasm exception-handling sjlj).
 *
 * Debian's wasi-libc ships no setjmp.h.  With
 *     -mllvm -wasm-enable-sjlj -mllvm -wasm-use-legacy-eh=false
 * clang/LLVM rewrites every call to `setjmp` and every use of `longjmp`
 * (calls and address-taken uses alike) into calls to the runtime in
 * bridge/guest/setjmp_rt.c (__wasm_setjmp, __wasm_setjmp_test,
 * __wasm_longjmp); longjmp becomes a wasm `throw` of the __c_longjmp tag.
 * Nothing named setjmp/longjmp exists at link time, so a file compiled
 * without those flags fails to link ("undefined symbol: setjmp") instead of
 * misbehaving.  (No #error here: header-only consumers such as bindgen parse
 * png.h -> setjmp.h without the -mllvm flags.)
 *
 * The LLVM 22 pass recognises setjmp/longjmp (and _setjmp/_longjmp) but not
 * sigsetjmp, so the other spellings are macros onto setjmp/longjmp.  Signal
 * masks do not exist here, so sigsetjmp/siglongjmp are plain setjmp/longjmp.
 */
#ifndef CORDON_SETJMP_H
#define CORDON_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

/* State recorded by __wasm_setjmp and used by __wasm_longjmp (layout owned by
 * setjmp_rt.c; callers treat it as opaque).  16 bytes on wasm32. */
struct __cordon_jmp_buf {
    void *__invocation;   /* identifies the function activation that called setjmp */
    unsigned int __label; /* which setjmp call site inside that activation (never 0) */
    /* Payload of the thrown __c_longjmp exception.  LLVM's landing pad reads
     * the target env at offset 0 and the value at offset 4 of this pair. */
    void *__throw_env;
    int __throw_val;
};

typedef struct __cordon_jmp_buf jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf __env) __attribute__((__returns_twice__));
__attribute__((__noreturn__)) void longjmp(jmp_buf __env, int __val);

#define _setjmp(env) setjmp(env)
#define _longjmp(env, val) longjmp(env, val)
#define sigsetjmp(env, savemask) setjmp(env)
#define siglongjmp(env, val) longjmp(env, val)

#ifdef __cplusplus
}
#endif

#endif /* CORDON_SETJMP_H */
