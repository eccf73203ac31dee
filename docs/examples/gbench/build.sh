#!/bin/sh
# Builds the example benchmark into DIR with extra compiler flags (the versions of
# bench_kernels.cpp's header comment): build.sh DIR [FLAGS...]
set -e
dir=$1
shift
mkdir -p "$dir"
${CXX:-c++} -std=c++17 -O2 "$@" -o "$dir/bench_kernels" "$(dirname "$0")/bench_kernels.cpp" -lbenchmark -lpthread
