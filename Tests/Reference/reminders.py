#!/usr/bin/env python3
"""An independent reference for anniversaryd's reminder instants, using Python's zoneinfo.

Reads JSON on stdin: {"start": ISO, "end": ISO, "events": [{"id", "date", "at", "timezone",
"remind": [...], "leap_day"}]} and prints one line per reminder instant in (start, end]:
"<id> <lead> <UTC instant>", sorted.

zoneinfo with fold=0 reads a time in a DST gap with the offset before the gap and picks the first
of two instants in an overlap (PEP 495): the rules anniversaryd follows.
"""
import json
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


def occurrence(origin, year, leap_day):
    origin_year, month, day = origin
    if origin_year is not None and year < origin_year:
        return None
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28) if leap_day == "feb28" else date(year, 3, 1)
    return date(year, month, day)


def instant(day, at, zone):
    return datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(timezone.utc)


def main():
    spec = json.load(sys.stdin)
    start = datetime.fromisoformat(spec["start"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(spec["end"].replace("Z", "+00:00"))
    lines = []
    for event in spec["events"]:
        text = event["date"]
        origin = (None, int(text[2:4]), int(text[5:7])) if text.startswith("--") else (int(text[0:4]), int(text[5:7]), int(text[8:10]))
        hour, minute = (int(part) for part in event["at"].split(":")[:2])
        at = time(hour, minute)
        zone = ZoneInfo(event["timezone"])
        for year in range(start.year - 1, end.year + 2):
            day = occurrence(origin, year, event.get("leap_day", "feb28"))
            if day is None:
                continue
            for lead in event["remind"]:
                amount, unit = int(lead[:-1]), lead[-1]
                if unit in "dw":
                    fires = instant(day - timedelta(days=amount * (7 if unit == "w" else 1)), at, zone)
                else:
                    fires = instant(day, at, zone) - timedelta(hours=amount) if unit == "h" else instant(day, at, zone) - timedelta(minutes=amount)
                if start < fires <= end:
                    lines.append(f"{event['id']} {lead} {fires.strftime('%Y-%m-%dT%H:%M:%SZ')}")
    print("\n".join(sorted(lines)))


main()
