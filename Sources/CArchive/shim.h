#pragma once
#include <archive.h>
#include <archive_entry.h>

/// File-type macros (AE_IF*) as constants Swift can import.
static const unsigned int SHIM_AE_IFMT = AE_IFMT;
static const unsigned int SHIM_AE_IFREG = AE_IFREG;
static const unsigned int SHIM_AE_IFLNK = AE_IFLNK;
static const unsigned int SHIM_AE_IFSOCK = AE_IFSOCK;
static const unsigned int SHIM_AE_IFCHR = AE_IFCHR;
static const unsigned int SHIM_AE_IFBLK = AE_IFBLK;
static const unsigned int SHIM_AE_IFDIR = AE_IFDIR;
static const unsigned int SHIM_AE_IFIFO = AE_IFIFO;
