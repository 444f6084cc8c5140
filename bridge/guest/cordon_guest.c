/*
 * cordon_guest.c: exports common to every Cordon module, plus abort() and
 * __assert_fail() replacements that leave a message before trapping.
 *
 * Defining abort and __assert_fail here makes wasm-ld take these instead of
 * wasi-libc's (abort.o traps silently; assert.o formats through stdio to a
 * stderr that does not exist here, then aborts).
 */
#include <stdlib.h>
#include <cordon_guest.h>

static char message[CORDON_MESSAGE_SIZE];

__attribute__((export_name("cordon_alloc")))
void *cordon_alloc(uint32_t size) { return malloc(size); }

__attribute__((export_name("cordon_free")))
void cordon_free(void *ptr) { free(ptr); }

__attribute__((export_name("cordon_message")))
const char *cordon_message(void) { return message; }

/* Append `s` to the message at *pos, stopping one byte short of the end. */
static void append(size_t *pos, const char *s) {
    while (s && *s && *pos < CORDON_MESSAGE_SIZE - 1)
        message[(*pos)++] = *s++;
    message[*pos] = '\0';
}

void cordon_set_message(const char *text) {
    size_t pos = 0;
    append(&pos, text);
}

_Noreturn void abort(void) {
    cordon_set_message("abort called");
    __builtin_trap();
}

/* Called by wasi-libc's assert() macro; message:
 * "assertion failed: EXPR at FILE:LINE".  Formatted by hand so that a
 * failing assert does not drag printf into every module. */
_Noreturn void __assert_fail(const char *expr, const char *file, int line,
                             const char *func) {
    char digits[12];
    char *d = digits + sizeof digits;
    unsigned n = line < 0 ? 0u : (unsigned)line;
    size_t pos = 0;

    (void)func;
    *--d = '\0';
    do {
        *--d = (char)('0' + n % 10);
        n /= 10;
    } while (n);

    append(&pos, "assertion failed: ");
    append(&pos, expr);
    append(&pos, " at ");
    append(&pos, file);
    append(&pos, ":");
    append(&pos, d);
    __builtin_trap();
}
