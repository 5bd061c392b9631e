// Linux facilities that Swift's Glibc module does not export, and the global executor hook.
#ifndef CANNIVERSARY_H
#define CANNIVERSARY_H

#ifdef __linux__
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/inotify.h>

static const int CAnniversary_TFD_TIMER_CANCEL_ON_SET = TFD_TIMER_CANCEL_ON_SET;
#endif

/// Runs Swift concurrency's global (non-main) jobs on `threads` threads of our own that block on
/// a condition variable when idle, instead of on libdispatch's global queues.
///
/// Why: once libdispatch's global queues have run a job, its worker-pool monitor wakes the process
/// every second for the rest of its life. With this executor an idle daemon makes no system call.
/// Call it once, first thing in `main`, before any task runs. Returns 0, or an errno.
int CAnniversary_installGlobalExecutor(int threads);

/// Catches `signals` with a handler that writes each one's number, as a byte, to a pipe, and
/// returns the pipe's read end (or -errno). SIGPIPE is not among them: the daemon ignores it.
///
/// Why not a signalfd: it needs the signals blocked in every thread, but libdispatch parks the
/// main thread of an async `main` in `sigsuspend` with an empty mask, where they would arrive
/// with their default action. A handler works on whichever thread the kernel picks.
int CAnniversary_installSignalPipe(const int *signals, int count);

#endif
