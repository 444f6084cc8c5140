/*
 * webp_glue.h: the WebP bridge's guest-side interface, compiled into the sandboxed module and,
 * for baselines, natively. The host reads `struct cordon_webp_header` and the constants below
 * through bindings generated from this file, so it holds only integer #defines and a flat
 * struct of uint32_t fields and a char array (same layout on wasm32 and natively).
 *
 * Output format: 8-bit RGBA, not premultiplied, rows top to bottom, width * 4 bytes each
 * (libwebp's MODE_RGBA; opaque images get alpha 255). A still image is decoded with
 * WebPDecode into the host's buffer (what WebPDecodeRGBAInto does, keeping libwebp's status
 * code). An animation is composited by libwebp's WebPAnimDecoder (MODE_RGBA): each decode
 * call produces the next frame's full canvas, blended and disposed as the file says, starting
 * from a transparent canvas (the file's background colour is reported, never painted, as
 * libwebp's own animation decoder does). No colour management (ICC profiles are ignored).
 */
#ifndef CORDON_WEBP_GLUE_H
#define CORDON_WEBP_GLUE_H

#include <stddef.h>
#include <stdint.h>

/* Status codes (header.status and the return value of cordon_webp_decode). */
#define CORDON_WEBP_OK 0
#define CORDON_WEBP_E_WEBP 1   /* libwebp refused the file: header.vp8_status says why,
                                  header.message says where */
#define CORDON_WEBP_E_STATE 2  /* decode on a decoder whose begin failed, after an error, or
                                  past the last frame */
#define CORDON_WEBP_E_STRIDE 3 /* decode's stride is not width * 4 */

/* header.vp8_status: the values of libwebp's VP8StatusCode (checked in webp_glue.c), as the
 * glue settles them: OUT_OF_MEMORY only when an allocation failed during the call (libwebp
 * also uses it for corrupt alpha data), BITSTREAM_ERROR for a failure libwebp gives no reason
 * for (a frame its animation decoder could not decode). */
#define CORDON_WEBP_VP8_OK 0
#define CORDON_WEBP_VP8_OUT_OF_MEMORY 1
#define CORDON_WEBP_VP8_INVALID_PARAM 2
#define CORDON_WEBP_VP8_BITSTREAM_ERROR 3
#define CORDON_WEBP_VP8_UNSUPPORTED_FEATURE 4
#define CORDON_WEBP_VP8_SUSPENDED 5
#define CORDON_WEBP_VP8_USER_ABORT 6
#define CORDON_WEBP_VP8_NOT_ENOUGH_DATA 7

/* header.format: how the image data is compressed (libwebp's 1 and 2; 3 is the glue's). */
#define CORDON_WEBP_FORMAT_LOSSY 1    /* VP8, possibly with an ALPH chunk */
#define CORDON_WEBP_FORMAT_LOSSLESS 2 /* VP8L */
#define CORDON_WEBP_FORMAT_MIXED 3    /* an animation with lossy and lossless frames */

/* The longest frame duration an ANMF chunk can hold (24 bits, milliseconds). */
#define CORDON_WEBP_MAX_DURATION 0xffffff

#define CORDON_WEBP_MESSAGE_SIZE 128

struct cordon_webp_header {
    uint32_t status;       /* offset   0: CORDON_WEBP_OK or an error code */
    uint32_t vp8_status;   /* offset   4: CORDON_WEBP_VP8_* of an E_WEBP error, else 0 */
    uint32_t width;        /* offset   8: canvas width (the image's for a still) */
    uint32_t height;       /* offset  12: canvas height */
    uint32_t has_alpha;    /* offset  16: 1 if the file declares transparency, else 0 */
    uint32_t animated;     /* offset  20: 1 for an animation (VP8X animation flag), else 0 */
    uint32_t format;       /* offset  24: CORDON_WEBP_FORMAT_* (over all frames) */
    uint32_t frame_count;  /* offset  28: frames in the file; 1 for a still */
    uint32_t loop_count;   /* offset  32: ANIM loop count, 0 = forever; 1 for a still */
    uint32_t background;   /* offset  36: ANIM background colour as stored, bytes B, G, R, A
                              read little-endian (0xAARRGGBB); 0 for a still */
    uint32_t frame_index;  /* offset  40: 1-based number of the frame the last successful
                              decode produced; 0 before the first */
    uint32_t timestamp;    /* offset  44: when that frame ends, ms from the start (libwebp's
                              running sum of durations, modulo 2^32); 0 for a still */
    uint32_t duration;     /* offset  48: that frame's duration, ms (<= MAX_DURATION) */
    uint32_t out_rowbytes; /* offset  52: width * 4, set by cordon_webp_decode */
    char message[CORDON_WEBP_MESSAGE_SIZE]; /* offset 56: error text, NUL-terminated */
};                         /* size 184 */

struct cordon_webp_decoder;

/* Parse data[0..len) (not copied: the buffer must stay valid until cordon_webp_end): the
 * bitstream features, and for an animation the whole container (WebPDemux), every frame's
 * header, the loop count and background colour. Allocates nothing whose size depends on the
 * image dimensions, so the host can refuse huge canvases before calling decode. Returns a
 * decoder whose address is its header's (status tells whether it worked), or NULL when the
 * decoder could not be allocated. */
struct cordon_webp_decoder *cordon_webp_begin(const uint8_t *data, size_t len);

/* Decode the next frame into out (height rows of `stride` bytes; stride must be width * 4):
 * for a still, the image (frame 1 of 1); for an animation, the canvas after the next frame.
 * The first call for an animation creates libwebp's animation decoder, which allocates two
 * canvases of width * height * 4 bytes. Sets frame_index, timestamp, duration and
 * out_rowbytes. Returns a status code; every error except CORDON_WEBP_E_STATE is also stored
 * in header.status, with its message, and ends the decoder's use. Call at most frame_count
 * times. */
uint32_t cordon_webp_decode(struct cordon_webp_decoder *dec, uint8_t *out, uint32_t stride);

/* Free the decoder and everything libwebp allocated for it (also after any error). */
void cordon_webp_end(struct cordon_webp_decoder *dec);

#endif /* CORDON_WEBP_GLUE_H */
