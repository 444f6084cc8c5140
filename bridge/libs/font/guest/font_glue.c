/*
 * font_glue.c: the font bridge's guest side: a line of text laid out and rendered in one call
 * (see font_glue.h for the model). Faces are opened, sized and closed by the host through
 * FreeType's own API (generated bindings); only the per-glyph loop of a line lives here.
 *
 * Compiled into the sandboxed module (functions exported to the host) and natively for the
 * baseline, so both render through exactly the same code. Arithmetic on positions is done in
 * 64 bits here whatever FreeType's FT_Pos is (32-bit on wasm32), so the glue cannot overflow.
 */
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_OUTLINE_H

#include "font_glue.h"

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

/* The largest line bitmap side the glue will measure; the host's limits are far lower. */
#define MAX_SIDE (1 << 28)

/* Glyphs of a measured line kept for render, so each is loaded and hinted once, not once to
 * measure and again to render; glyphs past this many are loaded again by render, so a long
 * text cannot make measure hold more. */
#define KEPT_GLYPHS 1024

/* Measure renders each glyph while it is in FreeType's slot and keeps its coverage in one
 * buffer for render to draw, as long as the line's coverage stays within about this many
 * bytes (text sizes; the check is an estimate from the glyph's metrics, made before rendering
 * it); past that (display sizes) it keeps the glyph's outline instead (an FT_Glyph, a few KiB)
 * and render renders it. The buffer is reused by the next line and freed with the line
 * state. Keeping coverage spares every glyph an outline copy,
 * a second rendering set-up and a dozen allocations. */
#define KEPT_COVERAGE (1u << 20)

/* A glyph of the measured line as measure loaded it: for render. */
struct kept {
    FT_Glyph glyph;  /* its outline, when its coverage was not kept; else NULL */
    FT_Bitmap bitmap; /* its coverage (`buffer` unused: it starts `at` in font->coverage) */
    size_t at;
    FT_Int left, top; /* the coverage's top-left pixel relative to the glyph's origin */
    int64_t pen;      /* pen position of its origin, 26.6 */
    int64_t advance;  /* its advance, 26.6 */
    FT_UInt index;    /* glyph index (kerning of the next glyph) */
    uint8_t drawn;    /* measure rendered it: coverage kept (maybe empty) */
};

struct cordon_font {
    struct cordon_font_header header; /* first, so the handle's address is the header's */
    FT_Face face;                     /* the host's face: opened and closed through FreeType */
    int64_t left; /* measured line: leftmost ink column relative to the pen's start */
    uint32_t measured_len, measured_flags, measured_ppem, measured;
    struct kept *kept; /* the measured line's first `count` glyphs (up to KEPT_GLYPHS) */
    uint32_t count;
    uint8_t *coverage; /* kept glyphs' coverage, `used` of `capacity` bytes */
    size_t used, capacity;
};

static void forget(struct cordon_font *font) {
    for (uint32_t i = 0; i < font->count; i++)
        FT_Done_Glyph(font->kept[i].glyph);
    font->count = 0;
    font->used = 0;
}

static void set_message(struct cordon_font *font, const char *text) {
    size_t n = strlen(text);
    if (n >= CORDON_FONT_MESSAGE_SIZE)
        n = CORDON_FONT_MESSAGE_SIZE - 1;
    memcpy(font->header.message, text, n);
    font->header.message[n] = '\0';
}

static uint32_t fail(struct cordon_font *font, FT_Error error) {
    const char *text = FT_Error_String(error);
    font->header.error = error;
    set_message(font, text ? text : "FreeType error");
    return font->header.status =
               error == FT_Err_Out_Of_Memory ? CORDON_FONT_E_NOMEM : CORDON_FONT_E_FREETYPE;
}

/* The face's pixel size now (0 before the host set one). */
static uint32_t ppem(FT_Face face) { return face->size ? face->size->metrics.y_ppem : 0; }

EXPORT("cordon_font_lines")
struct cordon_font *cordon_font_lines(FT_Face face) {
    if (!face)
        return NULL;
    struct cordon_font *font = calloc(1, sizeof *font);
    if (font)
        font->face = face;
    return font;
}

/* Next code point of UTF-8 text at *at (advanced); malformed sequences give U+FFFD. */
static uint32_t next_code_point(const uint8_t *text, uint32_t len, uint32_t *at) {
    uint32_t i = *at, c = text[i++];
    uint32_t extra = c < 0x80 ? 0 : c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 9;
    if (extra == 9) {
        *at = i;
        return 0xfffd;
    }
    uint32_t cp = extra ? c & (0x3f >> extra) : c;
    for (uint32_t k = 0; k < extra; k++) {
        if (i >= len || (text[i] & 0xc0) != 0x80) {
            *at = i;
            return 0xfffd;
        }
        cp = cp << 6 | (text[i++] & 0x3f);
    }
    *at = i;
    static const uint32_t least[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
        return 0xfffd;
    return cp;
}

static int64_t floor64(int64_t v) { return v >= 0 ? v / 64 : -((-v + 63) / 64); }
static int64_t ceil64(int64_t v) { return -floor64(-v); }

/* One glyph of the line: kerned against the previous one, loaded (hinted unless asked not
 * to). *pen is the pen position in 26.6 before the glyph; on return, the glyph's origin. */
static FT_Error load_next(struct cordon_font *font, uint32_t cp, FT_UInt *previous, int64_t *pen,
                          uint32_t flags) {
    FT_Face face = font->face;
    FT_UInt glyph = FT_Get_Char_Index(face, cp);
    if (!glyph)
        font->header.missing++;
    if (*previous && FT_HAS_KERNING(face)) {
        FT_Vector delta;
        if (!FT_Get_Kerning(face, *previous, glyph, FT_KERNING_DEFAULT, &delta))
            *pen += delta.x;
    }
    *previous = glyph;
    FT_Int32 load = FT_LOAD_NO_BITMAP |
                    (flags & CORDON_FONT_LCD ? FT_LOAD_TARGET_LCD : FT_LOAD_TARGET_NORMAL);
    if (flags & CORDON_FONT_NO_HINTING)
        load |= FT_LOAD_NO_HINTING;
    return FT_Load_Glyph(face, glyph, load);
}

static FT_Render_Mode render_mode(uint32_t flags) {
    return flags & CORDON_FONT_LCD ? FT_RENDER_MODE_LCD : FT_RENDER_MODE_NORMAL;
}

/* Render the outline in the slot with its origin at the pen's fraction of a pixel (only
 * unhinted text has one; hinted pens are whole pixels, so nothing moves). */
static FT_Error render_slot(FT_GlyphSlot slot, int64_t pen, uint32_t flags) {
    if (pen & 63)
        FT_Outline_Translate(&slot->outline, (FT_Pos)(pen & 63), 0);
    return FT_Render_Glyph(slot, render_mode(flags));
}

/* Render the glyph in the slot (render_slot) and keep its coverage in `k`, if the line's
 * coverage stays within KEPT_COVERAGE; else keep its outline. */
static FT_Error keep(struct cordon_font *font, struct kept *k, int64_t pen, uint32_t flags) {
    FT_GlyphSlot slot = font->face->glyph;
    /* A bound on the coverage from the glyph's size (3 bytes a pixel for LCD, its filter's
     * extra pixel each side, a pixel of rounding), before rendering it. */
    uint64_t wide = (uint64_t)(slot->metrics.width / 64) + 4;
    uint64_t high = (uint64_t)(slot->metrics.height / 64) + 4;
    if (flags & CORDON_FONT_KEEP_OUTLINES || slot->metrics.width < 0 ||
        slot->metrics.height < 0 || font->used >= KEPT_COVERAGE ||
        wide * 3 * high > KEPT_COVERAGE - font->used)
        return FT_Get_Glyph(slot, &k->glyph);
    FT_Error error = render_slot(slot, pen, flags);
    if (error)
        return error;
    const FT_Bitmap *b = &slot->bitmap;
    size_t size = (size_t)b->rows * (size_t)(b->pitch < 0 ? -b->pitch : b->pitch);
    if (size > font->capacity - font->used) {
        /* Doubling, but not past the budget unless this glyph needs it. */
        size_t doubled = 2 * font->capacity < KEPT_COVERAGE ? 2 * font->capacity : KEPT_COVERAGE;
        size_t capacity = font->used + size > doubled ? font->used + size : doubled;
        uint8_t *grown = realloc(font->coverage, capacity);
        if (!grown)
            return FT_Err_Out_Of_Memory;
        font->coverage = grown;
        font->capacity = capacity;
    }
    if (size)
        memcpy(font->coverage + font->used, b->buffer, size);
    k->bitmap = *b;
    k->bitmap.buffer = NULL;
    k->at = font->used;
    k->left = slot->bitmap_left;
    k->top = slot->bitmap_top;
    k->drawn = 1;
    font->used += size;
    return 0;
}

EXPORT("cordon_font_measure")
uint32_t cordon_font_measure(struct cordon_font *font, const uint8_t *text, uint32_t len,
                             uint32_t flags) {
    if (!font || !ppem(font->face))
        return CORDON_FONT_E_STATE;
    struct cordon_font_header *h = &font->header;
    FT_Size_Metrics *m = &font->face->size->metrics;
    font->measured = 0;
    forget(font);
    if (!font->kept && !(font->kept = malloc(KEPT_GLYPHS * sizeof *font->kept)))
        return fail(font, FT_Err_Out_Of_Memory);
    h->glyphs = h->missing = 0;
    /* Start from the line box (ascender to descender) and grow it by every glyph's ink. */
    int64_t top = ceil64(m->ascender), bottom = floor64(m->descender), left = 0, right = 0;
    int64_t pen = 0;
    FT_UInt previous = 0;
    for (uint32_t at = 0; at < len;) {
        uint32_t cp = next_code_point(text, len, &at);
        FT_Error error = load_next(font, cp, &previous, &pen, flags);
        if (!error && h->glyphs < KEPT_GLYPHS) {
            struct kept *k = &font->kept[font->count];
            k->glyph = NULL;
            k->drawn = 0;
            k->pen = pen;
            k->advance = font->face->glyph->advance.x;
            k->index = previous;
            if (font->face->glyph->format == FT_GLYPH_FORMAT_OUTLINE)
                error = keep(font, k, pen, flags);
            if (!error)
                font->count++;
        }
        if (error)
            return fail(font, error);
        FT_Glyph_Metrics *g = &font->face->glyph->metrics;
        if (g->width > 0 && g->height > 0) {
            int64_t x0 = pen + g->horiBearingX, y1 = g->horiBearingY;
            if (floor64(x0) < left)
                left = floor64(x0);
            if (ceil64(x0 + g->width) > right)
                right = ceil64(x0 + g->width);
            if (ceil64(y1) > top)
                top = ceil64(y1);
            if (floor64(y1 - g->height) < bottom)
                bottom = floor64(y1 - g->height);
        }
        pen += font->face->glyph->advance.x;
        h->glyphs++;
        if (pen > (int64_t)MAX_SIDE * 64 || pen < -(int64_t)MAX_SIDE * 64) {
            set_message(font, "line too long");
            return h->status = CORDON_FONT_E_TOO_LARGE;
        }
    }
    if (ceil64(pen) > right)
        right = ceil64(pen);
    if (flags & CORDON_FONT_NO_HINTING)
        right += 1; /* unhinted glyphs are drawn up to a pixel right of their metrics */
    if (flags & CORDON_FONT_LCD) {
        left -= 1; /* the LCD filter spreads coverage a pixel beyond the outline each side */
        right += 1;
    }
    if (right - left > MAX_SIDE || top - bottom > MAX_SIDE) {
        set_message(font, "line too large");
        return h->status = CORDON_FONT_E_TOO_LARGE;
    }
    h->width = (uint32_t)(right - left > 0 ? right - left : 1);
    h->height = (uint32_t)(top - bottom > 0 ? top - bottom : 1);
    h->baseline = (int32_t)top;
    h->advance = (int32_t)(pen > INT32_MAX ? INT32_MAX : pen);
    font->left = left;
    font->measured_len = len;
    font->measured_flags = flags;
    font->measured_ppem = ppem(font->face);
    font->measured = 1;
    return h->status = CORDON_FONT_OK;
}

/* Wasm SIMD128 for the function below only (natively clang uses SSE2 for the same loop). */
#ifdef __wasm__
#define VECTORISED __attribute__((target("simd128")))
#else
#define VECTORISED
#endif

/* Draw a rendered glyph's coverage `b` (bpp bytes a pixel: 1 gray, 3 LCD; its top-left pixel
 * `left` right of and `top` above the glyph's origin) with its origin at pixel column `x` of
 * the baseline, keeping the larger coverage where glyphs overlap; anything
 * outside the bitmap is clipped. The clipping is worked out once per glyph: bitmap byte c
 * belongs to line pixel x0 + c / bpp, so the bytes that land inside the line are
 * [max(0, -x0) * bpp, min(width, (line width - x0) * bpp)), and each row is then one plain
 * byte-wise maximum the compiler vectorises. */
VECTORISED static void draw(struct cordon_font *font, const FT_Bitmap *b, FT_Int left, FT_Int top,
                            int64_t x, uint8_t *out, uint32_t stride, uint32_t bpp) {
    if (b->pixel_mode != (bpp == 3 ? FT_PIXEL_MODE_LCD : FT_PIXEL_MODE_GRAY))
        return;
    int64_t x0 = x + left - font->left;
    int64_t y0 = (int64_t)font->header.baseline - top;
    int64_t first = x0 < 0 ? -x0 * bpp : 0;
    int64_t end = ((int64_t)font->header.width - x0) * bpp;
    if (end > (int64_t)b->width)
        end = b->width;
    if (first >= end)
        return;
    for (uint32_t r = 0; r < b->rows; r++) {
        int64_t y = y0 + r;
        if (y < 0 || y >= font->header.height)
            continue;
        const uint8_t *src = b->pitch >= 0 ? b->buffer + (size_t)r * (size_t)b->pitch
                                           : b->buffer + (size_t)(b->rows - 1 - r) * (size_t)-b->pitch;
        uint8_t *dst = out + (size_t)y * stride + (size_t)(x0 * (int64_t)bpp + first);
        src += first;
        for (int64_t c = 0; c < end - first; c++)
            if (src[c] > dst[c])
                dst[c] = src[c];
    }
}

EXPORT("cordon_font_render")
uint32_t cordon_font_render(struct cordon_font *font, const uint8_t *text, uint32_t len,
                            uint32_t flags, uint8_t *out, uint32_t stride) {
    if (!font || !font->measured || len != font->measured_len || flags != font->measured_flags ||
        ppem(font->face) != font->measured_ppem)
        return CORDON_FONT_E_STATE;
    uint32_t bpp = flags & CORDON_FONT_LCD ? 3 : 1;
    if ((uint64_t)stride != (uint64_t)font->header.width * bpp)
        return CORDON_FONT_E_STRIDE;
    memset(out, 0, (size_t)stride * font->header.height);
    uint32_t missing = font->header.missing; /* measure's count: loading again recounts */
    int64_t pen = 0;
    FT_UInt previous = 0;
    uint32_t i = 0;
    for (uint32_t at = 0; at < len; i++) {
        uint32_t cp = next_code_point(text, len, &at);
        if (i < font->count) {
            /* Kept by measure: draw its coverage, or render its outline, placed at the pen's
             * fraction of a pixel as render_slot() places it, and draw that. */
            struct kept *k = &font->kept[i];
            pen = k->pen;
            previous = k->index;
            if (k->drawn) {
                FT_Bitmap bitmap = k->bitmap;
                if (bitmap.rows && bitmap.width) { /* else no ink: a space */
                    bitmap.buffer = font->coverage + k->at;
                    draw(font, &bitmap, k->left, k->top, floor64(pen), out, stride, bpp);
                }
            } else if (k->glyph) {
                FT_Glyph image = k->glyph;
                FT_Vector origin = {(FT_Pos)(pen & 63), 0};
                FT_Error error = FT_Glyph_To_Bitmap(&image, render_mode(flags), &origin, 0);
                if (error)
                    return fail(font, error);
                FT_BitmapGlyph bitmap = (FT_BitmapGlyph)image;
                draw(font, &bitmap->bitmap, bitmap->left, bitmap->top, floor64(pen), out, stride,
                     bpp);
                FT_Done_Glyph(image);
            }
            pen += k->advance;
            continue;
        }
        FT_Error error = load_next(font, cp, &previous, &pen, flags);
        if (!error && font->face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
            error = render_slot(font->face->glyph, pen, flags);
        }
        if (error)
            return fail(font, error);
        FT_GlyphSlot slot = font->face->glyph;
        draw(font, &slot->bitmap, slot->bitmap_left, slot->bitmap_top, floor64(pen), out, stride, bpp);
        pen += slot->advance.x;
    }
    font->header.missing = missing;
    return font->header.status = CORDON_FONT_OK;
}

EXPORT("cordon_font_lines_free")
void cordon_font_lines_free(struct cordon_font *font) {
    if (!font)
        return;
    forget(font);
    free(font->kept);
    free(font->coverage);
    free(font);
}
