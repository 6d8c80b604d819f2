#pragma once
// libdeflate (Debian libdeflate-dev): whole-buffer DEFLATE/zlib/gzip, several times faster
// than zlib when the whole input and an output bound are in memory (squashfs blocks, ipks).
#include <libdeflate.h>
