/*
 * font_glue.h: the font bridge's guest-side interface (FreeType), compiled into the sandboxed
 * module and, for baselines, natively. The host reads `struct cordon_font_header` and the
 * constants through bindings generated from this file; every field is 32-bit or a char array,
 * so the layout is the same natively.
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

/* Status codes (header.status and the return value of every call). */
#define CORDON_FONT_OK 0
#define CORDON_FONT_E_FREETYPE 1 /* FreeType returned an error: header.error, header.message */
#define CORDON_FONT_E_NOMEM 2    /* out of memory inside the sandbox */
#define CORDON_FONT_E_STATE 3    /* a call out of order (no face, no size, no measured line) */
#define CORDON_FONT_E_STRIDE 4   /* render: the buffer does not match the measured line */
#define CORDON_FONT_E_TOO_LARGE 5 /* measure: the line is wider or taller than 2^28 pixels */

/* Header flags (FreeType's face flags that the host reports). */
#define CORDON_FONT_SCALABLE 1u
#define CORDON_FONT_KERNING 2u
#define CORDON_FONT_FIXED_WIDTH 4u
#define CORDON_FONT_HINTER 8u /* the font has its own hinting (bytecode or PostScript hints) */
#define CORDON_FONT_ITALIC 16u
#define CORDON_FONT_BOLD 32u

/* Render flags (cordon_font_measure / cordon_font_render). */
#define CORDON_FONT_NO_HINTING 1u

#define CORDON_FONT_NAME_SIZE 64
#define CORDON_FONT_MESSAGE_SIZE 128

struct cordon_font_header {
    uint32_t status;       /* offset  0 */
    int32_t error;         /* offset  4: the FreeType error code, when status is E_FREETYPE */
    uint32_t num_faces;    /* offset  8: faces in the file (collections have several) */
    uint32_t face_index;   /* offset 12 */
    uint32_t num_glyphs;   /* offset 16 */
    uint32_t units_per_em; /* offset 20: 0 for non-scalable faces */
    int32_t ascender;      /* offset 24: font units */
    int32_t descender;     /* offset 28: font units, negative below the baseline */
    int32_t line_height;   /* offset 32: font units */
    uint32_t flags;        /* offset 36: CORDON_FONT_* face flags */
    uint32_t size_px;      /* offset 40: the pixel size set, 0 before cordon_font_set_size */
    uint32_t width;        /* offset 44: the measured line's bitmap, pixels */
    uint32_t height;       /* offset 48 */
    int32_t baseline;      /* offset 52: baseline row, from the top of the bitmap */
    int32_t advance;       /* offset 56: pen advance of the whole line, 26.6 pixels */
    uint32_t glyphs;       /* offset 60: glyphs in the measured line */
    uint32_t missing;      /* offset 64: characters the face has no glyph for */
    char family[CORDON_FONT_NAME_SIZE];     /* offset 68: NUL-terminated */
    char style[CORDON_FONT_NAME_SIZE];      /* offset 132 */
    char format[16];                        /* offset 196: FreeType's FT_Get_Font_Format */
    char message[CORDON_FONT_MESSAGE_SIZE]; /* offset 212: NUL-terminated error text */
};

struct cordon_font;

/* Open face `face_index` of the font file in data[0..len) (which must stay in place until
 * cordon_font_close) and fill the header. Returns NULL only when even the handle could not be
 * allocated; otherwise the header's status tells whether the face opened. */
struct cordon_font *cordon_font_open(const uint8_t *data, size_t len, uint32_t face_index);

/* Set the pixel size (em height in pixels). */
uint32_t cordon_font_set_size(struct cordon_font *font, uint32_t px);

/* Lay out the UTF-8 text and store the bitmap size it needs (header width, height, baseline,
 * advance, glyphs, missing). Allocates nothing. */
uint32_t cordon_font_measure(struct cordon_font *font, const uint8_t *text, uint32_t len,
                             uint32_t flags);

/* Render the text measured last (same text, same flags) into out: header.height rows of
 * `stride` bytes, stride equal to header.width. Glyph pixels outside the measured box (a
 * rasterizer overhang of the metrics) are clipped, never written. */
uint32_t cordon_font_render(struct cordon_font *font, const uint8_t *text, uint32_t len,
                            uint32_t flags, uint8_t *out, uint32_t stride);

/* Free the face, the library and the handle. */
void cordon_font_close(struct cordon_font *font);

#endif /* CORDON_FONT_GLUE_H */
