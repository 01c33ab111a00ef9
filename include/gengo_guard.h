/* gengo-rs for C and C++ programs: include this file, not gengo.h.
 *
 * gengo.h is kept free of includes, guards and extern "C" so that PHP's FFI::cdef and
 * Ruby's ffi can read it; this wrapper adds them. Link with -lgengo (see README). */
#ifndef GENGO_GUARD_H
#define GENGO_GUARD_H

#include <stddef.h> /* size_t */

#ifdef __cplusplus
extern "C" {
#endif

#include "gengo.h"

#ifdef __cplusplus
}
static_assert(sizeof(gengo_status) == 4, "gengo_status is a 32-bit int (no -fshort-enums)");
#else
_Static_assert(sizeof(gengo_status) == 4, "gengo_status is a 32-bit int (no -fshort-enums)");
#endif

#endif /* GENGO_GUARD_H */
