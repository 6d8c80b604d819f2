#pragma once
#include <lzo/lzo1x.h>

/// lzo_init() is a macro; the work-memory sizes are macros too.
static inline int shim_lzo_init(void) { return lzo_init(); }
static const unsigned long SHIM_LZO1X_1_MEM_COMPRESS = LZO1X_1_MEM_COMPRESS;
static const unsigned long SHIM_LZO1X_999_MEM_COMPRESS = LZO1X_999_MEM_COMPRESS;
