/*
 * gif_glue.c: the GIF bridge's guest side, on giflib's record-by-record decoding API
 * (DGifOpen, DGifGetRecordType, DGifGetImageHeader, DGifGetLine, DGifGetExtension). Not
 * DGifSlurp: it would hold every frame's raster at once, before the host could apply its frame
 * and pixel limits. Compiled into the sandboxed module and natively for the baseline, so both
 * decode through exactly the same code. See gif_glue.h for the compositing rules.
 */
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "gif_glue.h"

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

struct cordon_gif_decoder {
    struct cordon_gif_header header; /* first, so the decoder's address is the header's */
    const uint8_t *data;
    size_t len, pos;
    GifFileType *gif;
    GraphicsControlBlock gcb;  /* of the next image (reset after each) */
    uint32_t dispose;          /* how to dispose of the last frame drawn */
    uint32_t dx, dy, dw, dh;   /* its rectangle, clipped to the screen */
    uint8_t *saved;            /* what was under it, for DISPOSE_PREVIOUS */
    size_t saved_size;
    GifPixelType *line;        /* one row of palette indices */
    size_t line_size;
    int ended;
};

/* giflib's InputFunc over the copied-in buffer. */
static int read_input(GifFileType *gif, GifByteType *buf, int len) {
    struct cordon_gif_decoder *dec = gif->UserData;
    size_t n = len > 0 ? (size_t)len : 0, left = dec->len - dec->pos;
    if (n > left)
        n = left;
    memcpy(buf, dec->data + dec->pos, n);
    dec->pos += n;
    return (int)n;
}

static uint32_t fail(struct cordon_gif_decoder *dec, uint32_t status, int gif_error,
                     const char *text) {
    dec->header.status = status;
    dec->header.gif_error = (uint32_t)gif_error;
    if (!text)
        text = gif_error == D_GIF_ERR_READ_FAILED ? "the data ends early (truncated GIF)"
                                                  : GifErrorString(gif_error);
    if (!text)
        text = "giflib gave no reason";
    size_t n = strlen(text);
    if (n >= CORDON_GIF_MESSAGE_SIZE)
        n = CORDON_GIF_MESSAGE_SIZE - 1;
    memcpy(dec->header.message, text, n);
    dec->header.message[n] = '\0';
    return status;
}

static uint32_t fail_giflib(struct cordon_gif_decoder *dec, int gif_error) {
    return fail(dec, gif_error == D_GIF_ERR_NOT_ENOUGH_MEM ? CORDON_GIF_E_NOMEM
                                                           : CORDON_GIF_E_GIFLIB,
                gif_error, NULL);
}

/* (Re)open giflib at the start of the data: reads the screen descriptor. */
static uint32_t open_gif(struct cordon_gif_decoder *dec) {
    int error = 0;
    if (dec->gif)
        DGifCloseFile(dec->gif, &error);
    dec->pos = 0;
    dec->gif = DGifOpen(dec, read_input, &error);
    if (!dec->gif)
        return fail_giflib(dec, error);
    return CORDON_GIF_OK;
}

/* One extension record: a graphic control block for the next image, a loop count, or
 * anything else (skipped). */
static uint32_t read_extension(struct cordon_gif_decoder *dec) {
    GifFileType *gif = dec->gif;
    int code;
    GifByteType *ext;
    if (DGifGetExtension(gif, &code, &ext) == GIF_ERROR)
        return fail_giflib(dec, gif->Error);
    if (code == GRAPHICS_EXT_FUNC_CODE && ext &&
        DGifExtensionToGCB(ext[0], ext + 1, &dec->gcb) == GIF_OK &&
        dec->gcb.TransparentColor != NO_TRANSPARENT_COLOR)
        dec->header.flags |= CORDON_GIF_TRANSPARENCY;
    int looping = code == APPLICATION_EXT_FUNC_CODE && ext && ext[0] == 11 &&
                  (!memcmp(ext + 1, "NETSCAPE2.0", 11) || !memcmp(ext + 1, "ANIMEXTS1.0", 11));
    while (ext) {
        if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR)
            return fail_giflib(dec, gif->Error);
        if (looping && ext && ext[0] >= 3 && ext[1] == 1) {
            dec->header.loop_count = ext[2] | (uint32_t)ext[3] << 8;
            dec->header.flags |= CORDON_GIF_HAS_LOOP;
        }
    }
    return CORDON_GIF_OK;
}

/* Move to the next image descriptor and read it: CORDON_GIF_OK, CORDON_GIF_END or an error. */
static uint32_t next_image(struct cordon_gif_decoder *dec) {
    for (;;) {
        GifRecordType type;
        if (dec->pos == dec->len)
            return CORDON_GIF_END; /* no trailer: the end of the data ends the file */
        if (DGifGetRecordType(dec->gif, &type) == GIF_ERROR)
            return fail_giflib(dec, dec->gif->Error);
        if (type == TERMINATE_RECORD_TYPE)
            return CORDON_GIF_END;
        if (type == IMAGE_DESC_RECORD_TYPE)
            return DGifGetImageHeader(dec->gif) == GIF_ERROR
                       ? fail_giflib(dec, dec->gif->Error)
                       : CORDON_GIF_OK;
        uint32_t status = read_extension(dec);
        if (status != CORDON_GIF_OK)
            return status;
    }
}

/* Skip the compressed data of the image whose descriptor was just read. */
static uint32_t skip_image(struct cordon_gif_decoder *dec) {
    GifByteType *block = NULL;
    do {
        if (DGifGetCodeNext(dec->gif, &block) == GIF_ERROR)
            return fail_giflib(dec, dec->gif->Error);
    } while (block);
    return CORDON_GIF_OK;
}

static void reset_gcb(struct cordon_gif_decoder *dec) {
    dec->gcb.DisposalMode = DISPOSAL_UNSPECIFIED;
    dec->gcb.UserInputFlag = 0;
    dec->gcb.DelayTime = 0;
    dec->gcb.TransparentColor = NO_TRANSPARENT_COLOR;
}

/* Count the frames and find the loop count, then start again at the screen descriptor. */
static void scan(struct cordon_gif_decoder *dec) {
    uint32_t status;
    while ((status = next_image(dec)) == CORDON_GIF_OK && skip_image(dec) == CORDON_GIF_OK) {
        dec->header.frames++;
        reset_gcb(dec);
    }
    if (dec->header.status != CORDON_GIF_OK) {
        dec->header.flags |= CORDON_GIF_SCAN_ERROR;
        dec->header.status = CORDON_GIF_OK; /* the frames before the error still decode */
        dec->header.gif_error = 0;
        dec->header.message[0] = '\0';
    }
    dec->header.flags |= CORDON_GIF_SCANNED;
    reset_gcb(dec);
    open_gif(dec);
}

EXPORT("cordon_gif_begin")
struct cordon_gif_decoder *cordon_gif_begin(const uint8_t *data, size_t len, uint32_t scan_all) {
    struct cordon_gif_decoder *dec = calloc(1, sizeof *dec);
    if (!dec)
        return NULL;
    dec->data = data;
    dec->len = len;
    reset_gcb(dec);
    if (open_gif(dec) != CORDON_GIF_OK)
        return dec;
    GifFileType *gif = dec->gif;
    struct cordon_gif_header *h = &dec->header;
    h->width = (uint32_t)gif->SWidth;
    h->height = (uint32_t)gif->SHeight;
    h->background = (uint32_t)gif->SBackGroundColor;
    h->flags = (gif->SColorMap ? CORDON_GIF_GLOBAL_MAP : 0) |
               (!memcmp(DGifGetGifVersion(gif), GIF89_STAMP, GIF_STAMP_LEN) ? CORDON_GIF_GIF89
                                                                            : 0);
    if (h->width == 0 || h->height == 0) {
        fail(dec, CORDON_GIF_E_GIFLIB, 0, "the logical screen is empty (0 pixels wide or high)");
        return dec;
    }
    if (scan_all)
        scan(dec);
    return dec;
}

static int reserve(uint8_t **buf, size_t *size, size_t need) {
    if (need <= *size)
        return 1;
    uint8_t *grown = realloc(*buf, need);
    if (!grown)
        return 0;
    *buf = grown;
    *size = need;
    return 1;
}

/* Undo or clear the last frame's rectangle as its disposal says. */
static void dispose(struct cordon_gif_decoder *dec, uint8_t *canvas, uint32_t stride) {
    for (uint32_t y = 0; y < dec->dh; y++) {
        uint8_t *row = canvas + (size_t)(dec->dy + y) * stride + (size_t)dec->dx * 4;
        if (dec->dispose == DISPOSE_BACKGROUND)
            memset(row, 0, (size_t)dec->dw * 4);
        else if (dec->dispose == DISPOSE_PREVIOUS)
            memcpy(row, dec->saved + (size_t)y * dec->dw * 4, (size_t)dec->dw * 4);
    }
    dec->dispose = DISPOSAL_UNSPECIFIED;
}

/* Decode the image whose descriptor was just read onto the canvas. */
static uint32_t draw(struct cordon_gif_decoder *dec, uint8_t *canvas, uint32_t stride) {
    GifFileType *gif = dec->gif;
    struct cordon_gif_header *h = &dec->header;
    const GifImageDesc *d = &gif->Image;
    const ColorMapObject *map = d->ColorMap ? d->ColorMap : gif->SColorMap;
    if (!map)
        return fail(dec, CORDON_GIF_E_GIFLIB, D_GIF_ERR_NO_COLOR_MAP, NULL);
    uint32_t x0 = (uint32_t)d->Left, y0 = (uint32_t)d->Top;
    uint32_t w = (uint32_t)d->Width, h_ = (uint32_t)d->Height;
    h->frame_left = x0, h->frame_top = y0, h->frame_width = w, h->frame_height = h_;
    h->frame_delay = (uint32_t)dec->gcb.DelayTime;
    h->frame_disposal = (uint32_t)dec->gcb.DisposalMode;
    h->frame_transparent = dec->gcb.TransparentColor;
    h->frame_flags = (d->Interlace ? CORDON_GIF_FRAME_INTERLACED : 0) |
                     (d->ColorMap ? CORDON_GIF_FRAME_LOCAL_MAP : 0);

    /* The clipped rectangle, and what is under it if it is to be restored. */
    uint32_t cw = x0 >= h->width ? 0 : (w < h->width - x0 ? w : h->width - x0);
    uint32_t ch = y0 >= h->height ? 0 : (h_ < h->height - y0 ? h_ : h->height - y0);
    if (dec->gcb.DisposalMode == DISPOSE_PREVIOUS && cw && ch) {
        if (!reserve(&dec->saved, &dec->saved_size, (size_t)cw * ch * 4))
            return fail(dec, CORDON_GIF_E_NOMEM, D_GIF_ERR_NOT_ENOUGH_MEM, NULL);
        for (uint32_t y = 0; y < ch; y++)
            memcpy(dec->saved + (size_t)y * cw * 4,
                   canvas + (size_t)(y0 + y) * stride + (size_t)x0 * 4, (size_t)cw * 4);
    }

    /* Palette as RGBA words; 0 (never an opaque colour) marks indices that draw nothing. */
    uint8_t table[256][4];
    memset(table, 0, sizeof table);
    for (int i = 0; i < map->ColorCount && i < 256; i++) {
        if (i == dec->gcb.TransparentColor)
            continue;
        table[i][0] = map->Colors[i].Red;
        table[i][1] = map->Colors[i].Green;
        table[i][2] = map->Colors[i].Blue;
        table[i][3] = 255;
    }

    if (w == 0 || h_ == 0) {
        uint32_t status = skip_image(dec);
        if (status != CORDON_GIF_OK)
            return status;
    } else {
        if (!reserve(&dec->line, &dec->line_size, w))
            return fail(dec, CORDON_GIF_E_NOMEM, D_GIF_ERR_NOT_ENOUGH_MEM, NULL);
        static const uint32_t first[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
        int passes = d->Interlace ? 4 : 1;
        for (int pass = 0; pass < passes; pass++) {
            for (uint32_t y = d->Interlace ? first[pass] : 0; y < h_;
                 y += d->Interlace ? step[pass] : 1) {
                if (DGifGetLine(gif, dec->line, (int)w) == GIF_ERROR)
                    return fail_giflib(dec, gif->Error);
                if (y >= ch)
                    continue;
                uint8_t *out = canvas + (size_t)(y0 + y) * stride + (size_t)x0 * 4;
                for (uint32_t x = 0; x < cw; x++, out += 4) {
                    const uint8_t *rgba = table[dec->line[x]];
                    if (rgba[3])
                        memcpy(out, rgba, 4);
                }
            }
        }
    }
    dec->dispose = (uint32_t)dec->gcb.DisposalMode;
    dec->dx = x0, dec->dy = y0, dec->dw = cw, dec->dh = ch;
    reset_gcb(dec);
    return CORDON_GIF_OK;
}

EXPORT("cordon_gif_next")
uint32_t cordon_gif_next(struct cordon_gif_decoder *dec, uint8_t *canvas, uint32_t stride) {
    if (!dec || dec->header.status != CORDON_GIF_OK || !dec->gif)
        return CORDON_GIF_E_STATE;
    if (dec->ended)
        return CORDON_GIF_END;
    if (stride != dec->header.width * 4) /* width <= 65535: no overflow */
        return fail(dec, CORDON_GIF_E_STRIDE, 0, "canvas row size differs from the stride");
    if (dec->header.frame_index == 0) /* the canvas starts transparent black */
        memset(canvas, 0, (size_t)stride * dec->header.height);
    else
        dispose(dec, canvas, stride);
    uint32_t status = next_image(dec);
    if (status == CORDON_GIF_END) {
        dec->ended = 1;
        return status;
    }
    if (status == CORDON_GIF_OK)
        status = draw(dec, canvas, stride);
    if (status == CORDON_GIF_OK)
        dec->header.frame_index++;
    return status;
}

EXPORT("cordon_gif_end")
void cordon_gif_end(struct cordon_gif_decoder *dec) {
    if (!dec)
        return;
    if (dec->gif) {
        int error;
        DGifCloseFile(dec->gif, &error);
    }
    free(dec->saved);
    free(dec->line);
    free(dec);
}
