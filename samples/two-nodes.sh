#!/usr/bin/env bash
# Starts two mesh nodes on this machine (loopback, separate data dirs, one mesh key) and shows them connect.
# Stops both after SECONDS (default 10). Usage: samples/two-nodes.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-10}
work=$(mktemp -d /tmp/mesh-sample.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/Mesh.Node" -c Release -nologo -clp:ErrorsOnly >/dev/null
node="$root/Mesh.Node/bin/Release/net10.0/mesh-node"

"$node" --data-dir "$work/a" --listen /ip4/127.0.0.1/tcp/0 --no-mdns >"$work/a.out" 2>"$work/a.log" &
pids+=($!)
for _ in $(seq 50); do grep -q '^listening on' "$work/a.out" 2>/dev/null && break; sleep 0.1; done
first=$(grep -m1 -o '/ip4/127.0.0.1/tcp/[0-9]*/p2p/[1-9A-Za-z]*' "$work/a.out")
echo "node a: $first"

"$node" --data-dir "$work/b" --mesh-key "$work/a/swarm.key" --listen /ip4/127.0.0.1/tcp/0 --no-mdns --peer "$first" >"$work/b.out" 2>"$work/b.log" &
pids+=($!)
sleep "$seconds"
echo "--- node a log"; cat "$work/a.log"
echo "--- node b log"; cat "$work/b.log"
