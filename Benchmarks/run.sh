#!/usr/bin/env bash
# Benchmarks: anniversaryd beside the sqlite3 CLI on the same database, and the idle daemon.
#
#   Benchmarks/run.sh [N ...]        default N: 1000 100000 1000000
#
# Prints one line per figure: median wall time of 5 runs and peak RSS. Results go in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v bc >/dev/null || need+=(bc)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; fi
swift build -c release --product anniversaryd >/dev/null
binary=$(swift build -c release --show-bin-path)/anniversaryd
work=$(mktemp -d)
trap 'kill "${daemon:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# median_time COMMAND...: median wall seconds and max RSS (KiB) of 5 runs, output discarded.
median_time() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
        cat "$work/time"
    done | sort -n | sed -n 3p
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 100000 1000000)
for count in "${counts[@]}"; do
    database="$work/calendar-$count.sqlite"
    printf 'timezone: UTC\ndatabase: %s\ndefaults:\n  remind: [7d, 1d, 0d]\n' "$database" > "$work/config.yaml"
    python3 Benchmarks/generate_events.py "$count" > "$work/events.csv"
    start=$(date +%s.%N)
    "$binary" events import --config "$work/config.yaml" "$work/events.csv" >/dev/null
    echo "N=$count import: $(echo "$(date +%s.%N) - $start" | bc) s"
    for days in 30 365; do
        # The window 2026-06-01 + days; the sqlite3 CLI reads the same rows through the same index.
        last=$(date -d "2026-06-01 + $days days" +%m%d | sed 's/^0//')
        read -r ours rss < <(median_time "$binary" upcoming --config "$work/config.yaml" --from 2026-06-01 --days "$days")
        read -r json json_rss < <(median_time "$binary" upcoming --config "$work/config.yaml" --from 2026-06-01 --days "$days" --json)
        if [ "$days" -lt 365 ]; then where="month_day BETWEEN 601 AND $last"; else where="1"; fi
        read -r floor _ < <(median_time sqlite3 "$database" "SELECT * FROM event WHERE $where")
        echo "N=$count upcoming --days $days: table ${ours} s (${rss} KiB), json ${json} s (${json_rss} KiB); sqlite3 CLI range ${floor} s; ratio $(if [ "$floor" = "0.00" ]; then echo "n/a (below 10 ms)"; else echo "scale=2; $ours / $floor" | bc; fi)"
    done
done

# Idle cost: voluntary context switches of every thread over 60 s, the next reminder a year away.
printf 'timezone: UTC\ndatabase: %s\n' "$work/idle.sqlite" > "$work/idle.yaml"
"$binary" run --config "$work/idle.yaml" 2>/dev/null &
daemon=$!
sleep 6
switches() { cat /proc/"$daemon"/task/*/status | awk '/^voluntary_ctxt_switches/ {sum += $2} END {print sum}'; }
before=$(switches); sleep 60; after=$(switches)
echo "idle daemon: $((after - before)) wake-ups in 60 s"
kill -TERM "$daemon"; wait "$daemon"
