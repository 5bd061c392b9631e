#!/usr/bin/env python3
"""An independent expansion of recurrence rules for anniversaryd, with python-dateutil.

    rules.py SEED COUNT START END OUT_DIR

Writes OUT_DIR/events.yaml with COUNT seeded random rule events (DTSTART in UTC,
America/New_York, Europe/London, Australia/Lord_Howe and Asia/Ulaanbaatar; Feb 29 and month-end
starts; times inside DST gaps and overlaps), and prints one line per reminder instant in
(START, END], sorted: "<id> <lead> <UTC instant> <position in the series>".

Where anniversaryd and dateutil differ, the difference is accounted for here, explicitly:
- DTSTART is always the first instance and counts toward COUNT (RFC 5545 3.8.5.3); dateutil
  leaves out a DTSTART its rule does not match. So dateutil expands without COUNT, DTSTART is put
  first when it is not, and COUNT is applied to that.
- UNTIL as a date alone (our shorthand; RFC 5545 wants a DATE-TIME with a DATE-TIME DTSTART) is
  the last local date, inclusive; dateutil reads it as midnight, so it gets 23:59:59 that day.
- A WEEKLY rule's BYSETPOS picks among the whole week's dates, as it does among a whole month's
  or year's (in dateutil too); dateutil alone cuts the first week at DTSTART before picking. So
  for those rules dateutil starts at the week's first day and dates before DTSTART are dropped.
- BYWEEKNO: the days of a year before its week 1 belong to the previous year's last week, and
  the days after its last week to the next year's week 1, numbered from either end of that year
  (so the latter are also week -53 before a 53-week year). dateutil miscounts the previous year's
  weeks when that year began after Thursday (2021 as 53 weeks, dropping 2022-01-01 from week 52)
  and matches the days after the last week only as week 1: ``corrected_week_masks`` below sets
  both runs of days as described before dateutil reads them.
Local times become instants with zoneinfo, fold=0: a time in a DST gap with the offset before
the gap, a time in an overlap at its first instant (PEP 495), as anniversaryd does.
"""
import random
import sys
import warnings
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import _iterinfo, rrulestr

warnings.simplefilter("ignore")  # dateutil warns when both COUNT and an UNTIL bound are given

ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Ulaanbaatar"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def transitions(zone, first_year, last_year):
    """Local (date, time) pairs inside each DST gap and overlap of a zone, mid-way."""
    tz = ZoneInfo(zone)
    found = []
    moment = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    end = datetime(last_year + 1, 1, 1, tzinfo=timezone.utc)
    step = timedelta(minutes=30)
    while moment < end:
        before, after = moment.astimezone(tz), (moment + step).astimezone(tz)
        shift = after.utcoffset() - before.utcoffset()
        if shift:
            # The wall clock at the change, before it moves: a gap when it jumps ahead, an overlap when back.
            change = (moment + step).astimezone(tz).replace(tzinfo=None) - (shift if shift > timedelta(0) else timedelta(0))
            middle = change + abs(shift) / 2
            found.append((middle.date(), middle.time().replace(second=0)))
        moment += step
    return found


def weeks_in_year(year, wkst):
    """The weeks of a year whose weeks start on `wkst` (0 = Monday): week 1 has four days in it."""
    def week_one(year):
        january_first = date(year, 1, 1)
        offset = (january_first.weekday() - wkst) % 7
        return january_first - timedelta(days=offset) + timedelta(days=0 if offset <= 3 else 7)
    return (week_one(year + 1) - week_one(year)).days // 7


def corrected_week_masks():
    """Wraps dateutil's per-year masks so that BYWEEKNO reads the days around the year's weeks as
    the module's docstring says (dateutil's own masks are kept for the weeks inside the year)."""
    rebuild = _iterinfo.rebuild

    def corrected(self, year, month):
        fresh = year != self.lastyear
        rebuild(self, year, month)
        rr = self.rrule
        if not fresh or not rr._byweekno or self.wnomask is None:
            return
        before_week_one = (7 - self.yearweekday + rr._wkst) % 7
        first = before_week_one if before_week_one < 4 else before_week_one - 7
        previous = weeks_in_year(year - 1, rr._wkst)
        leading = any(n in (previous, -1) for n in rr._byweekno)
        for index in range(max(first, 0)):
            self.wnomask[index] = int(leading)
        weeks, following = weeks_in_year(year, rr._wkst), weeks_in_year(year + 1, rr._wkst)
        trailing = any(n in (1, -following) for n in rr._byweekno)
        for index in range(first + weeks * 7, self.yearlen):
            self.wnomask[index] = int(trailing)

    _iterinfo.rebuild = corrected


def random_rule(rng, start):
    freq = rng.choices(["YEARLY", "MONTHLY", "WEEKLY", "DAILY"], [30, 30, 20, 20])[0]
    parts = {"FREQ": freq}
    if rng.random() < 0.4:
        parts["INTERVAL"] = str(rng.randint(2, 5))
    by = {}
    if rng.random() < (0.5 if freq == "YEARLY" else 0.25):
        by["BYMONTH"] = sorted(rng.sample(range(1, 13), rng.randint(1, 3)))
    weekno = yearday = False
    if freq == "YEARLY" and "BYMONTH" not in by and rng.random() < 0.12:
        by["BYWEEKNO"] = rng.sample([1, 2, 10, 20, 26, 52, 53, -1, -2, -53], rng.randint(1, 2))
        weekno = True
    elif freq == "YEARLY" and "BYMONTH" not in by and rng.random() < 0.12:
        by["BYYEARDAY"] = rng.sample([1, 2, 59, 60, 100, 200, 365, 366, -1, -60, -366], rng.randint(1, 3))
        yearday = True
    if freq != "WEEKLY" and not weekno and not yearday and rng.random() < 0.3:
        days = [d for d in range(-28, 29) if d] if "BYMONTH" in by else [d for d in range(-31, 32) if d]
        by["BYMONTHDAY"] = rng.sample(days, rng.randint(1, 3))
    ordinals = False
    if rng.random() < 0.5:
        weekdays = rng.sample(DAYS, rng.randint(1, 3))
        if freq in ("MONTHLY", "YEARLY") and not weekno and "BYMONTHDAY" not in by and not yearday and rng.random() < 0.5:
            span = 5 if freq == "MONTHLY" or "BYMONTH" in by else 52
            weekdays = [f"{rng.choice([n for n in range(-span, span + 1) if n])}{day}" for day in weekdays[:2]]
            ordinals = True
        by["BYDAY"] = weekdays
    if "BYMONTH" in by and start.day > 28 and not ({"BYMONTHDAY", "BYDAY"} & by.keys()):
        by["BYMONTH"] = sorted(set(by["BYMONTH"]) | {1})  # DTSTART's day, which some months lack
    if by and rng.random() < 0.2:
        many = "BYDAY" in by and not ordinals and freq in ("MONTHLY", "YEARLY")
        by["BYSETPOS"] = rng.sample([1, 2, 3, -1, -2] if many else [1, -1], 1)
    for key, values in by.items():
        parts[key] = ",".join(str(v) for v in values)
    if rng.random() < 0.2:
        parts["WKST"] = rng.choice(DAYS)
    # Frequent rules always end, to keep the listing short.
    end = rng.choices(["COUNT", "UNTIL", None], [45, 30, 25 if freq in ("YEARLY", "MONTHLY") else 0])[0]
    if end == "COUNT":
        parts["COUNT"] = str(rng.randint(1, 60))
    elif end == "UNTIL":
        reach = {"DAILY": 120, "WEEKLY": 700}.get(freq, 2200)
        last = start + timedelta(days=rng.randint(0, reach))
        form = rng.choice(["date", "local", "utc"])
        parts["UNTIL"] = last.strftime("%Y%m%d") + {"date": "", "local": "T" + rng.choice(["000000", "090000", "235959"]), "utc": "T" + rng.choice(["000000", "120000"]) + "Z"}[form]
    return ";".join(f"{k}={v}" for k, v in parts.items())


def series(rule, start, at, zone, exdates, rdates, limit):
    """The event's dates up to `limit`, as anniversaryd numbers them: DTSTART first."""
    parts = dict(part.split("=", 1) for part in rule.split(";"))
    count = parts.pop("COUNT", None)
    until = parts.get("UNTIL")
    if until is not None and len(until) == 8:
        parts["UNTIL"] = until + "T235959"
    first = start
    if parts["FREQ"] == "WEEKLY" and "BYSETPOS" in parts and "BYDAY" in parts:
        first = start - timedelta(days=(start.weekday() - DAYS.index(parts.get("WKST", "MO"))) % 7)
    # dateutil wants an UNTIL in UTC with a DTSTART in a zone, and a local one with a floating DTSTART.
    aware = until is not None and until.endswith("Z")
    tz = ZoneInfo(zone) if aware else None
    expansion = rrulestr(";".join(f"{k}={v}" for k, v in parts.items()), dtstart=datetime.combine(first, at, tzinfo=tz))
    # Bounded at the limit, so that a rule matching rarely is not walked to year 9999.
    bound = datetime.combine(limit, time(23, 59, 59), tzinfo=tz)
    found = [moment.date() for moment in expansion.replace(until=min(bound, expansion._until or bound)) if moment.date() >= start]
    if not found or found[0] != start:
        series.unmatched_starts += 1
        found = [start] + found
    if count is not None:
        found = found[: int(count)]
    return sorted((set(found) | {d for d in rdates if start <= d <= limit}) - set(exdates))


series.unmatched_starts = 0


def instant(day, at, tz):
    return datetime.combine(day, at, tzinfo=tz).replace(fold=0).astimezone(timezone.utc)


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    start, end = (datetime.fromisoformat(a.replace("Z", "+00:00")) for a in sys.argv[3:5])
    out = sys.argv[5]
    corrected_week_masks()
    rng = random.Random(seed)
    edges = {zone: transitions(zone, 2014, 2027) for zone in ZONES if zone != "UTC"}
    yaml, lines = ["events:"], []
    for index in range(count):
        zone = ZONES[index % len(ZONES)]
        kind = rng.random()
        at = time(rng.choice([0, 2, 9, 12, 23]), rng.choice([0, 15, 30]))
        if kind < 0.1:
            year = rng.choice([y for y in range(2012, 2028) if y % 4 == 0])
            day = date(year, 2, 29)
        elif kind < 0.25:
            year, month = rng.randint(2012, 2027), rng.randint(1, 12)
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
            day = date(year, month, min(last, rng.choice([28, 29, 30, 31])) if rng.random() < 0.3 else last)
        elif kind < 0.45 and zone != "UTC":
            day, at = rng.choice(edges[zone])
        elif kind < 0.5:
            day = date(rng.randint(1900, 1990), rng.randint(1, 12), rng.randint(1, 28))
        else:
            day = date(rng.randint(2012, 2027), rng.randint(1, 12), rng.randint(1, 28))
        rule = random_rule(rng, day)
        if day.year < 1995 and ("DAILY" in rule or "WEEKLY" in rule):
            # Centuries of daily dates are slow for dateutil to walk; old starts get slower rules.
            rule = random_rule(rng, day).replace("FREQ=DAILY", "FREQ=YEARLY").replace("FREQ=WEEKLY", "FREQ=YEARLY")
        leads = rng.choice([["0d"], ["0d"], ["2d", "0d"], ["90m", "0d"]])
        exdates, rdates = [], []
        limit = (end + timedelta(days=3)).date()
        try:
            plain = series(rule, day, at, zone, [], [], limit)
        except ValueError:
            continue  # a rule part dateutil refuses where RFC 5545 allows it
        if plain and rng.random() < 0.2:
            exdates = rng.sample(plain, min(len(plain), rng.randint(1, 3)))
        if rng.random() < 0.15:
            rdates = [day + timedelta(days=rng.randint(1, 4000)) for _ in range(rng.randint(1, 2))]
        dates = series(rule, day, at, zone, exdates, rdates, limit)
        eid = f"r{index}"
        yaml.append(f"  - id: {eid}\n    title: {eid}\n    date: {day.isoformat()}\n    at: \"{at.strftime('%H:%M')}\"\n    timezone: {zone}")
        yaml.append(f"    recurrence: \"{rule}\"\n    remind: [{', '.join(leads)}]")
        if exdates:
            yaml.append(f"    exdates: [{', '.join(d.isoformat() for d in exdates)}]")
        if rdates:
            yaml.append(f"    rdates: [{', '.join(d.isoformat() for d in rdates)}]")
        tz = ZoneInfo(zone)
        for number, occurrence in enumerate(dates, start=1):
            for lead in leads:
                amount, unit = int(lead[:-1]), lead[-1]
                fires = instant(occurrence - timedelta(days=amount), at, tz) if unit == "d" else instant(occurrence, at, tz) - timedelta(minutes=amount)
                if start < fires <= end:
                    lines.append(f"{eid} {lead} {fires.strftime('%Y-%m-%dT%H:%M:%SZ')} {number}")
    with open(f"{out}/events.yaml", "w") as file:
        file.write("\n".join(yaml) + "\n")
    print("\n".join(sorted(lines)))
    # Twice per event, with and without its exdates and rdates.
    print(f"{count} rules, {len(lines)} reminders, {series.unmatched_starts // 2} starts the rule does not match", file=sys.stderr)


main()
