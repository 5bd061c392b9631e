#!/usr/bin/env bash
# The benchmark suite (Benchmarks/suite.py): anniversaryd beside Remind, the sqlite3 CLI and an HTTP
# sink under wrk, on the same data, in the same run. Installs the Debian tools it needs, builds the
# release binary, and prints Markdown tables for BENCHMARKS.md.
#
#   Benchmarks/run.sh                      N = 1,000 … 1,000,000, 5 runs each, 5 minutes idle
#   Benchmarks/run.sh --counts 1000,100000 --runs 3 --idle 60
#   Benchmarks/run.sh --smoke              every figure once, on small data (what the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for tool in sqlite3 remind wrk strace python3; do
    command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi
# The binary as shipped (and as .ci/run builds it): the Swift runtime linked in statically.
swift build -c release --static-swift-stdlib --product anniversaryd >/dev/null
exec python3 Benchmarks/suite.py --binary "$(swift build -c release --static-swift-stdlib --show-bin-path)/anniversaryd" "$@"
