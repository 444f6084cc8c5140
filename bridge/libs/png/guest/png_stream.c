/*
 * png_stream.c: progressive decoding. Every entry point that can reach png_error has its own
 * setjmp; cordon_png_stream_start runs inside a push (re-entered from the host's info
 * callback), so it saves and restores the push's jmp_buf around its own.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "png_stream.h"

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

struct cordon_png_stream {
    struct cordon_png_header header; /* first: libpng's error pointer */
    png_structp png;
    png_infop info;
};

EXPORT("cordon_png_stream_new")
struct cordon_png_stream *cordon_png_stream_new(png_progressive_info_ptr info_fn,
                                                png_progressive_row_ptr row_fn,
                                                png_progressive_end_ptr end_fn) {
    struct cordon_png_stream *stream = calloc(1, sizeof *stream);
    if (!stream)
        return NULL;
    stream->header.status = CORDON_PNG_E_NOMEM;
    stream->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &stream->header,
                                         cordon_png_on_error, cordon_png_on_warning);
    if (stream->png)
        stream->info = png_create_info_struct(stream->png);
    if (!stream->png || !stream->info) {
        cordon_png_set_message(&stream->header, "out of memory creating the libpng decoder");
        return stream;
    }
    stream->header.status = CORDON_PNG_E_LIBPNG;
    if (setjmp(png_jmpbuf(stream->png)))
        return stream;
    /* The host judges dimensions (typed error, before any size-dependent allocation). */
    png_set_user_limits(stream->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_set_progressive_read_fn(stream->png, stream, info_fn, row_fn, end_fn);
    stream->header.status = CORDON_PNG_OK;
    return stream;
}

EXPORT("cordon_png_stream_push")
uint32_t cordon_png_stream_push(struct cordon_png_stream *stream, png_bytep data, size_t len) {
    if (!stream || stream->header.status != CORDON_PNG_OK)
        return CORDON_PNG_E_STATE;
    if (setjmp(png_jmpbuf(stream->png)))
        return stream->header.status = CORDON_PNG_E_LIBPNG;
    png_process_data(stream->png, stream->info, data, len);
    return CORDON_PNG_OK;
}

EXPORT("cordon_png_stream_start")
uint32_t cordon_png_stream_start(struct cordon_png_stream *stream) {
    if (!stream || stream->header.status != CORDON_PNG_OK)
        return CORDON_PNG_E_STATE;
    jmp_buf outer;
    memcpy(outer, png_jmpbuf(stream->png), sizeof outer);
    if (setjmp(png_jmpbuf(stream->png))) {
        memcpy(png_jmpbuf(stream->png), outer, sizeof outer);
        return stream->header.status = CORDON_PNG_E_LIBPNG;
    }
    cordon_png_read_header_and_set_output(stream->png, stream->info, &stream->header);
    png_read_update_info(stream->png, stream->info); /* starts the image, updates rowbytes */
    stream->header.out_rowbytes = (uint32_t)png_get_rowbytes(stream->png, stream->info);
    memcpy(png_jmpbuf(stream->png), outer, sizeof outer);
    return CORDON_PNG_OK;
}

EXPORT("cordon_png_stream_free")
void cordon_png_stream_free(struct cordon_png_stream *stream) {
    if (!stream)
        return;
    if (stream->png)
        png_destroy_read_struct(&stream->png, stream->info ? &stream->info : NULL, NULL);
    free(stream);
}
