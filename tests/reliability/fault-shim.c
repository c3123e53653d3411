/* fault-shim.c: an LD_PRELOAD library that makes file faults happen on demand
 * in followupd (tests/reliability/test_faults.py), set by environment:
 *
 *   FAULT_OPEN_ERRNO=EIO:/path   open/openat of exactly /path fails with that errno
 *   FAULT_OPEN_ARM=/file         ... but only while /file exists (unset: always)
 *   FAULT_SLOW_FSYNC_MS=N        fsync/fdatasync of a regular file sleeps N ms first
 *   FAULT_DIR_FSYNC_ERRNO=EIO    fsync/fdatasync of a directory fails with that errno
 *   FAULT_SLOW_CREATE_MS=N       an open with O_CREAT of a regular file returns N ms late,
 *                                so a new file stays empty a while (a slow editor save)
 *
 * errno names: EIO, EACCES, EISDIR, ENOSPC, EROFS, ELOOP, ENOENT, EPERM, or a number */
/* the plain symbols: with 64-bit offsets, open would be a second open64 */
#undef _FILE_OFFSET_BITS
#undef _FORTIFY_SOURCE
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* every interposed symbol is exported; these are our own prototypes */
int open (const char *path, int flags, ...);
int open64 (const char *path, int flags, ...);
int openat (int dirfd, const char *path, int flags, ...);
int openat64 (int dirfd, const char *path, int flags, ...);
int fsync (int fd);
int fdatasync (int fd);

static const struct {
  const char *name;
  int value;
} errno_names[] = {
  { "EIO", EIO },       { "EACCES", EACCES }, { "EISDIR", EISDIR },
  { "ENOSPC", ENOSPC }, { "EROFS", EROFS },   { "ELOOP", ELOOP },
  { "ENOENT", ENOENT }, { "EPERM", EPERM },   { "EDQUOT", EDQUOT },
};

static int
parse_errno (const char *text, size_t length)
{
  for (size_t i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++)
    if (strlen (errno_names[i].name) == length && strncmp (errno_names[i].name, text, length) == 0)
      return errno_names[i].value;
  return atoi (text);
}

static void *
next (const char *symbol)
{
  return dlsym (RTLD_NEXT, symbol);
}

/* whether `path`, relative to `dirfd` (or the working directory), names `want` */
static int
names (int dirfd, const char *path, const char *want)
{
  char dir[PATH_MAX], proc[64];
  size_t dir_length;
  ssize_t n;

  if (path[0] == '/')
    return strcmp (path, want) == 0;
  if (dirfd == AT_FDCWD) {
    if (getcwd (dir, sizeof dir) == NULL)
      return 0;
  } else {
    snprintf (proc, sizeof proc, "/proc/self/fd/%d", dirfd);
    if ((n = readlink (proc, dir, sizeof dir - 1)) < 0)
      return 0;
    dir[n] = '\0';
  }
  dir_length = strlen (dir);
  return strncmp (want, dir, dir_length) == 0 && want[dir_length] == '/' &&
         strcmp (want + dir_length + 1, path) == 0;
}

/* the errno an open of `path` must fail with, or 0; an O_PATH open reads
 * nothing, so no disk fault or permission touches it */
static int
open_fault (int dirfd, const char *path, int flags)
{
  const char *spec = getenv ("FAULT_OPEN_ERRNO");
  const char *arm = getenv ("FAULT_OPEN_ARM");
  const char *colon;

  if (spec == NULL || path == NULL || (colon = strchr (spec, ':')) == NULL || (flags & O_PATH))
    return 0;
  if (!names (dirfd, path, colon + 1))
    return 0;
  if (arm != NULL && *arm != '\0' && access (arm, F_OK) != 0)
    return 0;
  return parse_errno (spec, (size_t) (colon - spec));
}

static void
sleep_ms (long ms)
{
  struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

  while (nanosleep (&t, &t) != 0 && errno == EINTR)
    ;
}

/* what an open that succeeded does before it returns */
static int
after_open (int fd, int flags)
{
  const char *slow = getenv ("FAULT_SLOW_CREATE_MS");
  int saved = errno;
  struct stat st;

  if (fd >= 0 && (flags & O_CREAT) && slow != NULL && atol (slow) > 0 && fstat (fd, &st) == 0 &&
      S_ISREG (st.st_mode))
    sleep_ms (atol (slow));
  errno = saved;
  return fd;
}

static mode_t
mode_arg (int flags, va_list ap)
{
  return (flags & (O_CREAT | __O_TMPFILE)) ? (mode_t) va_arg (ap, int) : 0;
}

#define OPEN_WRAPPER(fn)                                    \
  int fn (const char *path, int flags, ...)                 \
  {                                                         \
    static int (*real) (const char *, int, ...);            \
    va_list ap;                                             \
    mode_t mode;                                            \
    int fault = open_fault (AT_FDCWD, path, flags);         \
                                                            \
    va_start (ap, flags);                                   \
    mode = mode_arg (flags, ap);                            \
    va_end (ap);                                            \
    if (fault != 0) {                                       \
      errno = fault;                                        \
      return -1;                                            \
    }                                                       \
    if (real == NULL)                                       \
      real = (int (*) (const char *, int, ...)) next (#fn); \
    return after_open (real (path, flags, mode), flags);    \
  }

#define OPENAT_WRAPPER(fn)                                       \
  int fn (int dirfd, const char *path, int flags, ...)           \
  {                                                              \
    static int (*real) (int, const char *, int, ...);            \
    va_list ap;                                                  \
    mode_t mode;                                                 \
    int fault = open_fault (dirfd, path, flags);                 \
                                                                 \
    va_start (ap, flags);                                        \
    mode = mode_arg (flags, ap);                                 \
    va_end (ap);                                                 \
    if (fault != 0) {                                            \
      errno = fault;                                             \
      return -1;                                                 \
    }                                                            \
    if (real == NULL)                                            \
      real = (int (*) (int, const char *, int, ...)) next (#fn); \
    return after_open (real (dirfd, path, flags, mode), flags);  \
  }

OPEN_WRAPPER (open)
OPEN_WRAPPER (open64)
OPENAT_WRAPPER (openat)
OPENAT_WRAPPER (openat64)

/* what an fsync of `fd` does first: 0, or the errno to fail with */
static int
sync_fault (int fd)
{
  const char *dir_errno = getenv ("FAULT_DIR_FSYNC_ERRNO");
  const char *slow = getenv ("FAULT_SLOW_FSYNC_MS");
  struct stat st;

  if (fstat (fd, &st) != 0)
    return 0;
  if (S_ISDIR (st.st_mode) && dir_errno != NULL && *dir_errno != '\0')
    return parse_errno (dir_errno, strlen (dir_errno));
  if (S_ISREG (st.st_mode) && slow != NULL && atol (slow) > 0)
    sleep_ms (atol (slow));
  return 0;
}

int
fsync (int fd)
{
  static int (*real) (int);
  int fault = sync_fault (fd);

  if (fault != 0) {
    errno = fault;
    return -1;
  }
  if (real == NULL)
    real = (int (*) (int)) next ("fsync");
  return real (fd);
}

int
fdatasync (int fd)
{
  static int (*real) (int);
  int fault = sync_fault (fd);

  if (fault != 0) {
    errno = fault;
    return -1;
  }
  if (real == NULL)
    real = (int (*) (int)) next ("fdatasync");
  return real (fd);
}
