#!/usr/bin/env python3
"""Writes N yearly events, random dates 1900-2025 with ten tags, as CSV for `anniversaryd events
import` and, with --remind, the same anniversaries as a Remind file:

    generate_events.py N                          CSV on standard output
    generate_events.py N --csv F [--remind R]     CSV to F, Remind's `REM <date> MSG` lines to R
    generate_events.py N --rules K --csv F        every (N/K)th event recurring by one of the rules
                                                  calendars commonly hold, from its date (DTSTART)
    … --rule-set yearly                           by rules that recur once a year (holidays), which
                                                  list as many dates as yearly events do
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
parser.add_argument("--rule-set", choices=["common", "yearly"], default="common")
arguments = parser.parse_args()

# What calendars hold: holidays, meetings, paydays, fortnightly and weekday routines.
RULES = [
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY", "FREQ=WEEKLY",
    "FREQ=YEARLY;BYMONTH=5;BYDAY=SU;BYMONTHDAY=7,8,9,10,11,12,13", "FREQ=DAILY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYMONTHDAY=-1",
]
# Holidays and other dates a rule gives once a year.
YEARLY_RULES = [
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "FREQ=YEARLY;BYMONTH=5;BYDAY=SU;BYMONTHDAY=7,8,9,10,11,12,13", "FREQ=YEARLY;BYMONTH=9;BYDAY=1MO",
    "FREQ=YEARLY;BYMONTH=1;BYDAY=3MO", "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO", "FREQ=YEARLY;BYMONTH=10;BYDAY=2MO",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "FREQ=YEARLY;BYYEARDAY=256", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
    "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
]
if arguments.rule_set == "yearly":
    RULES = YEARLY_RULES

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
