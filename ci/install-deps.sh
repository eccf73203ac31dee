#!/usr/bin/env bash
# Installs perfgate's dependencies from Debian's packages: what building and running
# perfgate needs by default; with --test, also what its tests need; with --bench, also
# the benchmarks' stock server.
# Idempotent: does nothing when everything is present, and runs `apt-get update` only
# when something is missing (so a warm machine pays no network round trip).
#
# Usage: ci/install-deps.sh [--test | --bench]
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config
  # libraries perfgate builds on
  libcli11-dev nlohmann-json3-dev libgit2-dev libboost-math-dev
  doctest-dev libcpp-httplib-dev libssl-dev
  # call-stack profiles (perf-run --profile): ELF symbols and DWARF via elfutils
  libdw-dev
  # the HTTP load engine's response parser (nodejs http-parser, the one wrk uses)
  libhttp-parser-dev
  # the dev preset configures the tests too, whose CMake needs the interpreter
  python3
)
test_packages=(
  # JSON Schema validation of real outputs, git to cross-check libgit2 and build test
  # repositories, YAML parsing of the workflows, a real browser for the HTML report
  python3-jsonschema python3-yaml git chromium fonts-dejavu-core
  # a certificate for the HTTPS tests
  openssl
  # the clang build CI checks (the fuzz preset: libFuzzer and clang's sanitizer
  # runtimes), and the compiler the paired-rebuild tests build C with
  clang libclang-rt-14-dev gcc
  # benchmarks: the reference HTTP load generator perf-run is measured against
  wrk
  # Google Benchmark: the gbench target's tests and worked example build benchmark
  # binaries against it (perfgate itself never links it)
  libbenchmark-dev
  # the .deb package test: dpkg-shlibdeps finds the package's dependencies
  dpkg-dev
)

# The HTTP benchmarks' stock server (bench/http_vs_wrk.sh, bench/http_engine.sh). Not
# for the tests: the package starts a server on port 80 when it installs.
bench_packages=(nginx-light time)

case "${1:-}" in
  --test) packages+=("${test_packages[@]}") ;;
  --bench) packages+=("${test_packages[@]}" "${bench_packages[@]}") ;;
  "") ;;
  *) echo "usage: ci/install-deps.sh [--test | --bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "perfgate: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
