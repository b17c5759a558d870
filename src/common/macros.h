#pragma once

#include <cstdio>
#include <cstdlib>

/// For programmer errors only, never for bad input: aborts with the failed condition in debug
/// builds and compiles to nothing in release builds.
#ifndef NDEBUG
#define INLET_DCHECK(cond)                                                              \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: INLET_DCHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (false)
#else
#define INLET_DCHECK(cond) \
  do {                     \
  } while (false && (cond))
#endif
