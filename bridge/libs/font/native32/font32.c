/*
 * font32.c: the driver of the font bridge's native 32-bit twin (FreeType and the glue built
 * with clang -m32, so FT_Long and FT_Pos are 32-bit as in the sandbox). The host
 * (cordon_font::native::Native32) talks to it over stdin/stdout; it makes the same FreeType
 * calls as the host-driven sandbox (src/renderer.rs) and the same glue calls for lines.
 *
 * Requests are a text line, some with a binary payload; replies are a text line ("ok ..." or
 * "err STATUS CODE"), some with a binary payload:
 *   font LEN INDEX\n <LEN bytes>           -> ok
 *   glyph SIZE HINTING LCD CODEPOINT\n      -> ok INDEX W H LEFT TOP ADVX ADVY N\n <N bytes>
 *   kern SIZE LEFT RIGHT\n                  -> ok X Y
 *   line SIZE FLAGS LEN\n <LEN bytes>       -> ok W H BASELINE ADVANCE GLYPHS MISSING\n <W*H*bpp>
 *   time SIZE FLAGS REPS LEN\n <LEN bytes>  -> ok NANOSECONDS   (REPS measure+render of a line)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_glue.h"

static FT_Library library;
static FT_Face face;
static struct cordon_font *lines;
static uint8_t *font_bytes;

static void *read_payload(unsigned long len) {
    uint8_t *data = malloc(len ? len : 1);
    if (!data || fread(data, 1, len, stdin) != len)
        exit(2);
    return data;
}

static void reply_error(int status, int code) {
    printf("err %d %d\n", status, code);
}

static void open_font(unsigned long len, unsigned long index) {
    if (lines)
        cordon_font_lines_free(lines);
    if (library)
        FT_Done_FreeType(library);
    free(font_bytes);
    lines = NULL, face = NULL, library = NULL;
    font_bytes = read_payload(len);
    FT_Error error = FT_Init_FreeType(&library);
    if (!error)
        error = FT_New_Memory_Face(library, font_bytes, (FT_Long)len, (FT_Long)index, &face);
    if (error)
        return reply_error(1, error);
    lines = cordon_font_lines(face);
    if (!lines) {
        face = NULL;
        return reply_error(2, 0);
    }
    printf("ok\n");
}

static void glyph(unsigned size, int hinting, int lcd, unsigned long cp) {
    FT_Error error = FT_Set_Pixel_Sizes(face, 0, size);
    FT_UInt index = FT_Get_Char_Index(face, cp);
    FT_Int32 load = FT_LOAD_NO_BITMAP | (lcd ? FT_LOAD_TARGET_LCD : FT_LOAD_TARGET_NORMAL) |
                    (hinting ? 0 : FT_LOAD_NO_HINTING);
    if (!error)
        error = FT_Load_Glyph(face, index, load);
    if (!error)
        error = FT_Render_Glyph(face->glyph, lcd ? FT_RENDER_MODE_LCD : FT_RENDER_MODE_NORMAL);
    if (error)
        return reply_error(1, error);
    FT_GlyphSlot slot = face->glyph;
    FT_Bitmap *b = &slot->bitmap;
    unsigned rows = b->width ? b->rows : 0, row_bytes = b->rows ? b->width : 0;
    printf("ok %u %u %u %d %d %ld %ld %u\n", index, row_bytes / (lcd ? 3 : 1), rows,
           slot->bitmap_left, slot->bitmap_top, (long)slot->advance.x, (long)slot->advance.y,
           rows * row_bytes);
    for (unsigned r = 0; r < rows; r++)
        fwrite(b->buffer + (size_t)r * b->pitch, 1, row_bytes, stdout);
}

static void kern(unsigned size, unsigned long left, unsigned long right) {
    FT_Vector delta = {0, 0};
    FT_Error error = FT_Set_Pixel_Sizes(face, 0, size);
    if (!error)
        error = FT_Get_Kerning(face, FT_Get_Char_Index(face, left),
                               FT_Get_Char_Index(face, right), FT_KERNING_DEFAULT, &delta);
    if (error)
        return reply_error(1, error);
    printf("ok %ld %ld\n", (long)delta.x, (long)delta.y);
}

/* Measure and render a line into a fresh buffer (as the host does); NULL on failure. */
static uint8_t *render(const uint8_t *text, unsigned len, unsigned flags, uint32_t *status) {
    const struct cordon_font_header *h = (const struct cordon_font_header *)lines;
    *status = cordon_font_measure(lines, text, len, flags);
    if (*status)
        return NULL;
    uint32_t stride = h->width * (flags & CORDON_FONT_LCD ? 3 : 1);
    uint8_t *out = malloc((size_t)stride * h->height);
    if (!out)
        exit(2);
    *status = cordon_font_render(lines, text, len, flags, out, stride);
    if (*status) {
        free(out);
        return NULL;
    }
    return out;
}

static void line(unsigned size, unsigned flags, unsigned len) {
    uint8_t *text = read_payload(len);
    const struct cordon_font_header *h = (const struct cordon_font_header *)lines;
    uint32_t status = CORDON_FONT_E_FREETYPE;
    FT_Error error = FT_Set_Pixel_Sizes(face, 0, size);
    uint8_t *out = error ? NULL : render(text, len, flags, &status);
    if (!out) {
        reply_error((int)status, error ? error : h->error);
    } else {
        printf("ok %u %u %d %d %u %u\n", h->width, h->height, h->baseline, h->advance, h->glyphs,
               h->missing);
        fwrite(out, 1, (size_t)h->width * h->height * (flags & CORDON_FONT_LCD ? 3 : 1), stdout);
    }
    free(out);
    free(text);
}

static void timed(unsigned size, unsigned flags, unsigned long reps, unsigned len) {
    uint8_t *text = read_payload(len);
    uint32_t status = 0;
    struct timespec start, end;
    FT_Set_Pixel_Sizes(face, 0, size);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (unsigned long i = 0; i < reps && !status; i++)
        free(render(text, len, flags, &status));
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (status)
        reply_error((int)status, 0);
    else
        printf("ok %lld\n", (long long)(end.tv_sec - start.tv_sec) * 1000000000LL +
                                (end.tv_nsec - start.tv_nsec));
    free(text);
}

int main(void) {
    char request[256];
    while (fgets(request, sizeof request, stdin)) {
        unsigned long a, b, c, d;
        unsigned size, flags;
        int hinting, lcd;
        if (sscanf(request, "font %lu %lu", &a, &b) == 2)
            open_font(a, b);
        else if (!face) {
            /* Consume a request's payload so the next request is read in step. */
            if (sscanf(request, "line %u %u %lu", &size, &flags, &a) == 3)
                free(read_payload(a));
            else if (sscanf(request, "time %u %u %lu %lu", &size, &flags, &c, &d) == 4)
                free(read_payload(d));
            reply_error(3, 0);
        } else if (sscanf(request, "glyph %u %d %d %lu", &size, &hinting, &lcd, &a) == 4)
            glyph(size, hinting, lcd, a);
        else if (sscanf(request, "kern %u %lu %lu", &size, &a, &b) == 3)
            kern(size, a, b);
        else if (sscanf(request, "line %u %u %lu", &size, &flags, &a) == 3)
            line(size, flags, (unsigned)a);
        else if (sscanf(request, "time %u %u %lu %lu", &size, &flags, &c, &d) == 4)
            timed(size, flags, c, (unsigned)d);
        else
            return 2;
        fflush(stdout);
    }
    return 0;
}
