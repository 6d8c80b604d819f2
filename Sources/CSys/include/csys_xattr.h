#pragma once
#include <stddef.h>
/// Extended-attribute and device-number calls Swift's Glibc module does not expose
/// (sys/xattr.h, sys/sysmacros.h). Used by squashfs extraction.
/// lsetxattr(2): sets `name` on `path` without following a final symlink; 0 or -1 with errno.
int csys_lsetxattr(const char *path, const char *name, const void *value, size_t size);
/// fsetxattr(2): sets `name` on the open file `fd`; 0 or -1 with errno.
int csys_fsetxattr(int fd, const char *name, const void *value, size_t size);
/// llistxattr(2) into `list` (NUL-separated names); returns the length or -1 with errno.
long csys_llistxattr(const char *path, char *list, size_t size);
/// lgetxattr(2); returns the value length or -1 with errno.
long csys_lgetxattr(const char *path, const char *name, void *value, size_t size);
/// makedev(3) for the host's dev_t.
unsigned long long csys_makedev(unsigned int major, unsigned int minor);
