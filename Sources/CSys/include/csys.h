#pragma once
/// Linux calls Swift's Glibc module does not expose (they need _GNU_SOURCE).
/// Atomically exchanges two paths (renameat2 RENAME_EXCHANGE); returns 0 or -1 with errno.
int csys_rename_exchange(const char *a, const char *b);
/// syncfs(2) on the filesystem holding `path`: one call instead of an fsync per file.
int csys_syncfs_path(const char *path);
