#!/usr/bin/env python3
"""Runs a program with the kernel refusing writable-and-executable memory (prctl PR_SET_MDWE),
as systemd's MemoryDenyWriteExecute=yes does:

    python3 mdwe_exec.py PROGRAM ARGUMENT...
"""
import ctypes
import os
import sys

PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1

libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    sys.exit(f"prctl(PR_SET_MDWE) failed: {os.strerror(ctypes.get_errno())} (Linux 6.3 or later is needed)")
os.execv(sys.argv[1], sys.argv[1:])
