/*
 * wasi_stubs.c: in-module definitions of every WASI preview1 import that
 * wasi-libc can reference, so a Cordon module imports nothing at all.
 *
 * wasi-libc reaches the host only through `__imported_wasi_snapshot_preview1_<name>`
 * symbols (undefined, import-attributed references in `__wasilibc_real.o`
 * inside libc.a).  Defining those symbols here lets wasm-ld resolve them
 * inside the module instead of emitting `wasi_snapshot_preview1.*` imports.
 *
 * Signatures match the wasm types in the Debian wasi-libc (2022) libc.a:
 * i32 -> int32_t, i64 -> int64_t, every call returns a WASI errno as i32
 * except proc_exit.  A mismatch would make wasm-ld emit a trapping stub with
 * a "function signature mismatch" warning, so keep them exact.
 *
 * Compile as C.  Parameters are deliberately unused.
 */
#include <stdint.h>

#pragma clang diagnostic ignored "-Wunused-parameter"

#define WASI_OK     0
#define WASI_EBADF  8   /* __WASI_ERRNO_BADF  */
#define WASI_ENOSYS 52  /* __WASI_ERRNO_NOSYS */

#define STUB(name) __imported_wasi_snapshot_preview1_##name

/* ---- Arguments and environment -------------------------------------------
 * Succeed with zero counts: a module has no argv and no environment.  Failing
 * here would make wasi-libc's lazy environ init exit (getenv() is called by
 * e.g. libjpeg for "JPEGMEM"), so success with nothing is the safe answer. */
int32_t STUB(args_sizes_get)(int32_t argc_out, int32_t buf_size_out) {
    *(uint32_t *)(uintptr_t)argc_out = 0;
    *(uint32_t *)(uintptr_t)buf_size_out = 0;
    return WASI_OK;
}
int32_t STUB(args_get)(int32_t argv, int32_t argv_buf) { return WASI_OK; }
int32_t STUB(environ_sizes_get)(int32_t count_out, int32_t buf_size_out) {
    *(uint32_t *)(uintptr_t)count_out = 0;
    *(uint32_t *)(uintptr_t)buf_size_out = 0;
    return WASI_OK;
}
int32_t STUB(environ_get)(int32_t environ, int32_t environ_buf) { return WASI_OK; }

/* ---- File descriptors -----------------------------------------------------
 * No descriptor is open: every fd_* answers EBADF.  In particular the
 * preopen scan (fd_prestat_get on fd 3, 4, ...) sees EBADF and stops cleanly
 * instead of treating the failure as fatal; stdio writes fail quietly. */
int32_t STUB(fd_advise)(int32_t fd, int64_t off, int64_t len, int32_t advice) { return WASI_EBADF; }
int32_t STUB(fd_allocate)(int32_t fd, int64_t off, int64_t len) { return WASI_EBADF; }
int32_t STUB(fd_close)(int32_t fd) { return WASI_EBADF; }
int32_t STUB(fd_datasync)(int32_t fd) { return WASI_EBADF; }
int32_t STUB(fd_fdstat_get)(int32_t fd, int32_t stat_out) { return WASI_EBADF; }
int32_t STUB(fd_fdstat_set_flags)(int32_t fd, int32_t flags) { return WASI_EBADF; }
int32_t STUB(fd_fdstat_set_rights)(int32_t fd, int64_t base, int64_t inheriting) { return WASI_EBADF; }
int32_t STUB(fd_filestat_get)(int32_t fd, int32_t stat_out) { return WASI_EBADF; }
int32_t STUB(fd_filestat_set_size)(int32_t fd, int64_t size) { return WASI_EBADF; }
int32_t STUB(fd_filestat_set_times)(int32_t fd, int64_t atim, int64_t mtim, int32_t flags) { return WASI_EBADF; }
int32_t STUB(fd_pread)(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t off, int32_t nread_out) { return WASI_EBADF; }
int32_t STUB(fd_prestat_get)(int32_t fd, int32_t prestat_out) { return WASI_EBADF; }
int32_t STUB(fd_prestat_dir_name)(int32_t fd, int32_t path, int32_t path_len) { return WASI_EBADF; }
int32_t STUB(fd_pwrite)(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t off, int32_t nwritten_out) { return WASI_EBADF; }
int32_t STUB(fd_read)(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread_out) { return WASI_EBADF; }
int32_t STUB(fd_readdir)(int32_t fd, int32_t buf, int32_t buf_len, int64_t cookie, int32_t used_out) { return WASI_EBADF; }
int32_t STUB(fd_renumber)(int32_t fd, int32_t to) { return WASI_EBADF; }
int32_t STUB(fd_seek)(int32_t fd, int64_t delta, int32_t whence, int32_t pos_out) { return WASI_EBADF; }
int32_t STUB(fd_sync)(int32_t fd) { return WASI_EBADF; }
int32_t STUB(fd_tell)(int32_t fd, int32_t pos_out) { return WASI_EBADF; }
int32_t STUB(fd_write)(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten_out) { return WASI_EBADF; }

/* ---- Process exit -----------------------------------------------------------
 * exit()/_Exit() end here.  There is no process to end, so trap: the host sees
 * a wasm trap and discards the instance. */
_Noreturn void STUB(proc_exit)(int32_t code) { __builtin_trap(); }

/* ---- Everything else: not available -----------------------------------------
 * Clocks, paths, polling, randomness, sockets, yielding: a sandboxed library
 * gets none of them, so they report ENOSYS and the libc call fails. */
int32_t STUB(clock_res_get)(int32_t clock_id, int32_t res_out) { return WASI_ENOSYS; }
int32_t STUB(clock_time_get)(int32_t clock_id, int64_t precision, int32_t time_out) { return WASI_ENOSYS; }
int32_t STUB(path_create_directory)(int32_t fd, int32_t path, int32_t path_len) { return WASI_ENOSYS; }
int32_t STUB(path_filestat_get)(int32_t fd, int32_t flags, int32_t path, int32_t path_len, int32_t stat_out) { return WASI_ENOSYS; }
int32_t STUB(path_filestat_set_times)(int32_t fd, int32_t flags, int32_t path, int32_t path_len,
                                      int64_t atim, int64_t mtim, int32_t fst_flags) { return WASI_ENOSYS; }
int32_t STUB(path_link)(int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len,
                        int32_t new_fd, int32_t new_path, int32_t new_len) { return WASI_ENOSYS; }
int32_t STUB(path_open)(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                        int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t fd_out) { return WASI_ENOSYS; }
int32_t STUB(path_readlink)(int32_t fd, int32_t path, int32_t path_len, int32_t buf, int32_t buf_len,
                            int32_t used_out) { return WASI_ENOSYS; }
int32_t STUB(path_remove_directory)(int32_t fd, int32_t path, int32_t path_len) { return WASI_ENOSYS; }
int32_t STUB(path_rename)(int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd, int32_t new_path,
                          int32_t new_len) { return WASI_ENOSYS; }
int32_t STUB(path_symlink)(int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path, int32_t new_len) { return WASI_ENOSYS; }
int32_t STUB(path_unlink_file)(int32_t fd, int32_t path, int32_t path_len) { return WASI_ENOSYS; }
int32_t STUB(poll_oneoff)(int32_t in, int32_t out, int32_t nsubs, int32_t nevents_out) { return WASI_ENOSYS; }
int32_t STUB(random_get)(int32_t buf, int32_t buf_len) { return WASI_ENOSYS; }
int32_t STUB(sched_yield)(void) { return WASI_ENOSYS; }
int32_t STUB(sock_accept)(int32_t fd, int32_t flags, int32_t fd_out) { return WASI_ENOSYS; }
int32_t STUB(sock_recv)(int32_t fd, int32_t ri_data, int32_t ri_data_len, int32_t ri_flags,
                        int32_t ro_datalen_out, int32_t ro_flags_out) { return WASI_ENOSYS; }
int32_t STUB(sock_send)(int32_t fd, int32_t si_data, int32_t si_data_len, int32_t si_flags,
                        int32_t so_datalen_out) { return WASI_ENOSYS; }
int32_t STUB(sock_shutdown)(int32_t fd, int32_t how) { return WASI_ENOSYS; }
