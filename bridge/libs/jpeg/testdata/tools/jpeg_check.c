/* jpeg_check: reference decoder for Cordon's JPEG corpus (make_corpus.sh
 * builds it natively against the vendored libjpeg-turbo).
 *
 * usage: jpeg_check FILE...
 * Decodes each file from memory with the libjpeg API (jpeg_mem_src) and
 * prints one line:
 *   NAME WxH cs=<gray|ycbcr|rgb|cmyk|ycck> prec=<8|12>
 *   mode=<sequential|progressive> coding=<huffman|arith> exif_orient=<n|->
 *   out=<RGBA|CMYK|RGBA12le> crc32=<hex> warnings=<n>
 * or, once libjpeg raises an error, "... error: <libjpeg message>", or
 * "... refused: over N pixels".  Exit status 1 if any file failed.
 *
 * Output is JCS_EXT_RGBA (alpha 255), except for CMYK/YCCK files, which
 * libjpeg can only deliver as JCS_CMYK (checksummed as decoded, no
 * inversion).  12-bit files are read with jpeg12_read_scanlines and
 * checksummed as little-endian 16-bit samples.  The checksum is CRC-32 (IEEE,
 * the same as zlib's crc32()) over the rows, top to bottom, with no padding.
 * Decoder settings are the library defaults (JDCT_ISLOW, fancy upsampling,
 * block smoothing for progressive files).  Images over MAX_PIXELS are refused
 * after jpeg_read_header, as a sandboxed decoder would refuse them. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jpeglib.h"

#define MAX_PIXELS (64u * 1024 * 1024)

struct err { struct jpeg_error_mgr pub; jmp_buf jb; int warnings, printed; };

static void on_error(j_common_ptr c) { longjmp(((struct err *)c->err)->jb, 1); }
static void on_message(j_common_ptr c, int level) {
  if (level < 0) ((struct err *)c->err)->warnings++;
}

static unsigned long crc_table[256];
static void crc_init(void) {
  for (unsigned n = 0; n < 256; n++) {
    unsigned long c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320UL ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}
static unsigned long crc32_update(unsigned long crc, const unsigned char *p, size_t n) {
  crc ^= 0xffffffffUL;
  while (n--) crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffUL;
}

/* EXIF orientation from a saved APP1 marker, or -1. */
static int exif_orientation(j_decompress_ptr d) {
  for (jpeg_saved_marker_ptr m = d->marker_list; m; m = m->next) {
    const unsigned char *p = m->data;
    unsigned len = m->data_length;
    if (m->marker != JPEG_APP0 + 1 || len < 14 || memcmp(p, "Exif\0\0", 6)) continue;
    p += 6; len -= 6;
    int le = p[0] == 'I';
    #define U16(q) (le ? (q)[0] | (q)[1] << 8 : (q)[0] << 8 | (q)[1])
    #define U32(q) (le ? (unsigned)((q)[0] | (q)[1] << 8 | (q)[2] << 16 | (unsigned)(q)[3] << 24) \
                       : (unsigned)((unsigned)(q)[0] << 24 | (q)[1] << 16 | (q)[2] << 8 | (q)[3]))
    unsigned ifd = U32(p + 4);
    if (ifd + 2 > len) return -1;
    unsigned n = U16(p + ifd);
    for (unsigned i = 0; i < n && ifd + 2 + 12 * (i + 1) <= len; i++) {
      const unsigned char *e = p + ifd + 2 + 12 * i;
      if (U16(e) == 0x0112) return U16(e + 8);
    }
  }
  return -1;
}

static const char *cs_name(J_COLOR_SPACE cs) {
  switch (cs) {
  case JCS_GRAYSCALE: return "gray";
  case JCS_RGB: return "rgb";
  case JCS_YCbCr: return "ycbcr";
  case JCS_CMYK: return "cmyk";
  case JCS_YCCK: return "ycck";
  default: return "other";
  }
}

static int check(const char *name, const unsigned char *buf, unsigned long size) {
  struct jpeg_decompress_struct d;
  struct err e;
  unsigned char *volatile image = NULL;
  d.err = jpeg_std_error(&e.pub);
  e.pub.error_exit = on_error;
  e.pub.emit_message = on_message;
  e.warnings = 0;
  e.printed = 0;
  jpeg_create_decompress(&d);
  if (setjmp(e.jb)) {
    char msg[JMSG_LENGTH_MAX];
    e.pub.format_message((j_common_ptr)&d, msg);
    if (!e.printed) printf("%s", name);
    printf(" error: %s\n", msg);
    jpeg_destroy_decompress(&d);
    free(image);
    return 1;
  }
  jpeg_mem_src(&d, buf, size);
  jpeg_save_markers(&d, JPEG_APP0 + 1, 0xffff);
  jpeg_read_header(&d, TRUE);
  int orient = exif_orientation(&d);
  printf("%s %ux%u cs=%s prec=%d mode=%s coding=%s exif_orient=", name,
         d.image_width, d.image_height, cs_name(d.jpeg_color_space),
         d.data_precision,
         d.progressive_mode ? "progressive" : "sequential",
         d.arith_code ? "arith" : "huffman");
  if (orient < 0) printf("-"); else printf("%d", orient);
  e.printed = 1;
  if ((unsigned long long)d.image_width * d.image_height > MAX_PIXELS) {
    printf(" refused: over %u pixels\n", MAX_PIXELS);
    jpeg_destroy_decompress(&d);
    return 1;
  }
  int cmyk = d.jpeg_color_space == JCS_CMYK || d.jpeg_color_space == JCS_YCCK;
  d.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  jpeg_start_decompress(&d);
  int wide = d.data_precision == 12;   /* J12SAMPLE (short) per sample */
  size_t stride = (size_t)d.output_width * 4 * (wide ? sizeof(J12SAMPLE) : 1);
  image = malloc(stride * d.output_height);
  if (!image) { printf(" error: out of memory\n"); jpeg_destroy_decompress(&d); return 1; }
  while (d.output_scanline < d.output_height) {
    void *row = image + stride * d.output_scanline;
    if (wide)
      jpeg12_read_scanlines(&d, (J12SAMPARRAY)&row, 1);
    else
      jpeg_read_scanlines(&d, (JSAMPARRAY)&row, 1);
  }
  jpeg_finish_decompress(&d);
  if (wide) {  /* checksum 12-bit samples as little-endian 16-bit words */
    J12SAMPLE *s = (J12SAMPLE *)image;
    for (size_t i = 0; i < stride * d.output_height / 2; i++) {
      unsigned short v = (unsigned short)s[i];
      image[2 * i] = v & 0xff;
      image[2 * i + 1] = v >> 8;
    }
  }
  unsigned long crc = crc32_update(0, image, stride * d.output_height);
  printf(" out=%s%s crc32=%08lx warnings=%d\n", cmyk ? "CMYK" : "RGBA",
         wide ? "12le" : "", crc, e.warnings);
  jpeg_destroy_decompress(&d);
  free(image);
  return 0;
}

int main(int argc, char **argv) {
  int bad = 0;
  crc_init();
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) { perror(argv[i]); return 2; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n ? n : 1);
    if (fread(buf, 1, n, f) != (size_t)n) { perror(argv[i]); return 2; }
    fclose(f);
    const char *base = strrchr(argv[i], '/');
    bad += check(base ? base + 1 : argv[i], buf, n);
    free(buf);
  }
  return bad ? 1 : 0;
}
