#include "csys_xattr.h"
#include <sys/types.h>
#include <sys/xattr.h>
#include <sys/sysmacros.h>

int csys_fsetxattr(int fd, const char *name, const void *value, size_t size) {
    return fsetxattr(fd, name, value, size, 0);
}

int csys_lsetxattr(const char *path, const char *name, const void *value, size_t size) {
    return lsetxattr(path, name, value, size, 0);
}

long csys_llistxattr(const char *path, char *list, size_t size) {
    return (long)llistxattr(path, list, size);
}

long csys_lgetxattr(const char *path, const char *name, void *value, size_t size) {
    return (long)lgetxattr(path, name, value, size);
}

unsigned long long csys_makedev(unsigned int major, unsigned int minor) {
    return (unsigned long long)makedev(major, minor);
}
