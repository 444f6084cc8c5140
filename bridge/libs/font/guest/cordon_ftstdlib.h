/*
 * cordon_ftstdlib.h: FreeType's standard-library configuration (its own
 * `FT_CONFIG_STANDARD_LIBRARY_H` hook) as upstream's include/freetype/config/ftstdlib.h, with
 * one function replaced in every build, sandboxed and native alike: ft_strstr.
 *
 * FT_Load_Glyph calls it for every glyph (`ft_strstr(FT_Get_Font_Format(face), "Type 1")`,
 * ftobjs.c), and wasi-libc's strstr, musl's two-way search, clears a 1 KiB shift table on
 * every call with a needle longer than 4 bytes: 2.5% of a sandboxed line of 12 px text, where
 * glibc's takes a few nanoseconds. FreeType's needles are short literals ("Type 1", the tricky
 * font names, "/FSType"), so a plain search is the right tool in both builds; its worst case
 * is the haystack's length times the needle's.
 */
#ifndef CORDON_FTSTDLIB_H
#define CORDON_FTSTDLIB_H

#include <freetype/config/ftstdlib.h>

static inline char *cordon_ft_strstr(const char *haystack, const char *needle) {
    if (!*needle)
        return (char *)haystack;
    for (; *haystack; haystack++) {
        const char *h = haystack, *n = needle;
        while (*n && *h == *n) {
            h++;
            n++;
        }
        if (!*n)
            return (char *)haystack;
        if (!*h)
            return 0; /* the rest of the haystack is shorter than the needle */
    }
    return 0;
}

#undef ft_strstr
#define ft_strstr cordon_ft_strstr

#endif /* CORDON_FTSTDLIB_H */
