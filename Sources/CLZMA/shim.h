#pragma once
#include <lzma.h>

/// LZMA_STREAM_INIT and the filter ids are macros Swift cannot import.
static inline lzma_stream shim_lzma_stream_init(void) { lzma_stream s = LZMA_STREAM_INIT; return s; }
static const lzma_vli SHIM_LZMA_FILTER_LZMA1 = LZMA_FILTER_LZMA1;
static const lzma_vli SHIM_LZMA_FILTER_LZMA2 = LZMA_FILTER_LZMA2;
static const lzma_vli SHIM_LZMA_FILTER_X86 = LZMA_FILTER_X86;
static const lzma_vli SHIM_LZMA_FILTER_POWERPC = LZMA_FILTER_POWERPC;
static const lzma_vli SHIM_LZMA_FILTER_IA64 = LZMA_FILTER_IA64;
static const lzma_vli SHIM_LZMA_FILTER_ARM = LZMA_FILTER_ARM;
static const lzma_vli SHIM_LZMA_FILTER_ARMTHUMB = LZMA_FILTER_ARMTHUMB;
static const lzma_vli SHIM_LZMA_FILTER_SPARC = LZMA_FILTER_SPARC;
static const lzma_vli SHIM_LZMA_VLI_UNKNOWN = LZMA_VLI_UNKNOWN;
static const uint32_t SHIM_LZMA_PRESET_EXTREME = LZMA_PRESET_EXTREME;
static const uint32_t SHIM_LZMA_CONCATENATED = LZMA_CONCATENATED;
