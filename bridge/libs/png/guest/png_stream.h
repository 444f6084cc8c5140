/*
 * png_stream.h: the progressive (push) decoder's guest interface, on libpng's png_process_data.
 * The host feeds the file in chunks of any size; libpng calls the host's info, row and end
 * callbacks (function pointers the host registered) as data arrives. Read by cordon-build's
 * bindings generator, together with png.h.
 */
#ifndef CORDON_PNG_STREAM_H
#define CORDON_PNG_STREAM_H

#include "png_glue.h"

struct cordon_png_stream;

/* A stream whose libpng errors are recorded in its header (the stream's first member, so a
 * stream pointer is also a header pointer). NULL only when out of memory. */
struct cordon_png_stream *cordon_png_stream_new(png_progressive_info_ptr info_fn,
                                                png_progressive_row_ptr row_fn,
                                                png_progressive_end_ptr end_fn);

/* Feed `len` more bytes. Returns a CORDON_PNG_* status; on error the header has the message. */
uint32_t cordon_png_stream_push(struct cordon_png_stream *stream, png_bytep data, size_t len);

/* For the host's info callback: fill the header, set RGBA8 (or RGB8) output and start the
 * image (allocating libpng's row buffers). Sets header.out_rowbytes. */
uint32_t cordon_png_stream_start(struct cordon_png_stream *stream);

void cordon_png_stream_free(struct cordon_png_stream *stream);

#endif /* CORDON_PNG_STREAM_H */
