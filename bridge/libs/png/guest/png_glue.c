/*
 * png_glue.c: the PNG bridge's guest side, on libpng's own (non-simplified) read API.
 *
 * Compiled into the sandboxed module (functions exported to the host) and natively for the
 * baseline (plain C functions), so both decode through exactly the same code.
 *
 * Errors: libpng's error callback records the message in the header and longjmps back to the setjmp in the exported function, so a corrupt
 * file is an ordinary error return, never a trap.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "png_glue.h"

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

struct cordon_png_decoder {
    struct cordon_png_header header; /* first, so the decoder's address is the header's */
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t len;
    size_t pos;
    png_bytep *rows;
};

void cordon_png_set_message(struct cordon_png_header *header, const char *text) {
    size_t n = strlen(text);
    if (n >= CORDON_PNG_MESSAGE_SIZE)
        n = CORDON_PNG_MESSAGE_SIZE - 1;
    memcpy(header->message, text, n);
    header->message[n] = '\0';
}

static void set_message(struct cordon_png_decoder *dec, const char *text) {
    cordon_png_set_message(&dec->header, text);
}

/* libpng's error callback; its error pointer is a struct cordon_png_header. */
void cordon_png_on_error(png_structp png, png_const_charp text) {
    cordon_png_set_message(png_get_error_ptr(png), text ? text : "libpng error");
    png_longjmp(png, 1);
}

/* libpng's warning callback. Warnings (e.g. a bad ancillary chunk's CRC) do not stop decoding,
 * but libpng also downgrades damage in the image data's zlib stream found after the last row
 * (a bad Adler-32 or code once the rows are full: "IDAT: incorrect data check", "Truncated
 * compressed data in IDAT") to a warning: record that, so both decoders fail on it
 * (CORDON_PNG_DAMAGED_DATA, which the host checks) instead of returning pixels whose checksum
 * failed. */
void cordon_png_on_warning(png_structp png, png_const_charp text) {
    struct cordon_png_header *header = png_get_error_ptr(png);
    if (text && (strstr(text, "compressed data") != NULL || strstr(text, "IDAT") != NULL)) {
        header->flags |= CORDON_PNG_DAMAGED_DATA;
        cordon_png_set_message(header, text);
    }
}

/* png_rw_ptr reading from the in-memory file. */
static void read_data(png_structp png, png_bytep out, size_t count) {
    struct cordon_png_decoder *dec = png_get_io_ptr(png);
    if (count > dec->len - dec->pos)
        png_error(png, "file truncated");
    memcpy(out, dec->data + dec->pos, count);
    dec->pos += count;
}

/* Fill the header from IHDR and the colour chunks, and set the transforms to RGBA8, or to RGB8
 * when the image has neither an alpha channel nor tRNS. */
void cordon_png_read_header_and_set_output(png_structp png, png_infop info,
                                           struct cordon_png_header *header) {
    png_uint_32 width, height;
    int bit_depth, color_type, interlace;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, &interlace,
                 NULL, NULL);
    header->width = width;
    header->height = height;
    header->bit_depth = (uint32_t)bit_depth;
    header->color_type = (uint32_t)color_type;
    header->interlace = (uint32_t)interlace;

    png_fixed_point gamma;
    if (png_get_gAMA_fixed(png, info, &gamma)) {
        header->flags |= CORDON_PNG_HAS_GAMA;
        header->gamma = (uint32_t)gamma;
    }
    int intent;
    if (png_get_sRGB(png, info, &intent))
        header->flags |= CORDON_PNG_HAS_SRGB;
    if (png_get_valid(png, info, PNG_INFO_iCCP))
        header->flags |= CORDON_PNG_HAS_ICCP;
    if (png_get_valid(png, info, PNG_INFO_tRNS))
        header->flags |= CORDON_PNG_HAS_TRNS;

    /* Transforms to RGBA8, samples as stored (no gamma correction). */
    png_set_expand(png); /* palette -> RGB, grey < 8 bits -> 8 bits, tRNS -> alpha */
    png_set_scale_16(png);
    png_set_gray_to_rgb(png);
    /* An opaque image's alpha byte is a constant the host adds while it copies the pixels
     * out (one pass it makes anyway); libpng's filler loop costs twice as much in wasm. */
    int opaque = !(color_type & PNG_COLOR_MASK_ALPHA) && !(header->flags & CORDON_PNG_HAS_TRNS);
    if (!opaque)
        png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
}

EXPORT("cordon_png_begin")
struct cordon_png_decoder *cordon_png_begin(const uint8_t *data, size_t len) {
    struct cordon_png_decoder *dec = calloc(1, sizeof *dec);
    if (!dec)
        return NULL;
    dec->data = data;
    dec->len = len;
    dec->header.status = CORDON_PNG_E_LIBPNG;

    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
        set_message(dec, "not a PNG file (bad signature)");
        return dec;
    }
    dec->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &dec->header, cordon_png_on_error,
                                      cordon_png_on_warning);
    if (dec->png)
        dec->info = png_create_info_struct(dec->png);
    if (!dec->png || !dec->info) {
        dec->header.status = CORDON_PNG_E_NOMEM;
        set_message(dec, "out of memory creating the libpng decoder");
        return dec;
    }
    if (setjmp(png_jmpbuf(dec->png)))
        return dec; /* status stays CORDON_PNG_E_LIBPNG, message set by on_error */

    /* Dimensions are the host's to judge (it refuses oversized images with a typed error
     * after reading this header), so libpng only enforces the format's own maximum here.
     * Nothing below allocates per-row memory before the host has said yes. */
    png_set_user_limits(dec->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_set_read_fn(dec->png, dec, read_data);
    png_read_info(dec->png, dec->info);

    cordon_png_read_header_and_set_output(dec->png, dec->info, &dec->header);

    dec->header.status = CORDON_PNG_OK;
    return dec;
}

EXPORT("cordon_png_decode")
uint32_t cordon_png_decode(struct cordon_png_decoder *dec, uint8_t *out, uint32_t stride) {
    if (!dec || dec->header.status != CORDON_PNG_OK || dec->rows)
        return CORDON_PNG_E_STATE;
    uint32_t height = dec->header.height;
    if (setjmp(png_jmpbuf(dec->png)))
        return dec->header.status = CORDON_PNG_E_LIBPNG;
    /* Allocates libpng's row buffers: only now that the host has accepted the size. */
    png_read_update_info(dec->png, dec->info);
    size_t rowbytes = png_get_rowbytes(dec->png, dec->info);
    dec->header.out_rowbytes = (uint32_t)rowbytes;
    if (rowbytes != stride)
        png_error(dec->png, "output row size differs from the buffer's stride");
    dec->rows = malloc((size_t)height * sizeof *dec->rows);
    if (!dec->rows) {
        set_message(dec, "out of memory for row pointers");
        return dec->header.status = CORDON_PNG_E_NOMEM;
    }
    for (uint32_t y = 0; y < height; y++)
        dec->rows[y] = out + (size_t)y * stride;
    png_read_image(dec->png, dec->rows);
    png_read_end(dec->png, NULL);
    return CORDON_PNG_OK;
}

EXPORT("cordon_png_end")
void cordon_png_end(struct cordon_png_decoder *dec) {
    if (!dec)
        return;
    if (dec->png)
        png_destroy_read_struct(&dec->png, dec->info ? &dec->info : NULL, NULL);
    free(dec->rows);
    free(dec);
}
