/*
 * font_glue.h: the font bridge's guest-side interface (FreeType), compiled into the sandboxed
 * module and, for baselines, natively. The host opens, sizes and closes faces and renders
 * single glyphs through FreeType's own API (bindings generated from freetype.h); this glue only
 * renders a whole line per call. The host reads `struct cordon_font_header` and the constants
 * through bindings generated from this file; every field is 32-bit or a char array, so the
 * layout is the same natively.
 *
 * A line of text is laid out and rendered inside the sandbox in one call (a loop of FreeType
 * calls per glyph across the boundary would cost more than the glyphs): UTF-8 decoded,
 * glyphs looked up, kerned with FT_Get_Kerning, advanced by their (hinted) advances, no
 * shaping. Output: 8-bit coverage (0 = none, 255 = full), rows top to bottom.
 */
#ifndef CORDON_FONT_GLUE_H
#define CORDON_FONT_GLUE_H

#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

/* Status codes (header.status and the return value of every call). */
#define CORDON_FONT_OK 0
#define CORDON_FONT_E_FREETYPE 1 /* FreeType returned an error: header.error, header.message */
#define CORDON_FONT_E_NOMEM 2    /* out of memory inside the sandbox */
#define CORDON_FONT_E_STATE 3    /* a call out of order (no size set, no measured line) */
#define CORDON_FONT_E_STRIDE 4   /* render: the buffer does not match the measured line */
#define CORDON_FONT_E_TOO_LARGE 5 /* measure: the line is wider or taller than 2^28 pixels */

/* Render flags (cordon_font_measure / cordon_font_render). */
#define CORDON_FONT_NO_HINTING 1u
#define CORDON_FONT_LCD 2u /* subpixel coverage: 3 bytes a pixel (R, G, B) */
/* Measure keeps every glyph's outline, never its coverage: the same line by the other path
 * (for tests, which compare the two). */
#define CORDON_FONT_KEEP_OUTLINES 4u

#define CORDON_FONT_MESSAGE_SIZE 128

struct cordon_font_header {
    uint32_t status;   /* offset  0 */
    int32_t error;     /* offset  4: the FreeType error code, when status is E_FREETYPE */
    uint32_t width;    /* offset  8: the measured line's bitmap, pixels */
    uint32_t height;   /* offset 12 */
    int32_t baseline;  /* offset 16: baseline row, from the top of the bitmap */
    int32_t advance;   /* offset 20: pen advance of the whole line, 26.6 pixels */
    uint32_t glyphs;   /* offset 24: glyphs in the measured line */
    uint32_t missing;  /* offset 28: characters the face has no glyph for */
    char message[CORDON_FONT_MESSAGE_SIZE]; /* offset 32: NUL-terminated error text */
};

struct cordon_font;

/* Line state for `face` (opened and sized by the host through FreeType's API; it must outlive
 * the state). NULL when out of memory or face is NULL. */
struct cordon_font *cordon_font_lines(FT_Face face);

/* Lay out the UTF-8 text at the face's current size and store the bitmap size it needs
 * (header width, height, baseline, advance, glyphs, missing). Keeps the first glyphs (up to
 * 1024, dropped by the next measure) so that render does not load, hint and render them
 * again: their rendered coverage while the line's stays within about 1 MiB (in a buffer kept
 * for the next line until cordon_font_lines_free), their outlines past that. Measure thus
 * does most of a line's allocating. */
uint32_t cordon_font_measure(struct cordon_font *font, const uint8_t *text, uint32_t len,
                             uint32_t flags);

/* Render the text measured last (same text, flags and size) into out: header.height rows of
 * `stride` bytes, stride equal to header.width (times 3 with CORDON_FONT_LCD). Glyph pixels outside the measured box (a
 * rasterizer overhang of the metrics) are clipped, never written. */
uint32_t cordon_font_render(struct cordon_font *font, const uint8_t *text, uint32_t len,
                            uint32_t flags, uint8_t *out, uint32_t stride);

/* Free the line state (not the face). */
void cordon_font_lines_free(struct cordon_font *font);

#endif /* CORDON_FONT_GLUE_H */
