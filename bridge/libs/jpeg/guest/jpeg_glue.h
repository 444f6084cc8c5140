/*
 * jpeg_glue.h: the JPEG bridge's guest-side interface, compiled into the sandboxed module and,
 * for baselines, natively. The host reads `struct cordon_jpeg_header` and the constants below
 * through bindings generated from this file, so it holds only integer #defines and a flat
 * struct of uint32_t fields and char arrays (same layout on wasm32 and natively).
 *
 * Output format: 8-bit RGBA (alpha 255), rows top to bottom, libjpeg's default decoding
 * (JDCT_ISLOW, fancy upsampling, block smoothing for progressive files). Grey, YCbCr and RGB
 * files are converted by libjpeg (JCS_EXT_RGBA); CMYK and YCCK files are read as JCS_CMYK and
 * converted by the glue, with each channel rounded to nearest, (a * b + 127) / 255:
 *   Adobe APP14 marker present (inverted samples, as Photoshop writes them):
 *     R = C * K / 255,               G = M * K / 255,               B = Y * K / 255
 *   no Adobe marker (plain samples):
 *     R = (255 - C) * (255 - K) / 255, and the same for G (M) and B (Y).
 * No colour management (ICC profiles are ignored) and no EXIF rotation: the orientation is
 * only reported. Only 8-bit data precision is decoded; 12-bit and 16-bit (lossless) files fail
 * in cordon_jpeg_begin with CORDON_JPEG_E_LIBJPEG.
 */
#ifndef CORDON_JPEG_GLUE_H
#define CORDON_JPEG_GLUE_H

#include <stddef.h>
#include <stdint.h>

/* Status codes (header.status and the return value of cordon_jpeg_decode). */
#define CORDON_JPEG_OK 0
#define CORDON_JPEG_E_LIBJPEG 1 /* libjpeg error (error_exit), or a file the glue refuses
                                   (precision other than 8, unknown colour space); see message */
#define CORDON_JPEG_E_NOMEM 2   /* libjpeg ran out of memory inside the sandbox ("Insufficient
                                   memory", JERR_OUT_OF_MEMORY); message set. (When even the
                                   decoder cannot be allocated, begin returns NULL instead.) */
#define CORDON_JPEG_E_STATE 3   /* decode on a decoder whose begin failed, after its last row
                                   or after a failed decode; decode asked for 0 rows or more
                                   than are left; or begin with a scale_denom other than 1, 2,
                                   4 or 8 */
#define CORDON_JPEG_E_STRIDE 4  /* decode's stride is not out_width * 4 */

#define CORDON_JPEG_MESSAGE_SIZE 128

/* Header flags. */
#define CORDON_JPEG_PROGRESSIVE 1u /* SOF2/SOF10 */
#define CORDON_JPEG_ARITHMETIC 2u  /* arithmetic coding (SOF9/SOF10) */
#define CORDON_JPEG_ADOBE 4u       /* Adobe APP14 marker seen */
#define CORDON_JPEG_JFIF 8u        /* JFIF APP0 marker seen */
#define CORDON_JPEG_EXIF 16u       /* an APP1 block starting "Exif\0\0" was found */
#define CORDON_JPEG_RESTART 32u    /* restart interval (DRI) set before the first scan */

/* Colour space of the file: the values of libjpeg's J_COLOR_SPACE. */
#define CORDON_JPEG_CS_UNKNOWN 0
#define CORDON_JPEG_CS_GRAYSCALE 1
#define CORDON_JPEG_CS_RGB 2
#define CORDON_JPEG_CS_YCBCR 3
#define CORDON_JPEG_CS_CMYK 4
#define CORDON_JPEG_CS_YCCK 5

struct cordon_jpeg_header {
    uint32_t status;       /* offset   0: CORDON_JPEG_OK or an error code */
    uint32_t width;        /* offset   4: full size from SOF */
    uint32_t height;       /* offset   8 */
    uint32_t out_width;    /* offset  12: output size after 1/scale_denom scaling */
    uint32_t out_height;   /* offset  16 */
    uint32_t components;   /* offset  20: components in the file (1, 3 or 4 when accepted) */
    uint32_t color_space;  /* offset  24: CORDON_JPEG_CS_* */
    uint32_t precision;    /* offset  28: data precision from SOF (8, 12, 16 ...) */
    uint32_t flags;        /* offset  32: CORDON_JPEG_* flags */
    uint32_t orientation;  /* offset  36: EXIF orientation 1..8 (IFD0 tag 0x0112, SHORT,
                              count 1), 0 if absent or invalid; pixels are not rotated */
    uint32_t scale_denom;  /* offset  40: 1, 2, 4 or 8 as applied (1 for lossless files) */
    uint32_t out_rowbytes; /* offset  44: out_width * 4, set by the first cordon_jpeg_decode */
    uint32_t warnings;     /* offset  48: libjpeg warnings (corrupt data it recovered from,
                              e.g. a truncated file padded with grey) */
    char message[CORDON_JPEG_MESSAGE_SIZE]; /* offset  52: error text, NUL-terminated */
    char warning[CORDON_JPEG_MESSAGE_SIZE]; /* offset 180: first warning, "" if none */
    uint32_t coef_bytes;   /* offset 308: bytes libjpeg will allocate in decode for whole-image
                              buffers: full-size (unscaled) DCT coefficients, 2 bytes per
                              sample of every component padded to whole MCUs, for progressive
                              and other multi-scan files; 0 for single-scan files. Saturated at
                              0xffffffff. Not included: the output buffer and libjpeg's
                              row buffers (proportional to the width only). */
    uint32_t out_rows;     /* offset 312: rows decoded so far */
};                         /* size 316 */

struct cordon_jpeg_decoder;

/* Read the markers up to the first scan from data[0..len) (not copied: the buffer must stay
 * valid until cordon_jpeg_end) and set up RGBA8 output scaled by 1/scale_denom. Allocates
 * nothing whose size depends on the image dimensions, so the host can refuse huge images
 * (and large coef_bytes) before calling decode. Returns a decoder whose address is its
 * header's (status tells whether it worked), or NULL when the decoder could not be allocated.
 * An invalid scale_denom is refused (CORDON_JPEG_E_STATE), not clamped. */
struct cordon_jpeg_decoder *cordon_jpeg_begin(const uint8_t *data, size_t len,
                                              uint32_t scale_denom);

/* Decode the next `rows` rows (1 up to the rows left) into out (`rows` rows of `stride` bytes;
 * stride must be out_width * 4 on every call), top to bottom across calls: the host takes the
 * output in bands through one small buffer, or all of it in one call. The first call starts
 * libjpeg's decompression and sets header.out_rowbytes; every call adds to header.out_rows;
 * the call that decodes the last row finishes the decompression. Returns a status code; every
 * error except the first kind of CORDON_JPEG_E_STATE above is also stored in header.status,
 * with its message. Any call that gets past the state check and fails uses the decoder up. */
uint32_t cordon_jpeg_decode(struct cordon_jpeg_decoder *dec, uint8_t *out, uint32_t stride,
                            uint32_t rows);

/* Free the decoder and everything libjpeg allocated for it (also after any error). */
void cordon_jpeg_end(struct cordon_jpeg_decoder *dec);

#endif /* CORDON_JPEG_GLUE_H */
