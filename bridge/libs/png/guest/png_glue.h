/*
 * png_glue.h: the PNG bridge's guest-side interface, compiled into the sandboxed module and,
 * for baselines, natively. The host reads `struct cordon_png_header` and the constants below
 * through bindings generated from this file (Rust for wasm32; bindgen for the native build);
 * all fields are 32-bit or char arrays, so the layout is the same natively.
 *
 * Output format: 8-bit RGBA, rows top to bottom (both decoders write 8-bit RGB for images
 * with neither alpha nor tRNS, and the host adds the opaque alpha as it copies out), no gamma
 * transformation (samples as stored, as most viewers and the pure-Rust `png` crate do);
 * palette, grey and tRNS expanded, 16-bit
 * samples scaled to 8 bits with rounding (libpng's png_set_scale_16: (v * 255 + 32895) >> 16).
 */
#ifndef CORDON_PNG_GLUE_H
#define CORDON_PNG_GLUE_H

#include <stddef.h>
#include <stdint.h>

/* Status codes (header.status and the return value of cordon_png_decode). */
#define CORDON_PNG_OK 0
#define CORDON_PNG_E_LIBPNG 1  /* libpng reported an error; see header.message */
#define CORDON_PNG_E_NOMEM 2   /* out of memory inside the sandbox */
#define CORDON_PNG_E_STATE 3   /* decode called on a decoder whose header failed */

/* Header flags. */
#define CORDON_PNG_HAS_GAMA 1u
#define CORDON_PNG_HAS_SRGB 2u
#define CORDON_PNG_HAS_ICCP 4u
#define CORDON_PNG_HAS_TRNS 8u
/* Set by either decoder when the image data's zlib stream was damaged after the last row (a bad
 * Adler-32, for one: libpng only warns then); the host treats it as an error. */
#define CORDON_PNG_DAMAGED_DATA 16u

#define CORDON_PNG_MESSAGE_SIZE 128

struct cordon_png_header {
    uint32_t status;       /* offset  0 */
    uint32_t width;        /* offset  4 */
    uint32_t height;       /* offset  8 */
    uint32_t bit_depth;    /* offset 12: as stored in IHDR */
    uint32_t color_type;   /* offset 16: as stored in IHDR */
    uint32_t interlace;    /* offset 20: 0 none, 1 Adam7 */
    uint32_t out_rowbytes; /* offset 24: bytes per output row, set by cordon_png_decode */
    uint32_t flags;        /* offset 28: CORDON_PNG_HAS_* */
    uint32_t gamma;        /* offset 32: file gamma x 100000 when gAMA is present */
    char message[CORDON_PNG_MESSAGE_SIZE]; /* offset 36: NUL-terminated libpng message */
};

struct cordon_png_decoder;

/* Parse the signature and every chunk up to the first IDAT, set up RGBA8 (or RGB8) output.
 * Allocates nothing that depends on the image size. Returns a decoder whose header the host reads
 * (status tells whether it worked), or NULL when even the decoder could not be allocated. */
struct cordon_png_decoder *cordon_png_begin(const uint8_t *data, size_t len);

/* Decode all rows into out (height rows of `stride` bytes: RGBA8, or RGB8 for an opaque
 * image, which the host tells from color_type and CORDON_PNG_HAS_TRNS). Fills header.out_rowbytes and
 * fails unless it equals `stride`. Returns a status code; on error the message is in the
 * header. Call at most once per decoder. */
uint32_t cordon_png_decode(struct cordon_png_decoder *dec, uint8_t *out, uint32_t stride);

/* Free the decoder and everything libpng allocated for it. */
void cordon_png_end(struct cordon_png_decoder *dec);

/* Shared by the one-shot and the progressive decoder (png_stream.c). */
#include <png.h>
void cordon_png_set_message(struct cordon_png_header *header, const char *text);
void cordon_png_on_error(png_structp png, png_const_charp text);
void cordon_png_on_warning(png_structp png, png_const_charp text);
void cordon_png_read_header_and_set_output(png_structp png, png_infop info,
                                           struct cordon_png_header *header);

#endif /* CORDON_PNG_GLUE_H */
