#ifndef POSTDECK_CLIBPQ_SHIM_H
#define POSTDECK_CLIBPQ_SHIM_H
#include <libpq-fe.h>

// Field codes are macros that Swift cannot import.
static const int postdeck_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int postdeck_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int postdeck_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int postdeck_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int postdeck_PG_DIAG_SEVERITY = PG_DIAG_SEVERITY_NONLOCALIZED;

#endif
