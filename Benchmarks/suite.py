#!/usr/bin/env python3
"""The benchmark suite: anniversaryd beside Remind, the sqlite3 CLI and an HTTP sink under wrk,
on the same generated data, in the same run. Run it through Benchmarks/run.sh, which installs the
tools and builds the release binary.

    suite.py --binary PATH [--counts 1000,10000,100000,1000000] [--runs 5] [--idle 300] [--smoke]

Prints a Markdown table per figure (medians of --runs runs, peak RSS, ratios) for BENCHMARKS.md.
--smoke runs every figure once on small data, so the tests can check the suite still works.
"""
import argparse
import glob
import os
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))


def run_timed(command):
    """Wall seconds and peak RSS (MiB) of one run of `command`, its output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except BaseException:
        process.kill()
        raise
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def count_lines(command):
    """Lines `command` prints, read as they come: holding a large output would swell this
    process, and with it the peak RSS every child forked after it reports."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE)
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: process.stdout.read(1 << 20), b""))
    if process.wait() != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    return lines


def median_timed(command, runs):
    results = [run_timed(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def ratio(ours, reference):
    return f"{ours / reference:.2f}" if reference >= 0.005 else "n/a"


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    sys.stdout.flush()


def write_config(path, database, extra="", remind="[7d, 1d, 0d]", channels="[log]"):
    with open(path, "w") as f:
        f.write(f"timezone: UTC\ndatabase: {database}\ndefaults:\n  remind: {remind}\n  channels: {channels}\n{extra}")


class Daemon:
    """`anniversaryd run` with a notify socket of its own: start-to-READY, RSS, a clean stop."""

    def __init__(self, binary, config, environment=None):
        self.directory = tempfile.mkdtemp()
        self.socket_path = os.path.join(self.directory, "notify.sock")
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(self.socket_path)
        env = dict(os.environ, NOTIFY_SOCKET=self.socket_path, **(environment or {}))
        self.started = time.perf_counter()
        self.log = open(os.path.join(self.directory, "stderr"), "w+")
        # At the default log level, as the systemd unit runs it: debug writes a line per delivery.
        self.process = subprocess.Popen([binary, "run", "--config", config], env=env, stderr=self.log)
        self.ready_after = None

    def wait_ready(self, timeout=600):
        self.socket.settimeout(timeout)
        while True:
            message = self.socket.recv(4096).decode()
            if "READY=1" in message.split("\n"):
                self.ready_after = time.perf_counter() - self.started
                return self.ready_after

    def peak_rss(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.log.seek(0)
            sys.exit(f"anniversaryd did not stop within 60 s of SIGTERM; its log:\n{self.log.read()[-5000:]}")
        self.socket.close()
        shutil.rmtree(self.directory, ignore_errors=True)


class Sink:
    """Benchmarks/sink.py on an ephemeral port."""

    def __init__(self, work):
        directory = tempfile.mkdtemp(dir=work)
        self.port_file = os.path.join(directory, "sink.port")
        self.record_file = os.path.join(directory, "sink.records")
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "sink.py"), self.port_file, self.record_file], stdin=subprocess.PIPE)
        while not (os.path.exists(self.port_file) and open(self.port_file).read()):
            time.sleep(0.01)
        self.port = int(open(self.port_file).read())
        self.url = f"http://127.0.0.1:{self.port}/hook"

    def stop(self):
        """Every POST it received: (arrival, webhook-id)."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        with open(self.record_file) as f:
            return [(float(line.split()[0]), line.split()[1]) for line in f if line.strip()]


def utc_time(instant):
    """HH:MM:SS.fff in UTC, and the date."""
    moment = datetime.fromtimestamp(instant, timezone.utc)
    return moment.strftime("%H:%M:%S.") + f"{moment.microsecond // 1000:03d}", moment


# MARK: - Figures


# anniversaryd's key: the month-day times 10^12 plus the row's number within its month-day.
SCHEMA_FLOOR_INSERT = """INSERT INTO event (key, id, title, origin_year, recurrence, tags, source, next_fire_at, lead_span_days)
SELECT (substr(date, 6, 2) * 100 + substr(date, 9, 2)) * 1000000000000 + row_number() OVER (PARTITION BY substr(date, 6, 5) ORDER BY rowid),
       id, title, substr(date, 1, 4) + 0, 'yearly', tags, 'cli', unixepoch('2027-' || substr(date, 6, 5) || ' 09:00'), 0
FROM staging ORDER BY 1"""


def data_and_upcoming(binary, counts, runs, work):
    import_rows, upcoming_rows, remind_rows = [], [], []
    for count in counts:
        database = os.path.join(work, f"calendar-{count}.sqlite")
        config = os.path.join(work, f"config-{count}.yaml")
        write_config(config, database)
        csv = os.path.join(work, f"events-{count}.csv")
        reminders = os.path.join(work, f"events-{count}.rem")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_events.py"), str(count), "--csv", csv, "--remind", reminders], check=True)

        ours, ours_rss = run_timed([binary, "events", "import", "--config", config, csv])
        floor_db = os.path.join(work, f"floor-{count}.sqlite")
        floor, floor_rss = run_timed(["sqlite3", floor_db, ".import --csv " + csv + " event"])
        os.remove(floor_db)
        # The same rows into anniversaryd's own table and indexes, by sqlite3 alone: what SQLite
        # needs for this schema, before any parsing, checking or scheduling of ours.
        schema_config = os.path.join(work, f"schema-{count}.yaml")
        write_config(schema_config, floor_db)
        subprocess.run([binary, "events", "list", "--config", schema_config], check=True, stdout=subprocess.DEVNULL)
        schema_floor, _ = run_timed(["sqlite3", floor_db, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                                     ".import --csv " + csv + " staging", SCHEMA_FLOOR_INSERT, "DROP TABLE staging"])
        os.remove(floor_db)
        import_rows.append([f"{count:,}", f"{ours:.2f} s", f"{ours_rss:.0f} MiB", f"{floor:.2f} s", ratio(ours, floor),
                            f"{schema_floor:.2f} s", ratio(ours, schema_floor)])

        for days in (30, 365):
            window = ["upcoming", "--config", config, "--from", "2026-06-01", "--days", str(days)]
            table_time, table_rss = median_timed([binary] + window, runs)
            json_time, json_rss = median_timed([binary] + window + ["--json"], runs)
            last = int((datetime(2026, 6, 1) + timedelta(days=days)).strftime("%m%d"))
            where = f"key >= 601000000000000 AND key < {last + 1}000000000000" if days < 365 else "1"
            floor, _ = median_timed(["sqlite3", database, f"SELECT * FROM event WHERE {where}"], runs)
            upcoming_rows.append([
                f"{count:,}", days, f"{table_time:.3f} s", f"{table_rss:.0f} MiB", f"{json_time:.3f} s", f"{json_rss:.0f} MiB",
                f"{floor:.3f} s", ratio(table_time, floor),
            ])

        # Remind: -s1 a month's calendar, -s12 a year's, -n each reminder's next date.
        # Above 100,000 events, one run each, given at most 5 minutes.
        remind_runs, limit = (runs, []) if count <= 100_000 else (1, ["timeout", "300"])
        cells = []
        for flags in (["-s1"], ["-s12"], ["-n"]):
            try:
                seconds, rss = median_timed(limit + ["remind"] + flags + [reminders, "2026-06-01"], remind_runs)
                cells.append(f"{seconds:.3f} s ({rss:.0f} MiB)")
            except RuntimeError:
                cells.append("> 300 s")
        remind_rows.append([f"{count:,}"] + cells)
    table("Import from CSV: `anniversaryd events import` vs `sqlite3 .import` into a bare table, and vs sqlite3 "
          "importing the same rows into anniversaryd's table (in key order, its indexes, next fire dates)",
          ["N", "anniversaryd", "peak RSS", "sqlite3 .import", "ratio", "sqlite3 into the same schema", "ratio"], import_rows)
    table("`upcoming` from 2026-06-01 (median): human table and `--json`, beside the sqlite3 CLI's range query on the same database",
          ["N", "days", "table", "RSS", "json", "RSS", "sqlite3 range", "ratio (table)"], upcoming_rows)
    table("Remind on the same events (`REM <date> MSG`), from 2026-06-01",
          ["N", "remind -s1 (a month)", "remind -s12 (a year)", "remind -n"], remind_rows)
    return {count: os.path.join(work, f"config-{count}.yaml") for count in counts}


def rules(binary, count, rule_count, runs, work):
    """`upcoming` and start to READY over a calendar where some events recur by rule, beside the
    same calendar all yearly; and a daily rule begun in 1900 beside one begun yesterday."""
    configs = {}
    # The common rules (seven of ten monthly or more often) list about four times the dates of the
    # yearly calendar in a month; rules that recur once a year list as many, and isolate what
    # reading and expanding rule events costs from how much there is to list.
    calendars = (("yearly", 0, "common"), ("rules", rule_count, "common"), ("yearly rules", rule_count, "yearly"))
    for label, rules, rule_set in calendars:
        name = label.replace(" ", "-")
        csv, database = os.path.join(work, f"rules-{name}.csv"), os.path.join(work, f"rules-{name}.sqlite")
        configs[label] = os.path.join(work, f"rules-{name}.yaml")
        write_config(configs[label], database)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_events.py"), str(count), "--rules", str(rules), "--rule-set", rule_set,
                        "--csv", csv], check=True)
        subprocess.run([binary, "events", "import", "--config", configs[label], csv], check=True, stdout=subprocess.DEVNULL)
    rows = []
    # From today, as `upcoming` runs by default; and from a past date, before the reference the
    # rule events' index rows were written for, when every rule event is read.
    for start, days in ((None, 30), (None, 365), ("2026-06-01", 30)):
        cells, listed = [], []
        for label, _, _ in calendars:
            window = [binary, "upcoming", "--config", configs[label], "--days", str(days)] + (["--from", start] if start else [])
            cells.append(median_timed(window, runs))
            listed.append(count_lines(window + ["--json"]))
        rows.append([start or "today", days] + [f"{seconds:.3f} s ({dates:,} dates)" for (seconds, _), dates in zip(cells, listed)]
                    + [ratio(cells[1][0], cells[0][0]), ratio(cells[2][0], cells[0][0])])
    table(f"`upcoming` (table, median of {runs}) over {count:,} events: all yearly; with {rule_count:,} of them recurring by the "
          f"common rules; with {rule_count:,} recurring by rules that give a date once a year",
          ["from", "days", "all yearly", f"{rule_count:,} common rules", f"{rule_count:,} yearly rules", "ratio (common)",
           "ratio (yearly rules)"], rows)

    ready = []
    for label in ("yearly", "rules"):
        first = Daemon(binary, configs[label])
        first_time = first.wait_ready()
        first.stop()
        samples = []
        for _ in range(runs):
            daemon = Daemon(binary, configs[label])
            samples.append((daemon.wait_ready(), daemon.peak_rss()))
            daemon.stop()
        ready.append([label if label == "yearly" else f"{rule_count:,} rules", f"{first_time * 1000:.0f} ms",
                      f"{statistics.median(s[0] for s in samples) * 1000:.0f} ms", f"{max(s[1] for s in samples):.0f} MiB"])
    table(f"Daemon start to READY=1 with {count:,} events (median of {runs} restarts)", ["calendar", "first start", "restart", "peak RSS"], ready)

    # Each event's next reminder and position are counted, never walked from DTSTART.
    starts = {"1900-01-01": "since 1900", (datetime.now(timezone.utc) - timedelta(days=1)).strftime("%Y-%m-%d"): "since yesterday"}
    long_rows = []
    for rule in ("FREQ=DAILY", "FREQ=DAILY;BYDAY=MO,WE,FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"):
        cells = []
        for start in starts:
            config, csv = os.path.join(work, "long.yaml"), os.path.join(work, "long.csv")
            database = os.path.join(work, f"long-{len(cells)}.sqlite")
            write_config(config, database)
            with open(csv, "w") as out:
                out.write("id,title,date,recurrence\n" + "".join(f'd{i},Daily {i},{start},"{rule}"\n' for i in range(rule_count)))
            imported, _ = run_timed([binary, "events", "import", "--config", config, csv])
            listed, _ = median_timed([binary, "upcoming", "--config", config, "--days", "7", "--json"], runs)
            cells += [f"{imported:.2f} s", f"{listed:.3f} s"]
            os.remove(database)
        long_rows.append([f"`{rule}`"] + cells)
    table(f"{rule_count:,} events with the same rule, all begun in 1900 or all yesterday: `events import` (computes each next "
          "reminder) and `upcoming --days 7 --json` (each date's position in its series)",
          ["rule"] + [f"{what} {label}" for label in starts.values() for what in ("import", "upcoming")], long_rows)


def interchange(binary, count, runs, work):
    """iCalendar out and in: `events export --format ics` and `events import` of the file, beside
    Python's `icalendar` parsing the same file."""
    csv, config, again = (os.path.join(work, name) for name in ("ics.csv", "ics.yaml", "ics-again.yaml"))
    ics = os.path.join(work, "calendar.ics")
    write_config(config, os.path.join(work, "ics.sqlite"))
    subprocess.run([sys.executable, os.path.join(HERE, "generate_events.py"), str(count), "--rules", str(count // 10), "--csv", csv], check=True)
    subprocess.run([binary, "events", "import", "--config", config, csv], check=True, stdout=subprocess.DEVNULL)
    exported, export_rss = median_timed([binary, "events", "export", "--config", config, "--format", "ics"], runs)
    with open(ics, "wb") as out:
        subprocess.run([binary, "events", "export", "--config", config, "--format", "ics"], check=True, stdout=out)
    imports = []
    for run in range(runs):
        database = os.path.join(work, f"ics-again-{run}.sqlite")
        write_config(again, database)
        imports.append(run_timed([binary, "events", "import", "--config", again, ics]))
        os.remove(database)
    imported, import_rss = statistics.median(r[0] for r in imports), max(r[1] for r in imports)
    python = shutil.which("python3")
    parsed = None
    if subprocess.run([python, "-c", "import icalendar"], capture_output=True).returncode == 0:
        parsed, _ = run_timed([python, "-c", "import icalendar, sys; icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())", ics])
    size = os.path.getsize(ics) / 1048576
    table(f"iCalendar: {count:,} events ({count // 10:,} with rules), a {size:.1f} MiB file (median of {runs})",
          ["export", "peak RSS", "import (parse, check, store)", "peak RSS", "Python icalendar: parse only", "ratio (import)"],
          [[f"{exported:.2f} s", f"{export_rss:.0f} MiB", f"{imported:.2f} s", f"{import_rss:.0f} MiB",
            f"{parsed:.2f} s" if parsed else "not installed", ratio(imported, parsed) if parsed else "n/a"]])


def start_to_ready(binary, configs, runs, work):
    count = max(configs)
    config = configs[count]
    database = open(config).read().split("database: ")[1].split("\n")[0]
    rows = []
    # The first start on this database (no mark yet): every event's next reminder is checked.
    daemon = Daemon(binary, config)
    first = daemon.wait_ready()
    rss = daemon.peak_rss()
    daemon.stop()
    rows.append(["first start", f"{first * 1000:.0f} ms", f"{rss:.0f} MiB"])
    samples = []
    for _ in range(runs):
        daemon = Daemon(binary, config)
        samples.append((daemon.wait_ready(), daemon.peak_rss()))
        daemon.stop()
    rows.append(["restart", f"{statistics.median(s[0] for s in samples) * 1000:.0f} ms", f"{max(s[1] for s in samples):.0f} MiB"])
    table(f"Daemon start to READY=1 (timer armed) with {count:,} events (median of {runs} restarts)",
          ["start", "time to READY", "peak RSS"], rows)
    return database


def idle_cost(binary, seconds, work):
    sink = Sink(work)
    log_config = os.path.join(work, "idle-log.yaml")
    hook_config = os.path.join(work, "idle-hook.yaml")
    future = datetime.now(timezone.utc) + timedelta(hours=1)
    events = os.path.join(work, "idle-events.yaml")
    with open(events, "w") as f:
        f.write(f"events:\n  - {{id: later, title: Later, date: 2000-{future:%m-%d}, at: \"{future:%H:%M}\"}}\n")
    write_config(log_config, os.path.join(work, "idle-log.sqlite"), f"events: [{events}]\n")
    write_config(hook_config, os.path.join(work, "idle-hook.sqlite"),
                 f"events: [{events}]\nchannels:\n  hook: {{type: webhook, url: \"{sink.url}\"}}\n  slack: {{type: slack, url: \"{sink.url}\"}}\n",
                 channels="[log, hook, slack]")
    reminders = os.path.join(work, "idle.rem")
    with open(reminders, "w") as f:
        f.write(f"REM {future:%b %d} AT {future:%H:%M} MSG later\n")
    subjects = {
        "anniversaryd, log channel": Daemon(binary, log_config),
        "anniversaryd, webhook + slack channels": Daemon(binary, hook_config),
    }
    for daemon in subjects.values():
        daemon.wait_ready()
    remind = subprocess.Popen(["remind", "-z1", reminders], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes = {name: daemon.process for name, daemon in subjects.items()}
    processes["remind -z1"] = remind
    time.sleep(6)  # start-up helper threads idle out
    tracers = {}
    # Not in the daemons' folder: they watch it, and each line strace wrote would wake them.
    logs = tempfile.mkdtemp(prefix="anniversaryd-strace-")
    for name, process in processes.items():
        threads = ",".join(os.listdir(f"/proc/{process.pid}/task"))
        log = os.path.join(logs, f"strace-{process.pid}")
        tracers[name] = (subprocess.Popen(["strace", "-f", "-ttt", "-o", log, "-p", threads], stderr=subprocess.DEVNULL), log)
    # Attaching interrupts every thread's system call once: count from when all are traced.
    while not all(traced(process.pid) for process in processes.values()):
        time.sleep(0.1)
    time.sleep(1)
    before = {name: switches(process.pid) for name, process in processes.items()}
    start = time.time()
    time.sleep(seconds)
    end = time.time()
    rows = []
    for name, process in processes.items():
        woken = switches(process.pid) - before[name]
        tracer, log = tracers[name]
        tracer.send_signal(signal.SIGINT)
        tracer.wait(timeout=30)
        rows.append([name, woken, calls_started(log, start, end)])
    shutil.rmtree(logs, ignore_errors=True)
    for daemon in subjects.values():
        daemon.stop()
    remind.terminate()
    remind.wait()
    sink.stop()
    table(f"Idle for {seconds} s, the next reminder an hour away", ["process", "voluntary context switches", "system calls (strace)"], rows)


def traced(pid):
    """Whether every thread of the process has a tracer."""
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/status") as f:
            if any(line.startswith("TracerPid:\t0") for line in f):
                return False
    return True


def calls_started(log, start, end):
    """System calls an `strace -f -ttt` log shows starting between start and end (not the
    resumptions of calls interrupted by attaching)."""
    count = 0
    for line in open(log):
        fields = line.split(None, 2)
        if len(fields) == 3 and start <= float(fields[1]) <= end and not fields[2].startswith(("<...", "+++", "---", "restart_syscall")):
            count += 1
    return count


def switches(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/status") as f:
            for line in f:
                if line.startswith("voluntary_ctxt_switches"):
                    total += int(line.split()[1])
    return total


def firing_accuracy(binary, count, work):
    sink = Sink(work)
    start = time.time() + 6
    events = os.path.join(work, "accuracy-events.yaml")
    due = {}
    with open(events, "w") as f:
        f.write("events:\n")
        for index in range(count):
            instant = start + index * 0.1
            clock, moment = utc_time(instant)
            f.write(f"  - {{id: a{index}, title: A{index}, date: 2000-{moment:%m-%d}, at: \"{clock}\"}}\n")
            due[f"a{index}/{moment:%Y-%m-%d}/0d/hook"] = round(instant, 3)
    config = os.path.join(work, "accuracy.yaml")
    write_config(config, os.path.join(work, "accuracy.sqlite"),
                 f"events: [{events}]\nchannels:\n  hook: {{type: webhook, url: \"{sink.url}\"}}\n", remind="[0d]", channels="[hook]")
    daemon = Daemon(binary, config)
    daemon.wait_ready()
    time.sleep(max(0, start + count * 0.1 + 2 - time.time()))
    daemon.stop()
    arrivals = sink.stop()
    lateness = sorted((arrival - due[webhook_id]) * 1000 for arrival, webhook_id in arrivals if webhook_id in due)
    assert len(lateness) == count, f"{len(lateness)} of {count} reminders arrived"
    p99 = lateness[min(len(lateness) - 1, int(len(lateness) * 0.99))]
    table(f"Firing accuracy: {count} reminders due 100 ms apart, lateness at a local webhook sink",
          ["p50", "p99", "max", "min"],
          [[f"{statistics.median(lateness):.1f} ms", f"{p99:.1f} ms", f"{lateness[-1]:.1f} ms", f"{lateness[0]:.1f} ms"]])


def burst_once(binary, count, work, wrk_seconds):
    """One burst beside its own wrk ceiling: (seconds from the instant until all are delivered and
    recorded, the ceiling, peak RSS, when planning began and ended relative to the instant)."""
    sink = Sink(work)
    wrk = subprocess.run(["wrk", "-t2", "-c32", f"-d{wrk_seconds}s", f"http://127.0.0.1:{sink.port}/"], capture_output=True, text=True, check=True)
    ceiling = float(next(line for line in wrk.stdout.splitlines() if line.startswith("Requests/sec")).split()[1])
    instant = time.time() + 10
    clock, moment = utc_time(instant)
    instant = round(instant, 3)
    csv = os.path.join(work, "burst.csv")
    with open(csv, "w") as f:
        f.write("id,title,date,at,remind,channels\n")
        for index in range(count):
            f.write(f"b{index},B{index},2000-{moment:%m-%d},{clock},0d,hook\n")
    database = os.path.join(work, "burst.sqlite")
    for leftover in glob.glob(database + "*"):
        os.remove(leftover)
    config = os.path.join(work, "burst.yaml")
    write_config(config, database, f"channels:\n  hook: {{type: webhook, url: \"{sink.url}\", concurrency: 16}}\n")
    subprocess.run([binary, "events", "import", "--config", config, csv], check=True, stdout=subprocess.DEVNULL)
    daemon = Daemon(binary, config)
    daemon.wait_ready()
    connection = sqlite3.connect(database, timeout=30)
    delivered = 0
    while delivered < count and time.time() < instant + 600:
        time.sleep(0.01)
        delivered = connection.execute("SELECT COUNT(*) FROM outbox WHERE status = 'delivered'").fetchone()[0]
    done = time.time()
    planned = connection.execute("SELECT MIN(created_at), MAX(created_at) FROM outbox").fetchone()
    rss = daemon.peak_rss()
    daemon.stop()
    connection.close()
    arrivals = sink.stop()
    ids = [webhook_id for _, webhook_id in arrivals]
    assert delivered == count, f"{delivered} of {count} delivered"
    assert len(ids) == count and len(set(ids)) == count, f"{len(ids)} requests for {len(set(ids))} reminders"
    return done - instant, ceiling, rss, planned[0] - instant, planned[1] - instant


def burst(binary, count, runs, work, wrk_seconds):
    results = [burst_once(binary, count, work, wrk_seconds) for _ in range(runs)]
    elapsed = statistics.median(r[0] for r in results)
    ceiling = statistics.median(r[1] for r in results)
    ratio = statistics.median(count / r[0] / r[1] for r in results)
    table(f"Burst: {count:,} reminders due at one instant, to a local sink (channel concurrency 16; median of {runs})",
          ["all delivered and recorded after", "deliveries/s", "sink ceiling under wrk (GET, 32 connections)", "ratio",
           "planned into the outbox (before the instant)", "daemon peak RSS", "requests"],
          [[f"{elapsed:.2f} s", f"{count / elapsed:,.0f}", f"{ceiling:,.0f} req/s", f"{ratio:.2f}",
            f"{-statistics.median(r[3] for r in results):.2f} to {-statistics.median(r[4] for r in results):.2f} s",
            f"{max(r[2] for r in results):.0f} MiB", f"{count:,} (each once, every run)"]])


def main():
    # A parent may have blocked these (Foundation's Process does); strace and the sink need them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--counts", default="1000,10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=int, default=300)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--only", default="data,ready,rules,ics,idle,accuracy,burst",
                        help="figures to measure (ready needs data): data, ready, rules, ics, idle, accuracy, burst")
    arguments = parser.parse_args()
    only = arguments.only.split(",")
    if arguments.smoke:
        arguments.counts, arguments.runs, arguments.idle = "1000", 1, 2
    counts = [int(c) for c in arguments.counts.split(",")]
    work = tempfile.mkdtemp(prefix="anniversaryd-bench-")
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
        memory = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1]) / 1048576
        print(f"machine: {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Linux {os.uname().release}; "
              + subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}, ", "remind", "sqlite3", "wrk"], capture_output=True, text=True).stdout.rstrip(", "))
        if "data" in only:
            configs = data_and_upcoming(arguments.binary, counts, arguments.runs, work)
            if "ready" in only:
                start_to_ready(arguments.binary, configs, arguments.runs, work)
        if "rules" in only:
            rules(arguments.binary, max(counts), max(counts) // 10, arguments.runs, work)
        if "ics" in only:
            interchange(arguments.binary, 1000 if arguments.smoke else 100_000, arguments.runs, work)
        if "idle" in only:
            idle_cost(arguments.binary, arguments.idle, work)
        if "accuracy" in only:
            firing_accuracy(arguments.binary, 20 if arguments.smoke else 200, work)
        if "burst" in only:
            burst(arguments.binary, 200 if arguments.smoke else 10_000, arguments.runs, work, 1 if arguments.smoke else 5)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
