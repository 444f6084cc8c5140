/* ffi_fixture.c: the fixture's definitions (see ffi_fixture.h). */
#include <stdlib.h>

#include "ffi_fixture.h"

vec2 vec2_add(vec2 a, vec2 b) {
    vec2 r = {a.x + b.x, a.y + b.y};
    return r;
}

vec2 mat2_apply(const mat2 *m, vec2 v) {
    vec2 r = {m->xx * v.x + m->xy * v.y, m->yx * v.x + m->yy * v.y};
    return r;
}

boxed boxed_scale(boxed b, float by) {
    boxed r = {b.only * by};
    return r;
}

wide wide_neg(wide w) {
    wide r = {-w.big};
    return r;
}

int32_t shape_sides(shape s) {
    switch (s) {
    case SHAPE_CIRCLE: return 0;
    case SHAPE_TRIANGLE: return 3;
    case SHAPE_SQUARE: return 4;
    }
    return -1;
}

shape shape_next(shape s) {
    switch (s) {
    case SHAPE_CIRCLE: return SHAPE_TRIANGLE;
    case SHAPE_TRIANGLE: return SHAPE_SQUARE;
    default: return (shape)99;
    }
}

int32_t node_make(int32_t count, struct node **out) {
    struct node *head = NULL;
    if (count < 1) return -1;
    for (int32_t i = 1; i <= count; i++) {
        struct node *n = calloc(1, sizeof *n);
        if (!n) {
            node_free(head);
            return -1;
        }
        n->value = i;
        n->next = head;
        n->at.x = i;
        n->at.y = -i;
        n->w.f = (float)i / 2;
        head = n;
    }
    *out = head;
    return 0;
}

void node_free(struct node *n) {
    while (n) {
        struct node *next = n->next;
        free(n);
        n = next;
    }
}

int32_t node_sum(const struct node *n) {
    int32_t sum = 0;
    for (; n; n = n->next) sum += n->value;
    return sum;
}

void vec2_split(vec2 v, int32_t *x, int32_t *y) {
    *x = v.x;
    *y = v.y;
}

word word_from_float(float f) {
    word w;
    w.f = f;
    return w;
}

uint32_t word_bits(word w) { return (uint32_t)w.i; }

flags flags_flip(flags f) { return f == FLAG_LOW ? FLAG_HIGH : FLAG_LOW; }

padded padded_inc(padded p) {
    p.s++;
    return p;
}

int32_t sum_into(int32_t guest, int32_t value, int32_t *result) {
    *result = guest + value;
    return 0;
}

vec2 vec2_twice(vec2 result) {
    vec2 r = {result.x * 2, result.y * 2};
    return r;
}

int32_t load(int32_t move) { return move + 1; }
