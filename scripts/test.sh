#!/usr/bin/env bash
# Runs every test of Mesh: installs what the tests need, builds, then runs the NUnit suite
# (unit, protocol vectors, hostile peers, js-libp2p interop, multi-host clusters).
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Yamux").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# The js-libp2p peer of the interop tests, at the versions pinned by interop/js/package-lock.json.
if [ ! -d interop/js/node_modules ] || [ interop/js/package-lock.json -nt interop/js/node_modules/.package-lock.json ]; then
  (cd interop/js && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian tools the tests drive: tmux (the `mesh top` terminal test), iproute2 (network-namespace labs),
# bubblewrap (the task sandbox), afl++ (the fuzzing smoke test, scripts/fuzz.sh).
# Installed only when missing and only when this runs as root (CI does); otherwise the tests that need them say so.
missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v afl-fuzz >/dev/null 2>&1 || missing+=(afl++)
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

results=${MESH_TEST_RESULTS:-$root/TestResults}
mkdir -p "$results"
dotnet build Mesh.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet test Mesh.Tests/Mesh.Tests.csproj -c Release --no-build -nologo \
  --logger "trx;LogFileName=mesh-tests.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
