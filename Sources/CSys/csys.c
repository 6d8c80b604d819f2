#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include "csys.h"

int csys_rename_exchange(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

#include <unistd.h>
int csys_syncfs_path(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0) return -1;
    int rc = syncfs(fd);
    close(fd);
    return rc;
}
