#ifdef __linux__
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "CAnniversary.h"

static int signal_pipe_write_end = -1;

// Async-signal-safe: one byte per signal, never blocking (a full pipe drops the repeat).
static void CAnniversary_signalHandler(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    (void)write(signal_pipe_write_end, &byte, 1);
    errno = saved;
}

int CAnniversary_installSignalPipe(const int *signals, int count) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return -errno;
    int flags = fcntl(ends[1], F_GETFL);
    fcntl(ends[1], F_SETFL, flags | O_NONBLOCK);
    signal_pipe_write_end = ends[1];
    struct sigaction action = {0};
    action.sa_handler = CAnniversary_signalHandler;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < count; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -errno;
    }
    // The signals may arrive blocked from the parent; they must reach some thread.
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < count; i++) sigaddset(&set, signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return ends[0];
}
#endif
