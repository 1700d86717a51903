#ifndef POSTDECK_CNCURSESW_SHIM_H
#define POSTDECK_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
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
static inline attr_t postdeck_a_invis(void) { return A_INVIS; }

// Writes one grapheme cluster (as a NUL-terminated wide string) with attributes and pair.
static inline int postdeck_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

// Extended colour pairs (ncurses 6): pair numbers and colours beyond a short, for
// 256-colour and direct-colour terminals. Returns ERR when unsupported.
static inline int postdeck_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

// Writes one grapheme cluster (NUL-terminated wide string) with attributes and an
// extended colour pair.
static inline int postdeck_put_cell_ext(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

// Escape sequences for drawing a cluster curses cannot hold (see NCursesBackend): they
// are collected in a small buffer and handed to Swift, which writes them after doupdate().
#define POSTDECK_SEQUENCE_CAPACITY 256
static inline char *postdeck_sequence_bytes(void) { static char bytes[POSTDECK_SEQUENCE_CAPACITY]; return bytes; }
static inline int *postdeck_sequence_length(void) { static int length; return &length; }
static inline int postdeck_sequence_putc(int c) {
    int *length = postdeck_sequence_length();
    if (*length < POSTDECK_SEQUENCE_CAPACITY) postdeck_sequence_bytes()[(*length)++] = (char)c;
    return c;
}

// The sequence that switches the terminal to attrs + extended pair, as curses would send
// it; curses records these as the terminal's attributes, so its next update stays right.
// Returns its length.
static inline int postdeck_attribute_sequence(attr_t attrs, int pair) {
    *postdeck_sequence_length() = 0;
    vid_puts(attrs, 0, &pair, postdeck_sequence_putc);
    return *postdeck_sequence_length();
}

// The terminfo cursor_address sequence for (y, x), without padding marks; -1 without one.
static inline int postdeck_move_sequence(int y, int x) {
    *postdeck_sequence_length() = 0;
    char *cup = tigetstr("cup");
    if (cup == NULL || cup == (char *)-1) return -1;
    const char *s = tiparm(cup, y, x);
    if (s == NULL) return -1;
    for (; *s; ++s) {
        if (s[0] == '$' && s[1] == '<') { while (*s && *s != '>') ++s; if (!*s) break; continue; }
        postdeck_sequence_putc(*s);
    }
    return *postdeck_sequence_length();
}

// Where curses left the cursor (the position it believes the terminal's cursor is at
// after doupdate()).
static inline int postdeck_cursor_y(void) { return getcury(stdscr); }
static inline int postdeck_cursor_x(void) { return getcurx(stdscr); }

// libc's width of one character in the current locale (what curses advances by).
static inline int postdeck_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

static inline int postdeck_key_code_yes(void) { return KEY_CODE_YES; }
static inline int postdeck_cchar_max(void) { return CCHARW_MAX; }
static inline void postdeck_clear_on_next_refresh(void) { clearok(curscr, TRUE); }

// Function-key codes from get_wch, classified without Swift needing the KEY_* macros:
// 1 up, 2 down, 3 left, 4 right, 5 home, 6 end, 7 page up, 8 page down, 9 backspace,
// 10 delete, 11 back-tab, 12 enter, 13 resize, 100+n F(n); 0 for anything else.
static inline int postdeck_classify_key(int code) {
    switch (code) {
    case KEY_UP: return 1;
    case KEY_DOWN: return 2;
    case KEY_LEFT: return 3;
    case KEY_RIGHT: return 4;
    case KEY_HOME: return 5;
    case KEY_END: return 6;
    case KEY_PPAGE: return 7;
    case KEY_NPAGE: return 8;
    case KEY_BACKSPACE: return 9;
    case KEY_DC: return 10;
    case KEY_BTAB: return 11;
    case KEY_ENTER: return 12;
    case KEY_RESIZE: return 13;
    default:
        if (code >= KEY_F(1) && code <= KEY_F(63)) return 100 + (code - KEY_F(0));
        return 0;
    }
}

// stdin/stdout are C globals: reach them through functions.
static inline SCREEN *postdeck_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
static inline void postdeck_fflush_stdout(void) { fflush(stdout); }
// 1 when the current locale's character set is UTF-8 (call after setlocale).
static inline int postdeck_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 || strcmp(cs, "UTF8") == 0);
}

#endif
