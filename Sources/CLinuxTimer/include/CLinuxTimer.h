// Linux's timerfd and eventfd, which Swift's Glibc module does not export.
#ifndef CLINUXTIMER_H
#define CLINUXTIMER_H

#ifdef __linux__
#include <sys/eventfd.h>
#include <sys/timerfd.h>

static const int CLinuxTimer_TFD_TIMER_CANCEL_ON_SET = TFD_TIMER_CANCEL_ON_SET;
#endif

#endif
