/*
 * gif_glue.h: the GIF bridge's guest-side interface, compiled into the sandboxed module and,
 * for baselines, natively. The host reads `struct cordon_gif_header` and the constants below
 * through bindings generated from this file: integer #defines and a flat struct of 32-bit
 * fields and a char array (same layout on wasm32 and natively).
 *
 * Input: memory only. giflib pulls its input through a read function (DGifOpen's InputFunc);
 * here that function is glue over the buffer the host copied in, inside the sandbox. No
 * callback is granted to the library: its function table is not exported and no host code can
 * be reached from it. (cordon_kit::MemoryReader would serve the same bytes from the host, one
 * boundary crossing per read; it is for inputs too large to copy in at once.)
 *
 * Output: every frame composited onto the logical screen as 8-bit RGBA, the way browsers do:
 * the canvas starts transparent black (0,0,0,0); a frame's transparent index and palette
 * indices beyond its colour map leave the canvas pixel as it was; other pixels are written
 * opaque from the local colour map, else the global one; parts of a frame outside the screen
 * are clipped; interlaced frames are de-interlaced. Before the next frame, the previous one is
 * disposed of as its graphic control block says: DISPOSE_BACKGROUND clears its rectangle to
 * transparent black (as browsers do; the background colour index is only reported),
 * DISPOSE_PREVIOUS restores what was under it, anything else leaves it.
 */
#ifndef CORDON_GIF_GLUE_H
#define CORDON_GIF_GLUE_H

#include <stddef.h>
#include <stdint.h>

/* Status codes (header.status and the return value of cordon_gif_next). */
#define CORDON_GIF_OK 0
#define CORDON_GIF_END 1      /* no more frames: the trailer, or the end of the data at a
                                 record boundary (a missing trailer is tolerated) */
#define CORDON_GIF_E_GIFLIB 2 /* giflib refused the data (gif_error says why), or the glue did
                                 (an image without any colour map, an empty screen) */
#define CORDON_GIF_E_NOMEM 3  /* an allocation inside the sandbox failed */
#define CORDON_GIF_E_STATE 4  /* next on a decoder whose begin failed or that failed before */
#define CORDON_GIF_E_STRIDE 5 /* next's stride is not width * 4 */

#define CORDON_GIF_MESSAGE_SIZE 128

/* Header flags. */
#define CORDON_GIF_GLOBAL_MAP 1u    /* the screen has a global colour map */
#define CORDON_GIF_SCANNED 2u       /* begin walked every record: frames and loops are final */
#define CORDON_GIF_HAS_LOOP 4u      /* a NETSCAPE2.0/ANIMEXTS1.0 loop extension was seen */
#define CORDON_GIF_TRANSPARENCY 8u  /* some graphic control block sets a transparent index */
#define CORDON_GIF_SCAN_ERROR 16u   /* the scan stopped at an error (frames counts those before) */
#define CORDON_GIF_GIF89 32u        /* version 89a (else 87a) */

/* Frame flags. */
#define CORDON_GIF_FRAME_INTERLACED 1u
#define CORDON_GIF_FRAME_LOCAL_MAP 2u

struct cordon_gif_header {
    uint32_t status;          /* offset   0: CORDON_GIF_OK or an error code */
    uint32_t gif_error;       /* offset   4: giflib's D_GIF_ERR_* code, 0 if none */
    uint32_t width;           /* offset   8: logical screen (the canvas) */
    uint32_t height;          /* offset  12 */
    uint32_t flags;           /* offset  16: CORDON_GIF_* flags */
    uint32_t frames;          /* offset  20: image records found by begin's scan (0 unscanned) */
    uint32_t loop_count;      /* offset  24: the loop extension's count (0 forever) if seen */
    uint32_t background;      /* offset  28: background colour index, reported only */
    uint32_t frame_index;     /* offset  32: frames decoded so far by cordon_gif_next */
    uint32_t frame_left;      /* offset  36: the last frame's rectangle as stored */
    uint32_t frame_top;       /* offset  40 */
    uint32_t frame_width;     /* offset  44 */
    uint32_t frame_height;    /* offset  48 */
    uint32_t frame_delay;     /* offset  52: in hundredths of a second (0 when none) */
    uint32_t frame_disposal;  /* offset  56: DISPOSAL_* of its graphic control block (0..7) */
    int32_t frame_transparent;/* offset  60: transparent index, -1 for none */
    uint32_t frame_flags;     /* offset  64: CORDON_GIF_FRAME_* */
    char message[CORDON_GIF_MESSAGE_SIZE]; /* offset 68: error text, NUL-terminated */
};                            /* size 196 */

struct cordon_gif_decoder;

/* Read the screen descriptor and global colour map of data[0..len) (not copied: the buffer
 * must stay valid until cordon_gif_end). With scan != 0, also walk every record (skipping the
 * compressed image data, not decoding it) to count frames and find the loop count, then start
 * again. Allocates nothing whose size depends on the screen, so the host can refuse a huge
 * canvas before any frame. Returns a decoder whose address is its header's (status tells
 * whether it worked), or NULL when the decoder could not be allocated. */
struct cordon_gif_decoder *cordon_gif_begin(const uint8_t *data, size_t len, uint32_t scan);

/* Dispose of the previous frame, then decode the next one onto `canvas` (height rows of
 * `stride` bytes, stride = width * 4; the same buffer on every call: it is the animation's
 * state). Returns CORDON_GIF_OK with the frame_* fields set and frame_index advanced,
 * CORDON_GIF_END, or an error (also stored in header.status; the decoder is then spent). */
uint32_t cordon_gif_next(struct cordon_gif_decoder *dec, uint8_t *canvas, uint32_t stride);

/* Free the decoder and everything giflib allocated for it (also after any error). */
void cordon_gif_end(struct cordon_gif_decoder *dec);

#endif /* CORDON_GIF_GLUE_H */
