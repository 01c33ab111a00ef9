/* gengo-rs for C and C++ programs: include this file, not gengo.h.
 *
 * gengo.h is kept free of includes, guards and extern "C" so that PHP's FFI::cdef and
 * Ruby's ffi can read it; this wrapper adds them. Link with -lgengo (see README). */
#ifndef GENGO_GUARD_H
#define GENGO_GUARD_H

#ifdef __cplusplus
extern "C" {
#endif

#include "gengo.h"

#ifdef __cplusplus
}
#endif

#endif /* GENGO_GUARD_H */
