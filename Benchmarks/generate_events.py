#!/usr/bin/env python3
"""Writes N yearly events as CSV for `anniversaryd events import`: random dates 1900-2025, ten tags."""
import random
import sys

count = int(sys.argv[1])
random.seed(1)
print("id,title,date,tags")
for index in range(count):
    year, month, day = random.randint(1900, 2025), random.randint(1, 12), random.randint(1, 28)
    print(f"e{index},Event {index},{year:04d}-{month:02d}-{day:02d},t{index % 10}")
