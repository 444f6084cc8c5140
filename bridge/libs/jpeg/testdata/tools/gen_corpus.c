/* gen_corpus: write Cordon's generated JPEG test files with the vendored
 * libjpeg-turbo (libjpeg API only, deterministic: same library, same bytes).
 * usage: gen_corpus <testorig.jpg> <outdir>   (make_corpus.sh runs it)
 * The source picture is libjpeg-turbo's testimages/testorig.jpg (227x149),
 * decoded to RGB with the library defaults; crops and tiles of it feed every
 * case.  See README.md beside this file for what each output covers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jpeglib.h"

static unsigned char *src;      /* RGB, SW x SH */
static unsigned SW, SH;
static const char *outdir;

static void on_error(j_common_ptr c) {
  (*c->err->output_message)(c);
  exit(1);
}

static void die(const char *what) { perror(what); exit(1); }

static unsigned char *read_file(const char *path, unsigned long *n) {
  FILE *f = fopen(path, "rb");
  if (!f) die(path);
  fseek(f, 0, SEEK_END);
  *n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc(*n);
  if (fread(b, 1, *n, f) != *n) die(path);
  fclose(f);
  return b;
}

static void write_file(const char *name, const unsigned char *b, unsigned long n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", outdir, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(b, 1, n, f) != n || fclose(f)) die(path);
  printf("%-28s %6lu bytes\n", name, n);
}

static void load_source(const char *path) {
  unsigned long n;
  unsigned char *b = read_file(path, &n);
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr e;
  d.err = jpeg_std_error(&e);
  e.error_exit = on_error;
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, b, n);
  jpeg_read_header(&d, TRUE);
  d.out_color_space = JCS_RGB;
  jpeg_start_decompress(&d);
  SW = d.output_width;
  SH = d.output_height;
  src = malloc((size_t)SW * SH * 3);
  while (d.output_scanline < SH) {
    JSAMPROW row = src + (size_t)SW * 3 * d.output_scanline;
    jpeg_read_scanlines(&d, &row, 1);
  }
  jpeg_finish_decompress(&d);
  jpeg_destroy_decompress(&d);
  free(b);
}

/* RGB pixel at (x, y) of the source, mirrored-tiled so any size works. */
static const unsigned char *px(unsigned x, unsigned y) {
  x %= 2 * SW; if (x >= SW) x = 2 * SW - 1 - x;
  y %= 2 * SH; if (y >= SH) y = 2 * SH - 1 - y;
  return src + ((size_t)y * SW + x) * 3;
}

enum input { IN_RGB, IN_GRAY, IN_CMYK };

struct job {
  const char *name;
  unsigned w, h, x0, y0;        /* size, and offset into the source */
  enum input in;
  J_COLOR_SPACE jcs;            /* colour space written to the file */
  int h0, v0;                   /* luma (first component) sampling factors */
  int quality, progressive, arith, optimize, restart_interval;
  const unsigned char *app1;    /* optional APP1 payload */
  unsigned app1_len;
};

static unsigned long encode(const struct job *j, unsigned char **out) {
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr e;
  c.err = jpeg_std_error(&e);
  e.error_exit = on_error;
  jpeg_create_compress(&c);
  unsigned long size = 0;
  *out = NULL;
  jpeg_mem_dest(&c, out, &size);
  c.image_width = j->w;
  c.image_height = j->h;
  c.input_components = j->in == IN_GRAY ? 1 : j->in == IN_CMYK ? 4 : 3;
  c.in_color_space = j->in == IN_GRAY ? JCS_GRAYSCALE : j->in == IN_CMYK ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_set_colorspace(&c, j->jcs);   /* CMYK/YCCK: also turns on the Adobe marker */
  jpeg_set_quality(&c, j->quality, TRUE);
  if (j->h0) {
    c.comp_info[0].h_samp_factor = j->h0;
    c.comp_info[0].v_samp_factor = j->v0;
    if (j->jcs == JCS_YCCK) {   /* K at full resolution, like Y */
      c.comp_info[3].h_samp_factor = j->h0;
      c.comp_info[3].v_samp_factor = j->v0;
    }
  }
  c.arith_code = j->arith;
  c.optimize_coding = j->optimize;
  c.restart_interval = j->restart_interval;
  if (j->progressive) jpeg_simple_progression(&c);
  jpeg_start_compress(&c, TRUE);
  if (j->app1) jpeg_write_marker(&c, JPEG_APP0 + 1, j->app1, j->app1_len);
  unsigned char *row = malloc((size_t)j->w * 4);
  while (c.next_scanline < j->h) {
    unsigned y = j->y0 + c.next_scanline;
    for (unsigned x = 0; x < j->w; x++) {
      const unsigned char *p = px(j->x0 + x, y);
      if (j->in == IN_GRAY) {
        row[x] = (unsigned char)((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8);
      } else if (j->in == IN_CMYK) {
        /* Naive RGB->CMYK, stored inverted (255 = no ink) as Adobe
         * Photoshop writes CMYK/YCCK JPEGs. */
        int cc = 255 - p[0], m = 255 - p[1], yy = 255 - p[2];
        int k = cc < m ? cc : m; if (yy < k) k = yy;
        row[4 * x + 0] = (unsigned char)(255 - (cc - k));
        row[4 * x + 1] = (unsigned char)(255 - (m - k));
        row[4 * x + 2] = (unsigned char)(255 - (yy - k));
        row[4 * x + 3] = (unsigned char)(255 - k);
      } else {
        memcpy(row + 3 * x, p, 3);
      }
    }
    JSAMPROW r = row;
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  free(row);
  return size;
}

static void emit(const struct job *j) {
  unsigned char *b;
  unsigned long n = encode(j, &b);
  write_file(j->name, b, n);
  free(b);
}

/* Offset of the first marker m (0xFFm) in b, or 0. */
static unsigned long find_marker(const unsigned char *b, unsigned long n, int m) {
  for (unsigned long i = 2; i + 1 < n;) {
    if (b[i] != 0xFF) return 0;
    if (b[i + 1] == m) return i;
    if (b[i + 1] == 0xDA) return 0;
    i += 2 + (b[i + 2] << 8 | b[i + 3]);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: gen_corpus testorig.jpg outdir\n"); return 2; }
  outdir = argv[2];
  load_source(argv[1]);

  /* EXIF APP1, big-endian TIFF, IFD0 = { Orientation (0x0112) SHORT 1 = 6 } */
  static const unsigned char exif6[] = {
    'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0, 42, 0, 0, 0, 8,
    0, 1,
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
    0, 0, 0, 0
  };

  const struct job jobs[] = {
    /* name                  w     h   x0  y0  input    file cs       h v   q  prog ari opt rst */
    { "gen_420.jpg",       227, 149,   0,  0, IN_RGB,  JCS_YCbCr,    2, 2, 85, 0, 0, 0, 0 },
    { "gen_444.jpg",       227, 149,   0,  0, IN_RGB,  JCS_YCbCr,    1, 1, 90, 0, 0, 1, 0 },
    { "gen_422.jpg",       227, 149,   0,  0, IN_RGB,  JCS_YCbCr,    2, 1, 85, 0, 0, 0, 0 },
    { "gen_progressive.jpg", 227, 149, 0,  0, IN_RGB,  JCS_YCbCr,    2, 2, 85, 1, 0, 0, 0 },
    { "gen_gray.jpg",      227, 149,   0,  0, IN_GRAY, JCS_GRAYSCALE, 0, 0, 85, 0, 0, 0, 0 },
    { "gen_cmyk_adobe.jpg", 227, 149,  0,  0, IN_CMYK, JCS_CMYK,     1, 1, 85, 0, 0, 0, 0 },
    { "gen_ycck_adobe.jpg", 227, 149,  0,  0, IN_CMYK, JCS_YCCK,     2, 2, 85, 0, 0, 0, 0 },
    { "gen_restart_dri.jpg", 227, 149, 0,  0, IN_RGB,  JCS_YCbCr,    2, 2, 85, 0, 0, 0, 3 },
    { "gen_arith.jpg",     227, 149,   0,  0, IN_RGB,  JCS_YCbCr,    2, 2, 85, 0, 1, 0, 0 },
    { "gen_arith_progressive.jpg", 227, 149, 0, 0, IN_RGB, JCS_YCbCr, 2, 2, 85, 1, 1, 0, 0 },
    { "gen_exif_orient6.jpg", 96, 64, 60, 40, IN_RGB, JCS_YCbCr,    2, 2, 85, 0, 0, 0, 0,
      exif6, sizeof exif6 },
    { "gen_1x1.jpg",         1,   1, 113, 74, IN_RGB,  JCS_YCbCr,    2, 2, 85, 0, 0, 0, 0 },
    { "gen_17x13.jpg",      17,  13, 100, 60, IN_RGB,  JCS_YCbCr,    2, 2, 85, 0, 0, 0, 0 },
    { "gen_1023x7.jpg",   1023,   7,   0, 70, IN_RGB,  JCS_YCbCr,    2, 2, 85, 0, 0, 0, 0 },
    { "gen_7x1023_progressive.jpg", 7, 1023, 110, 0, IN_RGB, JCS_YCbCr, 2, 2, 85, 1, 0, 0, 0 },
  };
  for (unsigned i = 0; i < sizeof jobs / sizeof jobs[0]; i++) emit(&jobs[i]);

  /* Corrupt files, all derived from gen_420.jpg's bytes. */
  unsigned char *b;
  unsigned long n = encode(&jobs[0], &b), sos = find_marker(b, n, 0xDA);
  unsigned long sof = find_marker(b, n, 0xC0), dht = find_marker(b, n, 0xC4);
  if (!sos || !sof || !dht) { fprintf(stderr, "marker not found\n"); return 1; }

  /* 1. Cut in the middle of the entropy-coded scan (no EOI). */
  write_file("corrupt_truncated_scan.jpg", b, sos + (n - sos) / 2);

  /* 2. Cut inside the headers, before SOF/SOS. */
  write_file("corrupt_truncated_header.jpg", b, sof + 6);

  /* 3. Over-subscribed Huffman table: move codes from the longest used code
   *    length to length 1 in the first DHT.  The symbol count and segment
   *    length stay valid; the code space does not. */
  unsigned char *c = malloc(n);
  memcpy(c, b, n);
  unsigned char *bits = c + dht + 5;   /* FFC4, len(2), Tc/Th, BITS[1..16] */
  int last = 16;
  while (last > 1 && bits[last - 1] == 0) last--;
  bits[0] += bits[last - 1];
  bits[last - 1] = 0;
  write_file("corrupt_bad_huffman.jpg", c, n);

  /* 4. SOF claiming 65500x65500 (the format's maximum libjpeg accepts),
   *    with the scan data of a 227x149 picture. */
  memcpy(c, b, n);
  c[sof + 5] = 65500 >> 8; c[sof + 6] = 65500 & 0xff;   /* height */
  c[sof + 7] = 65500 >> 8; c[sof + 8] = 65500 & 0xff;   /* width */
  write_file("corrupt_huge_dimensions.jpg", c, n);

  free(c);
  free(b);
  free(src);
  return 0;
}
