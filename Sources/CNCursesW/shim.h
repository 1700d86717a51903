#ifndef POSTDECK_CNCURSESW_SHIM_H
#define POSTDECK_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros and C globals are not visible from Swift 6: expose them as functions.
static inline WINDOW *postdeck_stdscr(void) { return stdscr; }
static inline int postdeck_cols(void) { return COLS; }
static inline int postdeck_lines(void) { return LINES; }
static inline int postdeck_colors(void) { return COLORS; }
static inline int postdeck_color_pairs(void) { return COLOR_PAIRS; }
static inline void postdeck_set_escdelay(int ms) { set_escdelay(ms); }
static inline int postdeck_key_resize(void) { return KEY_RESIZE; }
static inline int postdeck_key_f(int n) { return KEY_F(n); }
static inline int postdeck_ok(void) { return OK; }
static inline int postdeck_err(void) { return ERR; }

static inline attr_t postdeck_a_normal(void) { return A_NORMAL; }
static inline attr_t postdeck_a_bold(void) { return A_BOLD; }
static inline attr_t postdeck_a_dim(void) { return A_DIM; }
static inline attr_t postdeck_a_italic(void) { return A_ITALIC; }
static inline attr_t postdeck_a_underline(void) { return A_UNDERLINE; }
static inline attr_t postdeck_a_reverse(void) { return A_REVERSE; }

// Writes one grapheme cluster (as a NUL-terminated wide string) with attributes and pair.
static inline int postdeck_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

#endif
