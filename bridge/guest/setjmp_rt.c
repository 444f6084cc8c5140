/*
 * setjmp_rt.c: runtime for setjmp/longjmp lowered to wasm exceptions.
 *
 * Compile with clang-22 -mllvm -wasm-enable-sjlj -mllvm -wasm-use-legacy-eh=false
 * (this turns on the exception-handling feature that __builtin_wasm_throw needs).
 *
 * ABI, as emitted by LLVM 22's WebAssemblyLowerEmscriptenEHSjLj pass (checked
 * against clang-22 output):
 *   setjmp(env)        -> __wasm_setjmp(env, label, invocation_id); result 0
 *                         label: non-zero id of the setjmp site in its function
 *                         invocation_id: address unique to the running activation
 *   longjmp(env, val)  -> __wasm_longjmp(env, val), also for &longjmp
 *   landing pad        -> catches tag __c_longjmp (payload: one i32 pointer p),
 *                         loads env = *(void **)p, val = *(int *)(p + 4),
 *                         calls __wasm_setjmp_test(env, invocation_id):
 *                         non-zero label: resume at that setjmp returning val;
 *                         zero: not ours, re-throw with __wasm_longjmp(env, val).
 * The thrown pair lives inside the jmp_buf itself, so it stays valid while
 * the frames between longjmp and setjmp are unwound.
 */
#include <setjmp.h>
#include <stdint.h>

/* The exception tag every landing pad catches.  Object files only reference
 * it (an `env.__c_longjmp` tag import); it has to be defined exactly once in
 * the module or wasm-ld reports it undefined.  Its payload is one i32. */
__asm__(
    ".globl __c_longjmp\n"
    ".tagtype __c_longjmp i32\n"
    "__c_longjmp:\n");

void __wasm_setjmp(void *env, uint32_t label, void *invocation_id) {
    struct __cordon_jmp_buf *jb = env;
    if (label == 0 || invocation_id == 0)
        __builtin_trap(); /* the compiler never passes these: corrupt state */
    jb->__invocation = invocation_id;
    jb->__label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *invocation_id) {
    struct __cordon_jmp_buf *jb = env;
    if (jb->__label == 0)
        __builtin_trap(); /* longjmp to a jmp_buf that setjmp never filled */
    return jb->__invocation == invocation_id ? jb->__label : 0;
}

__attribute__((__noreturn__)) void __wasm_longjmp(void *env, int val) {
    struct __cordon_jmp_buf *jb = env;
    jb->__throw_env = env;
    jb->__throw_val = val == 0 ? 1 : val; /* C: longjmp(env, 0) returns 1 */
    /* Tag index 1 is LLVM's C longjmp tag, i.e. __c_longjmp. */
    __builtin_wasm_throw(1, &jb->__throw_env);
}
