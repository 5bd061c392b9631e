#!/usr/bin/env python3
"""Writes N yearly events, random dates 1900-2025 with ten tags, as CSV for `anniversaryd events
import` and, with --remind, the same anniversaries as a Remind file:

    generate_events.py N                          CSV on standard output
    generate_events.py N --csv F [--remind R]     CSV to F, Remind's `REM <date> MSG` lines to R
    generate_events.py N --rules K --csv F        every (N/K)th event recurring by one of the rules
                                                  calendars commonly hold, from its date (DTSTART)
"""
import argparse
import calendar
import random
import sys

parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
parser.add_argument("--csv")
parser.add_argument("--remind")
parser.add_argument("--rules", type=int, default=0)
arguments = parser.parse_args()

# What calendars hold: holidays, meetings, paydays, fortnightly and weekday routines.
RULES = [
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY", "FREQ=WEEKLY",
    "FREQ=YEARLY;BYMONTH=5;BYDAY=SU;BYMONTHDAY=7,8,9,10,11,12,13", "FREQ=DAILY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYMONTHDAY=-1",
]

random.seed(1)
events = []
for index in range(arguments.count):
    year, month, day = random.randint(1900, 2025), random.randint(1, 12), random.randint(1, 28)
    events.append((index, year, month, day))

with (open(arguments.csv, "w") if arguments.csv else sys.stdout) as out:
    out.write("id,title,date,tags,recurrence\n")
    step = arguments.count // arguments.rules if arguments.rules else 0
    for index, year, month, day in events:
        rule = f'"{RULES[index // step % len(RULES)]}"' if step and index % step == 0 else ""
        out.write(f"e{index},Event {index},{year:04d}-{month:02d}-{day:02d},t{index % 10},{rule}\n")

if arguments.remind:
    with open(arguments.remind, "w") as out:
        for index, year, month, day in events:
            out.write(f"REM {calendar.month_abbr[month]} {day} MSG Event {index} ([year(today())-{year}])\n")
