#!/usr/bin/env python3
"""Writes N yearly events, random dates 1900-2025 with ten tags, as CSV for `anniversaryd events
import` and, with --remind, the same anniversaries as a Remind file:

    generate_events.py N                          CSV on standard output
    generate_events.py N --csv F [--remind R]     CSV to F, Remind's `REM <date> MSG` lines to R
"""
import argparse
import calendar
import random
import sys

parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
parser.add_argument("--csv")
parser.add_argument("--remind")
arguments = parser.parse_args()

random.seed(1)
events = []
for index in range(arguments.count):
    year, month, day = random.randint(1900, 2025), random.randint(1, 12), random.randint(1, 28)
    events.append((index, year, month, day))

with (open(arguments.csv, "w") if arguments.csv else sys.stdout) as out:
    out.write("id,title,date,tags\n")
    for index, year, month, day in events:
        out.write(f"e{index},Event {index},{year:04d}-{month:02d}-{day:02d},t{index % 10}\n")

if arguments.remind:
    with open(arguments.remind, "w") as out:
        for index, year, month, day in events:
            out.write(f"REM {calendar.month_abbr[month]} {day} MSG Event {index} ([year(today())-{year}])\n")
