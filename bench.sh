#!/usr/bin/env bash
# Builds RhvDr in Release and runs the benchmark (bench/RhvDr.Bench): failover efficiency against the lab's lower bound,
# inventory polling at 10,000 VMs, SignalR fan-out to 200 clients, server-side render and memory per open page.
#   ./bench.sh           full mode: the issue's estates (the sequential failover baseline alone takes minutes)
#   ./bench.sh --quick   under 3 minutes on 2 cores: the failover at 200 VMs, the rest at full size with fewer repeats
# Prints a table and, as the last line, one JSON object. Results with machine details go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mode=()
if [ "${1:-}" = "--quick" ]; then mode=(--quick); fi

# The bench project is not in RhvDr.sln (./test.sh never builds it); it is built here by path.
dotnet build bench/RhvDr.Bench/RhvDr.Bench.csproj --configuration Release -v quiet -nologo >&2
dotnet bench/RhvDr.Bench/bin/Release/net10.0/RhvDr.Bench.dll "${mode[@]}" --results docs/benchmarks.md
