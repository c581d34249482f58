#!/usr/bin/env bash
# Coverage-guided fuzzing of every decoder of network and disk bytes (issue 7): AFL++ drives fuzz/Mesh.Fuzz, whose
# Mesh assemblies are instrumented by SharpFuzz. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# (default 60 s, every target of `Mesh.Fuzz --list`). Prints one line per target and exits 1 when any target found
# a crash or a hang; their inputs are copied to fuzz/findings/TARGET/. Details and long campaigns: fuzz/README.md.
# Environment: FUZZ_TIMEOUT_MS (per-input time limit, default 2000), FUZZ_HEAP_MB (managed heap limit, default 512).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=${1:-60}
shift || true
timeout_ms=${FUZZ_TIMEOUT_MS:-2000}
heap_mb=${FUZZ_HEAP_MB:-512}
sharpfuzz_version=2.3.0
tools=fuzz/.tools/sharpfuzz
work=fuzz/work
bin=$work/bin

# AFL++ from Debian, installed only when missing and only as root (as scripts/test.sh does for its tools).
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "fuzz.sh: afl-fuzz is missing; install the Debian package afl++ (needs root)" >&2
    exit 2
  fi
fi

# The SharpFuzz instrumenter, pinned, in a tool path of its own.
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

dotnet build fuzz/Mesh.Fuzz/Mesh.Fuzz.csproj -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
release=fuzz/Mesh.Fuzz/bin/Release/net10.0

# Instrument a copy of the Mesh assemblies (Mesh.Node builds as mesh-node.dll), so the Release output stays as
# built; redone only when a build changed them.
if [ ! -f "$bin/.instrumented" ] || [ -n "$(find "$release" -name '*.dll' -newer "$bin/.instrumented" -print -quit)" ]; then
  rm -rf "$bin"
  mkdir -p "$bin"
  cp -r "$release"/. "$bin"/
  for assembly in Mesh.Libp2p Mesh.Core mesh-node; do
    "$tools/sharpfuzz" "$bin/$assembly.dll" >/dev/null
  done
  touch "$bin/.instrumented"
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(dotnet "$bin/Mesh.Fuzz.dll" --list | cut -f1)
fi

# In a container: no CPU governor to check, no core_pattern to own, no terminal, and cores shared with others.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_FAST_CAL=1 AFL_FORKSRV_INIT_TMOUT=60000
# AFL's -m limits address space, which the .NET runtime reserves in bulk; cap the managed heap instead, so an input
# that makes a decoder allocate past it fails with OutOfMemoryException, a crash.
export DOTNET_GCHeapHardLimit=$(printf '0x%x' $((heap_mb * 1024 * 1024)))
export DOTNET_TieredPGO=0 DOTNET_gcServer=0

stat_of() { sed -n "s/^$1 *: *//p" "$2"; }
failed=0
for target in "${targets[@]}"; do
  out=$work/out/$target
  rm -rf "$out"
  mkdir -p "$out"
  afl-fuzz -i "fuzz/corpus/$target" -o "$out" -V "$seconds" -t "$timeout_ms" -m none \
    -- dotnet "$bin/Mesh.Fuzz.dll" "$target" >"$out.log" 2>&1 || true
  stats=$out/default/fuzzer_stats
  if [ ! -f "$stats" ]; then
    echo "fuzz $target: afl-fuzz did not run (log: $out.log)"
    tail -n 20 "$out.log" >&2
    failed=1
    continue
  fi

  crashes=$(stat_of saved_crashes "$stats")
  hangs=$(stat_of saved_hangs "$stats")
  echo "fuzz $target: execs=$(stat_of execs_done "$stats") execs_per_sec=$(stat_of execs_per_sec "$stats") paths=$(stat_of corpus_count "$stats") crashes=$crashes hangs=$hangs"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
    failed=1
    mkdir -p "fuzz/findings/$target"
    for kind in crashes hangs; do
      for input in "$out/default/$kind"/id*; do
        [ -f "$input" ] && cp "$input" "fuzz/findings/$target/$kind-$(basename "$input" | cut -d, -f1 | tr : -)"
      done
    done
    echo "fuzz $target: inputs copied to fuzz/findings/$target/" >&2
  fi
done
exit "$failed"
