/*
 * bulk_memory.c: memcpy, memmove and memset on wasm's bulk-memory instructions.
 *
 * Debian's wasi-libc (2022) implements these as C loops. Defined here, they win over the
 * libc.a members (wasm-ld only pulls an archive member for a still-undefined symbol), and
 * large copies become one memory.copy / memory.fill that the engine runs as a native memcpy
 * or memset. Small sizes stay in a plain loop, where an instruction's fixed cost would
 * dominate.
 */
#include <stddef.h>
#include <stdint.h>

#ifndef __wasm_bulk_memory__
#error "bulk_memory.c needs the bulk-memory feature (clang 20+ enables it for wasm32 by default)"
#endif

#define SMALL 32

void *memcpy(void *restrict dest, const void *restrict src, size_t n) {
    if (n > SMALL)
        return __builtin_memcpy(dest, src, n); /* lowered to memory.copy, not a call */
    unsigned char *d = dest;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dest;
}

void *memmove(void *dest, const void *src, size_t n) {
    if (n > SMALL)
        return __builtin_memmove(dest, src, n); /* memory.copy handles overlap */
    unsigned char *d = dest;
    const unsigned char *s = src;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dest;
}

void *memset(void *dest, int c, size_t n) {
    if (n > SMALL)
        return __builtin_memset(dest, c, n); /* lowered to memory.fill */
    unsigned char *d = dest;
    while (n--)
        *d++ = (unsigned char)c;
    return dest;
}
