/* ffi_fixture.h: C shapes for the generated bindings' end-to-end tests (see cordon.toml). */
#ifndef FFI_FIXTURE_H
#define FFI_FIXTURE_H

#include <stdint.h>

typedef struct { int32_t x, y; } vec2;           /* 8 bytes: passed by address */
typedef struct { int32_t xx, xy, yx, yy; } mat2;
typedef struct { float only; } boxed;            /* one scalar: travels as an f32 */
typedef struct { int64_t big; } wide;            /* one scalar: travels as an i64 */
typedef enum { SHAPE_CIRCLE = 1, SHAPE_TRIANGLE = 3, SHAPE_SQUARE = 4, SHAPE_FIRST = 1 } shape;
typedef union { int32_t i; float f; uint8_t b[4]; } word;

struct node {
    int32_t value;
    struct node *next; /* a pointer to a listed struct: a typed field */
    vec2 at;           /* a nested struct */
    word w;            /* a nested union */
};

vec2 vec2_add(vec2 a, vec2 b);
vec2 mat2_apply(const mat2 *m, vec2 v);
boxed boxed_scale(boxed b, float by);
wide wide_neg(wide w);
/* Sides of a shape; -1 for a value that is no shape. */
int32_t shape_sides(shape s);
/* The next shape (after the square: the value 99, which names no shape). */
shape shape_next(shape s);
/* A list of `count` nodes (values count, count-1, ... 1) in *out; 0, or -1 if count < 1. */
int32_t node_make(int32_t count, struct node **out);
void node_free(struct node *n);
int32_t node_sum(const struct node *n);
void vec2_split(vec2 v, int32_t *x, int32_t *y);
word word_from_float(float f);
uint32_t word_bits(word w);

/* Names and shapes that tempt a generator into mistakes. */
typedef enum { FLAG_LOW = 1, FLAG_HIGH = 0x80000000u } flags; /* unsigned, top bit set */
typedef struct { short s; } __attribute__((aligned(4))) padded; /* padding: not one scalar */
flags flags_flip(flags f);
padded padded_inc(padded p);
int32_t sum_into(int32_t guest, int32_t value, int32_t *result); /* stores guest + value */
vec2 vec2_twice(vec2 result);
int32_t load(int32_t move);

#endif
