#pragma once
// libext2fs (e2fsprogs, Debian libext2fs-dev) and com_err for its error texts.
#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>
#include <et/com_err.h>

/// The unix I/O manager is a global Swift sees as a mutable variable; a getter is simpler.
static inline io_manager shim_unix_io_manager(void) { return unix_io_manager; }

/// inode_uid/inode_gid/ext2fs_set_i_*_high are macros over the split 16+16-bit ids.
static inline unsigned int shim_inode_uid(const struct ext2_inode *i) { return inode_uid(*i); }
static inline unsigned int shim_inode_gid(const struct ext2_inode *i) { return inode_gid(*i); }
static inline void shim_inode_set_ids(struct ext2_inode *i, unsigned int uid, unsigned int gid) {
    i->i_uid = (__u16)(uid & 0xffff); ext2fs_set_i_uid_high(*i, uid >> 16);
    i->i_gid = (__u16)(gid & 0xffff); ext2fs_set_i_gid_high(*i, gid >> 16);
}
static inline int shim_has_extents(ext2_filsys fs) { return ext2fs_has_feature_extents(fs->super); }
static inline int shim_has_inline_data(ext2_filsys fs) { return ext2fs_has_feature_inline_data(fs->super); }
static inline unsigned int shim_block_size(ext2_filsys fs) { return fs->blocksize; }
static inline unsigned long long shim_blocks_count(ext2_filsys fs) { return ext2fs_blocks_count(fs->super); }
static inline unsigned long long shim_free_blocks(ext2_filsys fs) { return ext2fs_free_blocks_count(fs->super); }
static inline unsigned int shim_dirent_name_len(const struct ext2_dir_entry *d) { return ext2fs_dirent_name_len(d); }
static inline const char *shim_dirent_name(const struct ext2_dir_entry *d) { return d->name; }
static inline const void *shim_inode_block(const struct ext2_inode *i) { return (const void *)i->i_block; }

/// Directory iteration with a context pointer; Swift passes a @convention(c) callback.
typedef int (*shim_dir_cb)(ext2_ino_t ino, const char *name, unsigned int name_len, int file_type, void *ctx);
struct shim_dir_ctx { shim_dir_cb cb; void *ctx; };
static inline int shim_dir_proc(struct ext2_dir_entry *dirent, int offset, int blocksize, char *buf, void *priv) {
    (void)offset; (void)blocksize; (void)buf;
    struct shim_dir_ctx *c = (struct shim_dir_ctx *)priv;
    return c->cb(dirent->inode, dirent->name, ext2fs_dirent_name_len(dirent), ext2fs_dirent_file_type(dirent), c->ctx);
}
static inline errcode_t shim_dir_iterate(ext2_filsys fs, ext2_ino_t dir, shim_dir_cb cb, void *ctx) {
    struct shim_dir_ctx c = { cb, ctx };
    return ext2fs_dir_iterate(fs, dir, 0, NULL, shim_dir_proc, &c);
}
