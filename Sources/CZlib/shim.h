#pragma once
#include <zlib.h>

/// deflateInit2/inflateInit2 are macros; Swift sees these wrappers instead.
static inline int shim_deflateInit2(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, method, windowBits, memLevel, strategy);
}
static inline int shim_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
