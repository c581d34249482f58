#!/usr/bin/env bash
# Starts a three-peer mesh on this machine (loopback, static peers, separate data dirs, one mesh key) and opens
# `mesh top` on the first node. Quit `mesh top` with q; the three nodes stop with it.
# Usage: samples/three-nodes.sh            (opens mesh top)
#        samples/three-nodes.sh --peers    (prints `mesh peers` once instead, for scripts and terminals without a TTY)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/mesh-three.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

dotnet build "$root/Mesh.Node" -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build "$root/Mesh.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
node="$root/Mesh.Node/bin/Release/net10.0/mesh-node"
mesh="$root/Mesh.Cli/bin/Release/net10.0/mesh"

# start NAME ARGS...: starts a node in $work/NAME and waits for its first listen address.
start() {
  local name=$1; shift
  "$node" --data-dir "$work/$name" --name "$name" --listen /ip4/127.0.0.1/tcp/0 --no-mdns "$@" \
    >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^listening on' "$work/$name.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "node $name did not start; its log:" >&2
  cat "$work/$name.log" >&2
  exit 1
}

# FIG 7 of the description: each machine keeps part of what it has and passes the rest to the layer.
start alpha --capacity cpu=4,mem=8GiB,disk=1TB --reserve cpu=1,mem=1GiB,disk=250GB
first=$(grep -m1 -o '/ip4/127.0.0.1/tcp/[0-9]*/p2p/[1-9A-Za-z]*' "$work/alpha.out")
start beta --mesh-key "$work/alpha/swarm.key" --peer "$first" \
  --capacity cpu=2,mem=8GiB,disk=500GB --reserve cpu=1,mem=512MiB,disk=250GB
start gamma --mesh-key "$work/alpha/swarm.key" --peer "$first" --share cpu=50%,mem=50%,disk=10%

export MESH_NODE="unix:$work/alpha/control.sock"
echo "three nodes up; alpha is $first"
echo "in another terminal, run work on beta from alpha: MESH_NODE=$MESH_NODE $mesh run --on beta -- sh -c 'echo hello from the mesh'"
if [ "${1:-}" = "--peers" ]; then
  # Give the ledger a heartbeat to carry every entry to alpha.
  for _ in $(seq 50); do
    [ "$("$mesh" peers --json | grep -o '"id"' | wc -l)" -ge 3 ] && break
    sleep 0.2
  done
  "$mesh" peers
else
  "$mesh" top
fi
