/*
 * cordon_guest.h: the guest-side API every Cordon module links.
 *
 * Exports seen by the host (wasm export names in quotes):
 *   "cordon_alloc"   (u32 size) -> ptr   malloc inside the module's memory
 *   "cordon_free"    (ptr)               free
 *   "cordon_message" () -> ptr           NUL-terminated last message, "" if none
 *
 * Guest code records why it is about to trap with cordon_set_message(); the
 * host reads it via cordon_message() after the trap (abort, failed assert),
 * since linear memory outlives the trap, and then discards the instance.
 * The host empties the buffer before every call, so a message is only ever
 * attached to a trap of the call that wrote it, and shows it escaped to
 * printable ASCII, capped and quoted as the library's words.  Ordinary
 * errors travel in the library's own results.
 */
#ifndef CORDON_GUEST_H
#define CORDON_GUEST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Size of the message buffer, including the terminating NUL. */
#define CORDON_MESSAGE_SIZE 256

void *cordon_alloc(uint32_t size);
void cordon_free(void *ptr);
const char *cordon_message(void);

/* Copy `text` (no formatting is done) into the message buffer, truncating to
 * CORDON_MESSAGE_SIZE - 1 bytes; always NUL-terminates.  NULL clears it. */
void cordon_set_message(const char *text);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_GUEST_H */
