/*
 * jpeg_glue.c: the JPEG bridge's guest side, on libjpeg-turbo's decompression API.
 *
 * Compiled into the sandboxed module (functions exported to the host) and natively for the
 * baseline (plain C functions), so both decode through exactly the same code.
 *
 * Errors: libjpeg's error_exit records the message in the header and longjmps back to the
 * setjmp in the exported function, so a corrupt file is an ordinary error return, never a
 * trap. Warnings are counted and the first one kept; nothing is ever printed.
 */
#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE; nothing here does any I/O */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "jpeg_glue.h"

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

struct cordon_jpeg_decoder {
    struct cordon_jpeg_header header; /* first, so the decoder's address is the header's */
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr err;
    jmp_buf jump; /* set by the exported function that is running */
    int stage;    /* STAGE_*: how far cordon_jpeg_decode has got */
};

enum { STAGE_BEGUN = 0, STAGE_DECODING = 1, STAGE_DONE = 2 };

static void set_text(char *dst, const char *text) {
    size_t n = strlen(text);
    if (n >= CORDON_JPEG_MESSAGE_SIZE)
        n = CORDON_JPEG_MESSAGE_SIZE - 1;
    memcpy(dst, text, n);
    dst[n] = '\0';
}

/* error_exit: record status and message, then unwind to the exported function's setjmp. */
static void on_error_exit(j_common_ptr cinfo) {
    struct cordon_jpeg_decoder *dec = cinfo->client_data;
    char text[JMSG_LENGTH_MAX];
    cinfo->err->format_message(cinfo, text);
    set_text(dec->header.message, text);
    dec->header.status = cinfo->err->msg_code == JERR_OUT_OF_MEMORY ? CORDON_JPEG_E_NOMEM
                                                                    : CORDON_JPEG_E_LIBJPEG;
    longjmp(dec->jump, 1);
}

/* emit_message: level -1 is a warning (corrupt data libjpeg recovered from); levels >= 0 are
 * trace messages, ignored. */
static void on_emit_message(j_common_ptr cinfo, int level) {
    struct cordon_jpeg_decoder *dec = cinfo->client_data;
    if (level >= 0)
        return;
    if (dec->header.warnings == 0) {
        char text[JMSG_LENGTH_MAX];
        cinfo->err->format_message(cinfo, text);
        set_text(dec->header.warning, text);
    }
    if (dec->header.warnings < UINT32_MAX)
        dec->header.warnings++;
    cinfo->err->num_warnings++;
}

static void on_output_message(j_common_ptr cinfo) {
    (void)cinfo; /* the default writes to stderr; the sandbox has none */
}

static uint32_t get16(const uint8_t *p, int le) {
    return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : (uint32_t)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p, int le) {
    return le ? get16(p, 1) | get16(p + 2, 1) << 16 : get16(p, 0) << 16 | get16(p + 2, 0);
}

/* EXIF orientation from the first saved APP1 "Exif\0\0" block: IFD0 tag 0x0112, type SHORT,
 * count 1, value 1..8; otherwise 0. Every read is checked against the block's length. */
static uint32_t exif_orientation(j_decompress_ptr cinfo, uint32_t *flags) {
    for (jpeg_saved_marker_ptr m = cinfo->marker_list; m; m = m->next) {
        if (m->marker != JPEG_APP0 + 1 || m->data_length < 6 || memcmp(m->data, "Exif\0\0", 6))
            continue;
        *flags |= CORDON_JPEG_EXIF;
        const uint8_t *tiff = m->data + 6;
        size_t len = m->data_length - 6;
        if (len < 8 || tiff[0] != tiff[1] || (tiff[0] != 'I' && tiff[0] != 'M'))
            return 0;
        int le = tiff[0] == 'I';
        uint32_t ifd = get32(tiff + 4, le);
        if (get16(tiff + 2, le) != 42 || ifd > len - 2)
            return 0;
        uint32_t entries = get16(tiff + ifd, le);
        for (uint32_t i = 0; i < entries; i++) {
            size_t at = ifd + 2 + (size_t)i * 12; /* <= 65535 + 2 + 786420: no overflow */
            if (at + 12 > len)
                return 0;
            if (get16(tiff + at, le) != 0x0112)
                continue;
            uint32_t value = get16(tiff + at + 8, le); /* SHORT: first 2 bytes of the value */
            if (get16(tiff + at + 2, le) != 3 || get32(tiff + at + 4, le) != 1)
                return 0;
            return value >= 1 && value <= 8 ? value : 0;
        }
        return 0;
    }
    return 0;
}

/* Bytes of the whole-image buffers jdcoefct.c (DCT) or jddiffct.c (lossless) will request for
 * a multi-scan file: per component, blocks padded to whole samp_factor units, 64 JCOEFs per
 * DCT block, one JSAMPLE per lossless sample. */
static uint32_t whole_image_bytes(j_decompress_ptr cinfo, int lossless) {
    if (!jpeg_has_multiple_scans(cinfo))
        return 0;
    uint64_t total = 0, unit = lossless ? sizeof(JSAMPLE) : sizeof(JBLOCK);
    for (int ci = 0; ci < cinfo->num_components; ci++) {
        const jpeg_component_info *c = &cinfo->comp_info[ci];
        uint64_t w = (c->width_in_blocks + c->h_samp_factor - 1) / c->h_samp_factor;
        uint64_t h = (c->height_in_blocks + c->v_samp_factor - 1) / c->v_samp_factor;
        total += w * c->h_samp_factor * h * c->v_samp_factor * unit;
    }
    return total > UINT32_MAX ? UINT32_MAX : (uint32_t)total;
}

/* CMYK row (4 bytes per pixel) to RGBA in place; see jpeg_glue.h for the formulas. */
static void cmyk_to_rgba(uint8_t *p, uint32_t width, int inverted) {
    for (uint32_t x = 0; x < width; x++, p += 4) {
        uint32_t k = inverted ? p[3] : 255u - p[3];
        for (int i = 0; i < 3; i++)
            p[i] = (uint8_t)(((inverted ? p[i] : 255u - p[i]) * k + 127) / 255);
        p[3] = 255;
    }
}

static struct cordon_jpeg_decoder *refuse(struct cordon_jpeg_decoder *dec, uint32_t status,
                                          const char *text) {
    dec->header.status = status;
    set_text(dec->header.message, text);
    return dec;
}

/* refuse, answering the status: for the decode calls. */
static uint32_t fail(struct cordon_jpeg_decoder *dec, uint32_t status, const char *text) {
    refuse(dec, status, text);
    return status;
}

EXPORT("cordon_jpeg_begin")
struct cordon_jpeg_decoder *cordon_jpeg_begin(const uint8_t *data, size_t len,
                                              uint32_t scale_denom) {
    struct cordon_jpeg_decoder *dec = calloc(1, sizeof *dec);
    if (!dec)
        return NULL;
    struct cordon_jpeg_header *h = &dec->header;
    j_decompress_ptr cinfo = &dec->cinfo;
    h->status = CORDON_JPEG_E_LIBJPEG;
    cinfo->err = jpeg_std_error(&dec->err); /* kept by jpeg_create_decompress */
    dec->err.error_exit = on_error_exit;
    dec->err.emit_message = on_emit_message;
    dec->err.output_message = on_output_message;
    cinfo->client_data = dec;
    if (scale_denom != 1 && scale_denom != 2 && scale_denom != 4 && scale_denom != 8)
        return refuse(dec, CORDON_JPEG_E_STATE, "scale_denom must be 1, 2, 4 or 8");

    /* No local is modified between here and a longjmp, so none needs to be volatile. */
    if (setjmp(dec->jump))
        return dec; /* status and message set by on_error_exit */
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, data, (unsigned long)len);
    /* APP1 for EXIF; libjpeg parses APP0 (JFIF) and APP14 (Adobe) itself. */
    jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xffff);
    jpeg_read_header(cinfo, TRUE);

    h->width = cinfo->image_width;
    h->height = cinfo->image_height;
    h->components = (uint32_t)cinfo->num_components;
    h->color_space = (uint32_t)cinfo->jpeg_color_space;
    h->precision = (uint32_t)cinfo->data_precision;
    h->flags = (cinfo->progressive_mode ? CORDON_JPEG_PROGRESSIVE : 0) |
               (cinfo->arith_code ? CORDON_JPEG_ARITHMETIC : 0) |
               (cinfo->saw_Adobe_marker ? CORDON_JPEG_ADOBE : 0) |
               (cinfo->saw_JFIF_marker ? CORDON_JPEG_JFIF : 0) |
               (cinfo->restart_interval ? CORDON_JPEG_RESTART : 0);
    h->orientation = exif_orientation(cinfo, &h->flags);
    /* After jpeg_read_header, min_DCT_scaled_size is the data unit: 8 for DCT, 1 lossless. */
    int lossless = cinfo->min_DCT_scaled_size == 1;
    h->coef_bytes = whole_image_bytes(cinfo, lossless);

    if (cinfo->data_precision != 8)
        return refuse(dec, CORDON_JPEG_E_LIBJPEG,
                      cinfo->data_precision == 12 ? "12-bit JPEG is not supported"
                      : cinfo->data_precision == 16
                          ? "16-bit (lossless) JPEG is not supported"
                          : "JPEG data precision other than 8 bits is not supported");
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: case JCS_RGB: case JCS_YCbCr:
        cinfo->out_color_space = JCS_EXT_RGBA;
        break;
    case JCS_CMYK: case JCS_YCCK:
        cinfo->out_color_space = JCS_CMYK; /* libjpeg does YCCK -> CMYK; the glue CMYK -> RGB */
        break;
    default:
        return refuse(dec, CORDON_JPEG_E_LIBJPEG, "unknown JPEG colour space");
    }
    /* libjpeg ignores scaling for lossless files (jdmaster.c); report what it will do. */
    cinfo->scale_num = 1;
    cinfo->scale_denom = lossless ? 1 : scale_denom;
    jpeg_calc_output_dimensions(cinfo);
    h->out_width = cinfo->output_width;
    h->out_height = cinfo->output_height;
    h->scale_denom = cinfo->scale_denom;
    h->status = CORDON_JPEG_OK;
    return dec;
}

/* The first decode call: size checks, then libjpeg's start. 0 on success, else a status. */
static uint32_t start(struct cordon_jpeg_decoder *dec, uint32_t stride) {
    struct cordon_jpeg_header *h = &dec->header;
    j_decompress_ptr cinfo = &dec->cinfo;
    h->out_rowbytes = h->out_width * 4; /* out_width <= 65500: no overflow */
    if (stride != h->out_rowbytes)
        return fail(dec, CORDON_JPEG_E_STRIDE, "output row size differs from the buffer's stride");
    /* Allocates libjpeg's row and (multi-scan) coefficient buffers, and for multi-scan files
     * reads every scan: only now that the host has accepted the size. (Called under the
     * caller's setjmp.) */
    jpeg_start_decompress(cinfo);
    if (cinfo->output_width != h->out_width || cinfo->output_height != h->out_height ||
        cinfo->output_components != 4)
        return fail(dec, CORDON_JPEG_E_LIBJPEG, "output size changed after the header");
    return CORDON_JPEG_OK;
}

EXPORT("cordon_jpeg_decode")
uint32_t cordon_jpeg_decode(struct cordon_jpeg_decoder *dec, uint8_t *out, uint32_t stride,
                            uint32_t rows) {
    if (!dec || dec->header.status != CORDON_JPEG_OK || dec->stage == STAGE_DONE)
        return CORDON_JPEG_E_STATE;
    struct cordon_jpeg_header *h = &dec->header;
    j_decompress_ptr cinfo = &dec->cinfo;
    int first = dec->stage == STAGE_BEGUN;
    dec->stage = STAGE_DONE; /* until this call has succeeded: any failure uses it up */
    /* As in begin, nothing modified after setjmp is read after a longjmp. */
    if (setjmp(dec->jump))
        return h->status; /* set by on_error_exit */
    if (first) {
        uint32_t status = start(dec, stride);
        if (status != CORDON_JPEG_OK)
            return status;
    } else if (stride != h->out_rowbytes) {
        return fail(dec, CORDON_JPEG_E_STRIDE, "output row size changed between calls");
    }
    uint32_t left = h->out_height - h->out_rows;
    if (rows == 0 || rows > left)
        return fail(dec, CORDON_JPEG_E_STATE, "rows must be 1 up to the rows left");
    int cmyk = cinfo->out_color_space == JCS_CMYK, inverted = cinfo->saw_Adobe_marker;
    for (uint32_t i = 0; i < rows; i++) {
        JSAMPROW row = out + (size_t)i * stride;
        /* jpeg_mem_src never suspends (it pads a truncated file), so 0 rows is a bug. */
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1)
            return fail(dec, CORDON_JPEG_E_LIBJPEG, "libjpeg returned no scanline");
        if (cmyk)
            cmyk_to_rgba(row, h->out_width, inverted);
    }
    h->out_rows += rows;
    if (h->out_rows == h->out_height)
        jpeg_finish_decompress(cinfo);
    else
        dec->stage = STAGE_DECODING;
    return CORDON_JPEG_OK;
}

EXPORT("cordon_jpeg_end")
void cordon_jpeg_end(struct cordon_jpeg_decoder *dec) {
    if (!dec)
        return;
    jpeg_destroy_decompress(&dec->cinfo); /* safe at any stage, even before create */
    free(dec);
}
