#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs the consumer against it.
# Usage: run.sh BUILD_DIR SOURCE_DIR CXX_COMPILER [EXTRA_CXX_FLAGS]
# The consumer is built with perfgate's own compiler: a C++ library is only ABI-compatible
# with code built alike (nlohmann's ordered_map has a different layout under clang 14 and
# GCC 12, which ASan reports as a new/delete size mismatch).
set -euo pipefail
build=$1 source=$2 compiler=$3 flags=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$source" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_CXX_COMPILER="$compiler" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"
