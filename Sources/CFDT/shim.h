#pragma once
// libfdt from Debian's libfdt-dev (device-tree-compiler), which ships no pkg-config file.
#include <libfdt.h>

/// Header fields are macros (fdt_get_header) Swift cannot import.
static inline uint32_t shim_fdt_magic(const void *fdt) { return fdt_magic(fdt); }
static inline uint32_t shim_fdt_totalsize(const void *fdt) { return fdt_totalsize(fdt); }
static inline void shim_fdt_set_totalsize(void *fdt, uint32_t v) { fdt_set_totalsize(fdt, v); }
static const uint32_t SHIM_FDT_MAGIC = FDT_MAGIC;
static const int SHIM_FDT_ERR_NOTFOUND = FDT_ERR_NOTFOUND;
static const int SHIM_FDT_ERR_NOSPACE = FDT_ERR_NOSPACE;
