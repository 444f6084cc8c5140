/*
 * webp_glue.c: the WebP bridge's guest side, on libwebp's decoding, demux and animation APIs.
 *
 * Compiled into the sandboxed module (functions exported to the host) and natively for the
 * baseline (plain C functions), so both decode through exactly the same code.
 *
 * libwebp reports errors by return value (VP8StatusCode, or NULL/0), never by longjmp or
 * abort, so every failure here is an ordinary status in the header; nothing is printed.
 *
 * Out of memory: libwebp's VP8_STATUS_OUT_OF_MEMORY also covers data it cannot start to
 * decode (an alpha chunk whose header or lossless stream is corrupt: alpha_dec.c reports
 * "Alpha decoder initialization failed." with that code), and its animation decoder returns
 * 0 for every failure. So the glue watches the allocator: libwebp allocates only in
 * src/utils/utils.c, whose malloc and calloc the manifest renames to cordon_webp_malloc and
 * cordon_webp_calloc below. A failure is out of memory only if an allocation failed during
 * the call; otherwise it is the bitstream's. (A request above WEBP_MAX_ALLOCABLE_MEMORY,
 * 2 GiB, is refused before any allocation: a corrupt or hostile file's, reported as such.)
 */
#include <stdio.h> /* snprintf for messages only */
#include <stdlib.h>
#include <string.h>

#include "src/webp/decode.h"
#include "src/webp/demux.h"

#include "webp_glue.h"

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name)
#endif

/* The header's status values are libwebp's, so the host needs no libwebp header. */
_Static_assert(CORDON_WEBP_VP8_OUT_OF_MEMORY == VP8_STATUS_OUT_OF_MEMORY, "VP8StatusCode");
_Static_assert(CORDON_WEBP_VP8_INVALID_PARAM == VP8_STATUS_INVALID_PARAM, "VP8StatusCode");
_Static_assert(CORDON_WEBP_VP8_BITSTREAM_ERROR == VP8_STATUS_BITSTREAM_ERROR, "VP8StatusCode");
_Static_assert(CORDON_WEBP_VP8_UNSUPPORTED_FEATURE == VP8_STATUS_UNSUPPORTED_FEATURE,
               "VP8StatusCode");
_Static_assert(CORDON_WEBP_VP8_SUSPENDED == VP8_STATUS_SUSPENDED, "VP8StatusCode");
_Static_assert(CORDON_WEBP_VP8_USER_ABORT == VP8_STATUS_USER_ABORT, "VP8StatusCode");
_Static_assert(CORDON_WEBP_VP8_NOT_ENOUGH_DATA == VP8_STATUS_NOT_ENOUGH_DATA, "VP8StatusCode");
_Static_assert(sizeof(struct cordon_webp_header) == 184, "header layout");

struct cordon_webp_decoder {
    struct cordon_webp_header header; /* first, so the decoder's address is the header's */
    const uint8_t *data;              /* the host's copy of the file, valid until end */
    size_t len;
    WebPDemuxer *demux;    /* animations: the parsed container, from begin */
    WebPAnimDecoder *anim; /* animations: made by the first decode */
    uint32_t decoded;      /* frames decoded so far */
};

/* Set when an allocation libwebp asked for failed; cleared before each libwebp call that
 * reports failure without saying why. Thread-local for the native build (one thread per
 * call; a plain global in the single-threaded sandbox). */
static _Thread_local int allocation_failed;

void *cordon_webp_malloc(size_t size) {
    void *p = malloc(size);
    allocation_failed |= p == NULL;
    return p;
}

void *cordon_webp_calloc(size_t count, size_t size) {
    void *p = calloc(count, size);
    allocation_failed |= p == NULL;
    return p;
}

/* What a failed libwebp call's status means: `status` itself, except that out of memory
 * without a failed allocation, or no status at all (VP8_STATUS_OK from a call that returned
 * failure), is the bitstream's fault. */
static VP8StatusCode cause(VP8StatusCode status) {
    if (allocation_failed)
        return VP8_STATUS_OUT_OF_MEMORY;
    return status == VP8_STATUS_OUT_OF_MEMORY || status == VP8_STATUS_OK
               ? VP8_STATUS_BITSTREAM_ERROR
               : status;
}

static const char *status_text(VP8StatusCode status) {
    switch (status) {
    case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
    case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR: return "corrupt bitstream";
    case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
    case VP8_STATUS_SUSPENDED: return "decoding suspended";
    case VP8_STATUS_USER_ABORT: return "decoding aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA: return "not enough data (truncated file)";
    default: return "unknown status";
    }
}

/* Record a libwebp failure: status E_WEBP, its VP8StatusCode, and "<where>: <what>". */
static uint32_t fail(struct cordon_webp_decoder *dec, VP8StatusCode status, const char *where) {
    struct cordon_webp_header *h = &dec->header;
    h->status = CORDON_WEBP_E_WEBP;
    h->vp8_status = (uint32_t)status;
    snprintf(h->message, sizeof h->message, "%s: %s", where, status_text(status));
    return h->status;
}

/* The animation's container, loop count, background and the format of its frames. demux.c
 * has already checked every frame's bitstream header and its place on the canvas; reading
 * the headers again here only classifies them (lossy or lossless). */
static uint32_t begin_animation(struct cordon_webp_decoder *dec) {
    struct cordon_webp_header *h = &dec->header;
    WebPData whole = {dec->data, dec->len};
    WebPDemuxState state = WEBP_DEMUX_PARSE_ERROR;
    allocation_failed = 0;
    dec->demux = WebPDemuxPartial(&whole, &state);
    if (!dec->demux || state != WEBP_DEMUX_DONE)
        return fail(dec,
                    cause(state == WEBP_DEMUX_PARSE_ERROR ? VP8_STATUS_BITSTREAM_ERROR
                                                          : VP8_STATUS_NOT_ENOUGH_DATA),
                    "animation container");
    if (WebPDemuxGetI(dec->demux, WEBP_FF_CANVAS_WIDTH) != h->width ||
        WebPDemuxGetI(dec->demux, WEBP_FF_CANVAS_HEIGHT) != h->height)
        return fail(dec, VP8_STATUS_BITSTREAM_ERROR, "canvas size differs from the header's");
    h->frame_count = WebPDemuxGetI(dec->demux, WEBP_FF_FRAME_COUNT);
    h->loop_count = WebPDemuxGetI(dec->demux, WEBP_FF_LOOP_COUNT);
    h->background = WebPDemuxGetI(dec->demux, WEBP_FF_BACKGROUND_COLOR);
    if (h->frame_count == 0)
        return fail(dec, VP8_STATUS_BITSTREAM_ERROR, "animation without frames");
    int lossy = 0, lossless = 0;
    WebPIterator it;
    if (!WebPDemuxGetFrame(dec->demux, 1, &it))
        return fail(dec, VP8_STATUS_BITSTREAM_ERROR, "first frame");
    do {
        WebPBitstreamFeatures f;
        VP8StatusCode status = WebPGetFeatures(it.fragment.bytes, it.fragment.size, &f);
        if (status != VP8_STATUS_OK) {
            WebPDemuxReleaseIterator(&it);
            return fail(dec, status, "frame header");
        }
        lossless |= f.format == 2;
        lossy |= f.format != 2;
    } while (WebPDemuxNextFrame(&it));
    WebPDemuxReleaseIterator(&it);
    h->format = lossy && lossless ? CORDON_WEBP_FORMAT_MIXED
                : lossless        ? CORDON_WEBP_FORMAT_LOSSLESS
                                  : CORDON_WEBP_FORMAT_LOSSY;
    return CORDON_WEBP_OK;
}

EXPORT("cordon_webp_begin")
struct cordon_webp_decoder *cordon_webp_begin(const uint8_t *data, size_t len) {
    struct cordon_webp_decoder *dec = calloc(1, sizeof *dec);
    if (!dec)
        return NULL;
    struct cordon_webp_header *h = &dec->header;
    dec->data = data;
    dec->len = len;
    WebPBitstreamFeatures f;
    VP8StatusCode status = WebPGetFeatures(data, len, &f);
    if (status != VP8_STATUS_OK) {
        fail(dec, status, "header");
        return dec;
    }
    h->width = (uint32_t)f.width;
    h->height = (uint32_t)f.height;
    h->has_alpha = f.has_alpha != 0;
    h->animated = f.has_animation != 0;
    if (h->animated) {
        if (begin_animation(dec) != CORDON_WEBP_OK)
            return dec;
    } else {
        h->format = f.format == 2 ? CORDON_WEBP_FORMAT_LOSSLESS : CORDON_WEBP_FORMAT_LOSSY;
        h->frame_count = 1;
        h->loop_count = 1;
    }
    h->status = CORDON_WEBP_OK;
    return dec;
}

/* A still image straight into the host's buffer: WebPDecodeRGBAInto, with its status code. */
static uint32_t decode_still(struct cordon_webp_decoder *dec, uint8_t *out, size_t size) {
    struct cordon_webp_header *h = &dec->header;
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config))
        return fail(dec, VP8_STATUS_INVALID_PARAM, "decoder configuration");
    config.output.colorspace = MODE_RGBA;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = out;
    config.output.u.RGBA.stride = (int)h->out_rowbytes;
    config.output.u.RGBA.size = size;
    allocation_failed = 0;
    VP8StatusCode status = WebPDecode(dec->data, dec->len, &config);
    WebPFreeDecBuffer(&config.output); /* external memory: frees nothing of the host's */
    if (status != VP8_STATUS_OK)
        return fail(dec, cause(status), "image");
    if ((uint32_t)config.input.width != h->width || (uint32_t)config.input.height != h->height)
        return fail(dec, VP8_STATUS_BITSTREAM_ERROR, "image size changed after the header");
    return CORDON_WEBP_OK;
}

/* The next frame of an animation, composited by WebPAnimDecoder, copied to the host's buffer. */
static uint32_t decode_frame(struct cordon_webp_decoder *dec, uint8_t *out, size_t size) {
    struct cordon_webp_header *h = &dec->header;
    char where[64];
    if (!dec->anim) {
        WebPAnimDecoderOptions options;
        if (!WebPAnimDecoderOptionsInit(&options))
            return fail(dec, VP8_STATUS_INVALID_PARAM, "animation decoder options");
        options.color_mode = MODE_RGBA;
        options.use_threads = 0;
        WebPData whole = {dec->data, dec->len};
        /* begin parsed these very bytes with WebPGetFeatures and WebPDemux, as this does:
         * what can fail now is the allocation of the two canvases. */
        allocation_failed = 0;
        dec->anim = WebPAnimDecoderNew(&whole, &options);
        if (!dec->anim)
            return fail(dec, cause(VP8_STATUS_OK), "animation canvases");
        WebPAnimInfo info;
        if (!WebPAnimDecoderGetInfo(dec->anim, &info) || info.canvas_width != h->width ||
            info.canvas_height != h->height || info.frame_count != h->frame_count)
            return fail(dec, VP8_STATUS_BITSTREAM_ERROR, "animation changed after the header");
    }
    uint32_t number = dec->decoded + 1;
    snprintf(where, sizeof where, "frame %u", (unsigned)number);
    WebPIterator it;
    if (!WebPDemuxGetFrame(dec->demux, (int)number, &it))
        return fail(dec, VP8_STATUS_BITSTREAM_ERROR, where);
    uint32_t duration = (uint32_t)it.duration;
    WebPDemuxReleaseIterator(&it);
    uint8_t *canvas = NULL;
    int timestamp = 0;
    /* GetNext returns no status. begin checked this frame's header, so a failure is in its
     * data, or an allocation. */
    allocation_failed = 0;
    if (!WebPAnimDecoderGetNext(dec->anim, &canvas, &timestamp) || !canvas)
        return fail(dec, cause(VP8_STATUS_OK), where);
    memcpy(out, canvas, size);
    h->timestamp = (uint32_t)timestamp;
    h->duration = duration;
    return CORDON_WEBP_OK;
}

EXPORT("cordon_webp_decode")
uint32_t cordon_webp_decode(struct cordon_webp_decoder *dec, uint8_t *out, uint32_t stride) {
    if (!dec || dec->header.status != CORDON_WEBP_OK || dec->decoded >= dec->header.frame_count)
        return CORDON_WEBP_E_STATE;
    struct cordon_webp_header *h = &dec->header;
    h->out_rowbytes = h->width * 4; /* width <= 2^24 (VP8X): no overflow */
    if (stride != h->out_rowbytes || !out) {
        h->status = CORDON_WEBP_E_STRIDE;
        snprintf(h->message, sizeof h->message, "output row size differs from the stride");
        return h->status;
    }
    uint64_t size = (uint64_t)stride * h->height;
    if (size != (size_t)size)
        return fail(dec, VP8_STATUS_OUT_OF_MEMORY, "output buffer size");
    uint32_t status = h->animated ? decode_frame(dec, out, (size_t)size)
                                  : decode_still(dec, out, (size_t)size);
    if (status != CORDON_WEBP_OK)
        return status;
    dec->decoded++;
    h->frame_index = dec->decoded;
    return CORDON_WEBP_OK;
}

EXPORT("cordon_webp_end")
void cordon_webp_end(struct cordon_webp_decoder *dec) {
    if (!dec)
        return;
    WebPAnimDecoderDelete(dec->anim); /* both accept NULL */
    WebPDemuxDelete(dec->demux);
    free(dec);
}
