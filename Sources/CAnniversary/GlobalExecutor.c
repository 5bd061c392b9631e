// A minimal global executor for Swift concurrency: a FIFO of jobs and a few threads running them.
//
// Swift's runtime calls swift_task_enqueueGlobal_hook, when set, for every job bound for the
// global concurrent executor. Delayed jobs (Task.sleep) keep libdispatch's implementation: the
// daemon does not sleep that way, and libdispatch serves them correctly, only less quietly.
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "CAnniversary.h"

typedef struct SwiftJob SwiftJob;
typedef struct {
    void *identity;
    uintptr_t implementation;
} SwiftExecutorRef;

typedef void (*EnqueueGlobalOriginal)(SwiftJob *job) __attribute__((swiftcall));
extern void (*swift_task_enqueueGlobal_hook)(SwiftJob *job, EnqueueGlobalOriginal original) __attribute__((swiftcall));
extern void swift_job_run(SwiftJob *job, SwiftExecutorRef executor) __attribute__((swiftcall));

typedef struct Entry {
    SwiftJob *job;
    struct Entry *next;
} Entry;

static pthread_mutex_t queueLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queueReady = PTHREAD_COND_INITIALIZER;
static Entry *head;
static Entry *tail;

__attribute__((swiftcall)) static void enqueueGlobal(SwiftJob *job, EnqueueGlobalOriginal original) {
    Entry *entry = malloc(sizeof(Entry));
    if (entry == NULL) {
        original(job);
        return;
    }
    entry->job = job;
    entry->next = NULL;
    pthread_mutex_lock(&queueLock);
    if (tail != NULL) {
        tail->next = entry;
    } else {
        head = entry;
    }
    tail = entry;
    pthread_cond_signal(&queueReady);
    pthread_mutex_unlock(&queueLock);
}

static void *runJobs(void *unused) {
    (void)unused;
    // The generic executor: the job runs on no particular serial executor.
    const SwiftExecutorRef generic = {0, 0};
    for (;;) {
        pthread_mutex_lock(&queueLock);
        while (head == NULL) {
            pthread_cond_wait(&queueReady, &queueLock);
        }
        Entry *entry = head;
        head = entry->next;
        if (head == NULL) {
            tail = NULL;
        }
        pthread_mutex_unlock(&queueLock);
        SwiftJob *job = entry->job;
        free(entry);
        swift_job_run(job, generic);
    }
    return NULL;
}

int CAnniversary_installGlobalExecutor(int threads) {
    for (int index = 0; index < threads; index++) {
        pthread_t thread;
        int error = pthread_create(&thread, NULL, runJobs, NULL);
        if (error != 0) {
            return error;
        }
        pthread_detach(thread);
    }
    swift_task_enqueueGlobal_hook = enqueueGlobal;
    return 0;
}
